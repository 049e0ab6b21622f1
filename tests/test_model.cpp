#include <govdisclose/catalog.hpp>
#include <govdisclose/diagnostic.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/reflect.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace govdisclose;

TEST_SUITE("model") {

TEST_CASE("decimal parses published numbers exactly") {
  CHECK(decimal::parse("0.0001") == decimal{1, 4});
  CHECK(decimal::parse("12") == decimal::whole(12));
  CHECK(decimal::parse("-5") == decimal::whole(-5));
  CHECK(decimal::parse("1,234") == decimal::whole(1234));
  CHECK(decimal::parse("1,234.50") == decimal{12345, 1});
  CHECK_FALSE(decimal::parse("1,23"));
  CHECK_FALSE(decimal::parse("."));
  CHECK_FALSE(decimal::parse("1."));
  CHECK_FALSE(decimal::parse("12a"));
  CHECK_FALSE(decimal::parse("1234567890123456789")); // 19 digits
  CHECK(decimal{1, 4}.to_string() == "0.0001");
  CHECK(decimal{-125, 1}.to_string() == "-12.5");
  CHECK(decimal{0, 0}.to_string() == "0");
  CHECK(decimal{150, 2} == decimal{15, 1});
  CHECK((decimal{1, 4} + decimal::whole(2)) == decimal{20001, 4});
  CHECK(decimal{25, 1}.is_integer() == false);
  CHECK(decimal{20, 1}.is_integer());
  CHECK(decimal{123450, 5}.significant_decimals() == 4);
}

TEST_CASE("cells keep their state and raw text") {
  CHECK(classify_cell("").state == cell_state::blank);
  CHECK(classify_cell("\u00a0").state == cell_state::blank);
  CHECK(classify_cell("&nbsp;").state == cell_state::blank);
  CHECK(classify_cell("\u3000 ").state == cell_state::blank);
  for (const char* m : {"/", "-", "\u2014", "\uff0d", "\u65e0", "\uff0f"}) {
    CAPTURE(m);
    CHECK(classify_cell(m).state == cell_state::marker);
  }
  const cell fw = classify_cell(" \uff11\uff12 ");
  CHECK(fw.state == cell_state::number);
  CHECK(fw.value == decimal::whole(12));
  CHECK(fw.raw == "\uff11\uff12");
  const cell t = classify_cell("251000元");
  CHECK(t.state == cell_state::text);
  CHECK(t.raw == "251000元");
  // Equality is about what a cell says, not how a number was spelled.
  CHECK(classify_cell("０") == cell::number(0));
  CHECK(classify_cell("/") != classify_cell("无"));
}

// Every described cell of the model has a catalog entry, and every catalog entry a cell.
TEST_CASE("the catalog and the described model agree one to one") {
  for (template_id t : {template_id::t2019, template_id::t2021}) {
    CAPTURE(template_code(t));
    const template_def& cat = catalog(t);
    std::set<std::string> model_paths, catalog_paths;
    const report r = make_report(t);
    for_each_cell(r, [&](std::string_view path, const cell&) {
      CHECK(model_paths.insert(std::string(path)).second);
    });
    for (const table_def& table : cat.tables)
      for (const row_def& row : table.rows)
        for (const column_def& col : row.columns)
          CHECK(catalog_paths
                    .insert(std::string(table.code) + "." + std::string(row.code) + "." +
                            std::string(col.code))
                    .second);
    CHECK(model_paths == catalog_paths);
    for (const auto& p : model_paths) CHECK(cat.locate(p));
  }
}

TEST_CASE("the 2021 matrix has 25 data rows and the 2019 matrix 23") {
  auto data_rows = [](template_id t) {
    int n = 0;
    for (const row_def& row : catalog(t).table("applications")->rows) n += row.local ? 0 : 1;
    return n;
  };
  CHECK(data_rows(template_id::t2021) == 25);
  CHECK(data_rows(template_id::t2019) == 23);
  CHECK(catalog(template_id::t2021).sections.size() == 6);
}

TEST_CASE("catalog describes cells with the template's labels") {
  const auto& cat = catalog(template_id::t2021);
  CHECK(cat.describe("applications.withheld.state_secret.natural_person") ==
        "（三）不予公开 1.属于国家秘密 / 自然人");
  CHECK(cat.describe("applications.new_received.commercial_enterprise") ==
        "一、本年新收政府信息公开申请数量 / 法人或其他组织 商业企业");
  CHECK(cat.describe("no.such.path") == "no.such.path");
}

TEST_CASE("generated reports are deterministic and balance") {
  for (template_id t : {template_id::t2019, template_id::t2021}) {
    generate_options o;
    o.template_ = t;
    o.local_additions = true;
    const report a = generate_report(42, o), b = generate_report(42, o);
    CHECK(a == b);
    CHECK(a != generate_report(43, o));
    std::visit(
        [](const auto& apps) {
          for (std::size_t i = 0; i < 6; ++i) {
            auto& x = const_cast<std::remove_cvref_t<decltype(apps)>&>(apps);
            const decimal in = applicant_cells(x.new_received)[i]->value +
                               applicant_cells(x.carried_over)[i]->value;
            const decimal out = applicant_cells(x.total_processed)[i]->value +
                                applicant_cells(x.carried_forward)[i]->value;
            CHECK(in == out);
          }
        },
        a.applications);
  }
}

TEST_CASE("for_each_cell visits cells in template order with dotted paths") {
  report r = make_report(template_id::t2021);
  std::vector<std::string> paths;
  for_each_cell(r, [&](std::string_view p, cell&) { paths.emplace_back(p); });
  REQUIRE(!paths.empty());
  CHECK(paths.front() == "proactive.regulations.issued");
  CHECK(paths.back() == "reviews.litigation_after_review.total");
  cell* c = find_cell(r, "applications.withheld.state_secret.total");
  REQUIRE(c);
  *c = cell::number(3);
  CHECK(std::get<applications_2021>(r.applications).withheld.state_secret.total ==
        cell::number(3));
  CHECK(find_cell(r, "applications.other.total") == nullptr); // 2021: other is a group
}

}

TEST_SUITE("model") {

TEST_CASE("the expected/found note is numeric in Chinese and complete in English") {
  diagnostic d;
  d.expected = "0";
  d.found = "2";
  CHECK(expected_found_note(d, true) == "（应为 0，实为 2）");
  CHECK(expected_found_note(d, false) == " (expected 0, found 2)");
  d.expected = "a number";
  d.found = "blank";
  CHECK(expected_found_note(d, true).empty()); // the Chinese message says it in words
  CHECK(expected_found_note(d, false) == " (expected a number, found blank)");
  d.expected.clear();
  d.found.clear();
  CHECK(expected_found_note(d, false).empty());
}

}
