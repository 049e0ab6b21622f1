// The extractor on hand-made documents, one quirk of published reports at a time, on the old
// pre-2019 reports (not the template), on a converted PDF (Shanghai) and on rendered reports.
#include <govdisclose/catalog.hpp>
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/validate.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

namespace {

std::uint32_t code_points(std::string_view s) {
  std::uint32_t n = 0;
  for (std::size_t pos = 0; pos < s.size(); ++n) next_code_point(s, pos);
  return n;
}

// Builds a document line by line, as a text reader would: tables are tab-separated rows; a
// cell written "^text" is covered by a span (it repeats the text of the spanning cell).
struct builder {
  document d;
  std::uint32_t line = 1;
  builder() {
    d.source = "hand.txt";
    d.format = "text";
  }
  builder& text(block_kind kind, std::string t) {
    block b;
    b.kind = kind;
    b.level = kind == block_kind::heading ? 2 : 0;
    b.text = std::move(t);
    b.span = {line, 1};
    d.blocks.push_back(std::move(b));
    line += 2;
    return *this;
  }
  builder& heading(std::string t) { return text(block_kind::heading, std::move(t)); }
  builder& para(std::string t) { return text(block_kind::paragraph, std::move(t)); }
  builder& table(const std::vector<std::string>& rows) {
    block b;
    b.kind = block_kind::table;
    b.span = {line, 1};
    b.table.span = b.span;
    for (const auto& r : rows) {
      std::vector<table_cell> cells;
      std::uint32_t col = 1;
      std::size_t start = 0;
      while (true) {
        const std::size_t tab = r.find('\t', start);
        std::string piece = r.substr(start, tab == std::string::npos ? std::string::npos
                                                                     : tab - start);
        table_cell c;
        c.span = {line, col};
        col += code_points(piece) + 1;
        if (!piece.empty() && piece[0] == '^') {
          c.covered = true;
          piece.erase(0, 1);
        }
        c.text = piece;
        cells.push_back(std::move(c));
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
      b.table.rows.push_back(std::move(cells));
      ++line;
    }
    ++line;
    d.blocks.push_back(std::move(b));
    return *this;
  }
};

const std::vector<std::string> matrix_header = {
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\t\t\t\t\t\t总计",
    "\t自然人\t法人或其他组织\t\t\t\t\t",
    "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
};

// The official rows of section 三 as a tab copy: group labels in their own cell, the following
// rows of a group shifted by two tabs (as in the seed). Row i (from 1) reads i 0 0 0 0 0 i.
std::vector<std::string> matrix_rows(template_id t) {
  std::vector<std::string> out;
  int i = 0;
  std::string_view group;
  for (const auto& r : catalog(t).table("applications")->rows) {
    if (r.local) continue;
    ++i;
    const std::string n = std::to_string(i);
    const std::string values = n + "\t0\t0\t0\t0\t0\t" + n;
    std::string line;
    if (r.group_label.empty() || r.group_label == "三、本年度办理结果") {
      line = std::string(r.label) + "\t" + values;
    } else if (r.group_label != group) {
      line = "\t" + std::string(r.group_label) + "\t" + std::string(r.label) + "\t" + values;
    } else {
      line = "\t\t" + std::string(r.label) + "\t" + values;
    }
    group = r.group_label;
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::vector<std::string> proactive_2021 = {
    "第二十条第（一）项\t\t\t",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t1\t2\t3",
    "行政规范性文件\t4\t5\t6",
    "第二十条第（五）项\t\t\t",
    "信息内容\t本年处理决定数量\t\t",
    "行政许可\t7\t\t",
    "第二十条第（六）项\t\t\t",
    "信息内容\t本年处理决定数量\t\t",
    "行政处罚\t8\t\t",
    "行政强制\t9\t\t",
    "第二十条第（八）项\t\t\t",
    "信息内容\t本年收费金额（单位：万元）\t\t",
    "行政事业性收费\t1.2345\t\t",
};

const std::vector<std::string> reviews_grid = {
    "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
    "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
    "1\t2\t3\t4\t10\t5\t0\t0\t0\t5\t0\t0\t0\t6\t6",
};

// A whole 2021 report; `apps` replaces the section 三 rows, `reviews` the section 四 table.
builder report_2021(const std::vector<std::string>& apps,
                    const std::vector<std::string>& reviews = reviews_grid) {
  builder b;
  b.para("某市某局2022年政府信息公开工作年度报告")
      .heading("一、总体情况")
      .para("第一段。")
      .para("第二段。")
      .heading("二、主动公开政府信息情况")
      .table(proactive_2021)
      .heading("三、收到和处理政府信息公开申请情况")
      .table(apps)
      .heading("四、政府信息公开行政复议、行政诉讼情况")
      .table(reviews)
      .heading("五、存在的主要问题及改进情况")
      .para("问题。")
      .heading("六、其他需要报告的事项")
      .para("未收取信息处理费。");
  return b;
}

const cell& at(const report& r, std::string_view path) {
  static const cell none;
  const cell* c = find_cell(r, path);
  REQUIRE_MESSAGE(c, path);
  return c ? *c : none;
}

bool is(const report& r, std::string_view path, std::int64_t v) {
  const cell& c = at(r, path);
  return c.state == cell_state::number && c.value == decimal::whole(v);
}

const diagnostic* first_rule(const std::vector<diagnostic>& ds, std::string_view rule) {
  for (const auto& d : ds)
    if (d.rule == rule) return &d;
  return nullptr;
}

} // namespace

TEST_SUITE("extract") {

TEST_CASE("a complete tab copy fills every official cell and says nothing") {
  const auto r = extract_report(report_2021(with(matrix_header, matrix_rows(template_id::t2021))).d);
  CHECK(r.diagnostics.empty());
  CHECK(r.value.template_ == template_id::t2021);
  CHECK(is(r.value, "proactive.regulations.issued", 1));
  CHECK(is(r.value, "proactive.normative_documents.in_force", 6));
  CHECK(is(r.value, "proactive.coercion.decisions", 9));
  CHECK(at(r.value, "proactive.fees.amount").value == decimal{12345, 4});
  // Rows in template order read i 0 0 0 0 0 i.
  CHECK(is(r.value, "applications.new_received.natural_person", 1));
  CHECK(is(r.value, "applications.withheld.state_secret.natural_person", 5));
  CHECK(is(r.value, "applications.withheld.prohibited_by_law.total", 6));
  CHECK(is(r.value, "applications.other.other.total", 23));
  CHECK(is(r.value, "applications.carried_forward.total", 25));
  CHECK(is(r.value, "applications.carried_forward.other_organization", 0));
  CHECK(at(r.value, "applications.withheld.subtotal.total").state == cell_state::absent);
  CHECK(is(r.value, "reviews.administrative_review.total", 10));
  CHECK(is(r.value, "reviews.litigation_direct.upheld", 5));
  CHECK(is(r.value, "reviews.litigation_after_review.pending", 6));
  CHECK(r.value.narrative.overview == "第一段。\n第二段。");
  CHECK(r.value.narrative.other_matters == "未收取信息处理费。");
  CHECK(r.value.meta.agency == "某市某局");
}

TEST_CASE("rows shifted by merged label cells are anchored on their right") {
  auto rows = with(matrix_header, matrix_rows(template_id::t2021));
  // One, two and three leading tabs, and only the total of a row filled.
  rows[3] = "\t\t\t一、本年新收政府信息公开申请数量\t7\t0\t0\t0\t0\t1\t8";
  rows[5] = "三、本年度办理结果\t(一) 予以公开\t\t\t\t\t\t3";
  const auto r = extract_report(report_2021(rows).d);
  CHECK(r.diagnostics.empty());
  CHECK(is(r.value, "applications.new_received.natural_person", 7));
  CHECK(is(r.value, "applications.new_received.other_organization", 1));
  CHECK(is(r.value, "applications.new_received.total", 8));
  CHECK(at(r.value, "applications.granted.natural_person").state == cell_state::blank);
  CHECK(at(r.value, "applications.granted.other_organization").state == cell_state::blank);
  CHECK(is(r.value, "applications.granted.total", 3));
  // The cell keeps where it was read.
  CHECK(at(r.value, "applications.granted.total").span.line != 0);
}

TEST_CASE("an eighth column 法人或其他组织小计 fills organization_subtotal") {
  std::vector<std::string> rows = {
      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\t\t\t\t\t\t\t总计",
      "\t自然人\t法人或其他组织\t\t\t\t\t\t",
      "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计\t",
      "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t20\t21",
  };
  const auto r = extract_report(report_2021(rows).d);
  CHECK(is(r.value, "applications.new_received.natural_person", 1));
  CHECK(is(r.value, "applications.new_received.other_organization", 6));
  CHECK(is(r.value, "applications.new_received.organization_subtotal", 20));
  CHECK(is(r.value, "applications.new_received.total", 21));
  CHECK(count_rule(r.diagnostics, "structure.extra_cells") == 0);
}

TEST_CASE("group 小计 rows are read as the group's subtotal") {
  auto rows = with(matrix_header, matrix_rows(template_id::t2021));
  rows.insert(rows.begin() + 3 + 12, "\t\t小计\t40\t0\t0\t0\t0\t0\t40"); // after 8.属于行政查询事项
  const auto r = extract_report(report_2021(rows).d);
  CHECK(r.diagnostics.empty());
  CHECK(is(r.value, "applications.withheld.subtotal.total", 40));
  CHECK(at(r.value, "applications.unavailable.subtotal.total").state == cell_state::absent);
  CHECK(is(r.value, "applications.unavailable.not_held.total", 13));
}

TEST_CASE("a one-row （六）其他处理 in a 2021 table is read as other.subtotal, with a warning") {
  auto rows = with(matrix_header, matrix_rows(template_id::t2021));
  // Replace the three （六） rows by one.
  auto six = std::find_if(rows.begin(), rows.end(), [](const std::string& s) {
    return s.find("（六）其他处理") != std::string::npos;
  });
  REQUIRE(six != rows.end());
  six = rows.erase(six, six + 3);
  rows.insert(six, "\t（六）其他处理\t7\t0\t0\t0\t0\t0\t7");
  // Enough 2021 labels remain (the proactive headers) to keep the 2021 template.
  const auto r = extract_report(report_2021(rows).d);
  CHECK(r.value.template_ == template_id::t2021);
  CHECK(is(r.value, "applications.other.subtotal.total", 7));
  CHECK(at(r.value, "applications.other.other.total").state == cell_state::absent);
  const diagnostic* d = first_rule(r.diagnostics, "structure.collapsed_group");
  REQUIRE(d);
  CHECK(d->path == "applications.other.subtotal");
  CHECK(d->level == severity::warning);
  CHECK(d->position.line != 0);
  // A collapsed group of the 2021 template, not a mix of templates.
  CHECK(count_rule(r.diagnostics, "document.mixed_template") == 0);
}

TEST_CASE("a 2021 report with a one-row （六）其他处理 validates with one warning and its data") {
  // Consistent numbers: 7 new (one from an organisation), 3 granted, 4 collapsed into （六）.
  auto line = [](std::string_view code, std::string values) -> std::string {
    const row_def* r = catalog(template_id::t2021).table("applications")->row(code);
    return std::string(r->label) + "\t" + values;
  };
  const std::string zeros = "0\t0\t0\t0\t0\t0\t0";
  for (std::string six : {"\t（六）其他处理\t3\t0\t0\t0\t0\t1\t4", "（六）其他处理\t3\t0\t0\t0\t0\t1\t4",
                          "\t(六)其他处理\t3\t0\t0\t0\t0\t1\t4"}) {
    CAPTURE(six);
    std::vector<std::string> rows = matrix_header;
    for (const auto& r : catalog(template_id::t2021).table("applications")->rows) {
      if (r.local) continue;
      const std::string_view c = r.code;
      if (c.starts_with("other.")) {
        if (c == "other.overdue_correction") rows.push_back(six);
        continue;
      }
      std::string values = zeros;
      if (c == "new_received" || c == "total_processed") values = "6\t0\t0\t0\t0\t1\t7";
      if (c == "granted") values = "3\t0\t0\t0\t0\t0\t3";
      const std::string label = r.group_label.empty() || r.group_label == "三、本年度办理结果"
                                    ? line(c, values)
                                    : "\t\t" + line(c, values);
      rows.push_back(label);
    }
    const auto r = extract_report(report_2021(rows).d);
    CHECK(r.value.template_ == template_id::t2021);
    CHECK(is(r.value, "applications.other.subtotal.total", 4));
    CHECK(is(r.value, "applications.other.subtotal.other_organization", 1));
    std::vector<diagnostic> all = r.diagnostics;
    for (auto& d : validate(r.value)) all.push_back(std::move(d));
    std::string found;
    for (const auto& d : all) found += d.rule + " " + d.path + "\n";
    CAPTURE(found);
    REQUIRE(all.size() == 1);
    CHECK(all[0].rule == "structure.collapsed_group");
    CHECK(all[0].level == severity::warning);
  }
}

TEST_CASE("2019 labels select the 2019 template, its section 二 and its single （六） row") {
  builder b;
  b.para("某县人民政府2020年政府信息公开工作年度报告")
      .heading("二、主动公开政府信息情况")
      .table({
          "第二十条第（一）项\t\t\t",
          "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
          "规章\t0\t0\t3",
          "规范性文件\t2\t2\t40",
          "第二十条第（五）项\t\t\t",
          "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
          "行政许可\t12\t-2\t300",
          "其他对外管理服务事项\t4\t0\t10",
          "第二十条第（八）项\t\t\t",
          "信息内容\t上一年项目数量\t本年增/减\t",
          "行政事业性收费\t5\t—\t",
          "第二十条第（九）项\t\t\t",
          "信息内容\t采购项目数量\t采购总金额\t",
          "政府集中采购\t3\t251000元\t",
      })
      .heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, matrix_rows(template_id::t2019)));
  const auto r = extract_report(b.d);
  CHECK(r.value.template_ == template_id::t2019);
  CHECK(count_rule(r.diagnostics, "document.mixed_template") == 0);
  CHECK(is(r.value, "proactive.regulations.total_published", 3));
  CHECK(is(r.value, "proactive.normative_documents.produced", 2));
  CHECK(is(r.value, "proactive.licensing.items_change", -2));
  CHECK(is(r.value, "proactive.other_services.decisions", 10));
  const cell& marker = at(r.value, "proactive.fees.items_change");
  CHECK(marker.state == cell_state::marker);
  CHECK(marker.raw == "—");
  // A unit in the cell: the number is read, the raw text kept.
  const cell& amount = at(r.value, "proactive.procurement.amount");
  CHECK(amount.state == cell_state::number);
  CHECK(amount.value == decimal::whole(251000));
  CHECK(amount.raw == "251000元");
  CHECK(is(r.value, "applications.other.total", 21)); // the 2019 row order: （六） is row 21
  CHECK(is(r.value, "applications.total_processed.total", 22));
}

TEST_CASE("a template row's label standing alone is an empty row, not a row the template lacks") {
  // Text with one cell per line (pdftotext without -layout): the labels of section 二 stand on
  // lines of their own, away from their numbers. They name rows the template has.
  builder b;
  b.heading("二、主动公开政府信息情况")
      .table({"信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章", "行政规范性文件"})
      .heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, matrix_rows(template_id::t2021)));
  const auto r = extract_report(b.d);
  CHECK(count_rule(r.diagnostics, "structure.unknown_row") == 0);
  std::vector<std::string> empty;
  for (const auto& d : r.diagnostics)
    if (d.rule == "structure.empty_row") empty.push_back(d.path);
  CHECK(empty == std::vector<std::string>{"proactive.regulations", "proactive.normative_documents"});
}

TEST_CASE("mixed labels choose the template of the majority and say so") {
  // 2021 section 三 (three （六） sub-rows) but a 2019 section 二 with more 2019 labels.
  builder b;
  b.heading("二、主动公开政府信息情况")
      .table({"信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量", "规章\t0\t0\t3",
              "信息内容\t上一年项目数量\t本年增/减\t处理决定数量", "行政许可\t1\t1\t1"})
      .heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, matrix_rows(template_id::t2021)));
  const auto r = extract_report(b.d);
  CHECK(r.value.template_ == template_id::t2019);
  const diagnostic* d = first_rule(r.diagnostics, "document.mixed_template");
  REQUIRE(d);
  CHECK(d->found.find("2019: ") == 0);
  CHECK(d->found.find("2021: ") != std::string::npos);
  // The 2021-only rows have no place in the 2019 model: reported, not guessed.
  CHECK(count_rule(r.diagnostics, "structure.unknown_row") == 3);
}

TEST_CASE("section 四 flattened to one line of 15 numbers, in a table or a paragraph") {
  SUBCASE("a table row without headers") {
    const auto r = extract_report(report_2021(with(matrix_header, matrix_rows(template_id::t2021)),
                                              {"1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t2\t2"})
                                      .d);
    CHECK(r.diagnostics.empty());
    CHECK(is(r.value, "reviews.administrative_review.upheld", 1));
    CHECK(is(r.value, "reviews.litigation_after_review.total", 2));
  }
  SUBCASE("a paragraph of numbers, after headers stacked one per line") {
    builder b;
    b.heading("三、收到和处理政府信息公开申请情况")
        .table(with(matrix_header, matrix_rows(template_id::t2021)))
        .heading("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况");
    for (const char* h : {"行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"})
      b.para(h);
    b.para("3 0 0 0 3 0 0 0 0 0 1 0 0 0 1").heading("五、存在的主要问题及改进情况");
    const auto r = extract_report(b.d);
    CHECK(is(r.value, "reviews.administrative_review.upheld", 3));
    CHECK(is(r.value, "reviews.litigation_after_review.upheld", 1));
    CHECK(at(r.value, "reviews.litigation_after_review.upheld").span ==
          source_span{b.d.blocks.back().span.line - 2, 21});
    CHECK(r.value.narrative.reviews.empty()); // header lines and numbers are the table
  }
  SUBCASE("a count other than 15 is reported and nothing is filled") {
    const auto r = extract_report(
        report_2021(with(matrix_header, matrix_rows(template_id::t2021)), {"1\t0\t0\t0\t1"}).d);
    CHECK(count_rule(r.diagnostics, "structure.cell_count") == 1);
    CHECK(at(r.value, "reviews.administrative_review.upheld").state == cell_state::absent);
  }
}

TEST_CASE("markers, units and text cells keep their state and raw text") {
  auto rows = with(matrix_header, matrix_rows(template_id::t2021));
  rows[3] = "一、本年新收政府信息公开申请数量\t/\t无\t—\t－\t0\t2件\t２";
  rows[4] = "二、上年结转政府信息公开申请数量\t暂无\t0\t0\t0\t0\t0\t0";
  auto b = report_2021(rows);
  // The fee in 元 in a 万元 column: converted exactly, with a warning.
  for (auto& blk : b.d.blocks)
    for (auto& row : blk.table.rows)
      if (!row.empty() && row[0].text == "行政事业性收费") row[1].text = "500元";
  const auto r = extract_report(b.d);
  CHECK(at(r.value, "applications.new_received.natural_person").state == cell_state::marker);
  CHECK(at(r.value, "applications.new_received.commercial_enterprise").raw == "无");
  CHECK(at(r.value, "applications.new_received.research_institution").state == cell_state::marker);
  CHECK(at(r.value, "applications.new_received.social_welfare_organization").state ==
        cell_state::marker);
  CHECK(is(r.value, "applications.new_received.other_organization", 2));
  CHECK(at(r.value, "applications.new_received.other_organization").raw == "2件");
  CHECK(is(r.value, "applications.new_received.total", 2)); // full-width digit
  const cell& t = at(r.value, "applications.carried_over.natural_person");
  CHECK(t.state == cell_state::text);
  CHECK(t.raw == "暂无");
  const diagnostic* d = first_rule(r.diagnostics, "cell.unreadable");
  REQUIRE(d);
  CHECK(d->path == "applications.carried_over.natural_person");
  CHECK(d->position.file == "hand.txt");
  CHECK(d->position.line == t.span.line);
  const cell& fee = at(r.value, "proactive.fees.amount");
  CHECK(fee.value == decimal{5, 2}); // 500元 = 0.05万元
  CHECK(fee.raw == "500元");
  CHECK(count_rule(r.diagnostics, "cell.unit_converted") == 1);
}

TEST_CASE("label typos and variants match; a near miss is read with a warning") {
  auto rows = with(matrix_header, matrix_rows(template_id::t2021));
  for (auto& s : rows) {
    const auto replace = [&](std::string_view from, std::string_view to) {
      const auto at = s.find(from);
      if (at != std::string::npos) s.replace(at, from.size(), to);
    };
    replace("2.其他法律行政法规禁止公开", "2、其他法律行政止公开");   // a known typo
    replace("3.危及“三安全一稳定”", "3. 危及\"三安全一稳定\"");       // straight quotes
    replace("4.保护第三方合法权益", "4.保护第三方合法权利");           // a near miss
    replace("（四）无法提供", "(四) 无法提供");                         // ASCII brackets
  }
  const auto r = extract_report(report_2021(rows).d);
  CHECK(is(r.value, "applications.withheld.prohibited_by_law.total", 6));
  CHECK(is(r.value, "applications.withheld.security_and_stability.total", 7));
  CHECK(is(r.value, "applications.withheld.third_party_rights.total", 8));
  CHECK(is(r.value, "applications.unavailable.not_held.total", 13));
  REQUIRE(count_rule(r.diagnostics, "structure.approximate_label") == 1);
  const diagnostic* d = first_rule(r.diagnostics, "structure.approximate_label");
  CHECK(d->found == "4.保护第三方合法权利");
  CHECK(d->expected == "4.保护第三方合法权益");
}

TEST_CASE("a grid with spans: covered cells are labels, and colspans are one value") {
  const std::vector<std::string> rows = with(
      matrix_header,
      {
          "一、本年新收政府信息公开申请数量\t^一、本年新收政府信息公开申请数量\t^一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4",
          "三、本年度办理结果\t（一）予以公开\t^（一）予以公开\t2\t0\t0\t0\t0\t0\t2",
          "^三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1",
          "^三、本年度办理结果\t^（三）不予公开\t小计\t1\t0\t0\t0\t0\t0\t1",
          "^三、本年度办理结果\t（七）总计\t^（七）总计\t3\t0\t0\t0\t0\t0\t3",
      });
  const auto r = extract_report(report_2021(rows).d);
  CHECK(is(r.value, "applications.new_received.total", 4));
  CHECK(is(r.value, "applications.granted.natural_person", 2));
  CHECK(is(r.value, "applications.withheld.state_secret.total", 1));
  CHECK(is(r.value, "applications.withheld.subtotal.total", 1));
  CHECK(is(r.value, "applications.total_processed.total", 3));
  CHECK(count_rule(r.diagnostics, "structure.extra_cells") == 0);

  // A value spanning two data columns is read once; the row keeps its alignment.
  builder b;
  b.heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, {"一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1"}))
      .heading("二、主动公开政府信息情况")
      .table({"信息内容\t采购项目数量\t采购总金额\t^采购总金额", "政府集中采购\t3\t12.5\t^12.5"});
  const auto r2 = extract_report(b.d);
  CHECK(r2.value.template_ == template_id::t2019);
  CHECK(is(r2.value, "proactive.procurement.items", 3));
  CHECK(at(r2.value, "proactive.procurement.amount").value == decimal{125, 1});
}

TEST_CASE("unknown rows, unknown columns, short and overlong rows are reported with position") {
  std::vector<std::string> rows = {
      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\t\t\t\t\t\t\t总计",
      "\t自然人\t法人或其他组织\t\t\t\t\t\t",
      "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t外国人\t",
      "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t9\t1",
      "二、上年结转政府信息公开申请数量\t1\t2\t3",
      "四、结转下年度继续办理\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1",
      "五、转办件数量\t1\t0\t0\t0\t0\t0\t0\t1",
  };
  const auto r = extract_report(report_2021(rows).d);
  const diagnostic* col = first_rule(r.diagnostics, "structure.unknown_column");
  REQUIRE(col);
  CHECK(col->found == "外国人");
  CHECK(col->position.line != 0);
  CHECK(is(r.value, "applications.new_received.total", 1)); // the unknown column is skipped
  CHECK(is(r.value, "applications.new_received.other_organization", 0));
  const diagnostic* shorter = first_rule(r.diagnostics, "structure.short_row");
  REQUIRE(shorter);
  CHECK(shorter->path == "applications.carried_over");
  CHECK(first_rule(r.diagnostics, "structure.extra_cells"));
  CHECK(at(r.value, "applications.carried_forward.total").state == cell_state::absent);
  const diagnostic* row = first_rule(r.diagnostics, "structure.unknown_row");
  REQUIRE(row);
  CHECK(row->found.find("五、转办件数量") == 0);
  CHECK(row->position.line == col->position.line + 4);
}

TEST_CASE("section headings: variants, paragraphs or headings, missing and out of order") {
  builder b;
  b.para("某区政府信息公开工作年度报告（2021年）")
      .para("一、 总体情况")
      .para("概述。")
      .heading("（三）收到和处理政府信息公开申请情况")
      .table(with(matrix_header, matrix_rows(template_id::t2021)))
      .heading("二、主动公开政府信息情况")
      .para("主动公开。")
      .heading("五、政府信息公开工作存在的主要问题及改进情况")
      .para("问题。");
  const auto r = extract_report(b.d);
  CHECK(r.value.narrative.overview == "概述。");
  CHECK(r.value.narrative.proactive == "主动公开。");
  CHECK(r.value.narrative.problems == "问题。");
  CHECK(r.value.meta.year == 2021);
  CHECK(count_rule(r.diagnostics, "document.missing_section") == 2); // 四 and 六
  CHECK(count_rule(r.diagnostics, "document.section_order") == 1);
  CHECK(is(r.value, "applications.carried_forward.total", 25));
}

TEST_CASE("the old pre-2019 reports are not the national template: an error and no cell") {
  for (const char* name : {"neg-pingtan-2016.page.txt", "neg-pingtan-2018.page.txt",
                           "neg-pingtan-county-2011.page.txt",
                           "neg-pingtan-local-tax-bureau-2013.page.txt"}) {
    CAPTURE(name);
    const std::string bytes = slurp(std::string(GOVDISCLOSE_TEST_DATA "/real/") + name);
    REQUIRE_FALSE(bytes.empty());
    const auto doc = read_text(bytes, name);
    const auto r = extract_report(doc.value);
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule == "document.not_template");
    CHECK(r.diagnostics[0].level == severity::error);
    std::size_t filled = 0;
    for_each_cell(r.value, [&](std::string_view, const cell& c) { filled += c.present(); });
    CHECK(filled == 0);
    CHECK(r.value.meta.title.find("年度报告") != std::string::npos);
    CHECK(r.value.meta.title.find("标题") == std::string::npos);
  }
}

TEST_CASE("the converted Shanghai PDF: what is there is read, what is not is reported") {
  const std::string bytes = slurp(GOVDISCLOSE_TEST_DATA "/real/shanghai-stcsm-2024.pdf2md.md");
  REQUIRE_FALSE(bytes.empty());
  const auto doc = read_markdown(bytes, "shanghai-stcsm-2024.pdf2md.md");
  const auto r = extract_report(doc.value);
  CHECK(r.ok()); // warnings only
  CHECK(r.value.template_ == template_id::t2021);
  CHECK(r.value.meta.title == "2024 年上海市科委政府信息公开工作年度报告");
  CHECK(r.value.meta.agency == "上海市科委");
  CHECK(r.value.meta.year == 2024);
  // Section 二: the detached 第二十条第（一）项 table (规范性文件 without 行政) and the loose
  // "行政许可 97" lines.
  CHECK(is(r.value, "proactive.normative_documents.issued", 13));
  CHECK(is(r.value, "proactive.normative_documents.in_force", 55));
  CHECK(is(r.value, "proactive.licensing.decisions", 97));
  CHECK(is(r.value, "proactive.fees.amount", 0));
  // Section 三: labelled rows are read; 四、结转's empty total stays blank.
  CHECK(is(r.value, "applications.new_received.natural_person", 32));
  CHECK(is(r.value, "applications.new_received.total", 34));
  CHECK(is(r.value, "applications.granted.total", 9));
  CHECK(is(r.value, "applications.withheld.process_information.total", 1));
  CHECK(is(r.value, "applications.other.other.total", 4));
  CHECK(is(r.value, "applications.total_processed.total", 35));
  CHECK(is(r.value, "applications.carried_forward.natural_person", 1));
  CHECK(at(r.value, "applications.carried_forward.total").state == cell_state::blank);
  // Rows whose labels the converter tore away are reported, not guessed.
  CHECK(at(r.value, "applications.partially_granted.total").state == cell_state::absent);
  CHECK(count_rule(r.diagnostics, "structure.unlabelled_row") >= 10);
  // Section 四: one row of 15 numbers under an unreadable header: the official order, said.
  CHECK(is(r.value, "reviews.administrative_review.upheld", 1));
  CHECK(is(r.value, "reviews.administrative_review.total", 1));
  CHECK(is(r.value, "reviews.litigation_after_review.total", 0));
  CHECK(first_rule(r.diagnostics, "structure.unknown_column"));
  // No heading for 五 (only （一）主要问题 / （二）改进情况).
  const diagnostic* missing = first_rule(r.diagnostics, "document.missing_section");
  REQUIRE(missing);
  CHECK(missing->path == "narrative.problems");
  CHECK(r.value.narrative.other_matters.find("未发生政府信息公开收费事项") != std::string::npos);
}

TEST_CASE("rendered random reports of both templates extract back to themselves") {
  for (template_id t : {template_id::t2019, template_id::t2021})
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      generate_options o;
      o.template_ = t;
      o.blank_zero_rate = 0.3;
      o.local_additions = seed % 2 == 0;
      const report want = generate_report(seed, o);
      CAPTURE(seed);
      CAPTURE(template_code(t));
      const auto r = extract_report(render_document(want));
      CHECK(r.diagnostics.empty());
      CHECK(r.value.template_ == want.template_);
      CHECK(r.value.proactive == want.proactive);
      CHECK(r.value.applications == want.applications);
      CHECK(r.value.reviews == want.reviews);
      CHECK(r.value.narrative == want.narrative);
      CHECK(r.value.meta.title == want.meta.title);
      CHECK(r.value.meta.year == want.meta.year);
    }
}

TEST_CASE("random reports written as text, Markdown and HTML read and extract back") {
  for (template_id t : {template_id::t2019, template_id::t2021})
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      generate_options o;
      o.template_ = t;
      o.blank_zero_rate = 0.3;
      o.local_additions = seed % 2 == 0;
      const report want = generate_report(seed, o);
      const document rendered = render_document(want);
      const std::vector<std::pair<const char*, result<document>>> docs = {
          {"text", read_text(write_text(rendered), "r.txt")},
          {"markdown", read_markdown(write_markdown(rendered), "r.md")},
          {"html", read_html(write_html(rendered), "r.html")},
      };
      for (const auto& item : docs) {
        const std::string format = item.first;
        CAPTURE(seed);
        CAPTURE(template_code(t));
        CAPTURE(format);
        const auto r = extract_report(item.second.value);
        std::string said;
        for (const auto& d : r.diagnostics) said += d.position.to_string() + " " + d.rule + "\n";
        CHECK(said == "");
        CHECK(r.value.template_ == want.template_);
        CHECK(r.value.proactive == want.proactive);
        CHECK(r.value.applications == want.applications);
        CHECK(r.value.reviews == want.reviews);
        CHECK(r.value.narrative == want.narrative);
        CHECK(r.value.meta.title == want.meta.title);
      }
    }
}

TEST_CASE("bad documents never throw: empty, label-only, number-only and ragged tables") {
  std::vector<document> docs(4);
  docs[1] = builder().heading("三、收到和处理政府信息公开申请情况").table({"", "\t\t", "自然人"}).d;
  docs[2] = builder().table({"1\t2\t3", "4", "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t9"}).d;
  docs[3] = builder()
                .heading("三、收到和处理政府信息公开申请情况")
                .table({"（七）总计\t\xff\xfe\t1", "小计\t1\t1", "^^\t^1\t", "3.其他\t"})
                .d;
  for (const auto& d : docs) {
    CHECK_NOTHROW(extract_report(d));
    const auto r = extract_report(d);
    CHECK_FALSE(r.diagnostics.empty());
  }
}

} // TEST_SUITE

namespace {
std::size_t of(const std::vector<diagnostic>& ds, std::string_view rule) {
  return static_cast<std::size_t>(
      std::count_if(ds.begin(), ds.end(), [&](const diagnostic& d) { return d.rule == rule; }));
}
} // namespace

TEST_SUITE("extract") {

TEST_CASE("numbers a grid position beside their merged header cells are read when one placement fits") {
  // A WPS table: each column label a cell merged over two grid columns, the numbers set in
  // either of them.
  auto b = builder();
  b.heading("二、主动公开政府信息情况")
      .table({"第二十条第（一）项",
              "信息内容\t本年制发件数\t\t本年废止件数\t\t现行有效件数",
              "规章\t0\t5\t\t59\t",
              "行政规范性文件\t25\t0\t\t27\t"})
      .heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, matrix_rows(template_id::t2021)));
  const auto r = extract_report(b.d);
  CHECK(is(r.value, "proactive.regulations.issued", 0));
  CHECK(is(r.value, "proactive.regulations.repealed", 5));
  CHECK(is(r.value, "proactive.regulations.in_force", 59));
  CHECK(is(r.value, "proactive.normative_documents.in_force", 27));
  CHECK(of(r.diagnostics, "structure.shifted_cells") == 2);
  // Four numbers under three columns fit no way: the row is not read.
  auto b2 = builder();
  b2.heading("二、主动公开政府信息情况")
      .table({"第二十条第（一）项",
              "信息内容\t本年制发件数\t\t本年废止件数\t\t现行有效件数",
              "规章\t0\t5\t9\t59\t"})
      .heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, matrix_rows(template_id::t2021)));
  const auto r2 = extract_report(b2.d);
  CHECK(at(r2.value, "proactive.regulations.repealed").state == cell_state::absent);
  CHECK(of(r2.diagnostics, "structure.extra_cells") == 1);
}


TEST_CASE("a column label wrapped over two header rows names its column") {
  // 本年新制作数 / 量 at one grid position (a 2019 table), the other labels on the lower row.
  auto b = builder();
  b.heading("二、主动公开政府信息情况")
      .table({"第二十条第（一）项", "信息内容\t本年新制作数\t本年新公开数\t对外公开总数",
              "\t量\t量\t量", "规章\t16\t0\t15", "规范性文件\t0\t1\t2"})
      .heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, matrix_rows(template_id::t2019)));
  const auto r = extract_report(b.d);
  CHECK(r.value.template_ == template_id::t2019);
  CHECK(is(r.value, "proactive.regulations.produced", 16));
  CHECK(is(r.value, "proactive.regulations.total_published", 15));
  CHECK(is(r.value, "proactive.normative_documents.published", 1));
  CHECK(of(r.diagnostics, "structure.unknown_column") == 0);
}

TEST_CASE("header levels a reader joined into one cell still name the column below them") {
  // 申请人情况 (a header word) over 社会公益组织, and 第二十条第（一）项 (an item) over 本年制发件数.
  auto b = builder();
  b.heading("二、主动公开政府信息情况")
      .table({"信息内容\t第二十条第（一）项本年制发件数\t本年废止件数\t现行有效件数",
              "规章\t3\t1\t9"})
      .heading("三、收到和处理政府信息公开申请情况")
      .table({"\t自然人\t商业企业\t科研机构\t申请人情况社会公益组织\t法律服务机构\t其他\t总计",
              "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21"});
  const auto r = extract_report(b.d);
  CHECK(is(r.value, "proactive.regulations.issued", 3));
  CHECK(is(r.value, "applications.new_received.social_welfare_organization", 4));
  CHECK(is(r.value, "applications.new_received.total", 21));
  CHECK(of(r.diagnostics, "structure.unknown_column") == 0);
}

TEST_CASE("review blocks go by their grid position, not by the header row they stand in") {
  // 行政复议 centred lower in its merged cell than 未经复议直接起诉 / 复议后起诉 beside it.
  const std::vector<std::string> reviews = {
      "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
      "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
      "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t"
      "结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
      "1\t2\t3\t4\t10\t5\t0\t0\t0\t5\t0\t0\t0\t6\t6"};
  const auto r = extract_report(report_2021(with(matrix_header, matrix_rows(template_id::t2021)),
                                            reviews).d);
  CHECK(is(r.value, "reviews.administrative_review.total", 10));
  CHECK(is(r.value, "reviews.litigation_direct.upheld", 5));
  CHECK(is(r.value, "reviews.litigation_after_review.total", 6));
}

TEST_CASE("a table whose first row is a section title starts that section") {
  // A reader took the title set like body text right above the table for its first line.
  auto b = builder();
  b.para("某市某局2022年政府信息公开工作年度报告")
      .heading("一、总体情况")
      .para("第一段。")
      .table({"二、主动公开政府信息情况", "第二十条第（一）项",
              "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t3\t1\t9"})
      .heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, matrix_rows(template_id::t2021)));
  const auto r = extract_report(b.d);
  CHECK(is(r.value, "proactive.regulations.in_force", 9));
  CHECK(of(r.diagnostics, "structure.unknown_row") == 0);
  CHECK(r.value.narrative.overview == "第一段。");
  for (const auto& d : r.diagnostics)
    CHECK_MESSAGE(d.path != "narrative.proactive", d.rule); // section 二 is found, not missing
}

TEST_CASE("a row's numbers at two heights join when they fill different cells") {
  // A print sets one cell's number higher than the rest: two lines of numbers, one label.
  auto b = builder();
  b.heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header,
                  {"（一）予以公开\t\t\t\t\t\t\t16", "\t0\t8\t0\t2\t5\t1\t",
                   "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0"}));
  const auto r = extract_report(b.d);
  CHECK(is(r.value, "applications.granted.commercial_enterprise", 8));
  CHECK(is(r.value, "applications.granted.other_organization", 1));
  CHECK(is(r.value, "applications.granted.total", 16));
  CHECK(of(r.diagnostics, "structure.unlabelled_row") == 0);
  // Two lines filling the same cells are two rows' numbers, never one row's.
  auto b2 = builder();
  b2.heading("三、收到和处理政府信息公开申请情况")
      .table(with(matrix_header, {"（一）予以公开\t0\t0\t0\t0\t0\t0\t0",
                                  "\t1\t1\t1\t1\t1\t1\t6"}));
  const auto r2 = extract_report(b2.d);
  CHECK(is(r2.value, "applications.granted.total", 0));
  CHECK(of(r2.diagnostics, "structure.unlabelled_row") == 1);
}

} // TEST_SUITE
