// The extractor: document → report, in stages. Finds the six sections (extract_sections.cpp),
// the title, agency and year (extract_meta.cpp), sorts tables and number-ending paragraphs into
// the three template tables, detects the template from the labels (extract_template.cpp) and
// hands the rows to the table readers (extract_tables.cpp, extract_fused.cpp). See
// docs/extraction.md.
#include "extract/extract_stages.hpp"

#include <govdisclose/extract.hpp>

#include <algorithm>
#include <array>

namespace govdisclose {
namespace detail {
namespace {

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
  const template_found tmpl =
      find_template(rows[table_kind::proactive], rows[table_kind::applications], meta.year, diags);
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
