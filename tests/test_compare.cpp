#include <govdisclose/compare.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/reflect.hpp>

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

using namespace govdisclose;

namespace {

generate_options options(template_id t) {
  generate_options o;
  o.template_ = t;
  return o;
}

cell& at(report& r, const std::string& path) {
  cell* c = find_cell(r, path);
  REQUIRE_MESSAGE(c != nullptr, path);
  return *c;
}

std::vector<const diagnostic*> with_rule(const std::vector<diagnostic>& ds, std::string_view rule) {
  std::vector<const diagnostic*> out;
  for (const auto& d : ds)
    if (d.rule == rule) out.push_back(&d);
  return out;
}

// Two reports where this year's carried_over equals last year's carried_forward everywhere.
std::pair<report, report> consistent_pair(std::uint64_t seed) {
  report last = generate_report(seed);
  report now = generate_report(seed + 1000);
  last.meta.source = "last.json";
  now.meta.source = "this.json";
  for_each_cell(now, [&](std::string_view p, cell& c) {
    constexpr std::string_view over = "applications.carried_over.";
    if (p.starts_with(over))
      c = *find_cell(last, "applications.carried_forward." + std::string(p.substr(over.size())));
  });
  // in_force(N) = in_force(N-1) + issued - repealed.
  for (const char* row : {"proactive.regulations", "proactive.normative_documents"}) {
    const std::string r(row);
    at(now, r + ".in_force") = cell::number(at(last, r + ".in_force").value +
                                            at(now, r + ".issued").value -
                                            at(now, r + ".repealed").value);
  }
  return {last, now};
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_SUITE("compare") {

TEST_CASE("two consistent consecutive reports give no across-years finding") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto [last, now] = consistent_pair(seed);
    CHECK(check_series(last, now).empty());
  }
}

TEST_CASE("a carry-over broken in one column is reported for exactly that column with both values") {
  auto [last, now] = consistent_pair(7);
  cell& forward = at(last, "applications.carried_forward.research_institution");
  forward.span = source_span{40, 12};
  const decimal was = at(now, "applications.carried_over.research_institution").value;
  forward = cell::number(was + decimal::whole(3));
  forward.span = source_span{40, 12};
  const auto ds = check_series(last, now);
  REQUIRE(ds.size() == 1);
  const diagnostic& d = ds.front();
  CHECK(d.rule == "across_years.carry_over");
  CHECK(d.level == severity::warning);
  CHECK(d.path == "applications.carried_over.research_institution");
  CHECK(d.expected == (was + decimal::whole(3)).to_string());
  CHECK(d.found == was.to_string());
  CHECK(d.position.file == "this.json");
  CHECK(d.message.find("last.json") != std::string::npos);
  CHECK(d.message.find("this.json") != std::string::npos);
  CHECK(d.message.find("last.json:40:12") != std::string::npos);
  CHECK(d.message.find("科研机构") != std::string::npos);
  CHECK(d.message_en.find("research_institution") != std::string::npos);
}

TEST_CASE("a blank carried_forward counts as 0 and says so; markers give no finding") {
  auto [last, now] = consistent_pair(3);
  at(last, "applications.carried_forward.natural_person") = cell::blank();
  at(now, "applications.carried_over.natural_person") = cell::number(2);
  at(last, "applications.carried_forward.total") = classify_cell("—");
  const auto ds = check_series(last, now);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().path == "applications.carried_over.natural_person");
  CHECK(ds.front().expected == "0");
  CHECK(ds.front().message.find("空白按0计") != std::string::npos);
  CHECK(ds.front().message_en.find("blank counts as 0") != std::string::npos);
}

TEST_CASE("in_force must be last year's in_force plus issued minus repealed") {
  auto [last, now] = consistent_pair(11);
  cell& in_force = at(now, "proactive.normative_documents.in_force");
  const decimal right = in_force.value;
  in_force = cell::number(right + decimal::whole(1));
  const auto ds = check_series(last, now);
  const auto found = with_rule(ds, "across_years.in_force");
  REQUIRE(found.size() == 1);
  CHECK(ds.size() == 1);
  CHECK(found.front()->path == "proactive.normative_documents.in_force");
  CHECK(found.front()->level == severity::warning);
  CHECK(found.front()->expected == right.to_string());
  CHECK(found.front()->found == (right + decimal::whole(1)).to_string());
  CHECK(found.front()->message.find("修订") != std::string::npos);
}

TEST_CASE("in_force is not checked against a 2019-template last year") {
  auto [last2021, now] = consistent_pair(5);
  report last = generate_report(5, options(template_id::t2019));
  at(now, "proactive.regulations.in_force") = cell::number(99999);
  CHECK(with_rule(check_series(last, now), "across_years.in_force").empty());
}

TEST_CASE("the cells compared across years alone give the same findings and figures") {
  // A report with every other cell made absent, as a batch keeps it.
  const auto slim = [](const report& r) {
    report out = r;
    std::size_t kept = 0;
    for_each_cell(out, [&](std::string_view p, cell& c) {
      if (compared_across_years(p)) ++kept;
      else c = cell{};
    });
    CHECK(kept < 40);
    return out;
  };
  std::size_t findings = 0;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    auto [last, now] = consistent_pair(seed);
    random_source rng(seed);
    // Break a few cells either side (numbers, blanks, markers) so that there is something to
    // find.
    for (report* r : {&last, &now})
      for_each_cell(*r, [&](std::string_view, cell& c) {
        if (!rng.chance(0.08)) return;
        c = rng.chance(0.3) ? cell::blank()
            : rng.chance(0.2) ? classify_cell("—")
                              : cell::number(rng.below(20));
      });
    const auto full = check_series(last, now);
    findings += full.size();
    CHECK(check_series(slim(last), slim(now)) == full);
    CHECK(derive(slim(now), slim(last)).new_received_change ==
          derive(now, last).new_received_change);
    CHECK(derive(slim(now), slim(last)).new_received_growth ==
          derive(now, last).new_received_growth);
  }
  CHECK(findings > 10);
}

TEST_CASE("consecutive pairs join the same agency in consecutive years") {
  std::vector<report_meta> metas(6);
  metas[0].agency = "某县自然资源局";
  metas[0].year = 2022;
  metas[1].agency = "某县 自然资源局"; // white space does not matter
  metas[1].year = 2021;
  metas[2].agency = "某县自然资源局";
  metas[2].year = 2024; // 2023 missing: no pair
  metas[3].agency = "某市交通运输局";
  metas[3].year = 2023;
  metas[4].agency = "某市交通运输局";
  metas[4].year = 2024;
  metas[5].agency = "某市交通运输局"; // no year: left out
  const auto pairs = consecutive_pairs(metas);
  const std::vector<std::pair<std::size_t, std::size_t>> want = {{1, 0}, {3, 4}};
  CHECK(pairs == want);
}

TEST_CASE("a rollup of generated reports equals the cell sums, over many seeds") {
  for (template_id t : {template_id::t2019, template_id::t2021}) {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      std::vector<report> members;
      for (std::uint64_t k = 0; k < 1 + seed % 4; ++k)
        members.push_back(generate_report(seed * 100 + k, options(t)));
      const auto r = rollup(members);
      REQUIRE(r.ok());
      CHECK(r.diagnostics.empty());
      std::size_t checked = 0;
      for_each_cell(r.value, [&](std::string_view p, const cell& c) {
        bool any = false;
        decimal sum{};
        for (const auto& m : members) {
          const cell* mc = find_cell(m, p);
          if (mc && mc->is_number()) {
            sum = sum + mc->value;
            any = true;
          }
        }
        if (any) {
          CHECK(c.is_number());
          CHECK(c.value == sum);
          ++checked;
        } else {
          CHECK_FALSE(c.present());
        }
      });
      CHECK(checked > 100);
      CHECK(check_rollup(r.value, members).empty());
    }
  }
}

TEST_CASE("a rollup keeps blank only where every member is blank and reports markers") {
  std::vector<report> members = {generate_report(1), generate_report(2), generate_report(3)};
  members[1].meta.source = "member2.json";
  for (auto& m : members) at(m, "reviews.litigation_direct.other") = cell::blank();
  at(members[0], "reviews.administrative_review.upheld") = cell::blank();
  at(members[1], "reviews.administrative_review.upheld") = cell::number(4);
  at(members[2], "reviews.administrative_review.upheld") = cell::number(5);
  at(members[1], "applications.granted.natural_person") = classify_cell("无");
  const auto r = rollup(members);
  CHECK(r.ok());
  CHECK(find_cell(r.value, "reviews.litigation_direct.other")->state == cell_state::blank);
  CHECK(*find_cell(r.value, "reviews.administrative_review.upheld") == cell::number(9));
  const auto not_summed = with_rule(r.diagnostics, "rollup.not_summed");
  REQUIRE(not_summed.size() == 1);
  CHECK(not_summed.front()->path == "applications.granted.natural_person");
  CHECK(not_summed.front()->position.file == "member2.json");
  CHECK(not_summed.front()->found == "无");
  const cell& granted = *find_cell(r.value, "applications.granted.natural_person");
  CHECK(granted.value == at(members[0], "applications.granted.natural_person").value +
                             at(members[2], "applications.granted.natural_person").value);
}

TEST_CASE("a rollup of reports of different templates is an error") {
  const auto r = rollup({generate_report(1), generate_report(2, options(template_id::t2019))});
  CHECK_FALSE(r.ok());
  CHECK(with_rule(r.diagnostics, "rollup.template").size() == 1);
  CHECK_FALSE(rollup({}).ok());
}

TEST_CASE("a summary that disagrees with its members gives rollup.sum with both values") {
  std::vector<report> members = {generate_report(4), generate_report(5)};
  report summary = rollup(members).value;
  summary.meta.source = "summary.json";
  cell& c = at(summary, "applications.withheld.third_party_rights.total");
  const decimal sum = c.value;
  c = cell::number(sum + decimal::whole(2));
  const auto ds = check_rollup(summary, members);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().rule == "rollup.sum");
  CHECK(ds.front().level == severity::warning);
  CHECK(ds.front().path == "applications.withheld.third_party_rights.total");
  CHECK(ds.front().expected == sum.to_string());
  CHECK(ds.front().found == (sum + decimal::whole(2)).to_string());
  CHECK(ds.front().message.find("保护第三方合法权益") != std::string::npos);
}

TEST_CASE("the diff of a report with itself is empty") {
  for (template_id t : {template_id::t2019, template_id::t2021}) {
    const report r = generate_report(9, options(t));
    const report_diff d = diff(r, r);
    CHECK(d.empty());
    CHECK(diff_to_text(d).empty());
    CHECK(boost::json::parse(diff_to_json(d)).at("equal").as_bool());
  }
}

TEST_CASE("a diff after changing k cells lists exactly those k paths") {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const report a = generate_report(seed);
    report b = a;
    random_source rng(seed);
    std::set<std::string> changed;
    std::size_t index = 0;
    for_each_cell(b, [&](std::string_view p, cell& c) {
      ++index;
      if (!rng.chance(0.1)) return;
      changed.emplace(p);
      switch (index % 3) {
      case 0:
        c = cell::number(c.is_number() ? c.value + decimal::whole(1) : decimal::whole(1));
        break;
      case 1: c = cell::blank(); break;
      default: c = classify_cell("/"); break;
      }
      if (c == *find_cell(a, p)) changed.erase(std::string(p)); // a blank stayed blank
    });
    const report_diff d = diff(a, b);
    std::set<std::string> listed;
    for (const auto& ch : d.cells) {
      listed.insert(ch.path);
      CHECK(ch.delta.has_value() == (ch.before.is_number() && ch.after.is_number()));
      if (ch.delta) CHECK(*ch.delta == ch.after.value - ch.before.value);
    }
    CHECK(listed == changed);
    CHECK(d.cells.size() == changed.size());
    CHECK(d.narrative.empty());
    CHECK(d.meta.empty());
  }
}

TEST_CASE("a diff names changed narrative sections and meta, and its writers agree") {
  const report a = generate_report(2);
  report b = a;
  b.narrative.problems = "（一）没有问题。";
  b.meta.title = "另一个标题";
  b.meta.source = "elsewhere.json"; // provenance: ignored by default
  at(b, "applications.granted.total") = cell::number(at(b, "applications.granted.total").value +
                                                     decimal::whole(5));
  const report_diff d = diff(a, b);
  REQUIRE(d.narrative.size() == 1);
  CHECK(d.narrative.front().field == "narrative.problems");
  REQUIRE(d.meta.size() == 1);
  CHECK(d.meta.front().field == "meta.title");
  REQUIRE(d.cells.size() == 1);
  CHECK(d.cells.front().label.find("予以公开") != std::string::npos);
  CHECK(*d.cells.front().delta == decimal::whole(5));
  CHECK(diff(a, b, diff_options{true}).meta.size() == 2);

  const std::string text = diff_to_text(d);
  CHECK(text.find("applications.granted.total") != std::string::npos);
  CHECK(text.find("(+5)") != std::string::npos);
  const auto json = boost::json::parse(diff_to_json(d));
  CHECK_FALSE(json.at("equal").as_bool());
  CHECK(json.at("cells").as_array().size() == 1);
  CHECK(json.at("cells").at(0).at("delta").as_string() == "5");
  const std::string csv = diff_to_csv(d);
  std::size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  CHECK(lines == 1 + 1 + 1 + 1); // header, meta, narrative, cell
  CHECK(csv.find("applications.granted.total,") != std::string::npos);
}

TEST_CASE("a diff across templates matches cells by path") {
  const report a = generate_report(3, options(template_id::t2019));
  const report b = generate_report(3);
  const report_diff d = diff(a, b);
  CHECK(d.meta.front().field == "template");
  bool only_2019 = false;
  for (const auto& c : d.cells)
    if (c.path == "proactive.procurement.items") only_2019 = !c.after.present();
  CHECK(only_2019);
}

TEST_CASE("two reports written to JSON files and read back diff as before") {
  const auto dir = std::filesystem::temp_directory_path() / "govdisclose_test_compare";
  std::filesystem::create_directories(dir);
  const report a = generate_report(21);
  report b = generate_report(21);
  at(b, "reviews.litigation_after_review.pending") = cell::blank();
  at(b, "proactive.fees.amount") = cell::number(decimal{12345, 4});
  using named = std::pair<const char*, const report*>;
  for (const auto& [name, r] : {named{"a.json", &a}, named{"b.json", &b}}) {
    std::ofstream out(dir / name, std::ios::binary);
    out << to_json(*r);
  }
  const auto ra = report_from_json(read_file(dir / "a.json"), "a.json");
  const auto rb = report_from_json(read_file(dir / "b.json"), "b.json");
  REQUIRE(ra.ok());
  REQUIRE(rb.ok());
  const report_diff before = diff(a, b), after = diff(ra.value, rb.value);
  REQUIRE(after.cells.size() == before.cells.size());
  CHECK(after.cells.size() == 2);
  for (std::size_t i = 0; i < after.cells.size(); ++i) {
    CHECK(after.cells[i].path == before.cells[i].path);
    CHECK(after.cells[i].before == before.cells[i].before);
    CHECK(after.cells[i].after == before.cells[i].after);
  }
  CHECK(diff(a, ra.value).empty());
  std::filesystem::remove_all(dir);
}

TEST_CASE("derived figures are the ratios of the template's totals") {
  report r = generate_report(8);
  at(r, "applications.granted.total") = cell::number(6);
  at(r, "applications.partially_granted.total") = cell::blank();
  at(r, "applications.total_processed.total") = cell::number(8);
  at(r, "reviews.administrative_review.corrected") = cell::number(1);
  at(r, "reviews.administrative_review.total") = cell::number(4);
  at(r, "reviews.litigation_direct.corrected") = cell::number(1);
  at(r, "reviews.litigation_direct.total") = cell::number(2);
  at(r, "reviews.litigation_after_review.corrected") = classify_cell("/");
  at(r, "reviews.litigation_after_review.total") = cell::number(3);
  const derived_figures f = derive(r);
  CHECK(f.disclosure_rate == doctest::Approx(6.0 / 8.0));
  CHECK(f.review_correction_rate == doctest::Approx(0.25));
  CHECK(f.litigation_correction_rate == doctest::Approx(1.0 / 5.0));
  CHECK_FALSE(f.new_received_change);

  report last = r;
  at(last, "applications.new_received.total") = cell::number(10);
  at(r, "applications.new_received.total") = cell::number(15);
  const derived_figures g = derive(r, last);
  CHECK(g.new_received_change == doctest::Approx(5.0));
  CHECK(g.new_received_growth == doctest::Approx(0.5));
}

TEST_CASE("derived figures with zero denominators are absent, not 0") {
  report r = generate_report(8);
  at(r, "applications.total_processed.total") = cell::number(0);
  at(r, "reviews.administrative_review.total") = cell::blank();
  at(r, "reviews.litigation_direct.total") = cell::number(0);
  at(r, "reviews.litigation_after_review.total") = classify_cell("—");
  report last = r;
  at(last, "applications.new_received.total") = cell::number(0);
  at(r, "applications.new_received.total") = cell::number(3);
  const derived_figures f = derive(r, last);
  CHECK_FALSE(f.disclosure_rate);
  CHECK_FALSE(f.review_correction_rate);
  CHECK_FALSE(f.litigation_correction_rate);
  CHECK(f.new_received_change == doctest::Approx(3.0));
  CHECK_FALSE(f.new_received_growth);
  const auto json = boost::json::parse(derived_to_json(f));
  CHECK(json.at("disclosure_rate").is_null());
  CHECK(json.at("new_received_change").to_number<double>() == doctest::Approx(3.0));
  CHECK(json.as_object().size() == 5);
}

} // TEST_SUITE
