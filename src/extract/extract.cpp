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

} // namespace
} // namespace detail

result<report> extract_report(const document& doc) {
  using namespace detail;
  result<report> res;
  sink diags{doc.source, {}};
  const auto& sections = catalog(template_id::t2021).sections;

  // ---- sections: every heading (or heading-like paragraph) of the six is a boundary ----------
  std::vector<int> heading_of(doc.blocks.size(), -1), member_of(doc.blocks.size(), -1);
  std::array<std::vector<heading_place>, section_count> found{};
  // A table whose first row is one cell naming a section (a reader took the heading right above
  // the table for its first line) starts that section; the row is no row of the table.
  std::vector<bool> heading_row(doc.blocks.size(), false);
  std::vector<int> starts(doc.blocks.size(), -1); // the section a heading block or row starts
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    const bool table = b.kind == block_kind::table;
    starts[i] = table ? heading_in_first_row(b.table) : section_of(b.text);
    if (!table) heading_of[i] = starts[i];
    heading_row[i] = table && starts[i] >= 0;
    if (starts[i] >= 0) found[static_cast<std::size_t>(starts[i])].push_back({i, 0, b.span});
  }
  // Headings run into a paragraph (one-line text), for the sections no block names.
  const std::vector<std::vector<inline_heading>> inner = headings_inside(doc, heading_of, found);
  int current = -1;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (starts[i] >= 0) current = starts[i];
    if (heading_of[i] >= 0) continue;
    member_of[i] = current;
    if (!inner[i].empty()) current = section_of_code(inner[i].back().code);
  }

  // ---- meta ----------------------------------------------------------------------------------
  report_meta meta;
  meta.source = doc.source;
  meta.format = doc.format;
  std::size_t first_heading = doc.blocks.size();
  for (const auto& f : found)
    if (!f.empty()) first_heading = std::min(first_heading, f.front().block);
  for (bool loose : {false, true}) {
    for (std::size_t i = 0; i < doc.blocks.size() && meta.title.empty(); ++i) {
      if (doc.blocks[i].kind == block_kind::table) continue;
      if (is_title(doc.blocks[i].text, loose)) {
        meta.title = std::string(trim(doc.blocks[i].text));
      } else if (i < first_heading && i + 1 < doc.blocks.size() &&
                 doc.blocks[i + 1].kind != block_kind::table &&
                 code_points(doc.blocks[i].text) <= 40 &&
                 is_title(doc.blocks[i].text + doc.blocks[i + 1].text, loose)) {
        // A title broken over two lines ("2024 年上海市科委政府信息公开工作" / "年度报告").
        meta.title =
            std::string(trim(doc.blocks[i].text)) + std::string(trim(doc.blocks[i + 1].text));
      }
    }
    if (!meta.title.empty()) break;
  }
  // A crawler's header line "标题: …" names the title.
  for (std::string_view prefix : {"标题:", "标题：", "标题 :"})
    if (meta.title.rfind(prefix, 0) == 0) meta.title = std::string(trim(meta.title.substr(prefix.size())));
  meta.agency = agency_of(meta.title);
  meta.year = find_year(meta.title);
  if (!meta.year)
    for (const auto& b : doc.blocks)
      if (b.kind != block_kind::table)
        if ((meta.year = find_year(b.text))) break;

  // ---- rows: tables (sorted by their labels, else by their section) and number rows ----------
  const label_index& p19 = label_index::of(*catalog(template_id::t2019).table("proactive"));
  const label_index& p21 = label_index::of(*catalog(template_id::t2021).table("proactive"));
  const label_index& a19 = label_index::of(*catalog(template_id::t2019).table("applications"));
  const label_index& a21 = label_index::of(*catalog(template_id::t2021).table("applications"));
  const label_index& r21 = label_index::of(*catalog(template_id::t2021).table("reviews"));
  auto knows = [&](table_kind k, const label_key& key) {
    switch (k) {
    case table_kind::proactive: return p19.knows(key) || p21.knows(key);
    case table_kind::applications: return a19.knows(key) || a21.knows(key);
    case table_kind::reviews: return r21.knows(key);
    default: return false;
    }
  };
  std::array<std::vector<doc_row>, 4> rows{};
  std::vector<bool> consumed(doc.blocks.size(), false);
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (heading_of[i] >= 0) continue;
    const table_kind section_kind = kind_of_section(member_of[i]);
    if (b.kind == block_kind::table) {
      std::array<std::size_t, 4> score{};
      bool any_text = false;
      for (const auto& r : b.table.rows)
        for (const auto& c : r) {
          if (c.covered) continue;
          const label_key k = make_key(c.text);
          if (k.empty()) continue;
          any_text = true;
          for (auto kind : {table_kind::proactive, table_kind::applications, table_kind::reviews})
            if (knows(kind, k)) ++score[static_cast<std::size_t>(kind)];
        }
      // The section decides, unless the labels clearly name another table (a misplaced
      // table, or a table outside the six sections).
      table_kind kind = section_kind;
      std::size_t best = 0;
      table_kind best_kind = table_kind::none;
      for (auto k : {table_kind::proactive, table_kind::applications, table_kind::reviews})
        if (score[static_cast<std::size_t>(k)] > best) {
          best = score[static_cast<std::size_t>(k)];
          best_kind = k;
        }
      const std::size_t own = score[static_cast<std::size_t>(section_kind)];
      if (section_kind == table_kind::none ? best > 0 : (best >= 3 && best > 2 * own))
        kind = best_kind;
      if (kind == table_kind::none) {
        if (any_text || !b.table.rows.empty())
          diags.add(diagnostic_builder("structure.unknown_table")
                        .at(diags.file, b.span)
                        .expected("a table of the template")
                        .message("表格不属于模板中的任何一张表，未读取")
                        .message_en("the table is none of the template's tables; not read"));
        continue;
      }
      for (std::size_t r = heading_row[i] ? 1 : 0; r < b.table.rows.size(); ++r)
        rows[static_cast<std::size_t>(kind)].push_back(doc_row{b.table.rows[r], i, r, false});
      consumed[i] = true;
    } else if (section_kind != table_kind::none) {
      // "行政许可 97", a line of 15 numbers, or a bare label line of the table.
      auto cells = paragraph_cells(b);
      bool take = false;
      if (!cells.empty()) {
        take = is_data_text(cells.front().text) ||
               [&] {
                 const label_key k = make_key(cells.front().text);
                 return knows(section_kind, k);
               }();
      } else {
        const label_key k = make_key(b.text);
        if (knows(section_kind, k)) {
          table_cell c;
          c.text = std::string(trim(b.text));
          c.span = b.span;
          cells.push_back(std::move(c));
          take = true;
        }
      }
      if (take) {
        rows[static_cast<std::size_t>(section_kind)].push_back(
            doc_row{std::move(cells), i, 0, true});
        consumed[i] = true;
      }
    }
  }

  // ---- the template ----------------------------------------------------------------------------
  const std::vector<doc_row>& proactive_rows = rows[static_cast<std::size_t>(table_kind::proactive)];
  const std::vector<doc_row>& application_rows =
      rows[static_cast<std::size_t>(table_kind::applications)];
  const std::array<template_rows, 2> joined = {
      joined_rows(proactive_rows, application_rows, template_id::t2019),
      joined_rows(proactive_rows, application_rows, template_id::t2021)};
  const auto choice = detect_template(joined[0], joined[1], meta.year, diags);
  const template_rows& chosen = joined[static_cast<std::size_t>(choice.id)];
  res.value = make_report(choice.id);
  res.value.meta = meta;

  // ---- the tables ------------------------------------------------------------------------------
  cell_index cells = index_cells(res.value);
  const table_context ctx{&catalog(choice.id), &cells, &diags};
  const std::size_t matrix_rows =
      read_applications(chosen.applications, ctx);
  // No table rows: crawled text whose cells were fused may still hold the tables.
  bool fused = false;
  if (matrix_rows == 0) {
    sink fused_diags{doc.source, {}};
    if ((fused = read_fused(doc, meta.year, res.value, fused_diags))) {
      res.value.meta = meta;
      diags.out = std::move(fused_diags.out);
    }
  }
  // No application matrix (section 三 an image, an excerpt of 二 or 四): the document is still a
  // partial report when the other tables are read in earnest; the validator then reports what is
  // missing per table and row.
  bool partial = false;
  if (matrix_rows == 0 && !fused) {
    const std::size_t p = read_proactive(chosen.proactive, ctx);
    const std::size_t v = read_reviews(rows[static_cast<std::size_t>(table_kind::reviews)], ctx);
    partial = p >= 4 || v >= 15;
    if (partial)
      diags.add(
          diagnostic_builder("document.partial")
              .path("applications")
              .at(diags.file, doc.blocks.empty() ? source_span{} : doc.blocks.front().span)
              .expected("the application table (三、收到和处理政府信息公开申请情况)")
              .found("absent")
              .message("文档中没有政府信息公开申请情况表（可能是图片或节选），只读取了其余表格")
              .message_en(
                  "the document has no application table (an image or an excerpt, perhaps); the "
                  "other tables are read"));
  }
  if (matrix_rows == 0 && !fused && !partial) {
    // No table of the template: not a report of the national template (an old-format report).
    res.value = make_report(choice.id);
    res.value.meta = meta;
    diags.out.clear();
    diags.add(
        diagnostic_builder("document.not_template")
            .at(diags.file, doc.blocks.empty() ? source_span{} : doc.blocks.front().span)
            .expected("the tables of the national template (三、收到和处理政府信息公开申请情况)")
            .found("no application table")
            .message("文档中没有国家模板的政府信息公开申请情况表，不是按国家格式编制的年度报告")
            .message_en(
                "the document has no application table of the national template; it is not a "
                "report in the national format"));
    res.diagnostics = std::move(diags.out);
    return res;
  }
  if (!fused && !partial) {
    read_proactive(chosen.proactive, ctx);
    read_reviews(rows[static_cast<std::size_t>(table_kind::reviews)], ctx);
  }

  // ---- narrative and section diagnostics -------------------------------------------------------
  std::array<std::string*, section_count> text = {
      &res.value.narrative.overview, &res.value.narrative.proactive,
      &res.value.narrative.applications, &res.value.narrative.reviews,
      &res.value.narrative.problems, &res.value.narrative.other_matters};
  auto append = [&](int section, std::string_view piece) {
    if (section < 0 || trim(piece).empty()) return;
    std::string& t = *text[static_cast<std::size_t>(section)];
    if (!t.empty()) t += '\n';
    t += trim(piece);
  };
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (member_of[i] < 0 && inner[i].empty()) continue;
    if (consumed[i] || b.kind == block_kind::table) continue;
    // A paragraph with headings inside: each piece goes to its section, the headings to none.
    std::string_view rest = b.text;
    std::size_t from = 0;
    int section = member_of[i];
    for (const inline_heading& h : inner[i]) {
      append(section, rest.substr(from, h.begin - from));
      section = section_of_code(h.code);
      from = h.end;
    }
    append(section, rest.substr(from));
  }
  // Missing and out-of-order sections: the same check as check_sections() (narrative.hpp) over
  // the sections' first headings in document order; a section met again is joined, and said.
  std::vector<std::pair<heading_place, std::size_t>> firsts; // (where, section)
  for (std::size_t s = 0; s < section_count; ++s)
    if (!found[s].empty()) firsts.emplace_back(found[s].front(), s);
  std::sort(firsts.begin(), firsts.end(), [](const auto& a, const auto& b) {
    return std::pair(a.first.block, a.first.offset) < std::pair(b.first.block, b.first.offset);
  });
  std::vector<found_section> in_order;
  for (const auto& [at, s] : firsts)
    in_order.push_back({std::string(sections[s].code),
                        source_position{doc.source, at.span.line, at.span.column}});
  for (auto& d : check_sections(in_order, doc.source)) diags.out.push_back(std::move(d));
  for (std::size_t s = 0; s < section_count; ++s) {
    const std::string heading(sections[s].heading);
    for (std::size_t k = 1; k < found[s].size(); ++k)
      diags.add(
          diagnostic_builder("document.duplicate_section")
              .path("narrative." + std::string(sections[s].code))
              .at(diags.file, found[s][k].span)
              .expected(heading)
              .found(doc.blocks[found[s][k].block].text)
              .message("「" + heading + "」部分重复出现，内容合并")
              .message_en("the section \"" + heading + "\" appears again; its parts are joined"));
  }

  // Report in document order: position, then the order of finding.
  std::stable_sort(diags.out.begin(), diags.out.end(), [](const diagnostic& a, const diagnostic& b) {
    const bool ka = a.position.line != 0, kb = b.position.line != 0;
    if (ka != kb) return ka;
    if (a.position.line != b.position.line) return a.position.line < b.position.line;
    return a.position.column < b.position.column;
  });
  res.diagnostics = std::move(diags.out);
  return res;
}

} // namespace govdisclose
