// Wrapped row labels in laid-out text (pdftotext -layout, and the PDF reader's lines): a label
// broken at any character over several lines, its numbers on the first, the last or a middle
// line, or on a line of their own between or after the pieces (docs/extraction.md, "Wrapped
// labels"). Hand-made samples for each placement, then a property over generated reports.
#include <govdisclose/catalog.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/reflect.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

namespace {

// The start of a section 三 table as pdftotext -layout prints it.
const std::string header = "三、收到和处理政府信息公开申请情况\n"
                           "                                 申请人情况\n"
                           "                                        法人或其他组织\n"
                           "                  自然人   商业企业   科研机构   社会公益组织   "
                           "法律服务机构   其他   总计\n";

const std::string numbers = "  3    1    0    0    0    0    4";

result<report> read(const std::string& table_lines) {
  read_options o;
  o.source = "wrapped.txt";
  return read_report(header + table_lines, o);
}

// The row's seven cells as text ("" for absent or blank).
std::vector<std::string> row_of(const report& r, std::string_view row) {
  std::vector<std::string> out;
  for (auto col : {"natural_person", "commercial_enterprise", "research_institution",
                   "social_welfare_organization", "legal_service_agency", "other_organization",
                   "total"}) {
    const cell* c = find_cell(r, "applications." + std::string(row) + "." + col);
    out.push_back(c && c->state == cell_state::number ? c->value.to_string() : "");
  }
  return out;
}

const std::vector<std::string> expected = {"3", "1", "0", "0", "0", "0", "4"};

// No row was left unread or unlabelled.
bool all_rows_read(const result<report>& r) {
  for (const auto& d : r.diagnostics)
    if (d.rule == "structure.unknown_row" || d.rule == "structure.unlabelled_row" ||
        d.rule == "structure.empty_row" || d.rule == "structure.approximate_label")
      return false;
  return true;
}

std::string rules_of(const result<report>& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.rule + " " + d.found + "\n";
  return out;
}

} // namespace

TEST_SUITE("wrapped_labels") {

// One sample per placement of the numbers: the text of the table's rows, the row whose seven
// cells must read as `expected`, and other cells of the sample that must read too.
struct placement {
  const char* name;
  std::string lines;
  const char* row;
  std::vector<std::tuple<const char*, std::size_t, const char*>> also; // row, column, value
};

TEST_CASE("a wrapped label reads wherever its numbers stand and wherever it breaks") {
  const std::string zeros = "    0    0    0    0    0    0    0\n";
  const std::vector<placement> samples = {
      {"numbers on the first line",
       "  （二）部分公开（区分处理的，只" + numbers + "\n  计这一情形，不计其他情形）\n" +
           "  1.属于国家秘密     " + zeros,
       "partially_granted", {{"withheld.state_secret", 6, "0"}}},
      {"numbers on the last line",
       "  （二）部分公开（区分处理的，只\n  计这一情形，不计其他情形）" + numbers + "\n" +
           "  1.属于国家秘密     " + zeros,
       "partially_granted", {}},
      {"numbers on the middle line of three",
       "  5.要求行政机关确认\n  或重新出具已获" + numbers + "\n  取信息\n" +
           "  （六）其他处理     " + zeros,
       "not_processed.confirmation", {}},
      {"numbers on a line of their own between the pieces",
       "  （二）部分公开（区分处理的，只计这一情\n                          " + numbers +
           "\n  形，不计其他情形）\n  1.属于国家秘密     " + zeros,
       "partially_granted", {}},
      // As in hongze-2024.layout.txt: 只计这一情 形 with a space, the numbers below the label.
      {"numbers on a line of their own after the pieces, a space inside a word",
       "  （一）予以公开         1    0    0    0    0    0    1\n"
       "  （二）部分公开（区分处理的，只计这一情 形，不\n  计其他情形）\n"
       "                          " + numbers + "\n  1.属于国家秘密     " + zeros,
       "partially_granted", {{"granted", 6, "1"}}},
      {"a break inside （一）予以公开, a piece of one character",
       "  （一）予以公" + numbers + "\n  开\n" +
           "  （二）部分公开（区分处理的，只计这一情形，不计其他情形）  " + zeros,
       "granted", {{"partially_granted", 6, "0"}}},
      {"a break after the first character",
       "  （\n  一）予以公开" + numbers + "\n" +
           "  （二）部分公开（区分处理的，只计这一情形，不计其他情形）  " + zeros,
       "granted", {}},
      {"a group label on a line of its own among the pieces",
       "  4.保护第三方合法\n  （三）不予公开" + numbers + "\n  权益\n" +
           "  5.属于三类内部事务信息    " + zeros,
       "withheld.third_party_rights", {}},
  };
  for (const auto& p : samples) {
    CAPTURE(p.name);
    const auto r = read(p.lines);
    CHECK_MESSAGE(all_rows_read(r), rules_of(r));
    CHECK(row_of(r.value, p.row) == expected);
    for (const auto& [row, column, value] : p.also) CHECK(row_of(r.value, row)[column] == value);
  }
}

TEST_CASE("a line of numbers under a complete label is that label's") {
  // A row's numbers stand beside or below its label's first line, never above it.
  const auto r = read("  （一）予以公开\n"
                      "                          " + numbers + "\n"
                      "  （二）部分公开（区分处理的，只计这一情形，不计其他情形）\n"
                      "                          " + numbers + "\n"
                      "  1.属于国家秘密         0    0    0    0    0    0    0\n");
  CHECK_MESSAGE(all_rows_read(r), rules_of(r));
  CHECK(row_of(r.value, "granted") == expected);
  CHECK(row_of(r.value, "partially_granted") == expected);
}

TEST_CASE("numbers whose label names no row of the template are left unread, not guessed") {
  const auto r = read("  （一）予以公开         1    0    0    0    0    0    1\n"
                      "  其中：本级机关受理的申\n"
                      "                          " + numbers + "\n"
                      "  请数量\n"
                      "  （二）部分公开（区分处理的，只计这一情形，不计其他情形）  0  0  0  0  0  0  0\n");
  CHECK(row_of(r.value, "granted")[6] == "1");
  CHECK(row_of(r.value, "partially_granted")[6] == "0");
  const std::string found = rules_of(r);
  CHECK(found.find("structure.unlabelled_row") != std::string::npos);
  CHECK(found.find("structure.unknown_row") != std::string::npos);
}

// Property: every row of a generated report, its label broken at random characters into one to
// three pieces and its numbers on a random line (a piece's, or one of their own between or
// after the pieces), group labels on lines of their own or beside their first row, reads back
// to the report's cells.
TEST_CASE("generated reports with labels wrapped at random read back exactly") {
  int reports = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    generate_options o;
    o.template_ = seed % 3 == 0 ? template_id::t2019 : template_id::t2021;
    const report want = generate_report(seed, o);
    random_source rng(seed * 7919);
    const table_def& t = *catalog(o.template_).table("applications");
    std::string text;
    std::string_view group;
    for (const auto& row : t.rows) {
      if (row.local) continue;
      std::string nums;
      for (const auto& col : row.columns) {
        if (col.local) continue;
        const cell* c = find_cell(want, "applications." + std::string(row.code) + "." +
                                            std::string(col.code));
        REQUIRE(c);
        nums += "    " + c->value.to_string();
      }
      std::string prefix = "  ";
      if (row.group_label != group) {
        group = row.group_label;
        if (group == "三、本年度办理结果") {
          if (rng.below(2) == 0) text += "  三 、本 年 度办 理 结果\n"; // set vertically, as read
        } else if (!group.empty()) {
          if (rng.below(2) == 0) text += "  " + std::string(group) + "\n";
          else prefix = "  " + std::string(group) + "   ";
        }
      }
      // The label as code points, cut at random places.
      std::vector<std::string> cps;
      for (std::size_t pos = 0; pos < row.label.size();) {
        const std::size_t at = pos;
        next_code_point(row.label, pos);
        cps.emplace_back(row.label.substr(at, pos - at));
      }
      // Not inside the numbering ("1" / ".本机关…" would make the 1 a number): after "1.",
      // "一、" or "（一）".
      const std::size_t marker = cps[0] == "（" ? 3 : (cps.size() > 1 && (cps[1] == "." || cps[1] == "、")) ? 2 : 1;
      const auto pieces = static_cast<std::size_t>(rng.below(3)) + 1;
      std::vector<std::size_t> cuts{0};
      for (std::size_t k = 1; k < pieces && cps.size() > marker; ++k)
        cuts.push_back(marker + static_cast<std::size_t>(rng.below(cps.size() - marker)));
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      cuts.push_back(cps.size());
      std::vector<std::string> lines;
      for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        std::string piece;
        for (std::size_t i = cuts[k]; i < cuts[k + 1]; ++i) piece += cps[i];
        lines.push_back(piece);
      }
      // Where the numbers go: beside piece `at` (at < n), or on a line of their own before
      // piece at - n + 1 (between pieces), or after the last piece (at - n + 1 == n).
      const std::size_t n = lines.size();
      const auto at = static_cast<std::size_t>(rng.below(2 * n));
      const std::string own = "                 " + nums + "\n";
      for (std::size_t k = 0; k < n; ++k) {
        if (at >= n && at - n + 1 == k) text += own;
        text += (k == 0 ? prefix : std::string("  ")) + lines[k] + (at == k ? nums : "") + "\n";
      }
      if (at == 2 * n - 1) text += own;
    }
    read_options ro;
    ro.source = "generated.txt";
    const auto got = read_report(header + text, ro);
    CAPTURE(seed);
    CAPTURE(text);
    CHECK_MESSAGE(all_rows_read(got), rules_of(got));
    std::size_t wrong = 0;
    for_each_cell(want.applications, [&](std::string_view path, const cell& c) {
      const cell* g = find_cell(got.value.applications, path);
      if (c.state == cell_state::absent) return;
      if (!g || g->state != c.state || !(g->value == c.value)) ++wrong;
    });
    CHECK(wrong == 0);
    ++reports;
  }
  CHECK(reports == 400);
}

TEST_CASE("column labels stacked so close that two columns' pieces share a cell are no unknown "
          "column") {
  // The applicant labels stacked two characters a line, 社会/公益/组织 and 法律/服务/机构 set so
  // close that a line's pieces of both stand in one cell ("社会 法律"). The header names too few
  // columns to be used, so the rows are read in the template's order — and "社会 法律" is no
  // column whose cells go unread.
  const std::string text = "三、收到和处理政府信息公开申请情况\n"
                           "                                 申请人情况\n"
                           "                  自然人        社会 法律            总计\n"
                           "                           商业 科研\n"
                           "                                 公益 服务 其他\n"
                           "                           企业 机构\n"
                           "                                 组织 机构\n"
                           "一、本年新收政府信息公开申请数量    3    1    0    0    0    0    4\n"
                           "二、上年结转政府信息公开申请数量    0    0    0    0    0    0    0\n";
  read_options o;
  o.source = "stacked.txt";
  const auto r = read_report(text, o);
  REQUIRE(row_of(r.value, "new_received") == expected);
  CHECK_MESSAGE(count_rule(r.diagnostics, "structure.unknown_column") == 0, rules_of(r));
}

} // TEST_SUITE
