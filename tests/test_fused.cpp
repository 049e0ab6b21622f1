// Crawled text whose table cells were fused (extract_fused.cpp): a generated crawled corpus
// (write_html of generated reports with every tag removed and no separator, with and without
// &nbsp; padding) and hand-made samples.
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/testing/corpus.hpp>
#include <govdisclose/validate.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace govdisclose;

namespace {

struct tally {
  std::size_t reports = 0, unique = 0, cells = 0, filled = 0, wrong = 0;
  std::size_t proactive_cells = 0, proactive_filled = 0; // section 二, split by digit count alone
};

// Every present cell of sections 三 and 四 equals the generated one; section 二 too.
void check(const report& want, const report& got, tally& t) {
  bool all = true;
  for_each_cell(want, [&](std::string_view path, const cell& w) {
    if (!w.present()) return;
    const cell* g = find_cell(got, path);
    const bool table = path.rfind("proactive.", 0) != 0;
    ++(table ? t.cells : t.proactive_cells);
    if (!g || !g->present()) {
      all = all && !table;
      return;
    }
    ++(table ? t.filled : t.proactive_filled);
    if (!(*g == w)) {
      ++t.wrong;
      FAIL_CHECK("wrong value at " << path << ": " << g->raw << " instead of " << w.raw);
    }
  });
  ++t.reports;
  if (all) ++t.unique;
}

} // namespace

TEST_SUITE("fused") {

TEST_CASE("crawled generated reports are read with no wrong value, and mostly in full") {
  for (template_id id : {template_id::t2019, template_id::t2021})
    for (bool pad : {false, true}) {
      tally t;
      for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        generate_options o;
        o.template_ = id;
        const report want = generate_report(seed, o);
        const std::string text = testing::crawled_text(want, pad, seed * 7 + 1);
        const auto doc = read_text(text, "crawled.txt");
        const auto got = extract_report(doc.value);
        REQUIRE_MESSAGE(got.value.template_ == id, "seed " << seed);
        check(want, got.value, t);
      }
      CHECK(t.wrong == 0);
      // Sections 三 and 四 read in full in most reports (the rest leave cells absent).
      CHECK(t.unique * 10 >= t.reports * 8);
      // Section 二 has no sum rule: a row is read when its digits split one way only (over half
      // of the cells in these reports).
      CHECK(t.proactive_filled * 2 >= t.proactive_cells);
      MESSAGE("template " << std::string(template_code(id))
                          << std::string(pad ? ", padded" : ", unpadded") << ": "
                          << t.unique << "/" << t.reports << " reports split uniquely, "
                          << t.filled << "/" << t.cells << " cells of 三 and 四 filled, "
                          << t.proactive_filled << "/" << t.proactive_cells << " of 二");
    }
}

TEST_CASE("an excerpt of fused rows reads the rows it holds and splits by their own totals") {
  const std::string text =
      "一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量 "
      "1000001三、本年度办理结果 （一）予以公开 210000021（二）部分公开 8100009";
  const auto got = extract_report(read_text(text).value);
  const report& r = got.value;
  CHECK(find_cell(r, "applications.new_received.natural_person")->value == decimal::whole(71));
  CHECK(find_cell(r, "applications.new_received.commercial_enterprise")->value ==
        decimal::whole(3));
  CHECK(find_cell(r, "applications.partially_granted.natural_person")->value ==
        decimal::whole(8));
  CHECK_FALSE(find_cell(r, "applications.carried_forward.total")->present());
  bool said = false;
  for (const auto& d : got.diagnostics)
    said = said || (d.rule == "extract.split_by_equations" &&
                    d.path == "applications.new_received.natural_person");
  CHECK(said);
}

TEST_CASE("a fused row with fewer digits than cells is left absent and said so") {
  // "1001" has too few digits for seven cells (a blank cell, perhaps): the row is reported as
  // unsplittable and left absent, the others are read.
  const std::string text = "一、本年新收政府信息公开申请数量 1001二、上年结转政府信息公开申请数量 "
                           "0000000三、本年度办理结果 （一）予以公开 0000000";
  const auto got = extract_report(read_text(text).value);
  CHECK_FALSE(find_cell(got.value, "applications.new_received.total")->present());
  CHECK_FALSE(find_cell(got.value, "applications.new_received.natural_person")->present());
  bool said = false;
  for (const auto& d : got.diagnostics)
    said = said || (d.rule == "extract.split_none" &&
                    d.path == "applications.new_received.natural_person" && d.found == "1001");
  CHECK(said);
  CHECK(find_cell(got.value, "applications.carried_over.total")->value == decimal::whole(0));
}

TEST_CASE("a fused row that two splits satisfy is left absent with its candidates") {
  // With no other row to tie the columns, the row total cannot tell 11|0|0|0|0|1|12 from
  // 1|10|0|0|0|1|12: the cells they disagree on stay absent, the others are read.
  const std::string text = "一、本年新收政府信息公开申请数量 110000112二、上年结转政府信息公开申请数量 "
                           "0000000";
  const auto got = extract_report(read_text(text).value);
  CHECK_FALSE(find_cell(got.value, "applications.new_received.natural_person")->present());
  CHECK_FALSE(find_cell(got.value, "applications.new_received.commercial_enterprise")->present());
  CHECK(find_cell(got.value, "applications.new_received.research_institution")->is_number());
  CHECK(find_cell(got.value, "applications.new_received.total")->value == decimal::whole(12));
  bool listed = false;
  for (const auto& d : got.diagnostics)
    listed = listed || (d.rule == "extract.split_ambiguous" &&
                        d.path == "applications.new_received.natural_person" &&
                        d.found.find("11") != std::string::npos);
  CHECK(listed);
}

TEST_CASE("old-format crawled text with fused digits is not read as the template") {
  const std::string text =
      "主动公开文件数条206912106依申请公开件数件1223行政复议件00行政诉讼件00"
      "一、概述二、主动公开政府信息情况三、依申请公开政府信息情况";
  const auto got = extract_report(read_text(text).value);
  REQUIRE_FALSE(got.diagnostics.empty());
  CHECK(got.diagnostics.front().rule == "document.not_template");
}

TEST_CASE("validate() with the reader's findings does not call a row whose fused digits split "
          "several ways missing") {
  // Section 二 has no sum rule: "行政规范性文件 12345" splits several ways and is left absent
  // (extract.split_ambiguous); the row is in the text, so it is not structure.missing_row. The
  // same for the two cells of 一、本年新收 that its row total cannot decide.
  const std::string text =
      "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
      "规章 000 行政规范性文件 12345 三、收到和处理政府信息公开申请情况 "
      "一、本年新收政府信息公开申请数量 110000112二、上年结转政府信息公开申请数量 0000000";
  const auto got = extract_report(read_text(text).value);
  auto said = [&](const std::vector<diagnostic>& ds, std::string_view rule, std::string_view path) {
    return std::any_of(ds.begin(), ds.end(),
                       [&](const diagnostic& d) { return d.rule == rule && d.path == path; });
  };
  REQUIRE(said(got.diagnostics, "extract.split_ambiguous", "proactive.normative_documents.issued"));
  REQUIRE(said(got.diagnostics, "extract.split_ambiguous",
               "applications.new_received.natural_person"));
  const auto alone = validate(got.value);
  REQUIRE(said(alone, "structure.missing_row", "proactive.normative_documents")); // no reading
  const auto ds = validate(got.value, got.diagnostics);
  CHECK_FALSE(said(ds, "structure.missing_row", "proactive.normative_documents"));
  CHECK_FALSE(said(ds, "structure.missing_row", "applications.new_received.natural_person"));
  CHECK_FALSE(said(ds, "structure.missing_row", "applications.new_received.commercial_enterprise"));
  CHECK(said(ds, "structure.missing_row", "applications.granted")); // absent from the text: missing
}

} // TEST_SUITE
