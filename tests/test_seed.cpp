// The seed report (郑州市大数据局2022年政府信息公开工作年度报告, a tab-separated copy of the web
// page) read and extracted exactly: every cell, the meta data and the six sections' text, with the
// expected values typed from tests/data/zhengzhou-bigdata-2022.txt.
#include <govdisclose/extract.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

namespace {

const std::string seed_path = GOVDISCLOSE_TEST_DATA "/zhengzhou-bigdata-2022.txt";

// One row as published: its line in the file and its cells left to right ("_" = blank).
struct row_spec {
  const char* row;
  unsigned line;
  std::vector<const char*> cells;
};

const char* const applicant_columns[] = {"natural_person",      "commercial_enterprise",
                                         "research_institution", "social_welfare_organization",
                                         "legal_service_agency", "other_organization", "total"};
const char* const review_columns[] = {"upheld", "corrected", "other", "pending", "total"};

std::vector<const char*> zeros(std::size_t n) { return std::vector<const char*>(n, "0"); }

// Every published cell of the seed, typed from the file.
std::map<std::string, std::pair<unsigned, std::string>> expected_cells() {
  std::map<std::string, std::pair<unsigned, std::string>> out;
  const std::vector<row_spec> proactive = {
      {"regulations", 23, {"0", "0", "0"}},   {"normative_documents", 24, {"0", "0", "0"}},
      {"licensing", 27, {"0"}},               {"penalties", 30, {"0"}},
      {"coercion", 31, {"0"}},                {"fees", 34, {"0"}},
  };
  const std::map<std::string, std::vector<const char*>> proactive_columns = {
      {"regulations", {"issued", "repealed", "in_force"}},
      {"normative_documents", {"issued", "repealed", "in_force"}},
      {"licensing", {"decisions"}},
      {"penalties", {"decisions"}},
      {"coercion", {"decisions"}},
      {"fees", {"amount"}}};
  for (const auto& r : proactive)
    for (std::size_t i = 0; i < r.cells.size(); ++i)
      out[std::string("proactive.") + r.row + "." + proactive_columns.at(r.row)[i]] = {r.line,
                                                                                       r.cells[i]};
  const std::vector<row_spec> applications = {
      {"new_received", 41, {"2", "0", "0", "0", "0", "0", "2"}},
      {"carried_over", 42, zeros(7)},
      {"granted", 43, {"_", "_", "_", "_", "_", "_", "2"}},
      {"partially_granted", 44, {"_", "_", "_", "_", "_", "_", "0"}},
      {"withheld.state_secret", 46, zeros(7)},
      {"withheld.prohibited_by_law", 47, zeros(7)},
      {"withheld.security_and_stability", 48, zeros(7)},
      {"withheld.third_party_rights", 49, zeros(7)},
      {"withheld.internal_affairs", 50, zeros(7)},
      {"withheld.process_information", 51, zeros(7)},
      {"withheld.enforcement_files", 52, zeros(7)},
      {"withheld.administrative_query", 53, zeros(7)},
      {"unavailable.not_held", 54, zeros(7)},
      {"unavailable.needs_creation", 55, zeros(7)},
      {"unavailable.unclear_after_correction", 56, zeros(7)},
      {"not_processed.petition_or_complaint", 57, zeros(7)},
      {"not_processed.duplicate", 58, zeros(7)},
      {"not_processed.publication", 59, zeros(7)},
      {"not_processed.excessive", 60, zeros(7)},
      {"not_processed.confirmation", 61, zeros(7)},
      {"other.overdue_correction", 62, zeros(7)},
      {"other.overdue_fee", 63, zeros(7)},
      {"other.other", 64, zeros(7)},
      {"total_processed", 65, {"2", "0", "0", "0", "0", "0", "2"}},
      {"carried_forward", 66, zeros(7)},
  };
  for (const auto& r : applications)
    for (std::size_t i = 0; i < 7; ++i)
      out[std::string("applications.") + r.row + "." + applicant_columns[i]] = {r.line, r.cells[i]};
  const std::vector<row_spec> reviews = {
      {"administrative_review", 73, {"1", "0", "0", "0", "1"}},
      {"litigation_direct", 73, zeros(5)},
      {"litigation_after_review", 73, zeros(5)},
  };
  for (const auto& r : reviews)
    for (std::size_t i = 0; i < 5; ++i)
      out[std::string("reviews.") + r.row + "." + review_columns[i]] = {r.line, r.cells[i]};
  return out;
}

result<report> extract_seed() {
  const auto doc = read_text(slurp(seed_path), "zhengzhou-bigdata-2022.txt");
  REQUIRE(doc.ok());
  return extract_report(doc.value);
}

} // namespace

TEST_SUITE("seed") {

TEST_CASE("the seed report is a 2021-template report read without any diagnostic") {
  const auto r = extract_seed();
  CHECK(r.ok());
  std::string said;
  for (const auto& d : r.diagnostics) said += d.position.to_string() + " " + d.rule + "\n";
  CHECK(said == "");
  CHECK(r.value.template_ == template_id::t2021);
}

TEST_CASE("every cell of the seed report holds what the file says, and no other cell is filled") {
  const auto r = extract_seed();
  const auto expected = expected_cells();
  CHECK(expected.size() == 10 + 25 * 7 + 15);
  std::size_t seen = 0;
  for_each_cell(r.value, [&](std::string_view path, const cell& c) {
    CAPTURE(path);
    const auto it = expected.find(std::string(path));
    if (it == expected.end()) {
      CHECK(c.state == cell_state::absent); // 法人或其他组织小计 and the group 小计 rows
      return;
    }
    ++seen;
    const auto& [line, text] = it->second;
    if (text == "_") {
      CHECK(c.state == cell_state::blank);
      CHECK(c.raw.empty());
    } else {
      CHECK(c.state == cell_state::number);
      CHECK(c.raw == text);
      CHECK(c.value == *decimal::parse(text));
      CHECK(c.span.line == line); // every number keeps where it was read
    }
  });
  CHECK(seen == expected.size());
}

TEST_CASE("the seed's cells point at their exact line and column") {
  const auto r = extract_seed();
  // 一、本年新收政府信息公开申请数量<TAB>2: the label is 16 characters, the 2 is column 18.
  const cell* c = find_cell(r.value, "applications.new_received.natural_person");
  REQUIRE(c);
  CHECK(c->span == source_span{41, 18});
  // The first cell of the flattened review row.
  c = find_cell(r.value, "reviews.administrative_review.upheld");
  REQUIRE(c);
  CHECK(c->span == source_span{73, 1});
  // （一）予以公开: the published total is the row's last cell; the missing applicant cell has no
  // source position, the published blanks have theirs.
  c = find_cell(r.value, "applications.granted.natural_person");
  REQUIRE(c);
  CHECK_FALSE(c->span.known());
  c = find_cell(r.value, "applications.granted.other_organization");
  REQUIRE(c);
  CHECK(c->span.line == 43);
}

TEST_CASE("the seed's title, agency, year, source and format are read") {
  const auto r = extract_seed();
  CHECK(r.value.meta.title == "郑州市大数据局2022年政府信息公开工作年度报告");
  CHECK(r.value.meta.agency == "郑州市大数据局");
  REQUIRE(r.value.meta.year.has_value());
  CHECK(*r.value.meta.year == 2022);
  CHECK(r.value.meta.source == "zhengzhou-bigdata-2022.txt");
  CHECK(r.value.meta.format == "text");
}

TEST_CASE("the seed's six sections keep their text verbatim, tables left out") {
  const auto r = extract_seed();
  const narrative_text& n = r.value.narrative;
  CHECK(n.overview ==
      "2022年，在市委市政府的坚强领导下，在市政府办公厅政务服务公开办的大力指导下，我局严格按照《中华人民共和国信息公开条例》、市人民政府办公厅有关文件精神，开展政务信息公开工作，积极拓展公开内容，创新公开形式、完善公开制度、强化公开监督，取得较好成效。" "\n"
      "(一)主动公开情况。坚持“公开为常态、不公开为例外”的原则。2022年，通过局网站主动对外公开各类信息223条，其中工作动态119条、区县动态72条、通知公告32条。" "\n"
      "(二)依申请公开情况。2022年，办理依申请公开2件，行政复议1件，均按时办结。本年度无行政诉讼。" "\n"
      "(三)政府信息管理情况。郑州市大数据管理局高度重视信息公开保密审查工作，严格落实信息管理员制度，全年没有发生任何泄密事件。" "\n"
      "(四)政府信息公开平台建设情况。在市政府办公厅支持和指导下，持续做好局网站建设和管理，发挥好门户网站的信息公开主渠道作用，指定专人负责维护，及时做好信息发布，方便群众查阅，网站运行科学、有效。" "\n"
      "(五)监督保障情况。形成了主要领导亲自抓、分管领导具体抓、相关处事积极落实、办公室综合协调的工作机制。办公室指定专人负责政府信息公开工作，各业务处室安排专人负责配合办理各项政府信息公开事宜。");
  CHECK(n.proactive.empty());
  CHECK(n.applications.empty());
  CHECK(n.reviews.empty());
  CHECK(n.problems ==
      "(一)政务信息公开内容不够丰富，信息公开的内容较为单一，种类不够多样化。" "\n"
      "(二)政策解读数量有待提升，内容不够详实，形式不够丰富。" "\n"
      "(三)对政务公开工作重视程度还需提高，有时因业务繁忙导致工作信息不能及时总结与上报，主动公开的内容、质量和时效需进一步加强。" "\n"
      "下一步，我局将进一步加强学习和培训，提高思想认识，不断改进工作作风和方式方法全面提高政务公开工作的质量；建立健全工作机制，为政务公开提供制度保障，进一步规范信息公开的内容、方式、流程及职责分工，层层抓落实；丰富信息公开内容，灵活运用文字、图表、视频、漫画等多种形式及时发布政策解读信息，提高信息公开全面性和多样性。");
  CHECK(n.other_matters ==
      "(一) 2022年，郑州市大数据管理局发布政策解读6篇，发起民意调查1次，较好完成年度任务。" "\n"
      "(二) 2022年度市大数据局未产生、收取信息处理费。");
}

TEST_CASE("read_report reads the seed file end to end like read_text and extract_report") {
  const auto direct = extract_seed();
  const auto r = read_report(slurp(seed_path), read_options{"zhengzhou-bigdata-2022.txt"});
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
  CHECK(r.value == direct.value);
  CHECK(r.value.meta.format == "text");
}

TEST_CASE("the seed extracted agrees with the independent JSON transcription of the seed") {
  const auto r = extract_seed();
  const auto j = report_from_json(slurp(GOVDISCLOSE_TEST_DATA "/zhengzhou-bigdata-2022.json"));
  REQUIRE(j.ok());
  CHECK(r.value.template_ == j.value.template_);
  CHECK(r.value.narrative == j.value.narrative);
  CHECK(r.value.meta.title == j.value.meta.title);
  CHECK(r.value.meta.agency == j.value.meta.agency);
  CHECK(r.value.meta.year == j.value.meta.year);
  for_each_cell(j.value, [&](std::string_view path, const cell& c) {
    CAPTURE(path);
    const cell* mine = find_cell(r.value, path);
    REQUIRE(mine);
    CHECK(*mine == c);
  });
}

} // TEST_SUITE
