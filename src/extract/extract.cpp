// The extractor: document → report. Finds the six sections, the title, agency and year, sorts
// tables and number-ending paragraphs into the three template tables, detects the template from
// the labels and hands the rows to the table readers (extract_tables.cpp). See
// docs/extraction.md.
#include "extract/extract_detail.hpp"

#include <govdisclose/extract.hpp>
#include <govdisclose/narrative.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <set>

namespace govdisclose {
namespace detail {
namespace {

constexpr std::size_t section_count = 6;

std::string without_spaces(std::string_view s) {
  std::string out;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(s, pos);
    if (!is_space(cp)) out.append(s.substr(start, pos - start));
  }
  return out;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < s.size(); ++n) next_code_point(s, pos);
  return n;
}

// The section a heading names, or -1: the library's one heading matcher (section_code(),
// narrative.hpp), as an index into the catalog's sections.
int section_of(std::string_view text) {
  const auto code = section_code(text);
  if (!code) return -1;
  const auto& sections = catalog(template_id::t2021).sections;
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (sections[i].code == *code) return static_cast<int>(i);
  return -1;
}

// The section a table's first row names when it is one cell of text (a section title set like
// body text, taken by a reader for the table's first line), or -1.
int heading_in_first_row(const table_grid& t) {
  if (t.rows.empty()) return -1;
  const table_cell* only = nullptr;
  for (const auto& c : t.rows.front()) {
    if (trim(c.text).empty()) continue;
    if (only) return -1;
    only = &c;
  }
  return only ? section_of(only->text) : -1;
}

// The index of a section code in the catalog's sections, or -1.
int section_of_code(std::string_view code) {
  const auto& sections = catalog(template_id::t2021).sections;
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (sections[i].code == code) return static_cast<int>(i);
  return -1;
}

// Where a section's heading is: a block, and the byte offset of a heading inside its text.
struct heading_place {
  std::size_t block = 0;
  std::size_t offset = 0;
  source_span span;
};

// For each block, the headings inside its text (inline_headings()) of the sections no block
// names: a crawled page's body on one line. Each is added to `found`.
std::vector<std::vector<inline_heading>>
headings_inside(const document& doc, const std::vector<int>& heading_of,
                std::array<std::vector<heading_place>, section_count>& found) {
  std::vector<std::vector<inline_heading>> out(doc.blocks.size());
  std::array<bool, section_count> named{};
  for (std::size_t s = 0; s < section_count; ++s) named[s] = !found[s].empty();
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (b.kind == block_kind::table || heading_of[i] >= 0) continue;
    for (inline_heading& h : inline_headings(b.text)) {
      const int s = section_of_code(h.code);
      if (s < 0 || named[static_cast<std::size_t>(s)]) continue;
      named[static_cast<std::size_t>(s)] = true; // the first counts
      found[static_cast<std::size_t>(s)].push_back({i, h.begin, span_in(b, h.begin)});
      out[i].push_back(std::move(h));
    }
  }
  return out;
}

table_kind kind_of_section(int s) {
  switch (s) {
  case 1: return table_kind::proactive;
  case 2: return table_kind::applications;
  case 3: return table_kind::reviews;
  default: return table_kind::none;
  }
}

// A year "2022年" (four digits, then 年) in text, or nothing.
std::optional<int> find_year(std::string_view text) {
  const std::string s = normalize_width(without_spaces(text));
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
    bool digits = true;
    for (std::size_t j = 0; j < 4; ++j) digits = digits && s[i + j] >= '0' && s[i + j] <= '9';
    if (!digits || s.compare(i + 4, 3, "年") != 0) continue;
    const int y = std::stoi(s.substr(i, 4));
    if (y >= 1990 && y <= 2100) return y;
  }
  return std::nullopt;
}

// The agency: the title without its year and the report's words.
std::string agency_of(std::string_view title) {
  std::string s = without_spaces(title);
  const std::string wide = normalize_width(s);
  // Remove "2022年" / "2022年度" (on the width-normalised copy, whose digits are ASCII).
  for (std::size_t i = 0; i + 4 < wide.size(); ++i) {
    bool digits = true;
    for (std::size_t j = 0; j < 4; ++j)
      digits = digits && wide[i + j] >= '0' && wide[i + j] <= '9';
    if (digits && wide.compare(i + 4, 3, "年") == 0) {
      std::size_t end = i + 7;
      if (wide.compare(end, 3, "度") == 0) end += 3;
      s = wide.substr(0, i) + wide.substr(end);
      break;
    }
  }
  static constexpr std::array<std::string_view, 5> words = {
      "政府信息公开", "政务公开", "信息公开", "年度报告", "工作报告"};
  for (auto w : words) {
    const auto at = s.find(w);
    if (at != std::string::npos) {
      s = s.substr(0, at);
      break;
    }
  }
  return std::string(trim(s));
}

bool is_title(std::string_view text, bool loose) {
  const std::string s = without_spaces(text);
  if (s.find("政府信息公开工作年度报告") != std::string::npos) return true;
  return loose && code_points(s) <= 60 &&
         (s.find("信息公开") != std::string::npos || s.find("政务公开") != std::string::npos) &&
         s.find("年度报告") != std::string::npos;
}

// The labels that only one template has (row, group and column labels of sections 二 and 三).
std::vector<keyed> signals(const template_def& mine, const template_def& other) {
  auto labels = [](const template_def& t) {
    std::vector<keyed> out;
    for (auto code : {"proactive", "applications"}) {
      const label_index& idx = label_index::of(*t.table(code));
      for (const auto& [row, ks] : idx.rows) {
        (void)row;
        out.insert(out.end(), ks.begin(), ks.end());
      }
      out.insert(out.end(), idx.groups.begin(), idx.groups.end());
      for (const auto& [col, ks] : idx.columns) {
        (void)col;
        out.insert(out.end(), ks.begin(), ks.end());
      }
    }
    return out;
  };
  const auto a = labels(mine), b = labels(other);
  std::vector<keyed> out;
  for (const auto& x : a)
    if (!x.key.empty() && std::none_of(b.begin(), b.end(), [&](const keyed& y) {
          return same_label(x.key, y.key);
        }))
      out.push_back(x);
  return out;
}

struct template_choice {
  template_id id = template_id::t2021;
  std::set<std::string_view> seen2019, seen2021;
};

// The rows of sections 二 and 三 with their wrapped labels joined by one template's labels.
struct template_rows {
  std::vector<doc_row> proactive, applications;
};

template_rows joined_rows(const std::vector<doc_row>& proactive,
                          const std::vector<doc_row>& applications, template_id t) {
  const template_def& c = catalog(t);
  return {join_wrapped_labels(proactive, label_index::of(*c.table("proactive"))),
          join_wrapped_labels(applications, label_index::of(*c.table("applications")))};
}

template_choice detect_template(const template_rows& rows19, const template_rows& rows21,
                                std::optional<int> year, sink& diags) {
  const template_def& c19 = catalog(template_id::t2019);
  const template_def& c21 = catalog(template_id::t2021);
  static const std::vector<keyed> s19 = signals(c19, c21), s21 = signals(c21, c19);
  template_choice ch;
  source_span first19{}, first21{};
  auto scan = [&](const std::vector<doc_row>& rows) {
    for (const auto& r : rows)
      for (std::size_t p = 0; p < r.cells.size(); ++p) {
        const auto& c = r.cells[p];
        const label_key& k = r.keys[p];
        if (k.empty()) continue;
        for (const auto& s : s19)
          if (same_label(s.key, k) && ch.seen2019.insert(s.label).second && !first19.known())
            first19 = c.span;
        for (const auto& s : s21)
          if (same_label(s.key, k) && ch.seen2021.insert(s.label).second && !first21.known())
            first21 = c.span;
      }
  };
  // Labels wrapped over lines count once joined (by each template's labels).
  for (const template_rows* r : {&rows19, &rows21}) {
    scan(r->proactive);
    scan(r->applications);
  }
  // 2019's （六）其他处理 is one row with data; 2021's is a group over three rows.
  const row_def* other19 = c19.table("applications")->row("other");
  const label_key other_key = make_key(other19->label);
  bool other_row19 = false; // the one-row （六） seen (a 2021 table may collapse its group so)
  for (const auto& r : rows19.applications) {
    std::ptrdiff_t last = -1;
    for (std::size_t i = 0; i < r.cells.size(); ++i)
      if (r.states[i] == cell_state::text) last = static_cast<std::ptrdiff_t>(i);
    if (last < 0 || !same_label(r.keys[static_cast<std::size_t>(last)], other_key))
      continue;
    for (std::size_t i = static_cast<std::size_t>(last) + 1; i < r.cells.size(); ++i) {
      const auto st = r.states[i];
      if (st == cell_state::number || st == cell_state::marker) {
        if (ch.seen2019.insert(other19->label).second && !first19.known())
          first19 = r.cells[static_cast<std::size_t>(last)].span;
        other_row19 = true;
        break;
      }
    }
  }
  const std::size_t n19 = ch.seen2019.size(), n21 = ch.seen2021.size();
  if (n19 > n21) ch.id = template_id::t2019;
  else if (n21 > n19) ch.id = template_id::t2021;
  else ch.id = year && *year <= 2020 ? template_id::t2019 : template_id::t2021;
  // A 2021 table with （六） as one row is the 2021 template with a collapsed group (the table
  // reader says so: structure.collapsed_group), not a mix of templates.
  const bool only_collapsed_other =
      ch.id == template_id::t2021 && other_row19 && ch.seen2019.size() == 1;
  if (n19 > 0 && n21 > 0 && !only_collapsed_other) {
    auto list = [](const std::set<std::string_view>& s) {
      std::string out;
      for (auto l : s) out += (out.empty() ? "" : "、") + std::string(l);
      return out;
    };
    const std::string chosen(template_code(ch.id));
    diags.add(diagnostic_builder("document.mixed_template")
                  .path("template")
                  .at(diags.file, ch.id == template_id::t2021 ? first19 : first21)
                  .expected("labels of one template")
                  .found("2019: " + list(ch.seen2019) + "; 2021: " + list(ch.seen2021))
                  .message("表格混用了2019年版（" + std::to_string(n19) + "处）和2021年版（" +
                           std::to_string(n21) + "处）模板的标签，按多数采用" + chosen + "年版")
                  .message_en("the tables mix labels of the 2019 (" + std::to_string(n19) +
                              ") and 2021 (" + std::to_string(n21) + ") templates; the majority, " +
                              chosen + ", is used"));
  }
  if (year && n19 + n21 > 0 &&
      ((ch.id == template_id::t2019 && *year >= 2021) ||
       (ch.id == template_id::t2021 && *year <= 2020))) {
    const std::string chosen(template_code(ch.id));
    diags.add(diagnostic_builder("document.template_year")
                  .path("template")
                  .at(diags.file, {})
                  .expected(*year >= 2021 ? "2021" : "2019")
                  .found(chosen)
                  .message(std::to_string(*year) + "年度报告使用了" + chosen + "年版模板的表格")
                  .message_en("the " + std::to_string(*year) + " report uses the " + chosen +
                              " template's tables"));
  }
  return ch;
}

// ---- sections: every heading (or heading-like paragraph) of the six is a boundary ------------

// Where the six sections are in a document.
struct section_map {
  std::vector<int> heading_of; // per block: the section its heading names, or -1 (tables: -1)
  std::vector<int> member_of;  // per block: the section it belongs to, or -1 (headings: -1)
  // Per block: a table whose first row is one cell naming a section (a reader took the heading
  // right above the table for its first line); the row is no row of the table.
  std::vector<bool> heading_row;
  std::array<std::vector<heading_place>, section_count> found{}; // each section's headings
  std::vector<std::vector<inline_heading>> inner; // per block: the headings inside its text
};

section_map map_sections(const document& doc) {
  section_map m;
  m.heading_of.assign(doc.blocks.size(), -1);
  m.member_of.assign(doc.blocks.size(), -1);
  m.heading_row.assign(doc.blocks.size(), false);
  std::vector<int> starts(doc.blocks.size(), -1); // the section a heading block or row starts
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    const bool table = b.kind == block_kind::table;
    starts[i] = table ? heading_in_first_row(b.table) : section_of(b.text);
    if (!table) m.heading_of[i] = starts[i];
    m.heading_row[i] = table && starts[i] >= 0;
    if (starts[i] >= 0) m.found[static_cast<std::size_t>(starts[i])].push_back({i, 0, b.span});
  }
  // Headings run into a paragraph (one-line text), for the sections no block names.
  m.inner = headings_inside(doc, m.heading_of, m.found);
  int current = -1;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (starts[i] >= 0) current = starts[i];
    if (m.heading_of[i] >= 0) continue;
    m.member_of[i] = current;
    if (!m.inner[i].empty()) current = section_of_code(m.inner[i].back().code);
  }
  return m;
}

// ---- meta --------------------------------------------------------------------------------------

// The block of the first section heading (the number of blocks when there is none).
std::size_t first_heading(const document& doc, const section_map& sections) {
  std::size_t first = doc.blocks.size();
  for (const auto& f : sections.found)
    if (!f.empty()) first = std::min(first, f.front().block);
  return first;
}

// The first paragraph that reads as the title (is_title()), or a title broken over two lines
// before the first heading; empty when none.
std::string title_in(const document& doc, std::size_t before_heading, bool loose) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (doc.blocks[i].kind == block_kind::table) continue;
    if (is_title(doc.blocks[i].text, loose)) return std::string(trim(doc.blocks[i].text));
    if (i < before_heading && i + 1 < doc.blocks.size() &&
        doc.blocks[i + 1].kind != block_kind::table && code_points(doc.blocks[i].text) <= 40 &&
        is_title(doc.blocks[i].text + doc.blocks[i + 1].text, loose))
      // A title broken over two lines ("2024 年上海市科委政府信息公开工作" / "年度报告").
      return std::string(trim(doc.blocks[i].text)) + std::string(trim(doc.blocks[i + 1].text));
  }
  return {};
}

// The title: the strict form first, then the loose one, without a crawler's "标题: " prefix.
std::string title_of(const document& doc, const section_map& sections) {
  const std::size_t before = first_heading(doc, sections);
  std::string title = title_in(doc, before, false);
  if (title.empty()) title = title_in(doc, before, true);
  // A crawler's header line "标题: …" names the title.
  for (std::string_view prefix : {"标题:", "标题：", "标题 :"})
    if (title.rfind(prefix, 0) == 0) title = std::string(trim(title.substr(prefix.size())));
  return title;
}

// The year of the first paragraph that names one, or nothing.
std::optional<int> year_in_text(const document& doc) {
  for (const auto& b : doc.blocks)
    if (b.kind != block_kind::table)
      if (const auto year = find_year(b.text)) return year;
  return std::nullopt;
}

report_meta read_meta(const document& doc, const section_map& sections) {
  report_meta meta;
  meta.source = doc.source;
  meta.format = doc.format;
  meta.title = title_of(doc, sections);
  meta.agency = agency_of(meta.title);
  meta.year = find_year(meta.title);
  if (!meta.year) meta.year = year_in_text(doc);
  return meta;
}

// ---- rows: tables (sorted by their labels, else by their section) and number rows ------------

// True when `key` is a label of table `k` in either template.
bool knows(table_kind k, const label_key& key) {
  static const label_index& p19 = label_index::of(*catalog(template_id::t2019).table("proactive"));
  static const label_index& p21 = label_index::of(*catalog(template_id::t2021).table("proactive"));
  static const label_index& a19 =
      label_index::of(*catalog(template_id::t2019).table("applications"));
  static const label_index& a21 =
      label_index::of(*catalog(template_id::t2021).table("applications"));
  static const label_index& r21 = label_index::of(*catalog(template_id::t2021).table("reviews"));
  switch (k) {
  case table_kind::proactive: return p19.knows(key) || p21.knows(key);
  case table_kind::applications: return a19.knows(key) || a21.knows(key);
  case table_kind::reviews: return r21.knows(key);
  default: return false;
  }
}

// The template table a table block is: its section's, unless its labels clearly name another
// table (a misplaced table, or a table outside the six sections).
table_kind kind_of_table(const table_grid& t, table_kind section_kind) {
  std::array<std::size_t, 4> score{};
  for (const auto& r : t.rows)
    for (const auto& c : r) {
      if (c.covered) continue;
      const label_key k = make_key(c.text);
      if (k.empty()) continue;
      for (auto kind : {table_kind::proactive, table_kind::applications, table_kind::reviews})
        if (knows(kind, k)) ++score[static_cast<std::size_t>(kind)];
    }
  std::size_t best = 0;
  table_kind best_kind = table_kind::none;
  for (auto k : {table_kind::proactive, table_kind::applications, table_kind::reviews})
    if (score[static_cast<std::size_t>(k)] > best) {
      best = score[static_cast<std::size_t>(k)];
      best_kind = k;
    }
  const std::size_t own = score[static_cast<std::size_t>(section_kind)];
  if (section_kind == table_kind::none ? best > 0 : (best >= 3 && best > 2 * own)) return best_kind;
  return section_kind;
}

// A paragraph of a table's section read as a row: "行政许可 97", a line of 15 numbers, or a bare
// label line of the table. Empty when it is none of these.
std::vector<table_cell> paragraph_row(const block& b, table_kind section_kind) {
  auto cells = paragraph_cells(b);
  if (!cells.empty()) {
    if (is_data_text(cells.front().text) || knows(section_kind, make_key(cells.front().text)))
      return cells;
    return {};
  }
  if (knows(section_kind, make_key(b.text))) {
    table_cell c;
    c.text = std::string(trim(b.text));
    c.span = b.span;
    cells.push_back(std::move(c));
  }
  return cells;
}

// The rows of the three template tables in reading order.
struct table_rows {
  std::array<std::vector<doc_row>, 4> of_kind{}; // by table_kind
  std::vector<bool> consumed;                    // per block: read as rows, not as narrative

  const std::vector<doc_row>& operator[](table_kind k) const {
    return of_kind[static_cast<std::size_t>(k)];
  }
};

table_rows collect_rows(const document& doc, const section_map& sections, sink& diags) {
  table_rows rows;
  rows.consumed.assign(doc.blocks.size(), false);
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (sections.heading_of[i] >= 0) continue;
    const table_kind section_kind = kind_of_section(sections.member_of[i]);
    if (b.kind == block_kind::table) {
      const table_kind kind = kind_of_table(b.table, section_kind);
      if (kind == table_kind::none) {
        if (!b.table.rows.empty())
          diags.add(diagnostic_builder("structure.unknown_table")
                        .at(diags.file, b.span)
                        .expected("a table of the template")
                        .message("表格不属于模板中的任何一张表，未读取")
                        .message_en("the table is none of the template's tables; not read"));
        continue;
      }
      auto& into = rows.of_kind[static_cast<std::size_t>(kind)];
      for (std::size_t r = sections.heading_row[i] ? 1 : 0; r < b.table.rows.size(); ++r)
        into.push_back(doc_row{b.table.rows[r], i, r, false});
      rows.consumed[i] = true;
    } else if (section_kind != table_kind::none) {
      auto cells = paragraph_row(b, section_kind);
      if (cells.empty()) continue;
      rows.of_kind[static_cast<std::size_t>(section_kind)].push_back(
          doc_row{std::move(cells), i, 0, true});
      rows.consumed[i] = true;
    }
  }
  return rows;
}

// ---- the template ------------------------------------------------------------------------------

// The template the tables follow, with the rows of sections 二 and 三 joined by its labels.
struct template_found {
  template_id id = template_id::t2021;
  template_rows rows;
};

template_found find_template(const table_rows& rows, std::optional<int> year, sink& diags) {
  const auto& proactive = rows[table_kind::proactive];
  const auto& applications = rows[table_kind::applications];
  std::array<template_rows, 2> joined = {joined_rows(proactive, applications, template_id::t2019),
                                         joined_rows(proactive, applications, template_id::t2021)};
  const template_id id = detect_template(joined[0], joined[1], year, diags).id;
  return {id, std::move(joined[static_cast<std::size_t>(id)])};
}

// ---- the tables --------------------------------------------------------------------------------

// Where a document starts: its first block's span, or none.
source_span start_of(const document& doc) {
  return doc.blocks.empty() ? source_span{} : doc.blocks.front().span;
}

// No table rows: crawled text whose cells were fused may still hold the tables. When it does,
// `out` is the report read from it and its findings replace those made so far.
bool read_fused_tables(const document& doc, const report_meta& meta, report& out, sink& diags) {
  sink fused_diags{doc.source, {}};
  if (!read_fused(doc, meta.year, out, fused_diags)) return false;
  out.meta = meta;
  diags.out = std::move(fused_diags.out);
  return true;
}

// No application matrix (section 三 an image, an excerpt of 二 or 四): the document is still a
// partial report when the other tables are read in earnest; the validator then reports what is
// missing per table and row.
bool read_partial(const document& doc, const template_found& tmpl, const table_rows& rows,
                  const table_context& ctx) {
  const std::size_t proactive = read_proactive(tmpl.rows.proactive, ctx);
  const std::size_t reviews = read_reviews(rows[table_kind::reviews], ctx);
  if (proactive < 4 && reviews < 15) return false;
  ctx.diags->add(
      diagnostic_builder("document.partial")
          .path("applications")
          .at(ctx.diags->file, start_of(doc))
          .expected("the application table (三、收到和处理政府信息公开申请情况)")
          .found("absent")
          .message("文档中没有政府信息公开申请情况表（可能是图片或节选），只读取了其余表格")
          .message_en("the document has no application table (an image or an excerpt, perhaps); "
                      "the other tables are read"));
  return true;
}

// Read the tables into `out` (a fresh report of the template found, its meta set): the
// application matrix and the other two; else the fused digits of crawled text; else a partial
// report. False when the document has none of these.
bool read_tables(const document& doc, const report_meta& meta, const template_found& tmpl,
                 const table_rows& rows, report& out, sink& diags) {
  cell_index cells = index_cells(out);
  const table_context ctx{&catalog(tmpl.id), &cells, &diags};
  if (read_applications(tmpl.rows.applications, ctx) == 0)
    return read_fused_tables(doc, meta, out, diags) || read_partial(doc, tmpl, rows, ctx);
  read_proactive(tmpl.rows.proactive, ctx);
  read_reviews(rows[table_kind::reviews], ctx);
  return true;
}

// No table of the template: not a report of the national template (an old-format report). The
// report is empty and the one finding says so.
result<report> not_template(const document& doc, template_id id, const report_meta& meta) {
  result<report> res;
  res.value = make_report(id);
  res.value.meta = meta;
  res.diagnostics.push_back(
      diagnostic_builder("document.not_template")
          .at(doc.source, start_of(doc))
          .expected("the tables of the national template (三、收到和处理政府信息公开申请情况)")
          .found("no application table")
          .message("文档中没有国家模板的政府信息公开申请情况表，不是按国家格式编制的年度报告")
          .message_en("the document has no application table of the national template; it is "
                      "not a report in the national format"));
  return res;
}

// ---- narrative and section diagnostics -------------------------------------------------------

// The text of the blocks no table took, each in its section's narrative. A paragraph with
// headings inside gives each piece to its section, the headings to none.
void read_narrative(const document& doc, const section_map& sections,
                    const std::vector<bool>& consumed, narrative_text& out) {
  std::array<std::string*, section_count> text = {&out.overview,     &out.proactive,
                                                  &out.applications, &out.reviews,
                                                  &out.problems,     &out.other_matters};
  auto append = [&](int section, std::string_view piece) {
    if (section < 0 || trim(piece).empty()) return;
    std::string& t = *text[static_cast<std::size_t>(section)];
    if (!t.empty()) t += '\n';
    t += trim(piece);
  };
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (sections.member_of[i] < 0 && sections.inner[i].empty()) continue;
    if (consumed[i] || b.kind == block_kind::table) continue;
    std::string_view rest = b.text;
    std::size_t from = 0;
    int section = sections.member_of[i];
    for (const inline_heading& h : sections.inner[i]) {
      append(section, rest.substr(from, h.begin - from));
      section = section_of_code(h.code);
      from = h.end;
    }
    append(section, rest.substr(from));
  }
}

// Missing and out-of-order sections: the same check as check_sections() (narrative.hpp) over
// the sections' first headings in document order.
void check_section_order(const document& doc, const section_map& sections, sink& diags) {
  const auto& defs = catalog(template_id::t2021).sections;
  std::vector<std::pair<heading_place, std::size_t>> firsts; // (where, section)
  for (std::size_t s = 0; s < section_count; ++s)
    if (!sections.found[s].empty()) firsts.emplace_back(sections.found[s].front(), s);
  std::sort(firsts.begin(), firsts.end(), [](const auto& a, const auto& b) {
    return std::pair(a.first.block, a.first.offset) < std::pair(b.first.block, b.first.offset);
  });
  std::vector<found_section> in_order;
  for (const auto& [at, s] : firsts)
    in_order.push_back(
        {std::string(defs[s].code), source_position{doc.source, at.span.line, at.span.column}});
  for (auto& d : check_sections(in_order, doc.source))
    diags.add(std::move(d));
}

// A section met again is joined, and said.
void check_duplicate_sections(const document& doc, const section_map& sections, sink& diags) {
  const auto& defs = catalog(template_id::t2021).sections;
  for (std::size_t s = 0; s < section_count; ++s) {
    const std::string heading(defs[s].heading);
    const auto& found = sections.found[s];
    for (std::size_t k = 1; k < found.size(); ++k)
      diags.add(
          diagnostic_builder("document.duplicate_section")
              .path("narrative." + std::string(defs[s].code))
              .at(diags.file, found[k].span)
              .expected(heading)
              .found(doc.blocks[found[k].block].text)
              .message("「" + heading + "」部分重复出现，内容合并")
              .message_en("the section \"" + heading + "\" appears again; its parts are joined"));
  }
}

// Diagnostics in document order: position (those without one last), then the order of finding.
std::vector<diagnostic> in_document_order(std::vector<diagnostic> ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const diagnostic& a, const diagnostic& b) {
    const bool ka = a.position.line != 0, kb = b.position.line != 0;
    if (ka != kb) return ka;
    if (a.position.line != b.position.line) return a.position.line < b.position.line;
    return a.position.column < b.position.column;
  });
  return ds;
}

} // namespace
} // namespace detail

result<report> extract_report(const document& doc) {
  using namespace detail;
  sink diags{doc.source, {}};
  const section_map sections = map_sections(doc);
  const report_meta meta = read_meta(doc, sections);
  const table_rows rows = collect_rows(doc, sections, diags);
  const template_found tmpl = find_template(rows, meta.year, diags);
  result<report> res;
  res.value = make_report(tmpl.id);
  res.value.meta = meta;
  if (!read_tables(doc, meta, tmpl, rows, res.value, diags))
    return not_template(doc, tmpl.id, meta);
  read_narrative(doc, sections, rows.consumed, res.value.narrative);
  check_section_order(doc, sections, diags);
  check_duplicate_sections(doc, sections, diags);
  res.diagnostics = in_document_order(std::move(diags.out));
  return res;
}

} // namespace govdisclose
