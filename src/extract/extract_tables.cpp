// The table readers of the extractor: sections 二 (proactive), 三 (applications) and 四
// (reviews). Rows arrive in reading order from every table (and number-ending paragraph) of a
// section; labels are matched with the catalog, data cells are anchored on the right of the row
// label and aligned with the columns that header rows establish (docs/extraction.md).
#include "extract/extract_detail.hpp"

#include <algorithm>
#include <set>

namespace govdisclose::detail {
namespace {

bool is_blank_cell(const table_cell& c) { return read_cell(c.text, {}).state == cell_state::blank; }

// A row split into its label and its data.
struct split_row {
  row_match match;                        // the row (or group) its label names
  std::string_view local_group;           // a group label met in the row itself
  const table_cell* label = nullptr;      // the matched label cell
  std::vector<const table_cell*> labels;  // every label cell (non-empty text that is not data)
  std::vector<const table_cell*> data;    // cells after the matched label (or after the last label)
  std::vector<std::size_t> data_pos;      // their positions in the row
  bool has_number = false;                // any cell holds a number or a marker
};

split_row analyse(const doc_row& row, const label_index& idx, std::string_view group) {
  split_row s;
  const auto& cells = row.cells;
  std::ptrdiff_t last_label = -1;
  auto number = [&](std::size_t i) {
    return row.states[i] == cell_state::number || row.states[i] == cell_state::marker;
  };
  auto blank = [&](std::size_t i) { return row.states[i] == cell_state::blank; };
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (number(i)) {
      s.has_number = true;
    } else if (!blank(i)) {
      s.labels.push_back(&cells[i]);
      last_label = static_cast<std::ptrdiff_t>(i);
      const auto m = idx.match_row(row.keys[i], {}, false);
      if (!m.row && !m.group.empty()) s.local_group = m.group;
    }
  }
  const std::string_view context = s.local_group.empty() ? group : s.local_group;
  std::ptrdiff_t at = -1;
  for (std::ptrdiff_t i = last_label; i >= 0; --i) {
    const auto& c = cells[static_cast<std::size_t>(i)];
    if (number(static_cast<std::size_t>(i)) || blank(static_cast<std::size_t>(i))) continue;
    const auto m = idx.match_row(row.keys[static_cast<std::size_t>(i)], context);
    if (m.row || !m.group.empty() || m.ambiguous) {
      s.match = m;
      s.label = &c;
      at = i;
      break;
    }
  }
  // A numbered label right of the match ("（六）其他处理 | 1.申请人…" where only the group is
  // known) is a sub-row the template lacks: the row is unknown, not its group's.
  for (std::ptrdiff_t i = at + 1; at >= 0 && i <= last_label; ++i) {
    const auto u = static_cast<std::size_t>(i);
    if (number(u) || blank(u) || cells[u].covered) continue;
    if (!row.keys[u].marker.empty()) {
      s.match = row_match{};
      s.label = nullptr;
      at = -1;
      break;
    }
  }
  const std::ptrdiff_t from = (at >= 0 ? at : last_label) + 1;
  for (std::size_t i = static_cast<std::size_t>(from); i < cells.size(); ++i) {
    // A covered cell repeating its left neighbour continues a colspan: one value, one slot.
    if (cells[i].covered && i > 0 && cells[i - 1].text == cells[i].text) continue;
    s.data.push_back(&cells[i]);
    s.data_pos.push_back(i);
  }
  return s;
}

// How many cells of a row name a column, a column group or a header word.
std::size_t column_words(const doc_row& row, const label_index& idx) {
  std::size_t n = 0;
  for (const auto& k : row.keys) {
    if (k.empty()) continue;
    if (idx.match_column(k) || idx.is_column_group(k) || idx.is_header_word(k)) ++n;
  }
  return n;
}

source_span first_span(const doc_row& row) {
  for (const auto& c : row.cells)
    if (c.span.known()) return c.span;
  return {};
}

std::string row_text(const doc_row& row) {
  std::vector<const table_cell*> cs;
  for (const auto& c : row.cells) cs.push_back(&c);
  return join_cells(cs);
}

// The column layout that a block of header rows establishes: for each grid position, the
// lowest header cell that names a column; positions before the first named column are the label
// area; header text that names nothing becomes an unknown slot (nullptr), reported.
struct layout {
  std::vector<const column_def*> slots; // one per column (nullptr: an unknown column)
  std::vector<const column_def*> full;  // one per header position, repeats kept (spans copied)
  std::size_t last_pos = static_cast<std::size_t>(-1); // position of the last named column
  std::vector<std::size_t> positions;   // the grid position of each slot (from a header)
  std::vector<const table_cell*> unknown; // header cells that name no column (see report_unknown)
};

// structure.unknown_column for each header cell of `lay` that names no column of the template:
// said only for a header that is used (a header naming too few columns is none, and its cells
// are not columns the data is read by).
void report_unknown(const layout& lay, std::string_view table, const table_context& ctx) {
  for (const table_cell* c : lay.unknown)
    ctx.diags->add(diagnostic_builder("structure.unknown_column")
                       .path(std::string(table))
                       .at(ctx.diags->file, c->span)
                       .expected("a column of the template")
                       .found(c->text)
                       .message("表格中有模板以外的列「" + c->text + "」，该列数据未读取")
                       .message_en("the table has a column the template does not have (\"" +
                                   c->text + "\"); its cells are not read"));
}

// A row whose numbers stand a grid position beside their header's (a merged header cell centred
// over two grid columns, the numbers set left or right in it): the one way to put every number,
// in order, under a named column at most one position away, each under its own. Empty when there
// is none, or more than one.
std::vector<const table_cell*> shifted(const split_row& s, const layout& lay) {
  std::vector<std::size_t> cells; // the row's numbers (indexes into s.data)
  for (std::size_t i = 0; i < s.data.size(); ++i)
    if (!is_blank_cell(*s.data[i])) cells.push_back(i);
  std::vector<std::size_t> pick(cells.size()), found;
  int ways = 0;
  // Number c goes under slot k or a later one; at most two ways are looked for.
  auto place = [&](auto&& self, std::size_t c, std::size_t k) -> void {
    if (ways > 1) return;
    if (c == cells.size()) {
      if (++ways == 1) found = pick;
      return;
    }
    for (std::size_t slot = k; slot < lay.positions.size(); ++slot) {
      const std::size_t at = s.data_pos[cells[c]], p = lay.positions[slot];
      if (p + 1 < at) continue;
      if (p > at + 1) break;
      pick[c] = slot;
      self(self, c + 1, slot + 1);
    }
  };
  place(place, 0, 0);
  if (ways != 1) return {};
  std::vector<const table_cell*> slots(lay.slots.size(), nullptr);
  for (std::size_t c = 0; c < cells.size(); ++c) slots[found[c]] = s.data[cells[c]];
  return slots;
}

layout header_layout(const std::vector<const doc_row*>& headers, const label_index& idx) {
  std::size_t width = 0;
  for (auto* r : headers) width = std::max(width, r->cells.size());
  std::vector<const column_def*> leaf(width, nullptr);
  std::vector<const table_cell*> unknown(width, nullptr);
  // A column label wrapped over header rows (本年新制作数 / 量): the lowest run of texts at one
  // position that joins into a column label names the column.
  for (std::size_t p = 0; p < width && headers.size() > 1; ++p) {
    std::vector<const std::string*> texts; // top to bottom
    for (auto* r : headers)
      if (p < r->cells.size() && !r->cells[p].covered && !r->keys[p].empty())
        texts.push_back(&r->cells[p].text);
    for (std::size_t end = texts.size(); end > 1 && !leaf[p]; --end)
      for (std::size_t from = end - 1; from-- > 0 && !leaf[p];) {
        std::string joined;
        for (std::size_t i = from; i < end; ++i) joined += *texts[i];
        leaf[p] = idx.match_column(make_key(joined));
      }
  }
  for (auto* r : headers) {
    for (std::size_t p = 0; p < r->cells.size(); ++p) {
      const label_key& k = r->keys[p];
      if (k.empty()) continue;
      if (const column_def* c = idx.match_column(k)) {
        leaf[p] = c;
      } else if (leaf[p]) {
        // a piece of a wrapped column label
      } else if (!idx.is_column_group(k) && !idx.is_header_word(k) && !idx.is_item(k) &&
                 [&] {
                   const row_match m = idx.match_row(k, {}, false);
                   return !m.row && m.group.empty();
                 }()) {
        unknown[p] = &r->cells[p];
      }
    }
  }
  layout out;
  std::vector<const column_def*>& slots = out.slots;
  std::size_t first = width;
  for (std::size_t p = 0; p < width; ++p)
    if (leaf[p]) {
      first = p;
      break;
    }
  const table_cell* previous_unknown = nullptr;
  for (std::size_t p = first; p < width; ++p) {
    if (leaf[p]) {
      out.last_pos = p;
      if (slots.empty() || slots.back() != leaf[p]) {
        slots.push_back(leaf[p]);
        out.positions.push_back(p);
      }
      previous_unknown = nullptr;
    } else if (unknown[p]) {
      if (previous_unknown && previous_unknown->text == unknown[p]->text) continue; // a colspan
      previous_unknown = unknown[p];
      slots.push_back(nullptr);
      out.positions.push_back(p);
      out.unknown.push_back(unknown[p]);
    }
  }
  if (out.last_pos != static_cast<std::size_t>(-1))
    for (std::size_t p = first; p <= out.last_pos; ++p)
      if (leaf[p] || unknown[p]) out.full.push_back(leaf[p]);
  return out;
}

// Right-anchor data cells on `k` slots. Surplus blank cells are dropped (leading first: merged
// label cells leave them; then trailing: padded rows); more non-blank cells than slots fail.
bool align(const split_row& s, std::size_t k, std::size_t last_pos,
           std::vector<const table_cell*>& slots, bool& suspicious) {
  std::vector<const table_cell*> d = s.data;
  // Blank cells right of the header's last column are padding.
  for (std::size_t i = d.size(); d.size() > k && i-- > 0;) {
    if (last_pos == static_cast<std::size_t>(-1) || s.data_pos[i] <= last_pos ||
        !is_blank_cell(*d[i]) || i + 1 != d.size())
      break;
    d.pop_back();
  }
  while (d.size() > k && is_blank_cell(*d.front()) && !d.front()->covered) d.erase(d.begin());
  while (d.size() > k && is_blank_cell(*d.back())) d.pop_back();
  if (d.size() > k) return false;
  slots.assign(k, nullptr);
  const std::size_t offset = k - d.size();
  for (std::size_t i = 0; i < d.size(); ++i) slots[offset + i] = d[i];
  // A short row whose only filled cell is the last one (the total) is a known published shape;
  // any other short row is right-anchored with a warning.
  suspicious = false;
  if (offset > 0)
    for (std::size_t i = 0; i + 1 < d.size(); ++i)
      if (!is_blank_cell(*d[i])) suspicious = true;
  return true;
}

// Read one data cell into the model.
void put(const table_context& ctx, const std::string& path, const table_cell* src,
         const column_def& col) {
  auto it = ctx.cells->find(path);
  if (it == ctx.cells->end()) return; // the catalog and the model agree (test_model); defensive
  if (!src) {
    *it->second = cell::blank();
    return;
  }
  std::string unit;
  cell c = read_cell(src->text, src->span, &unit);
  if (src->covered && c.state != cell_state::text) {
    ctx.diags->add(
        diagnostic_builder("cell.spanned")
            .path(path)
            .at(ctx.diags->file, src->span)
            .expected("one value per cell")
            .found(src->text)
            .message("单元格与相邻单元格合并，值只计入第一个单元格")
            .message_en(
                "the cell is merged with a neighbour; its value is read in the first cell only"));
    c = cell::blank();
    c.span = src->span;
  }
  if (c.state == cell_state::text) {
    ctx.diags->add(diagnostic_builder("cell.unreadable")
                       .path(path)
                       .at(ctx.diags->file, src->span)
                       .expected("a number, a blank or a marker")
                       .found(c.raw)
                       .message("单元格内容「" + c.raw + "」不是数字，按文本保留")
                       .message_en("the cell holds text (\"" + c.raw + "\"), kept as text"));
  }
  if (c.state == cell_state::number && normalize_width(c.raw).find('(') != std::string::npos)
    ctx.diags->add(diagnostic_builder("cell.number_with_note")
                       .path(path)
                       .at(ctx.diags->file, src->span)
                       .expected("a number")
                       .found(c.raw)
                       .message("单元格「" + c.raw + "」含括号说明，读取其中的数字 " +
                                c.value.to_string() + "，说明保留在原文中")
                       .message_en("the cell holds a number and a note (\"" + c.raw +
                                   "\"); the number " + c.value.to_string() +
                                   " is read, the raw text keeps the note"));
  if (c.state == cell_state::number && unit == "元" &&
      col.label.find("万元") != std::string_view::npos && c.value.scale + 4 <= decimal::max_scale) {
    // The column asks for 万元; the cell says 元: convert exactly and say so.
    c.value.scale = static_cast<std::uint8_t>(c.value.scale + 4);
    ctx.diags->add(
        diagnostic_builder("cell.unit_converted")
            .path(path)
            .at(ctx.diags->file, src->span)
            .expected("万元")
            .found(c.raw)
            .message("单元格以「元」填写，已换算为万元（" + c.value.to_string() + "）")
            .message_en("the cell is in 元; converted to 万元 (" + c.value.to_string() + ")"));
  }
  *it->second = std::move(c);
}

/// A row whose label names a template row but which has no data cells.
void empty_row(const table_context& ctx, std::string_view table, const doc_row& row,
               const split_row& s, std::string expected) {
  ctx.diags->add(diagnostic_builder("structure.empty_row")
                     .path(std::string(table) + "." + std::string(s.match.row->code))
                     .at(ctx.diags->file, s.label->span)
                     .expected(std::move(expected))
                     .found(row_text(row))
                     .message("该行只有行标签，没有数据单元格")
                     .message_en("the row has a label but no data cells"));
}

void unknown_row(const table_context& ctx, std::string_view table, const doc_row& row,
                 const split_row& s) {
  const source_span where = s.labels.empty() ? first_span(row) : s.labels.back()->span;
  if (s.match.row && s.label != nullptr) {
    // The label names a row of the template: the row is not unknown, it has no cells here.
    empty_row(ctx, table, row, s, "data cells");
  } else if (s.match.ambiguous) {
    ctx.diags->add(
        diagnostic_builder("structure.ambiguous_label")
            .path(std::string(table))
            .at(ctx.diags->file, where)
            .expected("one row of the template")
            .found(row_text(row))
            .message("行标签可对应模板中的多行，无法确定，该行未读取")
            .message_en("the row label names several rows of the template; the row is not read"));
  } else if (s.labels.empty()) {
    ctx.diags->add(
        diagnostic_builder("structure.unlabelled_row")
            .path(std::string(table))
            .at(ctx.diags->file, where)
            .expected("a row label")
            .found(row_text(row))
            .message("数据行没有行标签，无法对应模板，该行未读取")
            .message_en(
                "a data row without a label cannot be matched with the template; not read"));
  } else {
    ctx.diags->add(diagnostic_builder("structure.unknown_row")
                       .path(std::string(table))
                       .at(ctx.diags->file, where)
                       .expected("a row of the template")
                       .found(row_text(row))
                       .message("表格中有模板以外的行「" + s.labels.back()->text + "」，未读取")
                       .message_en("the table has a row the template does not have (\"" +
                                   s.labels.back()->text + "\"); not read"));
  }
}

void approximate_note(const table_context& ctx, std::string_view table, const split_row& s) {
  if (!s.match.approximate || !s.label) return;
  const std::string_view expected = s.match.row ? s.match.row->label : s.match.group;
  ctx.diags->add(diagnostic_builder("structure.approximate_label")
                     .path(std::string(table))
                     .at(ctx.diags->file, s.label->span)
                     .expected(std::string(expected))
                     .found(s.label->text)
                     .message("行标签「" + s.label->text + "」与模板不完全一致，按「" +
                              std::string(expected) + "」读取")
                     .message_en("the row label \"" + s.label->text +
                                 "\" differs from the template; read as \"" +
                                 std::string(expected) + "\""));
}

// Fill a row's cells from its data cells aligned on `slots` (nullptr slots are not read).
bool fill_row(const table_context& ctx, std::string_view table, const row_def& row,
              const layout& lay, const split_row& s, const doc_row& src) {
  std::vector<const table_cell*> slots;
  bool suspicious = false;
  const std::string base = std::string(table) + "." + std::string(row.code) + ".";
  // A span copied into every position it covers (Markdown): one cell per header position.
  const bool copied = lay.full.size() > lay.slots.size() && s.data.size() == lay.full.size();
  const std::vector<const column_def*>* cols = copied ? &lay.full : &lay.slots;
  bool aligned = align(s, cols->size(), lay.last_pos, slots, suspicious);
  if (!aligned && !copied && lay.full.size() > lay.slots.size()) {
    cols = &lay.full;
    aligned = align(s, cols->size(), lay.last_pos, slots, suspicious);
  }
  if (!aligned && lay.positions.size() == lay.slots.size() && !lay.positions.empty()) {
    // Every number at most one grid position from a named column, one way only (shifted()):
    // read under those columns, the columns without a number blank.
    std::vector<const table_cell*> moved = shifted(s, lay);
    if (!moved.empty()) {
      cols = &lay.slots;
      slots = std::move(moved);
      aligned = true;
      ctx.diags->add(
          diagnostic_builder("structure.shifted_cells")
              .path(base.substr(0, base.size() - 1))
              .at(ctx.diags->file, s.data.empty() ? first_span(src) : s.data.front()->span)
              .expected("numbers under their column labels")
              .found(join_cells(s.data))
              .message("该行数字与表头各列错开一格（合并单元格），已按表头各列读取")
              .message_en(
                  "the row's numbers stand a grid column beside their column labels (merged "
                  "header cells); read under those columns"));
    }
  }
  const std::vector<const column_def*>& columns = *cols;
  if (!aligned) {
    ctx.diags->add(
        diagnostic_builder("structure.extra_cells")
            .path(base.substr(0, base.size() - 1))
            .at(ctx.diags->file, s.data.empty() ? first_span(src) : s.data.front()->span)
            .expected(std::to_string(lay.slots.size()) + " cells")
            .found(join_cells(s.data))
            .message("该行数据单元格多于表头列数，无法确定对应关系，该行未读取")
            .message_en("the row has more data cells than the header has columns; not read"));
    return false;
  }
  if (suspicious) {
    ctx.diags->add(
        diagnostic_builder("structure.short_row")
            .path(base.substr(0, base.size() - 1))
            .at(ctx.diags->file, s.data.empty() ? first_span(src) : s.data.front()->span)
            .expected(std::to_string(columns.size()) + " cells")
            .found(join_cells(s.data))
            .message("该行数据单元格少于列数，已按右对齐读取，缺少的单元格视为空白")
            .message_en(
                "the row has fewer data cells than columns; read right-aligned, the missing "
                "cells as blank"));
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i] || (i > 0 && columns[i - 1] == columns[i])) continue; // unknown, or a copy
    // Use the row's own column definition (same code) for its kind and unit.
    const column_def* col = columns[i];
    for (const auto& c : row.columns)
      if (c.code == columns[i]->code) col = &c;
    // A header spanning several positions: the value is in the one that is not blank.
    const table_cell* value = slots[i];
    for (std::size_t k = i + 1; k < columns.size() && columns[k] == columns[i]; ++k)
      if ((!value || is_blank_cell(*value)) && slots[k]) value = slots[k];
    put(ctx, base + std::string(col->code), value, *col);
  }
  return true;
}

bool already_read(const table_context& ctx, std::set<std::string_view>& seen, std::string_view table,
                  const row_def& row, const split_row& s) {
  if (seen.insert(row.code).second) return false;
  ctx.diags->add(diagnostic_builder("structure.duplicate_row")
                     .path(std::string(table) + "." + std::string(row.code))
                     .at(ctx.diags->file, s.label ? s.label->span : source_span{})
                     .expected("one row")
                     .found(s.label ? s.label->text : "")
                     .message("「" + std::string(row.label) + "」行重复出现，只读取第一次")
                     .message_en("the row \"" + std::string(row.label) +
                                 "\" appears again; only the first is read"));
  return true;
}

} // namespace

std::size_t read_applications(const std::vector<doc_row>& rows, const table_context& ctx) {
  const table_def& t = *ctx.tmpl->table("applications");
  const label_index& idx = label_index::of(t);
  std::vector<const column_def*> official;
  for (const auto& c : t.rows.front().columns)
    if (!c.local) official.push_back(&c);
  layout lay{official, {}, static_cast<std::size_t>(-1), {}, {}};
  std::vector<const doc_row*> headers;
  std::string_view group;
  std::set<std::string_view> seen;
  std::size_t matched = 0;
  const std::vector<bool> heads = header_block(rows);
  for (std::size_t n = 0; n < rows.size(); ++n) {
    const doc_row& row = rows[n];
    const split_row s = analyse(row, idx, group);
    const std::size_t words = s.has_number ? 0 : column_words(row, idx);
    const bool header =
        words >= 2 || (words == 1 && !s.match.row) || (heads[n] && !s.has_number && !s.match.row);
    const bool data_row = s.has_number || (!header && s.match.row && !s.data.empty());
    if (!data_row) {
      if (header) {
        headers.push_back(&row);
      } else if (!s.match.group.empty() && !s.match.row) {
        group = s.match.group;
      } else if (s.match.row) {
        if (!s.match.row->group_label.empty()) group = s.match.row->group_label;
        empty_row(ctx, "applications", row, s, "7 data cells");
      } else if (!s.labels.empty()) {
        unknown_row(ctx, "applications", row, s);
      }
      continue;
    }
    if (!headers.empty()) {
      // A header names most of the columns; a stray fragment ("其他") is no header.
      layout l = header_layout(headers, idx);
      const auto known = static_cast<std::size_t>(std::count_if(
          l.slots.begin(), l.slots.end(), [](auto* c) { return c != nullptr; }));
      if (known * 2 >= official.size()) {
        lay = l;
        report_unknown(lay, "applications", ctx);
      }
      headers.clear();
    }
    if (!s.local_group.empty()) group = s.local_group;
    const row_def* target = s.match.row;
    if (!target && !s.match.group.empty()) {
      // A group label with data of its own: the group collapsed into one row (2019's （六）其他处理
      // in a 2021 table, or a published group total): read it as the group's 小计.
      group = s.match.group;
      const std::string sub = std::string(idx.group_code(s.match.group)) + ".subtotal";
      target = t.row(sub);
      if (target)
        ctx.diags->add(
            diagnostic_builder("structure.collapsed_group")
                .path("applications." + std::string(target->code))
                .at(ctx.diags->file, s.label->span)
                .expected("the rows of " + std::string(s.match.group))
                .found(row_text(row))
                .message("「" + std::string(s.match.group) + "」只有一行数据，没有分项，按小计读取")
                .message_en(
                    std::string("\"")
                        .append(s.match.group)
                        .append("\" has one row of data and no sub-rows; read as its subtotal")));
    }
    if (!target) {
      unknown_row(ctx, "applications", row, s);
      continue;
    }
    approximate_note(ctx, "applications", s);
    if (!target->group_label.empty()) group = target->group_label;
    if (already_read(ctx, seen, "applications", *target, s)) continue;
    if (fill_row(ctx, "applications", *target, lay, s, row)) ++matched;
  }
  return matched;
}

std::size_t read_proactive(const std::vector<doc_row>& rows, const table_context& ctx) {
  const table_def& t = *ctx.tmpl->table("proactive");
  const label_index& idx = label_index::of(t);
  layout lay;
  std::vector<const doc_row*> headers;
  std::set<std::string_view> seen;
  std::size_t filled = 0;
  const std::vector<bool> heads = header_block(rows);
  for (std::size_t n = 0; n < rows.size(); ++n) {
    const doc_row& row = rows[n];
    const split_row s = analyse(row, idx, {});
    bool columns = heads[n] && !s.has_number && !s.match.row;
    for (const auto& k : row.keys)
      if (!s.has_number && idx.match_column(k)) columns = true;
    const bool data_row = s.has_number || (!columns && s.match.row && !s.data.empty());
    if (!data_row) {
      bool item = false;
      for (const auto& k : row.keys) {
        if (idx.is_item(k)) item = true;
      }
      if (item) {
        // A new small table: its own columns. Header rows met since the last data row are its
        // header too (a reader may place the item line below a header line).
        lay = layout{};
        if (columns) headers.push_back(&row);
      } else if (columns) {
        headers.push_back(&row);
      } else if (!s.labels.empty() &&
                 !std::all_of(s.labels.begin(), s.labels.end(), [&](const table_cell* c) {
                   return idx.is_header_word(row.key_of(c));
                 })) {
        unknown_row(ctx, "proactive", row, s);
      }
      continue;
    }
    if (!headers.empty()) {
      lay = header_layout(headers, idx);
      report_unknown(lay, "proactive", ctx);
      headers.clear();
    }
    if (!s.match.row) {
      unknown_row(ctx, "proactive", row, s);
      continue;
    }
    const row_def& target = *s.match.row;
    approximate_note(ctx, "proactive", s);
    if (already_read(ctx, seen, "proactive", target, s)) continue;
    // The header's columns, when they are this row's; else the row's own columns.
    bool fits = !lay.slots.empty();
    for (auto* c : lay.slots)
      if (c && std::none_of(target.columns.begin(), target.columns.end(),
                            [&](const column_def& rc) { return rc.code == c->code; }))
        fits = false;
    layout own;
    if (!fits)
      for (const auto& c : target.columns) own.slots.push_back(&c);
    if (fill_row(ctx, "proactive", target, fits ? lay : own, s, row)) ++filled;
  }
  return filled;
}

std::size_t read_reviews(const std::vector<doc_row>& rows, const table_context& ctx) {
  const table_def& t = *ctx.tmpl->table("reviews");
  const label_index& idx = label_index::of(t);
  std::vector<const column_def*> leaves;  // header column labels in reading order
  std::vector<std::pair<std::size_t, const row_def*>> blocks; // block labels, grid positions
  std::vector<const table_cell*> unknown; // header text that names nothing
  std::vector<const table_cell*> flat;    // data cells of unlabelled rows, in reading order
  std::vector<const doc_row*> header_rows;
  std::set<std::string_view> seen;
  std::size_t filled = 0;
  const std::size_t width = t.rows.front().columns.size();
  for (const auto& row : rows) {
    const split_row s = analyse(row, idx, {});
    // A row of blank cells as wide as the table (a blank template's data row) is data.
    const auto positions = static_cast<std::size_t>(std::count_if(
        row.cells.begin(), row.cells.end(), [](const table_cell& c) { return !c.covered; }));
    const bool blank_row = !s.has_number && s.labels.empty() && positions >= width;
    if (!s.has_number && !blank_row) { // header rows: block and column labels
      header_rows.push_back(&row);
      for (std::size_t p = 0; p < row.cells.size(); ++p) {
        const auto& c = row.cells[p];
        if (c.covered) continue;
        const label_key& k = row.keys[p];
        if (k.empty()) continue;
        if (const column_def* col = idx.match_column(k)) {
          leaves.push_back(col);
        } else if (const auto m = idx.match_row(k, {}, false); m.row) {
          if (std::none_of(blocks.begin(), blocks.end(),
                           [&](const auto& b) { return b.second == m.row; }))
            blocks.emplace_back(p, m.row);
        } else if (m.group.empty() && !idx.is_header_word(k)) {
          unknown.push_back(&c);
        }
      }
      continue;
    }
    std::size_t non_blank = 0;
    for (auto* c : s.data)
      if (!is_blank_cell(*c)) ++non_blank;
    if (s.match.row && non_blank <= width) {
      // A labelled block row: 行政复议 | 1 | 0 | 0 | 0 | 1.
      const row_def& target = *s.match.row;
      if (already_read(ctx, seen, "reviews", target, s)) continue;
      std::vector<const column_def*> cols;
      if (leaves.size() == width) {
        cols = leaves;
      } else {
        for (const auto& c : target.columns) cols.push_back(&c);
      }
      if (fill_row(ctx, "reviews", target, layout{cols, {}, static_cast<std::size_t>(-1), {}, {}}, s,
                   row))
        filled += cols.size();
      continue;
    }
    if (!s.match.row && !s.labels.empty()) {
      // Labels that name nothing, then numbers: not a row of this table.
      unknown_row(ctx, "reviews", row, s);
      continue;
    }
    for (auto* c : s.data) flat.push_back(c);
  }
  if (flat.empty()) return filled;
  const std::size_t want = width * t.rows.size();
  while (flat.size() > want && is_blank_cell(*flat.front())) flat.erase(flat.begin());
  while (flat.size() > want && is_blank_cell(*flat.back())) flat.pop_back();
  if (flat.size() != want) {
    ctx.diags->add(
        diagnostic_builder("structure.cell_count")
            .path("reviews")
            .at(ctx.diags->file, flat.front()->span)
            .expected(std::to_string(want) + " cells")
            .found(join_cells(flat))
            .message("行政复议、行政诉讼表应有" + std::to_string(want) + "个数据单元格，实际" +
                     std::to_string(flat.size()) + "个，无法对应，未读取")
            .message_en("the review table should have " + std::to_string(want) +
                        " data cells but has " + std::to_string(flat.size()) + "; not read"));
    return filled;
  }
  // The columns named by the header: per grid position (stacked header rows, spans copied),
  // else in reading order (one header per line).
  std::size_t grid = 0;
  for (auto* r : header_rows) grid = std::max(grid, r->cells.size());
  std::vector<const column_def*> by_position;
  for (std::size_t p = 0; p < grid; ++p) {
    const column_def* leaf = nullptr;
    for (auto* r : header_rows)
      if (p < r->cells.size())
        if (const column_def* c = idx.match_column(r->keys[p])) leaf = c;
    if (leaf) by_position.push_back(leaf);
  }
  if (by_position.size() == want) leaves = by_position;
  const bool header_ok = leaves.size() == want && unknown.empty();
  bool consistent = unknown.empty();
  for (std::size_t i = 0; i < leaves.size(); ++i)
    if (leaves[i]->code != t.rows.front().columns[i % width].code) consistent = false;
  if (!header_ok && !consistent) {
    std::vector<const table_cell*> shown = unknown;
    ctx.diags->add(
        diagnostic_builder("structure.unknown_column")
            .path("reviews")
            .at(ctx.diags->file, unknown.empty() ? flat.front()->span : unknown.front()->span)
            .expected("the template's 15 column headers")
            .found(join_cells(shown))
            .message("行政复议、行政诉讼表的表头无法识别，按模板的列顺序读取15个数据")
            .message_en("the review table's header is not understood; its 15 cells are read in the "
                        "template's column order"));
  }
  // Blocks left to right: a header's levels need not follow the blocks (行政复议 centred lower
  // in its merged cell than 未经复议直接起诉 beside it); one label per line keeps reading order.
  std::stable_sort(blocks.begin(), blocks.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const row_def*> order;
  for (const auto& b : blocks) order.push_back(b.second);
  if (order.size() != t.rows.size()) {
    order.clear();
    for (const auto& r : t.rows) order.push_back(&r);
  }
  for (std::size_t b = 0; b < order.size(); ++b) {
    if (seen.count(order[b]->code)) continue;
    for (std::size_t i = 0; i < width; ++i) {
      const column_def& col = header_ok ? *leaves[b * width + i] : order[b]->columns[i];
      put(ctx, "reviews." + std::string(order[b]->code) + "." + std::string(col.code),
          flat[b * width + i], col);
      ++filled;
    }
  }
  return filled;
}

} // namespace govdisclose::detail
