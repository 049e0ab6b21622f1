// render_document(): a report laid out as a document in the official layout of its template.
//
// Everything comes from the template catalog (catalog.hpp): the sections and their order, each
// table's rows, group labels, items, columns, column group labels and the corner text. Three
// table layouts cover the national templates, chosen from what the catalog says about a table:
//
// - items  (rows carry an `item`, section 二): per item a full-width item row, a header row
//          `信息内容 | column labels…`, then one row per catalog row; a row with fewer columns
//          than the table is wide lets its last cell span the rest.
// - matrix (the table has a corner text, section 三): a stacked column header (corner, 申请人情况,
//          column group labels, column labels) over label columns for the outer group
//          (三、本年度办理结果, vertical), the row group ((三)不予公开…) and the row label.
// - blocks (otherwise, section 四): each catalog row is a block of columns side by side under
//          its label and group label, with a single data row below.
//
// Local additions (the 法人或其他组织小计 column, group 小计 rows) are laid out only when the
// report has them.
#include <govdisclose/catalog.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace govdisclose {
namespace detail {
namespace {

// The catalog's header word that is neither a row nor a column label: 信息内容 over the label
// column of section 二, 申请人情况 over the columns of section 三.
std::string_view header_word(const table_def& t) {
  return t.header_labels.empty() ? std::string_view{} : t.header_labels.front();
}

using cell_index = std::unordered_map<std::string, const cell*>;

// The text a cell is published with.
std::string cell_text(const cell* c) {
  if (!c) return {};
  switch (c->state) {
  case cell_state::absent:
  case cell_state::blank: return {};
  case cell_state::number:
    // Keep the published spelling (０, 1,200) when it still says the same number.
    if (!c->raw.empty() && classify_cell(c->raw) == *c) return c->raw;
    return c->value.to_string();
  case cell_state::marker:
  case cell_state::text: return c->raw;
  }
  return {};
}

// A grid of fixed width that grows downwards; place() fills a cell and the positions it covers.
class grid_builder {
public:
  explicit grid_builder(std::size_t width) : width_(width) {}

  void place(std::size_t row, std::size_t col, std::string_view text, std::size_t row_span = 1,
             std::size_t col_span = 1, bool header = false) {
    if (col >= width_) return;
    row_span = std::max<std::size_t>(row_span, 1);
    col_span = std::max<std::size_t>(std::min(col_span, width_ - col), 1);
    if (rows_.size() < row + row_span) rows_.resize(row + row_span, std::vector<table_cell>(width_));
    for (std::size_t r = row; r < row + row_span; ++r)
      for (std::size_t c = col; c < col + col_span; ++c) {
        table_cell& t = rows_[r][c];
        t.text = std::string(text);
        t.header = header;
        t.covered = r != row || c != col;
        t.row_span = t.covered ? 1 : static_cast<std::uint16_t>(row_span);
        t.col_span = t.covered ? 1 : static_cast<std::uint16_t>(col_span);
      }
  }
  std::size_t height() const noexcept { return rows_.size(); }
  table_grid finish() && {
    table_grid g;
    g.rows = std::move(rows_);
    return g;
  }

private:
  std::size_t width_;
  std::vector<std::vector<table_cell>> rows_;
};

std::string path_of(const table_def& t, const row_def& r, const column_def& c) {
  std::string p(t.code);
  p += '.';
  p += r.code;
  p += '.';
  p += c.code;
  return p;
}

const cell* lookup(const cell_index& idx, const table_def& t, const row_def& r,
                   const column_def& c) {
  const auto it = idx.find(path_of(t, r, c));
  return it == idx.end() ? nullptr : it->second;
}

bool is_present(const cell* c) { return c && c->present(); }

// A local row is laid out only when the report has one of its cells.
bool row_wanted(const cell_index& idx, const table_def& t, const row_def& r) {
  if (!r.local) return true;
  return std::any_of(r.columns.begin(), r.columns.end(),
                     [&](const column_def& c) { return is_present(lookup(idx, t, r, c)); });
}

// "（一）" → "第二十条第（一）项"; items already spelled out are kept.
std::string item_text(std::string_view item) {
  if (item.starts_with("第")) return std::string(item);
  return "第二十条第" + std::string(item) + "项";
}

table_grid layout_items(const table_def& t, const cell_index& idx) {
  std::size_t data_width = 0;
  for (const auto& r : t.rows) data_width = std::max(data_width, r.columns.size());
  const std::size_t width = data_width + 1;
  grid_builder g(width);
  std::string_view current_item;
  bool first = true;
  for (const auto& r : t.rows) {
    if (!row_wanted(idx, t, r)) continue;
    if (first || r.item != current_item) {
      first = false;
      current_item = r.item;
      std::size_t y = g.height();
      g.place(y, 0, item_text(r.item), 1, width, true);
      ++y;
      g.place(y, 0, header_word(t), 1, 1, true);
      for (std::size_t k = 0; k < r.columns.size(); ++k)
        g.place(y, k + 1, r.columns[k].label, 1, k + 1 == r.columns.size() ? width - k - 1 : 1,
                true);
    }
    const std::size_t y = g.height();
    g.place(y, 0, r.label);
    for (std::size_t k = 0; k < r.columns.size(); ++k)
      g.place(y, k + 1, cell_text(lookup(idx, t, r, r.columns[k])), 1,
              k + 1 == r.columns.size() ? width - k - 1 : 1);
  }
  return std::move(g).finish();
}

// Columns in catalog order, except that columns under one group label stay together (the local
// 法人或其他组织小计 joins its group); local columns only when the report has them.
std::vector<const column_def*> matrix_columns(const table_def& t, const cell_index& idx) {
  std::vector<const column_def*> wanted;
  if (t.rows.empty()) return wanted;
  for (const auto& c : t.rows.front().columns) {
    if (c.local && std::none_of(t.rows.begin(), t.rows.end(), [&](const row_def& r) {
          return is_present(lookup(idx, t, r, c));
        }))
      continue;
    wanted.push_back(&c);
  }
  std::vector<const column_def*> ordered;
  for (const column_def* c : wanted) {
    if (std::find(ordered.begin(), ordered.end(), c) != ordered.end()) continue;
    ordered.push_back(c);
    if (c->group_label.empty()) continue;
    for (const column_def* d : wanted)
      if (d != c && d->group_label == c->group_label &&
          std::find(ordered.begin(), ordered.end(), d) == ordered.end())
        ordered.push_back(d);
  }
  return ordered;
}

bool dotted(const row_def& r) { return r.code.find('.') != std::string_view::npos; }

std::string_view group_code(const row_def& r) { return r.code.substr(0, r.code.find('.')); }

table_grid layout_matrix(const table_def& t, const cell_index& idx) {
  const auto cols = matrix_columns(t, idx);
  std::vector<const row_def*> rows;
  for (const auto& r : t.rows)
    if (row_wanted(idx, t, r)) rows.push_back(&r);

  // Outer groups are the group labels of undotted rows (三、本年度办理结果); an outer group's band
  // runs from its first to its last row and takes in the dotted groups between them.
  struct band {
    std::string_view label;
    std::size_t first = 0, last = 0;
  };
  std::vector<band> bands;
  bool any_dotted = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    any_dotted = any_dotted || dotted(*rows[i]);
    if (dotted(*rows[i]) || rows[i]->group_label.empty()) continue;
    auto b = std::find_if(bands.begin(), bands.end(),
                          [&](const band& x) { return x.label == rows[i]->group_label; });
    if (b == bands.end()) bands.push_back({rows[i]->group_label, i, i});
    else b->last = i;
  }
  const std::size_t depth = 1 + (bands.empty() ? 0 : 1) + (any_dotted ? 1 : 0);
  const bool column_groups = std::any_of(cols.begin(), cols.end(), [](const column_def* c) {
    return !c->group_label.empty();
  });
  const std::size_t header_rows = column_groups ? 3 : 2;
  grid_builder g(depth + cols.size());

  g.place(0, 0, t.corner, header_rows, depth, true);
  g.place(0, depth, header_word(t), 1, cols.size(), true);
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const column_def& c = *cols[k];
    if (c.group_label.empty()) {
      g.place(1, depth + k, c.label, header_rows - 1, 1, true);
      continue;
    }
    if (k == 0 || cols[k - 1]->group_label != c.group_label) {
      std::size_t n = 0;
      while (k + n < cols.size() && cols[k + n]->group_label == c.group_label) ++n;
      g.place(1, depth + k, c.group_label, 1, n, true);
    }
    g.place(2, depth + k, c.label, 1, 1, true);
  }

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const row_def& r = *rows[i];
    const std::size_t y = header_rows + i;
    std::size_t x = 0;
    const auto in_band = std::find_if(bands.begin(), bands.end(), [&](const band& b) {
      return i >= b.first && i <= b.last;
    });
    if (in_band != bands.end()) {
      if (i == in_band->first)
        g.place(y, 0, in_band->label, in_band->last - in_band->first + 1, 1);
      x = 1;
    }
    if (dotted(r)) {
      const bool starts = i == 0 || !dotted(*rows[i - 1]) || group_code(*rows[i - 1]) != group_code(r);
      if (starts) {
        std::size_t n = 0;
        while (i + n < rows.size() && dotted(*rows[i + n]) && group_code(*rows[i + n]) == group_code(r))
          ++n;
        g.place(y, x, r.group_label, n, 1);
      }
      ++x;
    }
    g.place(y, x, r.label, 1, depth - x);
    for (std::size_t k = 0; k < cols.size(); ++k)
      g.place(y, depth + k, cell_text(lookup(idx, t, r, *cols[k])));
  }
  return std::move(g).finish();
}

table_grid layout_blocks(const table_def& t, const cell_index& idx) {
  std::size_t width = 0;
  for (const auto& r : t.rows) width += r.columns.size();
  const bool groups = std::any_of(t.rows.begin(), t.rows.end(),
                                  [](const row_def& r) { return !r.group_label.empty(); });
  const std::size_t header_rows = groups ? 3 : 2;
  grid_builder g(width);
  std::size_t x = 0;
  for (std::size_t b = 0; b < t.rows.size(); ++b) {
    const row_def& r = t.rows[b];
    const std::size_t n = r.columns.size();
    std::size_t label_row = 0;
    if (!r.group_label.empty()) {
      if (b == 0 || t.rows[b - 1].group_label != r.group_label) {
        std::size_t span = 0;
        for (std::size_t k = b; k < t.rows.size() && t.rows[k].group_label == r.group_label; ++k)
          span += t.rows[k].columns.size();
        g.place(0, x, r.group_label, 1, span, true);
      }
      label_row = 1;
    }
    g.place(label_row, x, r.label, 1, n, true);
    for (std::size_t k = 0; k < n; ++k) {
      g.place(label_row + 1, x + k, r.columns[k].label, header_rows - label_row - 1, 1, true);
      g.place(header_rows, x + k, cell_text(lookup(idx, t, r, r.columns[k])));
    }
    x += n;
  }
  return std::move(g).finish();
}

table_grid layout_table(const table_def& t, const cell_index& idx) {
  const bool items = std::any_of(t.rows.begin(), t.rows.end(),
                                 [](const row_def& r) { return !r.item.empty(); });
  if (items) return layout_items(t, idx);
  if (!t.corner.empty()) return layout_matrix(t, idx);
  return layout_blocks(t, idx);
}

// The narrative text of a section, by its code.
const std::string* narrative_of(const narrative_text& n, std::string_view code) {
  const std::string* found = nullptr;
  boost::mp11::mp_for_each<boost::describe::describe_members<narrative_text,
                                                             boost::describe::mod_public>>(
      [&](auto d) {
        if (wire_name(d.name) == code) found = &(n.*d.pointer);
      });
  return found;
}

void add_paragraphs(document& doc, std::string_view text) {
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view line = trim(text.substr(0, nl));
    if (!line.empty()) doc.blocks.push_back(block{block_kind::paragraph, std::string(line), 0, {}, {}});
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

} // namespace
} // namespace detail

document render_document(const report& r) {
  using namespace detail;
  const template_def& cat = catalog(r.template_);
  cell_index idx;
  for_each_cell(r, [&](std::string_view path, const cell& c) { idx.emplace(std::string(path), &c); });

  document doc;
  if (!r.meta.title.empty())
    doc.blocks.push_back(block{block_kind::heading, r.meta.title, 1, {}, {}});
  for (const section_def& s : cat.sections) {
    doc.blocks.push_back(block{block_kind::heading, std::string(s.heading), 2, {}, {}});
    if (const std::string* text = narrative_of(r.narrative, s.code)) add_paragraphs(doc, *text);
    if (const table_def* t = cat.table(s.code)) {
      block b{block_kind::table, {}, 0, {}, layout_table(*t, idx)};
      doc.blocks.push_back(std::move(b));
    }
  }
  return doc;
}

} // namespace govdisclose
