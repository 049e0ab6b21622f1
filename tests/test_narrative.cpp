#include <govdisclose/catalog.hpp>
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/narrative.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/validate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace govdisclose;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count_rule(const std::vector<diagnostic>& ds, std::string_view rule) {
  return static_cast<std::size_t>(
      std::count_if(ds.begin(), ds.end(), [&](const diagnostic& d) { return d.rule == rule; }));
}

std::string dump(const std::vector<diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds)
    s += d.rule + " " + d.path + ": " + d.message + "\n";
  return s;
}

void set_total(report& r, std::string_view path, std::int64_t v) {
  cell* c = find_cell(r, path);
  REQUIRE(c != nullptr);
  *c = cell::number(v);
}

// Several cells at once: set_totals(r, {{"applications.new_received.total", 95}, …}).
void set_totals(report& r, std::initializer_list<std::pair<std::string_view, std::int64_t>> cells) {
  for (const auto& [path, v] : cells)
    set_total(r, path, v);
}

// Every cell of the tables 0, as a start for hand-made reports.
report zero_report(template_id t, int year) {
  report r = make_report(t);
  for_each_cell(r, [](std::string_view path, cell& c) {
    if (!path.ends_with("organization_subtotal") &&
        path.find(".subtotal.") == std::string_view::npos)
      c = cell::number(0);
  });
  r.meta.year = year;
  return r;
}

// The seed report's tables (郑州市大数据局 2022): 2 new applications, both granted; one
// administrative review, upheld; nothing else.
report seed_report() {
  report r = zero_report(template_id::t2021, 2022);
  r.meta.title = "郑州市大数据局2022年政府信息公开工作年度报告";
  r.meta.agency = "郑州市大数据局";
  for (auto p : {"applications.new_received.natural_person", "applications.new_received.total",
                 "applications.granted.total", "applications.total_processed.natural_person",
                 "applications.total_processed.total"})
    set_total(r, p, 2);
  set_total(r, "reviews.administrative_review.upheld", 1);
  set_total(r, "reviews.administrative_review.total", 1);
  return r;
}

// Sentences of /work/shared/corpus/zhengzhou-bigdata-2022.txt, section 一 and 六.
const std::string seed_overview =
    "2022年，在市委市政府的坚强领导下，在市政府办公厅政务服务公开办的大力指导下，我局严格按照"
    "《中华人民共和国信息公开条例》、市人民政府办公厅有关文件精神，开展政务信息公开工作，积极拓展公"
    "开"
    "内容，创新公开形式、完善公开制度、强化公开监督，取得较好成效。\n\n"
    "(一)主动公开情况。坚持“公开为常态、不公开为例外”的原则。2022年，通过局网站主动对外公开各类信息"
    "223条，其中工作动态119条、区县动态72条、通知公告32条。\n\n"
    "(二)依申请公开情况。2022年，办理依申请公开2件，行政复议1件，均按时办结。本年度无行政诉讼。\n\n"
    "(三)政府信息管理情况。郑州市大数据管理局高度重视信息公开保密审查工作，严格落实信息管理员制度，"
    "全年没有发生任何泄密事件。";
const std::string seed_other_matters =
    "(一) 2022年，郑州市大数据管理局发布政策解读6篇，发起民意调查1次，较好完成年度任务。\n\n"
    "(二) 2022年度市大数据局未产生、收取信息处理费。";

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
    s.replace(at, from.size(), to);
  return s;
}

std::string* section(report& r, std::size_t i) {
  std::array<std::string*, 6> s = {&r.narrative.overview,     &r.narrative.proactive,
                                   &r.narrative.applications, &r.narrative.reviews,
                                   &r.narrative.problems,     &r.narrative.other_matters};
  return s[i];
}

} // namespace

TEST_SUITE("narrative") {

  TEST_CASE("Chinese and Arabic numerals parse, table-driven") {
    struct row {
      const char* text;
      std::int64_t value;
    };
    const row good[] = {
        {"0", 0},
        {"2", 2},
        {"223", 223},
        {"1,234", 1234},
        {"\uff12\uff13", 23},
        {"零", 0},
        {"〇", 0},
        {"一", 1},
        {"两", 2},
        {"二", 2},
        {"十", 10},
        {"十五", 15},
        {"二十", 20},
        {"二十三", 23},
        {"九十九", 99},
        {"一百", 100},
        {"一百零五", 105},
        {"一百一十", 110},
        {"一百二十三", 123},
        {"两百", 200},
        {"三千零五", 3005},
        {"三千零五十", 3050},
        {"一千零一十", 1010},
        {"九千九百九十九", 9999},
        {"一万", 10000},
        {"十万", 100000},
        {"一万零五", 10005},
        {"一万五千", 15000},
        {"一万零五百", 10500},
        {"两万三千四百", 23400},
        {"一百万", 1000000},
        {"一亿", 100000000},
        {"二〇二二", 2022},
    };
    for (const auto& g : good) {
      const std::string text = g.text;
      CAPTURE(text);
      CHECK(parse_count(g.text) == g.value);
    }
    // Colloquial, ambiguous or not a count at all: nothing.
    for (const char* bad :
         {"", "一百五", "十二三", "十两", "两十", "一万五", "一百零", "零五", "百", "1.5", "-3",
          "+3", "1,23", "三安全", "二三", "万", "一万一万", "12a"}) {
      const std::string text = bad; // CAPTURE shows strings, not pointers
      CAPTURE(text);
      CHECK_FALSE(parse_count(bad).has_value());
    }
  }

  TEST_CASE("every count written in Chinese numerals reads back") {
    for (std::int64_t n = 0; n <= 120000; ++n) {
      const auto back = parse_count(chinese_numeral(n));
      if (back != n) {
        CAPTURE(n);
        CAPTURE(chinese_numeral(n));
        REQUIRE(back == n);
      }
    }
    for (std::int64_t n :
         {1000000LL, 1000001LL, 10010010LL, 100000005LL, 123456789LL, 2000000000LL}) {
      CAPTURE(n);
      CHECK(parse_count(chinese_numeral(n)) == n);
    }
    CHECK(chinese_numeral(105) == "一百零五");
    CHECK(chinese_numeral(10) == "十");
    CHECK(chinese_numeral(110) == "一百一十");
  }

  TEST_CASE("stated counts are tied to what they are about, table-driven") {
    struct row {
      const char* text;
      std::int64_t value;
      count_topic topic;
    };
    const row rows[] = {
        {"办理依申请公开2件", 2, count_topic::applications_handled},
        {"全年收到政府信息公开申请 34 件", 34, count_topic::applications_received},
        {"本年新收政府信息公开申请二十三件", 23, count_topic::applications_new},
        {"共收到2件政府信息公开申请", 2, count_topic::applications_received},
        {"政府信息公开申请一百零五件", 105, count_topic::applications_any},
        {"上年结转政府信息公开\n申请 2 件", 2, count_topic::carried_over},
        {"结转下年度继续办理1件", 1, count_topic::carried_forward},
        {"转下一\n年度办理答复的有 1 件", 1, count_topic::carried_forward},
        {"所有办结的信息公开申请中同意公开答复 9 件", 9, count_topic::granted},
        {"予以公开两件", 2, count_topic::granted},
        {"部分公开答复 0 件", 0, count_topic::partially_granted},
        {"不予公开答复 2\n件", 2, count_topic::withheld},
        {"无法提供的 10 件", 10, count_topic::unavailable},
        {"不予处理0件", 0, count_topic::not_processed},
        {"其他处理 14 件", 14, count_topic::other_processing},
        {"行政复议1件", 1, count_topic::administrative_review},
        {"有 1 件涉及政府信息公开工作的行政复议", 1, count_topic::administrative_review},
        {"涉及的行政诉讼数为\n0 件", 0, count_topic::litigation},
        {"制发规章1件", 1, count_topic::regulations_issued},
        {"废止行政规范性文件3件", 3, count_topic::normative_repealed},
        {"现行有效规范性文件55件", 55, count_topic::normative_in_force},
        {"当年发布政府信息393件，其中包括：行政规范性文件 13 件", 13,
         count_topic::normative_issued},
        {"主动公开规章4件", 4, count_topic::regulations_published},
        // Not tied: another year, a change, a scope, an estimate, a distribution, a cleanup.
        {"2021年收到政府信息公开申请10件", 10, count_topic::none},
        {"政府信息公开申请较上年增加5件", 5, count_topic::none},
        {"全市共收到政府信息公开申请300件", 300, count_topic::none},
        {"收到政府信息公开申请约30件", 30, count_topic::none},
        {"予以公开、部分公开、不予公开分别为9件", 9, count_topic::none},
        {"清理规范性文件20件", 20, count_topic::none},
        {"完善规章制度3项", 3, count_topic::none},
        {"予以公开和不予公开3件", 3, count_topic::none},
        {"受理群众咨询投诉1200件", 1200, count_topic::none},
        {"行政复议被纠错1件", 1, count_topic::none},
        {"发布政策解读6篇", 6, count_topic::none},
    };
    for (const auto& x : rows) {
      const std::string text = x.text;
      CAPTURE(text);
      const auto st = find_statements(x.text, 2022);
      REQUIRE(!st.counts.empty());
      const stated_count& last = st.counts.back();
      CHECK(last.value == x.value);
      CHECK(last.topic == x.topic);
    }
  }

  TEST_CASE("ordinals, dates, decimals and words with numerals are not counts") {
    for (std::string text : {"第二十条第（一）项", "第一件", "每一件申请都按时答复", "一件事",
                             "2022年12月31日", "1.5件", "国办公开办函〔2021〕30号", "三安全一稳定",
                             "《条例》第二十条", "12345热线", "十四五规划"}) {
      CAPTURE(text);
      CHECK(find_statements(text, 2022).counts.empty());
    }
  }

  TEST_CASE("\"none\" statements are counts of zero") {
    struct row {
      const char* text;
      std::vector<count_topic> topics;
    };
    const row rows[] = {
        {"本年度无行政诉讼。", {count_topic::litigation}},
        {"本年度未发生政府信息公开行政复议和行政诉讼案件。",
         {count_topic::administrative_review, count_topic::litigation}},
        {"2022年，本局未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
         {count_topic::administrative_review, count_topic::litigation}},
        {"本年度未收到政府信息公开申请。", {count_topic::applications_received}},
        {"无因政府信息公开申请被提起行政复议的情况。", {count_topic::administrative_review}},
        // Not statements of zero cases.
        {"该行政复议件未被复议审查机关纠错。", {}},
        {"本年度无行政复议被纠错案件。", {}},
        {"无法提供政府信息的，告知申请人。", {}},
        {"全年没有发生任何泄密事件。", {}},
        {"2022年度市大数据局未产生、收取信息处理费。", {}},
    };
    for (const auto& x : rows) {
      const std::string text = x.text;
      CAPTURE(text);
      const auto st = find_statements(x.text, 2022);
      std::vector<count_topic> got;
      for (const auto& c : st.counts) {
        CHECK(c.value == 0);
        CHECK(c.unit.empty());
        got.push_back(c.topic);
      }
      CHECK(got == x.topics);
    }
  }

  TEST_CASE("stated totals with parts are found, nested lists included") {
    const auto st =
        find_statements("主动公开各类信息223条，其中工作动态119条、区县动态72条、通知公告32条。办结"
                        "40件，其中予以公开30件，"
                        "不予公开5件（其中属于国家秘密2件、属于四类过程性信息3件），无法提供5件。",
                        2022);
    REQUIRE(st.sums.size() == 3);
    CHECK(st.sums[0].total.value == 223);
    CHECK(st.sums[0].parts.size() == 3);
    CHECK(st.sums[1].total.value == 40);
    REQUIRE(st.sums[1].parts.size() == 3);
    CHECK(st.sums[1].parts[1].value == 5);
    CHECK(st.sums[2].total.value == 5);
    CHECK(st.sums[2].parts.size() == 2);

    // Lists that do not give every part are not sums.
    for (std::string text :
         {"共编发文章1640篇，其中原创文章294篇，关注人数达1016823人。",
          "发布政府信息393件，其中包括：行政规范性文件13件；规划计划文件2件；部门预算信息。",
          "主动公开信息223条，其中工作动态119条、区县动态72条等。",
          "收到申请34件，其中予以公开9件，结转下年度1件。",
          // 平潭县 2011: the third part has no unit.
          "获取政府信息总数1873条，其中主动公开政府信息425条，作为依申请公开信息数46条，"
          "不予公开信息数1402。"}) {
      CAPTURE(text);
      CHECK(find_statements(text, 2022).sums.empty());
    }
  }

  TEST_CASE("the seed report's narrative agrees with its tables") {
    report r = seed_report();
    r.narrative.overview = seed_overview;
    r.narrative.other_matters = seed_other_matters;
    const auto ds = check_narrative(r);
    CAPTURE(dump(ds));
    CHECK(ds.empty());

    // The statements the check relied on were found.
    const auto st = find_statements(seed_overview, 2022);
    std::vector<std::pair<std::int64_t, count_topic>> tied;
    for (const auto& c : st.counts)
      if (c.topic != count_topic::none) tied.push_back({c.value, c.topic});
    CHECK(tied ==
          std::vector<std::pair<std::int64_t, count_topic>>{{2, count_topic::applications_handled},
                                                            {1, count_topic::administrative_review},
                                                            {0, count_topic::litigation}});
    REQUIRE(st.sums.size() == 1);
    CHECK(st.sums[0].total.value == 223);
  }

  TEST_CASE("the seed's JSON copy, read as it is, gives no narrative finding") {
    const std::string text =
        read_file(std::string(GOVDISCLOSE_TEST_DATA) + "/zhengzhou-bigdata-2022.json");
    if (text.empty()) return; // the copy is optional
    const auto res = report_from_json(text, "zhengzhou-bigdata-2022.json");
    REQUIRE(res.ok());
    const auto ds = check_narrative(res.value);
    CAPTURE(dump(ds));
    CHECK(ds.empty());
  }

  TEST_CASE("258 in the text where the table says 275 is a count mismatch naming both") {
    report r = seed_report();
    for (auto p : {"applications.new_received.natural_person", "applications.new_received.total",
                   "applications.granted.total", "applications.total_processed.natural_person",
                   "applications.total_processed.total"})
      set_total(r, p, 275);
    find_cell(r, "applications.new_received.total")->span = {41, 9};
    r.meta.source = "seed.txt";
    r.narrative.overview = replace_all(seed_overview, "办理依申请公开2件", "办理依申请公开258件");
    r.narrative.other_matters = seed_other_matters;
    const auto ds = check_narrative(r);
    CAPTURE(dump(ds));
    REQUIRE(ds.size() == 1);
    const diagnostic& d = ds[0];
    CHECK(d.rule == "narrative.count_mismatch");
    CHECK(d.level == severity::warning);
    CHECK(d.path == "narrative.overview");
    CHECK(d.found == "258");
    CHECK(d.expected == "275");
    CHECK(d.position.file == "seed.txt");
    CHECK(d.position.line == 41);
    CHECK(d.message.find("办理依申请公开258件") != std::string::npos);
    CHECK(d.message.find("applications.new_received.total") != std::string::npos);
    CHECK(d.message.find("seed.txt:41:9") != std::string::npos);
    const std::size_t offset = seed_overview.find("办理依申请公开2件");
    CHECK(d.message_en.find("character") != std::string::npos);
    CHECK(d.message_en.find("258") != std::string::npos);
    (void)offset;

    // And the seed's own text against a table that says 275.
    r.narrative.overview = seed_overview;
    const auto ds2 = check_narrative(r);
    CHECK(count_rule(ds2, "narrative.count_mismatch") == 1);
  }

  TEST_CASE("the message gives the code point offset of the number in its section") {
    report r = seed_report();
    r.narrative.other_matters = seed_other_matters;
    r.narrative.applications = "本年度，行政复议3件。";
    const auto ds = check_narrative(r);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].path == "narrative.applications");
    CHECK(ds[0].message.find("第9字") != std::string::npos); // 本年度，行政复议 is 8 code points
    CHECK(ds[0].message_en.find("at character 9") != std::string::npos);
    CHECK(ds[0].expected == "1");
    CHECK(ds[0].found == "3");
  }

  TEST_CASE("the seed's sum with a wrong part is a sum mismatch") {
    report r = seed_report();
    r.narrative.overview = replace_all(seed_overview, "区县动态72条", "区县动态27条");
    r.narrative.other_matters = seed_other_matters;
    const auto ds = check_narrative(r);
    CAPTURE(dump(ds));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "narrative.sum_mismatch");
    CHECK(ds[0].expected == "223");
    CHECK(ds[0].found == "119 + 27 + 32 = 178");
  }

  TEST_CASE("a phrase that could name two cells is reported only when it matches neither") {
    report r = zero_report(template_id::t2021, 2022);
    // 5 new, 2 carried over, 6 processed, 1 carried forward.
    set_totals(r, {{"applications.new_received.total", 5},
                   {"applications.carried_over.total", 2},
                   {"applications.granted.total", 6},
                   {"applications.total_processed.total", 6},
                   {"applications.carried_forward.total", 1}});
    r.narrative.other_matters = "本年度未收取信息处理费。";
    auto findings = [&](const std::string& text) {
      r.narrative.applications = text;
      return count_rule(check_narrative(r), "narrative.count_mismatch");
    };
    CHECK(findings("本年度收到政府信息公开申请5件。") == 0); // new
    CHECK(findings("本年度收到政府信息公开申请7件。") == 0); // new + carried over
    CHECK(findings("本年度收到政府信息公开申请6件。") == 1); // receiving is not processing
    CHECK(findings("本年度办结政府信息公开申请6件。") == 0); // processed
    CHECK(findings("本年度新收政府信息公开申请7件。") == 1); // new only
    CHECK(findings("依申请公开8件。") == 1);
    CHECK(findings("上年结转2件，结转下年度继续办理1件，予以公开6件。") == 0);
    CHECK(findings("上年结转3件。") == 1);
    // Blank and text cells are not carried by the table: nothing to compare (a blank total
    // whose row is blank too; a blank total with numbers beside it is their sum).
    for_each_cell(r, [](std::string_view p, cell& c) {
      if (p.starts_with("applications.carried_over.")) c.state = cell_state::blank;
    });
    CHECK(findings("上年结转3件。") == 0);
    find_cell(r, "applications.carried_over.total")->state = cell_state::text;
    CHECK(findings("上年结转3件。") == 0);
    // A marker means none.
    find_cell(r, "applications.carried_over.total")->state = cell_state::marker;
    CHECK(findings("上年结转3件。") == 1);
    CHECK(findings("上年结转0件。") == 0);
  }

  TEST_CASE("a count stated for another unit than the reporting agency is not the table's") {
    // A district report whose table says 95 new applications, 3 administrative reviews.
    report r = zero_report(template_id::t2021, 2024);
    r.meta.title = "淮安市洪泽区人民政府2024年政府信息公开工作年度报告";
    r.meta.agency = "淮安市洪泽区人民政府";
    r.narrative.other_matters = "全年收取政府信息公开信息处理费0元。";
    set_totals(r, {{"applications.new_received.total", 95},
                   {"applications.total_processed.total", 95},
                   {"applications.granted.total", 95},
                   {"reviews.administrative_review.upheld", 3},
                   {"reviews.administrative_review.total", 3}});
    auto findings = [&](const std::string& text) {
      r.narrative.overview = text;
      return count_rule(check_narrative(r), "narrative.count_mismatch");
    };
    // Another unit's share: acting for the agency, a part (其中…), a named office, every
    // department, subordinate units.
    for (std::string other : {
             "2024年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。",
             "区司法局代表区政府办理行政复议案件2件。",
             "全区共收到申请95件，其中，区发改委受理政府信息公开申请12件。",
             "其中区教育局办理依申请公开8件。",
             "2024年，区政务服务中心共受理政府信息公开申请20件。",
             "区财政局全年新收政府信息公开申请6件。",
             "各部门共受理政府信息公开申请60件。",
             "下属单位收到政府信息公开申请5件。",
             "区政府办未收到政府信息公开申请。",
             "2024年，市政府受理政府信息公开申请300件。", // the city's, in a district's report
         }) {
      CAPTURE(other);
      CHECK(findings(other) == 0);
      const auto st = find_statements(other, 2024, r.meta.agency);
      const bool untied = std::all_of(st.counts.begin(), st.counts.end(), [](const stated_count& c) {
        return c.topic == count_topic::none;
      });
      CHECK(untied);
    }
    // The agency itself, however it names itself, is still checked.
    for (std::string own : {"2024年，区政府受理政府信息公开申请94件。",
                            "本机关共收到政府信息公开申请94件。",
                            "我区全年共受理政府信息公开申请94件。",
                            "洪泽区人民政府全年受理政府信息公开申请94件。",
                            "2024年，淮安市洪泽区人民政府依法办理行政复议1件。",
                            "本机关未收到政府信息公开申请。"}) {
      CAPTURE(own);
      CHECK(findings(own) == 1);
    }
    CHECK(findings("淮安市洪泽区人民政府共收到政府信息公开申请95件。") == 0);
    CHECK(findings("2024年，区政府受理政府信息公开申请95件。") == 0);

    // An agency that names itself at length (郑州市大数据管理局 for 郑州市大数据局).
    report z = seed_report();
    z.narrative.other_matters = seed_other_matters;
    z.narrative.overview = "2022年，郑州市大数据管理局共受理政府信息公开申请3件。";
    CHECK(count_rule(check_narrative(z), "narrative.count_mismatch") == 1);
    z.narrative.overview = "2022年，市城管局共受理政府信息公开申请3件。";
    CHECK(count_rule(check_narrative(z), "narrative.count_mismatch") == 0);
    // Without a known agency only 我…/本… is surely the agency.
    z.meta.agency.clear();
    z.narrative.overview = "2022年，郑州市大数据管理局共受理政府信息公开申请3件。";
    CHECK(count_rule(check_narrative(z), "narrative.count_mismatch") == 0);
    z.narrative.overview = "2022年，我局共受理政府信息公开申请3件。";
    CHECK(count_rule(check_narrative(z), "narrative.count_mismatch") == 1);
  }

  TEST_CASE("a phrase whose cell is blank or not read abstains instead of using another cell") {
    // 公开规章 X件 may name 本年制发件数 or 现行有效件数; with 本年制发 misread as blank, the
    // text's 22 must not be held against 现行有效 235.
    report r = zero_report(template_id::t2021, 2024);
    r.narrative.other_matters = "本年度未收取信息处理费。";
    set_total(r, "proactive.regulations.in_force", 235);
    set_total(r, "proactive.normative_documents.in_force", 55);
    auto findings = [&](const std::string& text) {
      r.narrative.proactive = text;
      return count_rule(check_narrative(r), "narrative.count_mismatch");
    };
    for (cell_state st : {cell_state::blank, cell_state::absent, cell_state::text}) {
      CAPTURE(static_cast<int>(st));
      find_cell(r, "proactive.regulations.issued")->state = st;
      find_cell(r, "proactive.normative_documents.issued")->state = st;
      CHECK(findings("2024年，主动公开市政府规章22件。") == 0);
      CHECK(findings("本年度公开规章22件，主动公开行政规范性文件13件。") == 0);
      CHECK(findings("依法公开区政府规范性文件 13 件。") == 0);
    }
    // Read, the cells decide again.
    set_total(r, "proactive.regulations.issued", 22);
    CHECK(findings("2024年，主动公开市政府规章22件。") == 0);
    set_total(r, "proactive.regulations.issued", 20);
    CHECK(findings("2024年，主动公开市政府规章22件。") == 1);
    CHECK(findings("2024年，主动公开市政府规章235件。") == 0);

    // The same for applications: 办理…申请 may be new, new + carried over or processed.
    report a = zero_report(template_id::t2021, 2024);
    a.narrative.other_matters = "本年度未收取信息处理费。";
    set_total(a, "applications.new_received.total", 5);
    set_total(a, "applications.total_processed.total", 5);
    for_each_cell(a, [](std::string_view p, cell& c) {
      if (p.starts_with("applications.carried_over.")) c = cell{}; // the row was not read
    });
    a.narrative.applications = "本年度办理政府信息公开申请7件。";
    CHECK(count_rule(check_narrative(a), "narrative.count_mismatch") == 0);
    set_total(a, "applications.carried_over.total", 0);
    CHECK(count_rule(check_narrative(a), "narrative.count_mismatch") == 1);
  }

  TEST_CASE("a blank 总计 is the sum of its row's filled cells, and the message says so") {
    // Reports that leave the 总计 column blank and fill the applicant columns: the row settles
    // the count. 3 + 1 granted, 1 + 1 partially, 2 withheld (1 + 1), 8 new.
    report r = zero_report(template_id::t2021, 2022);
    r.narrative.other_matters = "本年度未收取信息处理费。";
    set_totals(r, {{"applications.new_received.natural_person", 6},
                   {"applications.new_received.commercial_enterprise", 2},
                   {"applications.granted.natural_person", 3},
                   {"applications.granted.other_organization", 1},
                   {"applications.partially_granted.natural_person", 1},
                   {"applications.partially_granted.legal_service_agency", 1},
                   {"applications.withheld.state_secret.natural_person", 1},
                   {"applications.withheld.third_party_rights.natural_person", 1},
                   {"applications.total_processed.natural_person", 6},
                   {"applications.total_processed.commercial_enterprise", 2},
                   {"reviews.administrative_review.upheld", 1},
                   {"reviews.administrative_review.corrected", 1}});
    for_each_cell(r, [](std::string_view p, cell& c) {
      if (p.ends_with(".total")) c = cell::blank();
    });
    // Blank applicant cells beside filled ones count as 0, as in the sums.
    find_cell(r, "applications.granted.legal_service_agency")->state = cell_state::blank;
    auto check = [&](const std::string& text) {
      r.narrative.applications = text;
      return check_narrative(r);
    };
    for (std::string ok : {"本年度收到政府信息公开申请8件，予以公开4件，部分公开2件，不予公开2件。",
                           "予以公开 4 件；部分公开二件。", "共办结申请8件。", "行政复议2件。"})
      CHECK(check(ok).empty());
    struct wrong_case {
      std::string text, expected;
    };
    for (const wrong_case& w : {wrong_case{"予以公开5件。", "4"}, wrong_case{"部分公开3件。", "2"},
                                wrong_case{"不予公开1件。", "2"},
                                wrong_case{"本年新收政府信息公开申请9件。", "8"},
                                wrong_case{"行政复议3件。", "2"}}) {
      CAPTURE(w.text);
      const auto ds = check(w.text);
      REQUIRE(ds.size() == 1);
      CHECK(ds[0].rule == "narrative.count_mismatch");
      CHECK(ds[0].expected == w.expected);
      CHECK(ds[0].message.find("按本行各栏之和推算") != std::string::npos);
      CHECK(ds[0].message_en.find("derived") != std::string::npos);
    }
    // A row with no number at all settles nothing.
    for_each_cell(r, [](std::string_view p, cell& c) {
      if (p.starts_with("applications.granted.")) c = cell::blank();
    });
    CHECK(check("予以公开5件。").empty());
    // Text beside a blank total: not carried either.
    set_total(r, "applications.granted.natural_person", 5);
    find_cell(r, "applications.granted.commercial_enterprise")->state = cell_state::text;
    CHECK(check("予以公开6件。").empty());
  }

  TEST_CASE("the true finding on a report with a blank 总计 column is made by validate()") {
    // A generated report (consistent tables, narrative agreeing with them) whose 总计 column is
    // then published blank: the narrative still agrees; a wrong count is still found.
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
      CAPTURE(seed);
      report r = generate_report_with_narrative(seed);
      for_each_cell(r, [](std::string_view p, cell& c) {
        if (p.starts_with("applications.") && p.ends_with(".total")) c = cell::blank();
      });
      CHECK(count_rule(check_narrative(r), "narrative.count_mismatch") == 0);
      std::int64_t granted = 0;
      for (auto col : {"natural_person", "commercial_enterprise", "research_institution",
                       "social_welfare_organization", "legal_service_agency", "other_organization"})
        granted += find_cell(r, std::string("applications.granted.") + col)->value.whole_part();
      r.narrative.applications += "本年度予以公开" + std::to_string(granted + 1) + "件。";
      const auto ds = validate(r); // the tables' own findings (blank totals) and the narrative's
      REQUIRE(count_rule(ds, "narrative.count_mismatch") == 1);
      const auto it = std::find_if(ds.begin(), ds.end(), [](const diagnostic& d) {
        return d.rule == "narrative.count_mismatch";
      });
      CHECK(it->expected == std::to_string(granted));
      CHECK(it->message.find("推算") != std::string::npos);
    }
  }

  TEST_CASE("group counts compare with the sum of the group's rows") {
    report r = zero_report(template_id::t2021, 2022);
    set_totals(r, {{"applications.withheld.state_secret.total", 1},
                   {"applications.withheld.process_information.total", 2},
                   {"applications.other.overdue_correction.total", 4}});
    r.narrative.other_matters = "本年度未收取信息处理费。";
    r.narrative.applications = "不予公开3件，其他处理4件。";
    CHECK(check_narrative(r).empty());
    r.narrative.applications = "不予公开2件，其他处理4件。";
    CHECK(count_rule(check_narrative(r), "narrative.count_mismatch") == 1);

    report old = zero_report(template_id::t2019, 2020);
    set_total(old, "applications.other.total", 4);
    old.narrative.applications = "其他处理4件。";
    CHECK(check_narrative(old).empty());
    old.narrative.applications = "其他处理5件。";
    CHECK(count_rule(check_narrative(old), "narrative.count_mismatch") == 1);
  }

  TEST_CASE("a group published as its 小计 row alone is compared through that row") {
    // A one-row （六）其他处理 in a 2021 table (structure.collapsed_group): the group's rows were
    // not published, its 小计 carries the count.
    report r = zero_report(template_id::t2021, 2022);
    r.narrative.other_matters = "本年度未收取信息处理费。";
    for_each_cell(r, [](std::string_view p, cell& c) {
      if (p.starts_with("applications.other.") && !p.starts_with("applications.other.subtotal."))
        c = cell{};
    });
    set_total(r, "applications.other.subtotal.total", 4);
    r.narrative.applications = "其他处理4件。";
    CHECK(check_narrative(r).empty());
    r.narrative.applications = "其他处理5件。";
    auto ds = check_narrative(r);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "narrative.count_mismatch");
    CHECK(ds[0].expected == "4");
    CHECK(ds[0].found == "5");
    CHECK(ds[0].message.find("applications.other.subtotal.total") != std::string::npos);
    CHECK(ds[0].message_en.find("applications.other.subtotal.total = 4") != std::string::npos);
    // Neither the rows nor the 小计 carried: nothing to compare.
    find_cell(r, "applications.other.subtotal.total")->state = cell_state::absent;
    CHECK(check_narrative(r).empty());
  }

  TEST_CASE("litigation may mean either kind or both") {
    report r = zero_report(template_id::t2021, 2022);
    set_total(r, "reviews.litigation_direct.total", 1);
    set_total(r, "reviews.litigation_after_review.total", 2);
    r.narrative.other_matters = "本年度未收取信息处理费。";
    for (std::string ok : {"行政诉讼3件。", "行政诉讼1件。", "行政诉讼2件。"}) {
      r.narrative.reviews = ok;
      CHECK(check_narrative(r).empty());
    }
    r.narrative.reviews = "本年度无行政诉讼。";
    CHECK(count_rule(check_narrative(r), "narrative.count_mismatch") == 1);
  }

  TEST_CASE("the real 2024 市科委 text agrees with its tables except one sum in the text") {
    // Sentences of shanghai-stcsm-2024 (corpus/real), with the table values of that report.
    report r = zero_report(template_id::t2021, 2024);
    r.meta.title = "2024年上海市科委政府信息公开工作年度报告";
    set_totals(r, {{"proactive.normative_documents.issued", 13},
                   {"proactive.normative_documents.in_force", 55},
                   {"applications.new_received.total", 34},
                   {"applications.carried_over.total", 2},
                   {"applications.granted.total", 9},
                   {"applications.withheld.internal_affairs.total", 1},
                   {"applications.withheld.process_information.total", 1},
                   {"applications.unavailable.not_held.total", 4},
                   {"applications.unavailable.needs_creation.total", 6},
                   {"applications.other.overdue_correction.total", 10},
                   {"applications.other.other.total", 4},
                   {"applications.total_processed.total", 35},
                   {"applications.carried_forward.total", 1},
                   {"reviews.administrative_review.upheld", 1},
                   {"reviews.administrative_review.total", 1}});
    r.narrative.overview =
        "上海市科委 2024 "
        "年深入贯彻《政府信息公开条例》和《上\n海市政府信息公开规定》，认真落实市委、市政府关于政务"
        "公开\n"
        "工作的各项部署。2024 年市科委有 1 "
        "件涉及政府信息公开工作的行政复\n议，该行政复议件未被复议审查机关纠错。"
        "涉及的行政诉讼数为\n0 件。\n"
        "市科委积极做好政府信息主动公开工作。截至 2024 年 12 月\n31 "
        "日，市科委通过部门网站当年发布政府信息 393 件，其中包\n"
        "括：行政规范性文件 13 件；规划计划文件 2 件；2024 年度部门\n预算、2023 年度部门决算以及 "
        "2023 年上海市科技计划资金资金\n"
        "分配结果信息；主合办人大代表建议 50 件，主合\n办政协提案 85 件的办理复文。\n"
        "全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 "
        "件，所有申请均已按要求办理完成。所有办结的信息公开\n"
        "申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n件，无法提供的 10 "
        "件，不予处理 0 件，其他处理 14 件，转下一\n"
        "年度办理答复的有 1 件。\n"
        "今年累计批量推送集成式发布政策 121 条，\n日常报送惠企政策 83 条。\n"
        "“上海科技”网站全年累计发布信息 2139 条，其中动态类\n信息发布 1744 条，政务信息发布 393 "
        "条，解读类信息发布 21 条，\n"
        "回应公众关注热点信息 2 条。\n"
        "“上海科技”微信公众号共编发文章 1640 篇，其中原创文章 294\n篇，微信公众号目前关注人数达 "
        "1016823 人。";
    r.narrative.other_matters =
        "本年度信息公开处理费收费情况\n2024 年，市科委未发生政府信息公开收费事项。";
    const auto ds = check_narrative(r);
    CAPTURE(dump(ds));
    CHECK(count_rule(ds, "narrative.count_mismatch") == 0);
    // 1744 + 393 + 21 + 2 = 2160, not 2139: the published text itself disagrees.
    REQUIRE(count_rule(ds, "narrative.sum_mismatch") == 1);
    CHECK(ds.back().expected == "2139");
    CHECK(ds.back().found == "1744 + 393 + 21 + 2 = 2160");
    CHECK(ds.size() == 1);
  }

  TEST_CASE("thousands of generated reports with generated narratives give no finding") {
    std::size_t reports = 0, tied = 0, sums = 0;
    for (template_id t : {template_id::t2021, template_id::t2019}) {
      for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
        generate_options o;
        o.template_ = t;
        o.local_additions = seed % 3 == 0;
        o.max_count = seed % 5 == 0 ? 400 : 40;
        const report r = generate_report_with_narrative(seed, o);
        const auto ds = check_narrative(r);
        if (!ds.empty()) {
          CAPTURE(seed);
          CAPTURE(template_code(t));
          CAPTURE(dump(ds));
          CAPTURE(r.narrative.overview);
          CAPTURE(r.narrative.applications);
          CAPTURE(r.narrative.reviews);
          REQUIRE(ds.empty());
        }
        ++reports;
        for (std::size_t i = 0; i < 6; ++i) {
          const auto st = find_statements(*section(const_cast<report&>(r), i), r.meta.year);
          for (const auto& c : st.counts)
            tied += c.topic != count_topic::none;
          sums += st.sums.size();
        }
      }
    }
    MESSAGE(reports << " reports, " << tied << " counts tied to cells, " << sums << " sums");
    CHECK(tied > reports * 4);
    CHECK(sums >= reports);
  }

  TEST_CASE("generated narratives with blanks in the tables give no finding") {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
      generate_options o;
      o.blank_zero_rate = 0.5;
      const report r = generate_report_with_narrative(seed, o);
      const auto ds = check_narrative(r);
      CAPTURE(seed);
      CAPTURE(dump(ds));
      CHECK(ds.empty());
    }
  }

  TEST_CASE("every injected change of one number in the text is found") {
    std::size_t injected = 0;
    for (std::uint64_t seed = 1; seed <= 600; ++seed) {
      generate_options o;
      o.template_ = seed % 2 ? template_id::t2021 : template_id::t2019;
      const report base = generate_report_with_narrative(seed, o);
      random_source rng(seed);
      for (std::size_t i = 0; i < 6; ++i) {
        report r = base;
        std::string& text = *section(r, i);
        const auto st = find_statements(text, r.meta.year);
        // The counts the check compares: those tied to a cell and those in a stated sum.
        std::vector<stated_count> checked;
        for (const auto& c : st.counts)
          if (c.topic != count_topic::none && c.number_end > c.number_begin) checked.push_back(c);
        for (const auto& s : st.sums) {
          checked.push_back(s.total);
          for (const auto& p : s.parts)
            checked.push_back(p);
        }
        if (checked.empty()) continue;
        const stated_count& c =
            checked[static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(checked.size())))];
        text.replace(c.number_begin, c.number_end - c.number_begin, std::to_string(c.value + 1000));
        const auto ds = check_narrative(r);
        CAPTURE(seed);
        CAPTURE(text);
        CAPTURE(c.phrase);
        CHECK((count_rule(ds, "narrative.count_mismatch") +
               count_rule(ds, "narrative.sum_mismatch")) >= 1);
        ++injected;
      }
    }
    MESSAGE(injected << " numbers changed");
    CHECK(injected > 1500);
  }

  TEST_CASE("every injected change of one table cell the text states is found") {
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
      generate_options o;
      o.template_ = seed % 2 ? template_id::t2021 : template_id::t2019;
      const report base = generate_report_with_narrative(seed, o);
      // The generated text always states the administrative reviews (a count or "none").
      for (const std::string path : {"reviews.administrative_review.total"}) {
        report r = base;
        cell* c = find_cell(r, path);
        *c = cell::number(c->value.whole_part() + 1000);
        const auto ds = check_narrative(r);
        CAPTURE(seed);
        CAPTURE(path);
        CHECK(count_rule(ds, "narrative.count_mismatch") >= 1);
      }
      // The applications section states new applications unless it says none were received.
      report r = base;
      cell* c = find_cell(r, "applications.new_received.total");
      *c = cell::number(c->value.whole_part() + 1000);
      CAPTURE(seed);
      CHECK(count_rule(check_narrative(r), "narrative.count_mismatch") >= 1);
    }
  }

  TEST_CASE("the title's year, meta.year and the stated data period must agree") {
    report r = seed_report();
    r.narrative.overview = seed_overview;
    r.narrative.other_matters = seed_other_matters;
    r.narrative.overview += "本报告所列数据的统计期限为2022年1月1日至12月31日。";
    CHECK(check_narrative(r).empty());

    report wrong_period = r;
    wrong_period.narrative.overview +=
        "本年度报告中所列数据的统计周期为 2021 年 1 月 1 日至 12 月 31 日。";
    auto ds = check_narrative(wrong_period);
    REQUIRE(count_rule(ds, "document.year_mismatch") == 1);
    CHECK(ds[0].path == "narrative.overview");
    CHECK(ds[0].expected == "2022");
    CHECK(ds[0].found == "2021");

    report wrong_title = r;
    wrong_title.meta.title = "郑州市大数据局2021年政府信息公开工作年度报告";
    ds = check_narrative(wrong_title);
    REQUIRE(count_rule(ds, "document.year_mismatch") == 1);
    CHECK(ds[0].path == "meta.title");

    // Without meta.year the title's year is the reference.
    report no_year = r;
    no_year.meta.year.reset();
    no_year.narrative.overview += "统计期限自2021年1月1日起至2021年12月31日止。";
    CHECK(count_rule(check_narrative(no_year), "document.year_mismatch") == 1);

    // A date range that is not the data period is not checked.
    report other_range = r;
    other_range.narrative.overview +=
        "《规划（2021年1月1日至2025年12月31日）》。活动时间为2021年1月1日至12月31日。";
    CHECK(check_narrative(other_range).empty());
  }

  TEST_CASE("a 2021-template section 六 silent about 信息处理费 is a warning") {
    report r = seed_report();
    r.narrative.overview = seed_overview;
    r.narrative.other_matters = "(一) 2022年，发布政策解读6篇。";
    auto ds = check_narrative(r);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "other_matters.processing_fee_silent");
    CHECK(ds[0].path == "narrative.other_matters");
    CHECK(ds[0].level == severity::warning);

    // 行政事业性收费 is another matter and does not answer it.
    r.narrative.other_matters = "本年度行政事业性收费0万元。";
    CHECK(count_rule(check_narrative(r), "other_matters.processing_fee_silent") == 1);
    r.narrative.other_matters = "";
    CHECK(count_rule(check_narrative(r), "other_matters.processing_fee_silent") == 1);

    for (std::string says :
         {"本年度未收取信息处理费。", "2024 年，市科委未发生政府信息公开收费事项。",
          "本年度共收取信息处理费200元。"}) {
      r.narrative.other_matters = says;
      CAPTURE(says);
      CHECK(check_narrative(r).empty());
    }
    // The 2019 template does not ask; a report without any text is not checked.
    report old = zero_report(template_id::t2019, 2020);
    old.narrative.other_matters = "无。";
    CHECK(check_narrative(old).empty());
    CHECK(check_narrative(zero_report(template_id::t2021, 2022)).empty());
  }

  TEST_CASE("the fee of 行政事业性收费 and the 信息处理费 are never compared") {
    report r = seed_report();
    set_total(r, "proactive.fees.amount", 12);
    r.narrative.overview = seed_overview;
    r.narrative.other_matters = "本年度收取信息处理费3件。本年度未收取信息处理费。";
    CHECK(check_narrative(r).empty());
  }

  TEST_CASE("sections found in order give nothing; missing and misplaced ones are warned") {
    const std::vector<std::string> all = {"overview", "proactive", "applications",
                                          "reviews",  "problems",  "other_matters"};
    CHECK(check_sections(all).empty());

    auto ds = check_sections(std::vector<std::string>{"overview", "proactive", "applications",
                                                      "reviews", "other_matters"});
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "document.missing_section");
    CHECK(ds[0].path == "narrative.problems");
    CHECK(ds[0].level == severity::warning);

    ds = check_sections(std::vector<std::string>{"overview", "proactive", "reviews", "applications",
                                                 "problems", "other_matters"});
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "document.section_order");
    CHECK(ds[0].path == "narrative.applications");

    // Repeated headings (numbering restarted for the tables) count once; unknown codes are ignored.
    ds = check_sections(std::vector<std::string>{"overview", "proactive", "applications", "reviews",
                                                 "other_matters", "proactive", "applications",
                                                 "appendix"});
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "document.missing_section");
    CHECK(check_sections(std::vector<std::string>{}).size() == 6);
  }

  TEST_CASE("section headings are recognised with their variants and numbering") {
    CHECK(section_code("一、总体情况") == "overview");
    CHECK(section_code("一、 总体情况") == "overview");
    CHECK(section_code("二、主动公开政府信息情况") == "proactive");
    CHECK(section_code("一、主动公开政府信息情况") == "proactive"); // renumbered
    CHECK(section_code("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况") == "reviews");
    CHECK(section_code("五、政府信息公开工作存在的主要问题及改进情况") == "problems");
    CHECK(section_code("六、其他需要报告的事项：") == "other_matters");
    CHECK(section_code("（一）主动公开情况") == std::nullopt);
    CHECK(section_code("2022年，办理依申请公开2件") == std::nullopt);

    document doc;
    doc.source = "r.html";
    auto add = [&](block_kind k, std::string text, std::uint32_t line) {
      block b;
      b.kind = k;
      b.text = std::move(text);
      b.span = {line, 1};
      doc.blocks.push_back(std::move(b));
    };
    add(block_kind::heading, "一、总体情况", 3);
    add(block_kind::paragraph, "2022年，办理依申请公开2件。", 4);
    add(block_kind::paragraph, "三、收到和处理政府信息公开申请情况", 7);
    add(block_kind::heading, "二、主动公开政府信息情况", 9);
    add(block_kind::heading, "四、政府信息公开行政复议、行政诉讼情况", 12);
    add(block_kind::heading, "六、其他需要报告的事项", 14);
    const auto found = find_sections(doc);
    REQUIRE(found.size() == 5);
    CHECK(found[2].code == "proactive");
    const auto ds = check_sections(doc);
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].rule == "document.section_order");
    CHECK(ds[0].position.to_string() == "r.html:9:1");
    CHECK(ds[1].rule == "document.missing_section");
    CHECK(ds[1].path == "narrative.problems");
    CHECK(ds[1].position.file == "r.html");
  }

  TEST_CASE("heading variants match by the catalog's variants plus similarity") {
    // Reworded headings of real reports: one word changed, a word added or left out.
    CHECK(section_code("五、存在的主要问题及整改措施") == "problems");
    CHECK(section_code("五、存在的主要问题及改进措施") == "problems");
    CHECK(section_code("五、存在的问题及改进措施") == "problems");
    CHECK(section_code("四、政府信息公开工作存在的主要问题及整改情况") == "problems");
    CHECK(section_code("五、主要问题及改进情况") == "problems");
    CHECK(section_code("二、主动公开政府信息的情况") == "proactive");
    CHECK(section_code("三、收到和处理政府信息公开申请的情况") == "applications");
    CHECK(section_code("四、政府信息公开行政复议、行政诉讼的情况") == "reviews");
    CHECK(section_code("六、其他需要报告事项") == "other_matters");
    CHECK(section_code("第五部分 存在的主要问题及整改措施") == "problems");
    CHECK(section_code("(五)存在的主要问题及整改措施：") == "problems");
    // Not headings of the six: sub-headings, sentences, table labels, other topics.
    CHECK(section_code("（一）主动公开情况") == std::nullopt);
    CHECK(section_code("（三）政府信息管理情况") == std::nullopt);
    CHECK(section_code("一、本年新收政府信息公开申请数量") == std::nullopt);
    CHECK(section_code("二、上年结转政府信息公开申请数量") == std::nullopt);
    CHECK(section_code("四、结转下年度继续办理") == std::nullopt);
    CHECK(section_code("三、本年度办理结果") == std::nullopt);
    CHECK(section_code("二、工作机制保障") == std::nullopt);
    CHECK(section_code("六、政府信息公开平台建设") == std::nullopt);
    CHECK(section_code("五、其他需要说明的问题") == std::nullopt);
    CHECK(section_code("无其他需要报告的事项。") == std::nullopt); // a statement in 六
    CHECK(section_code("无其他需要报告的事项") == std::nullopt);   // not numbered: no near match
    CHECK(section_code("六、无其他需要报告的事项。") == std::nullopt);
  }

  TEST_CASE("the extractor and the narrative module find the same headings") {
    // One matcher: a reworded heading is a section boundary for the extractor (its text goes to
    // the section, no document.missing_section) exactly when section_code() names it.
    for (std::string problems : {"五、存在的主要问题及整改措施", "五、存在的问题及改进措施",
                                 "第五部分 存在的主要问题及整改措施", "五、主要问题及改进情况"}) {
      CAPTURE(problems);
      report want = generate_report_with_narrative(7);
      document doc = render_document(want);
      std::size_t replaced = 0;
      for (auto& b : doc.blocks)
        if (b.kind != block_kind::table && section_code(b.text) == "problems") {
          b.text = problems;
          ++replaced;
        }
      REQUIRE(replaced == 1);
      const auto got = extract_report(doc);
      CHECK(count_rule(got.diagnostics, "document.missing_section") == 0);
      CHECK(got.value.narrative.problems == replace_all(want.narrative.problems, "\n\n", "\n"));
      const auto found = find_sections(doc);
      REQUIRE(found.size() == 6);
      CHECK(found[4].code == "problems");
      CHECK(check_sections(doc).empty());
    }
  }

  TEST_CASE("old pre-2019 reports and garbage do not crash the checks") {
    const std::string dir = GOVDISCLOSE_TEST_DATA "/real/";
    std::size_t read = 0;
    for (const char* name :
         {"neg-pingtan-2016.page.txt", "neg-pingtan-2018.page.txt",
          "neg-pingtan-county-2011.page.txt", "neg-pingtan-local-tax-bureau-2013.page.txt"}) {
      std::string text = read_file(dir + name);
      REQUIRE_MESSAGE(!text.empty(), "missing tests/data/real/" << name);
      ++read;
      for (template_id t : {template_id::t2021, template_id::t2019}) {
        report r = generate_report(7, generate_options{t});
        r.narrative.overview = text;
        r.narrative.applications = text.substr(text.size() / 2);
        const auto ds = check_narrative(r);
        for (const auto& d : ds)
          CHECK(d.level == severity::warning);
        const auto st = find_statements(text, 2018);
        CHECK(st.counts.size() > 0);
      }
    }
    CHECK(read == 4);
    // Broken UTF-8, cut numerals, lone brackets, huge numbers.
    random_source rng(99);
    const report base = generate_report_with_narrative(5);
    for (int i = 0; i < 500; ++i) {
      report r = base;
      std::string& text = r.narrative.applications;
      for (int k = 0; k < 4 && !text.empty(); ++k) {
        const auto at = static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(text.size())));
        switch (rng.below(4)) {
        case 0: text[at] = static_cast<char>(rng.below(256)); break;
        case 1: text.erase(at, 1); break;
        case 2: text.insert(at, "（其中"); break;
        default: text.insert(at, "99999999999999999999件"); break;
        }
      }
      (void)check_narrative(r);
      (void)find_statements(text, 2022);
    }
    CHECK(find_statements("\xff\xfe\xe4\xb8", 2022).counts.empty());
    CHECK(find_statements("九千九百九十九亿九千九百九十九万件", 2022).counts.size() == 1);
  }

TEST_CASE("headings run into one line of text are found, and ordinary text makes none") {
  // A crawled page: the whole body on one line, headings fused to the text around them (a
  // number, a unit, a full stop), one with a typing error.
  const std::string body =
      "根据《条例》要求，编制本报告。本报告包括总体情况、主动公开政府信息情况等六个部分。"
      "一、总体情况2023年，本局扎实推进公开工作。见三、收到和处理政府信息公开申请情况，详述如下。"
      "二、主动公开政府信息情况 第二十条第（一）项 规章 000 收费12.5元"
      "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和）"
      "一、本年新收政府信息公开申请数量 1000001二、上年结转政府信息公开申请数量 0000000"
      "（七）总计 1000001四、结转下年度继续办理 0000000 "
      "四、政府信息公开行政法复议、行政诉讼情况行政复议 0 0 0 0 0 "
      "五、存在的主要问题及改进情况（一）存在的主要问题：解读不够。"
      "六、其他需要报告的事项 本年度未收取信息处理费。";
  std::vector<std::string> codes;
  for (const inline_heading& h : inline_headings(body)) codes.push_back(h.code);
  CHECK(codes == std::vector<std::string>{"overview", "proactive", "applications", "reviews",
                                          "problems", "other_matters"});
  const auto hs = inline_headings(body);
  REQUIRE(hs.size() == 6);
  CHECK(body.substr(hs[0].begin, hs[0].end - hs[0].begin) == "一、总体情况");
  // Listings, quotations, cross-references, other numberings: no heading.
  CHECK(inline_headings("本报告分为一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开"
                        "申请情况。").empty());
  CHECK(inline_headings("详见“二、主动公开政府信息情况”一节。").empty());
  CHECK(inline_headings("二、总体情况良好，三、其他需要报告的事项较少。").empty());
  CHECK(inline_headings("第十二、总体情况如下").empty());

  // The extractor and find_sections() find them too: no section is missing, each has its text.
  const std::string page = "标题: 某局2023年度政府信息公开工作年度报告\n" + body + "\n";
  const document doc = read_text(page, "page.txt").value;
  const auto got = extract_report(doc);
  for (const auto& d : got.diagnostics) CHECK_MESSAGE(d.rule != "document.missing_section", d.path);
  CHECK(got.value.narrative.overview.find("本局扎实推进公开工作") != std::string::npos);
  CHECK(got.value.narrative.overview.find("一、总体情况") == std::string::npos);
  CHECK(got.value.narrative.problems.find("解读不够") != std::string::npos);
  CHECK(got.value.narrative.other_matters.find("信息处理费") != std::string::npos);
  CHECK(find_sections(doc).size() == 6);
  CHECK(check_sections(doc).empty());
}

} // TEST_SUITE
