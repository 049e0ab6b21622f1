// Converter and OCR forms: every row of section 三 its own little table with placeholder headers
// under `###` headings; partial documents (section 三 an image, an excerpt, a page cut short).
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/validate.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace govdisclose;
using govdisclose::test::count_rule;

namespace {

bool is_count(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

table_cell text_cell(std::string t, bool header = false) {
  table_cell c;
  c.text = std::move(t);
  c.header = header;
  return c;
}

// The index of the block holding section 三's table.
std::size_t applications_block(const document& d) {
  bool in3 = false;
  for (std::size_t i = 0; i < d.blocks.size(); ++i) {
    if (d.blocks[i].kind == block_kind::heading)
      in3 = d.blocks[i].text.find("三、收到和处理") != std::string::npos;
    else if (in3 && d.blocks[i].kind == block_kind::table)
      return i;
  }
  FAIL("no section 三 table");
  return 0;
}

// Section 三 as one small table per row: `| 类别 | 数据1 | … | 数据6 | 总计 |`, the row's own
// label (no group), under a `###` heading; the first `keep` data rows only.
document per_row_tables(const report& r, std::size_t keep = 1000) {
  document d = render_document(r);
  const std::size_t at = applications_block(d);
  std::vector<block> rows;
  for (const auto& row : d.blocks[at].table.rows) {
    if (row.size() < 8 || !is_count(row.back().text)) continue;
    if (rows.size() >= keep) break;
    std::string label;
    for (std::size_t i = 0; i + 7 < row.size(); ++i)
      if (!row[i].text.empty()) label = row[i].text;
    block b;
    b.kind = block_kind::table;
    std::vector<table_cell> header{text_cell("类别", true)};
    for (int k = 1; k <= 6; ++k) header.push_back(text_cell("数据" + std::to_string(k), true));
    header.push_back(text_cell("总计", true));
    std::vector<table_cell> data{text_cell(label)};
    for (std::size_t i = row.size() - 7; i < row.size(); ++i) data.push_back(text_cell(row[i].text));
    b.table.rows = {header, data};
    rows.push_back(std::move(b));
  }
  for (block& b : d.blocks)
    if (b.kind == block_kind::heading) b.level = 3;
  d.blocks.erase(d.blocks.begin() + static_cast<std::ptrdiff_t>(at));
  d.blocks.insert(d.blocks.begin() + static_cast<std::ptrdiff_t>(at), rows.begin(), rows.end());
  return d;
}

} // namespace

TEST_SUITE("extract") {

TEST_CASE("per-row Markdown tables with placeholder headers are read by position in template order") {
  for (template_id id : {template_id::t2019, template_id::t2021})
    for (std::uint64_t seed : {3, 8, 21}) {
      generate_options o;
      o.template_ = id;
      const report want = generate_report(seed, o);
      const std::string md = write_markdown(per_row_tables(want));
      REQUIRE(md.find("| 类别 | 数据1 |") != std::string::npos);
      REQUIRE(md.find("### ") != std::string::npos);
      const auto got = extract_report(read_markdown(md).value);
      CHECK(got.value.applications == want.applications);
      CHECK(got.value.reviews == want.reviews);
    }
}

TEST_CASE("an excerpt with section 二 and the first rows of 三 reads them and reports the rest") {
  const report want = generate_report(4);
  const std::string md = write_markdown(per_row_tables(want, 3));
  const auto got = extract_report(read_markdown(md).value);
  CHECK(got.value.proactive == want.proactive);
  CHECK(*find_cell(got.value, "applications.granted.total") ==
        *find_cell(want, "applications.granted.total"));
  CHECK_FALSE(find_cell(got.value, "applications.total_processed.total")->present());
  const auto found = validate(got.value);
  CHECK(count_rule(found, "structure.missing_row") > 10);
  CHECK(count_rule(got.diagnostics, "document.not_template") == 0);
}

TEST_CASE("a report whose section 三 is an image reads sections 二 and 四 and says 三 is missing") {
  const report want = generate_report(9);
  document d = render_document(want);
  const std::size_t at = applications_block(d);
  d.blocks[at] = block{};
  d.blocks[at].text = "![三、收到和处理政府信息公开申请情况](table3.png)";
  const auto got = extract_report(read_markdown(write_markdown(d)).value);
  CHECK(count_rule(got.diagnostics, "document.partial") == 1);
  CHECK(count_rule(got.diagnostics, "document.not_template") == 0);
  CHECK(got.value.proactive == want.proactive);
  CHECK(got.value.reviews == want.reviews);
  CHECK(count_rule(validate(got.value), "structure.missing_table") == 1);
}

TEST_CASE("a page cut short inside section 三 keeps the rows it has") {
  const report want = generate_report(12);
  const std::string text = write_text(render_document(want));
  const auto cut = text.find("（四）无法提供");
  REQUIRE(cut != std::string::npos);
  const auto got = extract_report(read_text(text.substr(0, cut)).value);
  CHECK(count_rule(got.diagnostics, "document.not_template") == 0);
  CHECK(*find_cell(got.value, "applications.new_received.total") ==
        *find_cell(want, "applications.new_received.total"));
  CHECK_FALSE(find_cell(got.value, "applications.carried_forward.total")->present());
  CHECK_FALSE(find_cell(got.value, "reviews.administrative_review.total")->present());
}

} // TEST_SUITE
