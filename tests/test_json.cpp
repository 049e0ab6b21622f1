#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/reflect.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

namespace {

const diagnostic* find_rule(const std::vector<diagnostic>& ds, std::string_view rule) {
  for (const auto& d : ds)
    if (d.rule == rule) return &d;
  return nullptr;
}

std::string rules_of(const std::vector<diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.position.to_string() + " " + d.rule + " " + d.path + " " + d.message_en + "\n";
  return s;
}

// A generated report with some cells turned into markers and text, as published reports have.
report varied_report(std::uint64_t seed) {
  random_source rng(seed * 7919 + 1);
  generate_options o;
  o.template_ = rng.chance(0.5) ? template_id::t2019 : template_id::t2021;
  o.local_additions = rng.chance(0.3);
  o.blank_zero_rate = rng.chance(0.5) ? 0.3 : 0.0;
  report r = generate_report(seed, o);
  static constexpr std::array<std::string_view, 8> odd = {
      "/", "\u2014", "\u65e0", "251000\u5143", "\u89c1\u9644\u4ef6", "-", "\uff0f", "n/a \"q\"\\"};
  for_each_cell(r, [&](std::string_view, cell& c) {
    if (rng.chance(0.05)) c = classify_cell(odd[static_cast<std::size_t>(rng.below(odd.size()))]);
    else if (rng.chance(0.01)) c = cell{};
  });
  if (rng.chance(0.3)) r.narrative.reviews = "line one\nline \"two\"\t\\ \x01 end";
  if (rng.chance(0.2)) r.meta.year.reset();
  return r;
}

report read_ok(const std::string& text) {
  auto res = report_from_json(text, "t.json");
  INFO(rules_of(res.diagnostics));
  CHECK(res.diagnostics.empty());
  return res.value;
}

} // namespace

TEST_SUITE("json") {

TEST_CASE("a report survives write, read, write unchanged for thousands of generated reports") {
#ifdef NDEBUG
  constexpr std::uint64_t reports = 10'000;
#else
  constexpr std::uint64_t reports = 1'500; // a Debug build stays under a few seconds
#endif
  std::size_t markers = 0, texts = 0, blanks = 0, fractions = 0;
  for (std::uint64_t seed = 1; seed <= reports; ++seed) {
    const report r = varied_report(seed);
    const std::string first = to_json(r);
    auto back = report_from_json(first);
    if (!back.diagnostics.empty() || !(back.value == r) || to_json(back.value) != first) {
      CAPTURE(seed);
      CAPTURE(first);
      CHECK(back.diagnostics.empty());
      CHECK(back.value == r);
      CHECK(to_json(back.value) == first);
      break;
    }
    if (seed % 10 == 0) { // the compact layout reads back the same too
      auto compact = report_from_json(to_json(r, {0}));
      CHECK(compact.value == r);
      CHECK(compact.diagnostics.empty());
    }
    for_each_cell(back.value, [&](std::string_view, const cell& c) {
      markers += c.state == cell_state::marker;
      texts += c.state == cell_state::text;
      blanks += c.state == cell_state::blank;
      fractions += c.is_number() && !c.value.is_integer();
    });
  }
  // The generated reports exercised every kind of cell.
  CHECK(markers > reports / 2);
  CHECK(texts > reports / 4);
  CHECK(blanks > reports / 2);
  CHECK(fractions > reports / 4);
}

TEST_CASE("written JSON matches the golden files byte for byte") {
  // Regenerate deliberately with GOVDISCLOSE_UPDATE_GOLDEN=1 and review the diff.
  const bool update = std::getenv("GOVDISCLOSE_UPDATE_GOLDEN") != nullptr;
  for (template_id t : {template_id::t2019, template_id::t2021}) {
    generate_options o;
    o.template_ = t;
    o.blank_zero_rate = 0.2;
    o.local_additions = t == template_id::t2021;
    report r = generate_report(2023, o);
    *find_cell(r, "reviews.litigation_direct.other") = classify_cell("\u2014");
    *find_cell(r, "applications.carried_forward.research_institution") = classify_cell("\u65e0");
    const std::string path = std::string(GOVDISCLOSE_TEST_DATA) + "/golden/report-" +
                             std::string(template_code(t)) + ".json";
    const std::string text = to_json(r);
    if (update) std::ofstream(path, std::ios::binary) << text;
    CHECK(text == slurp(path));
    CHECK(read_ok(text) == r);
  }
}

TEST_CASE("the layout is stable: template, meta and narrative first, two-space indent") {
  report r = make_report(template_id::t2019);
  r.meta.title = "t";
  r.narrative.overview = "o";
  std::get<applications_2019>(r.applications).other.total = cell::number(decimal{1, 4});
  std::get<proactive_2019>(r.proactive).fees.items_change = cell::blank();
  CHECK(to_json(r) == "{\n"
                      "  \"template\": \"2019\",\n"
                      "  \"meta\": {\n"
                      "    \"title\": \"t\"\n"
                      "  },\n"
                      "  \"narrative\": {\n"
                      "    \"overview\": \"o\"\n"
                      "  },\n"
                      "  \"proactive\": {\n"
                      "    \"fees\": {\n"
                      "      \"items_change\": null\n"
                      "    }\n"
                      "  },\n"
                      "  \"applications\": {\n"
                      "    \"other\": {\n"
                      "      \"total\": 0.0001\n"
                      "    }\n"
                      "  }\n"
                      "}\n");
  CHECK(to_json(make_report(template_id::t2021), {0}) == "{\"template\":\"2021\"}");
}

TEST_CASE("numbers read back as the exact decimals they were written as") {
  const std::string head = R"({"template":"2021","proactive":{"fees":{"amount":)";
  auto amount = [&](const std::string& number) {
    auto res = report_from_json(head + number + "}}}");
    INFO(rules_of(res.diagnostics));
    CHECK(res.ok());
    return std::get<proactive_2021>(res.value.proactive).fees.amount;
  };
  CHECK(amount("0.0001").value == decimal{1, 4});
  CHECK(amount("1e-4").value == decimal{1, 4});
  CHECK(amount("0.1").value == decimal{1, 1});
  CHECK(amount("1.50").value.scale == 2);
  CHECK(amount("1.50").value.to_string() == "1.50");
  CHECK(amount("2.5E2").value == decimal::whole(250));
  CHECK(amount("-3").value == decimal::whole(-3));
  CHECK(amount("123456789012345678").value == decimal::whole(123456789012345678));
  CHECK(amount("null").state == cell_state::blank);
  const cell marker = amount("\"\u65e0\"");
  CHECK(marker.state == cell_state::marker);
  CHECK(marker.raw == "\u65e0");
  const cell text = amount("\"251000\u5143\"");
  CHECK(text.state == cell_state::text);
  CHECK(text.raw == "251000\u5143");
  // Written exactly too: never through double, never with an exponent.
  report r = make_report(template_id::t2021);
  std::get<proactive_2021>(r.proactive).fees.amount = cell::number(decimal{1, 4});
  CHECK(to_json(r, {0}).find("\"amount\":0.0001}") != std::string::npos);

  for (const char* bad : {"1e-10", "12345678901234567890", "1e400"}) {
    CAPTURE(bad);
    auto res = report_from_json(head + bad + "}}}");
    const diagnostic* d = find_rule(res.diagnostics, "json.number");
    REQUIRE(d);
    CHECK(d->path == "/proactive/fees/amount");
    CHECK(d->found == bad);
    CHECK_FALSE(std::get<proactive_2021>(res.value.proactive).fees.amount.present());
  }
}

TEST_CASE("the seed report reads without diagnostics and keeps its blanks") {
  const std::string text = slurp(std::string(GOVDISCLOSE_TEST_DATA) + "/zhengzhou-bigdata-2022.json");
  const report r = read_ok(text);
  CHECK(r.template_ == template_id::t2021);
  CHECK(r.meta.title == "郑州市大数据局2022年政府信息公开工作年度报告");
  CHECK(r.meta.year == 2022);
  const auto& apps = std::get<applications_2021>(r.applications);
  CHECK(apps.new_received.total == cell::number(2));
  CHECK(apps.granted.natural_person.state == cell_state::blank);
  CHECK(apps.granted.total == cell::number(2));
  CHECK(apps.partially_granted.legal_service_agency.state == cell_state::blank);
  CHECK(apps.partially_granted.total == cell::number(0));
  CHECK_FALSE(apps.withheld.subtotal.total.present()); // no local additions in this report
  CHECK(r.reviews.administrative_review.upheld == cell::number(1));
  CHECK(r.reviews.administrative_review.total == cell::number(1));
  CHECK(r.narrative.overview.find("\n(五)监督保障情况。") != std::string::npos);
  CHECK(r.narrative.proactive.empty());
  std::size_t cells = 0;
  for_each_cell(r, [&](std::string_view, const cell& c) { cells += c.present(); });
  CHECK(cells == 10 + 25 * 7 + 15); // section 二, the 25-row matrix, section 四
  CHECK(read_ok(to_json(r)) == r);
}

TEST_CASE("a syntax error reports the line and column where parsing stopped") {
  const std::string text = "{\n  \"template\": \"2021\",\n  \"meta\": {,\n}";
  auto res = report_from_json(text, "bad.json");
  REQUIRE(res.diagnostics.size() == 1);
  const diagnostic& d = res.diagnostics[0];
  CHECK(d.rule == "json.syntax");
  CHECK(d.level == severity::error);
  CHECK(d.position.file == "bad.json");
  CHECK(d.position.line == 3);
  CHECK(d.position.column == 12);
  CHECK(d.message.find("第3行第12列") != std::string::npos);
  CHECK(d.message_en.find("line 3, column 12") != std::string::npos);
  CHECK_FALSE(res.ok());

  auto truncated = report_from_json("{\"template\": \"20");
  REQUIRE(truncated.diagnostics.size() == 1);
  CHECK(truncated.diagnostics[0].rule == "json.syntax");
  CHECK(truncated.diagnostics[0].position.column == 17);

  auto empty = report_from_json("");
  REQUIRE(empty.diagnostics.size() == 1);
  CHECK(empty.diagnostics[0].position.line == 1);

  auto trailing = report_from_json("{\"template\":\"2021\"} x");
  REQUIRE(trailing.diagnostics.size() == 1);
  CHECK(trailing.diagnostics[0].position.column == 21); // the x
}

TEST_CASE("columns count code points, not bytes") {
  auto res = report_from_json("{\"meta\":{\"title\":\"郑州\"},]");
  REQUIRE(res.diagnostics.size() == 1);
  CHECK(res.diagnostics[0].position.column == 24); // the ']'
}

TEST_CASE("a wrong type names the JSON pointer, the expected and the found type") {
  const std::string text = "{\"template\": \"2021\",\n"
                           " \"applications\": {\"granted\": {\"total\": true}},\n"
                           " \"meta\": {\"year\": \"2022\", \"title\": 5},\n"
                           " \"reviews\": []}";
  auto res = report_from_json(text, "t.json");
  INFO(rules_of(res.diagnostics));
  REQUIRE(res.diagnostics.size() == 4);
  const diagnostic& d = res.diagnostics[0];
  CHECK(d.rule == "json.type");
  CHECK(d.path == "/applications/granted/total");
  CHECK(d.expected == "number, string or null");
  CHECK(d.found == "boolean");
  CHECK(d.position.line == 2);
  CHECK(d.position.column == 31); // the key "total"
  CHECK(d.message.find("/applications/granted/total") != std::string::npos);
  CHECK(res.diagnostics[1].path == "/meta/year");
  CHECK(res.diagnostics[1].expected == "integer");
  CHECK(res.diagnostics[1].found == "string");
  CHECK(res.diagnostics[2].path == "/meta/title");
  CHECK(res.diagnostics[3].path == "/reviews");
  CHECK(res.diagnostics[3].found == "array");
  CHECK_FALSE(res.value.meta.year);

  auto root = report_from_json("[1, 2]");
  REQUIRE(root.diagnostics.size() == 1);
  CHECK(root.diagnostics[0].rule == "json.type");
  CHECK(root.diagnostics[0].found == "array");
}

TEST_CASE("unknown and repeated members are warnings and the rest is read") {
  auto res = report_from_json(
      R"({"template":"2021","extra":1,"applications":{"granted":{"total":3,"tota1":4}},)"
      R"("reviews":{"administrative_review":{"upheld":1,"upheld":2}},"x/y~":{}})");
  INFO(rules_of(res.diagnostics));
  CHECK(res.ok());
  REQUIRE(res.diagnostics.size() == 4);
  CHECK(res.diagnostics[0].rule == "json.unknown_member");
  CHECK(res.diagnostics[0].level == severity::warning);
  CHECK(res.diagnostics[0].path == "/extra");
  CHECK(res.diagnostics[1].path == "/applications/granted/tota1");
  CHECK(res.diagnostics[2].rule == "json.duplicate_member");
  CHECK(res.diagnostics[3].path == "/x~1y~0");
  CHECK(std::get<applications_2021>(res.value.applications).granted.total == cell::number(3));
  CHECK(res.value.reviews.administrative_review.upheld == cell::number(2));
}

TEST_CASE("missing members read as absent cells without a throw") {
  const report r = read_ok(R"({"template":"2019","applications":{"granted":{"total":1}}})");
  CHECK(r.template_ == template_id::t2019);
  CHECK(std::holds_alternative<proactive_2019>(r.proactive));
  const auto& apps = std::get<applications_2019>(r.applications);
  CHECK(apps.granted.total == cell::number(1));
  CHECK_FALSE(apps.granted.natural_person.present());
  CHECK_FALSE(apps.other.total.present());
}

TEST_CASE("the template picks the model alternatives and a bad one is an error") {
  auto r2019 = report_from_json(R"({"template":"2019","proactive":{"procurement":{"items":2}}})");
  CHECK(r2019.ok());
  CHECK(r2019.diagnostics.empty());
  CHECK(std::get<proactive_2019>(r2019.value.proactive).procurement.items == cell::number(2));
  // The template may come last.
  auto late = report_from_json(R"({"applications":{"other":{"total":1}},"template":"2019"})");
  CHECK(late.diagnostics.empty());
  CHECK(std::get<applications_2019>(late.value.applications).other.total == cell::number(1));

  for (const char* bad : {R"({"template":"2020"})", R"({"template":2021})", R"({"meta":{}})"}) {
    CAPTURE(bad);
    auto res = report_from_json(bad);
    REQUIRE(res.diagnostics.size() == 1);
    CHECK(res.diagnostics[0].rule == "json.template");
    CHECK(res.diagnostics[0].path == "/template");
    CHECK_FALSE(res.ok());
    CHECK(res.value.template_ == template_id::t2021);
  }
}

TEST_CASE("deep, huge and non-UTF-8 inputs give errors, not crashes") {
  const std::string deep_array(100'000, '[');
  auto deep = report_from_json(deep_array);
  REQUIRE(deep.diagnostics.size() == 1);
  CHECK(deep.diagnostics[0].rule == "json.depth");
  CHECK(deep.diagnostics[0].position.column == json_max_depth + 1);

  std::string deep_objects;
  for (int i = 0; i < 1000; ++i) deep_objects += "{\"meta\":";
  auto nested = report_from_json(deep_objects);
  REQUIRE(nested.diagnostics.size() == 1);
  CHECK(nested.diagnostics[0].rule == "json.depth");

  // Deep but within the limit, inside a member the model does not have.
  std::string ok_deep = "{\"template\":\"2021\",\"x\":" + std::string(20, '[') + std::string(20, ']') + "}";
  auto fine = report_from_json(ok_deep);
  CHECK(fine.ok());

  auto huge = report_from_json(std::string(json_max_input_bytes + 1, ' '));
  REQUIRE(huge.diagnostics.size() == 1);
  CHECK(huge.diagnostics[0].rule == "json.too_large");

  // A long text within the limit reads fine.
  const std::string long_text(1'000'000, 'a');
  const report big = read_ok("{\"template\":\"2021\",\"narrative\":{\"overview\":\"" + long_text + "\"}}");
  CHECK(big.narrative.overview == long_text);

  // A big array costs nothing and is one type error.
  std::string many = "{\"template\":\"2021\",\"reviews\":[";
  for (int i = 0; i < 100'000; ++i) many += "0,";
  many += "0]}";
  auto arr = report_from_json(many);
  REQUIRE(arr.diagnostics.size() == 1);
  CHECK(arr.diagnostics[0].found == "array");

  const std::string gbk = "{\"template\":\"2021\",\"meta\":{\"title\":\"\xd6\xa3\xd6\xdd\"}}";
  auto bytes = report_from_json(gbk);
  REQUIRE(bytes.diagnostics.size() == 1);
  CHECK(bytes.diagnostics[0].rule == "json.syntax");
  CHECK(bytes.diagnostics[0].position.line == 1);
  // 郑 in GBK (D6 A3) happens to be valid UTF-8; 州 (D6 DD) is not, and parsing stops there.
  CHECK(bytes.diagnostics[0].position.column == 38);
  CHECK(bytes.diagnostics[0].message.find("UTF-8") != std::string::npos);

  auto nul = report_from_json(std::string("{\"template\":\"2021\"\0}", 20));
  CHECK_FALSE(nul.ok());
}

TEST_CASE("hostile inputs stay cheap: capped diagnostics, zero with a huge exponent") {
  std::string many = "{\"template\":\"2021\",\"meta\":{";
  for (int i = 0; i < 50'000; ++i) many += "\"k" + std::to_string(i) + "\":0,\n";
  many += "\"title\":\"t\"}}";
  auto res = report_from_json(many);
  CHECK(res.value.meta.title == "t");
  REQUIRE(res.diagnostics.size() == 1001);
  CHECK(res.diagnostics[999].position.line == 1000);
  CHECK(res.diagnostics.back().rule == "json.too_many_diagnostics");
  CHECK(res.diagnostics.back().found == "49000");
  CHECK(res.diagnostics.back().level == severity::warning);

  std::string zeros = "{\"template\":\"2021\",\"reviews\":{\"administrative_review\":{";
  zeros += "\"upheld\":0e99999,\"corrected\":0.0000000000000000000000,\"other\":-0}}}";
  const report z = read_ok(zeros);
  CHECK(z.reviews.administrative_review.upheld == cell::number(0));
  CHECK(z.reviews.administrative_review.corrected == cell::number(0));
  CHECK(z.reviews.administrative_review.other == cell::number(0));
}

TEST_CASE("a byte order mark is skipped") {
  const report r = read_ok("\xEF\xBB\xBF{\"template\":\"2019\"}");
  CHECK(r.template_ == template_id::t2019);
}

TEST_CASE("strings are escaped and invalid UTF-8 in a report is written as U+FFFD") {
  report r = make_report(template_id::t2021);
  r.meta.title = std::string("a\"b\\c\nd\x01") + "\xff" + "郑";
  const std::string text = to_json(r, {0});
  CHECK(text == "{\"template\":\"2021\",\"meta\":{\"title\":\"a\\\"b\\\\c\\nd\\u0001\xEF\xBF\xBD郑\"}}");
  CHECK(read_ok(text).meta.title == "a\"b\\c\nd\x01\xEF\xBF\xBD郑");
}

TEST_CASE("diagnostics are written as an array of objects with every member") {
  auto res = report_from_json("{\"template\":\"2021\",\n\"reviews\":{\"x\":true}}", "in.json");
  REQUIRE(res.diagnostics.size() == 1);
  const std::string text = diagnostics_to_json(res.diagnostics);
  const boost::json::value v = boost::json::parse(text);
  REQUIRE(v.is_array());
  REQUIRE(v.as_array().size() == 1);
  const boost::json::object& o = v.as_array()[0].as_object();
  CHECK(o.at("rule") == "json.unknown_member");
  CHECK(o.at("level") == "warning");
  CHECK(o.at("path") == "/reviews/x");
  CHECK(o.at("position").at("file") == "in.json");
  CHECK(o.at("position").at("line") == 2);
  CHECK(o.at("position").at("column") == 12);
  CHECK(o.at("expected") == "");
  CHECK(o.at("found") == "x");
  CHECK(o.at("message").as_string().size() > 0);
  CHECK(o.at("message_en").as_string() == res.diagnostics[0].message_en.c_str());
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  CHECK(keys == std::vector<std::string>{"rule", "level", "path", "position", "expected", "found",
                                         "message", "message_en"});
  CHECK(diagnostics_to_json({}) == "[]\n");
  CHECK(diagnostics_to_json(res.diagnostics, {0}).find('\n') == std::string::npos);
}

}
