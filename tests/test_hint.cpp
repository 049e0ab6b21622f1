// Correction hints (hint.hpp): the smallest set of cell changes that makes every sum rule hold.
#include <govdisclose/compare.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/hint.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/validate.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

namespace {

std::vector<diagnostic> sum_failures(const report& r) {
  std::vector<diagnostic> out;
  for (diagnostic& d : validate(r))
    if (d.level == severity::error) out.push_back(std::move(d));
  return out;
}

void set(report& r, std::string_view path, std::int64_t v) {
  cell* c = find_cell(r, path);
  REQUIRE(c != nullptr);
  *c = cell::number(v);
}

} // namespace

TEST_SUITE("hint") {

TEST_CASE("the seed's blank 予以公开 / 自然人 gets the unique hint 2, on both failed sums") {
  const auto r = read_report(slurp(GOVDISCLOSE_TEST_DATA "/zhengzhou-bigdata-2022.txt"),
                             read_options{"zhengzhou-bigdata-2022.txt"});
  const auto hs = find_hints(r.value);
  REQUIRE(hs.size() == 1);
  const correction_hint& h = hs[0].hint;
  CHECK(h.status == hint_status::unique);
  CHECK(h.alternatives == 1);
  REQUIRE(h.fixes.size() == 1);
  REQUIRE(h.fixes[0].cells.size() == 1);
  CHECK(h.fixes[0].cells[0].path == "applications.granted.natural_person");
  CHECK(h.fixes[0].cells[0].current == "blank");
  CHECK(h.fixes[0].cells[0].suggested == "2");
  CHECK(h.message.find("提示：") == 0);
  CHECK(h.message.find("填入 2") != std::string::npos);
  CHECK(hs[0].explains.size() == 2);

  const auto ds = sum_failures(r.value);
  REQUIRE(ds.size() == 2);
  for (const diagnostic& d : ds) {
    REQUIRE(d.hint.has_value());
    CHECK(*d.hint == h);
  }
  // A suggestion, never a change: the cell stays blank.
  CHECK(find_cell(r.value, "applications.granted.natural_person")->state == cell_state::blank);
}

TEST_CASE("a review block whose 总计 is 0 and whose parts add to 11 says: the total, or a part") {
  report r = generate_report(7);
  auto& b = r.reviews.administrative_review;
  b.upheld = cell::number(4);
  b.corrected = cell::number(3);
  b.other = cell::number(4);
  b.pending = cell::number(0);
  b.total = cell::number(0);
  const auto ds = sum_failures(r);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "reviews.block_total");
  REQUIRE(ds[0].hint.has_value());
  const correction_hint& h = *ds[0].hint;
  CHECK(h.status == hint_status::ambiguous); // never presented as the answer
  REQUIRE(h.fixes.size() == 1);
  CHECK(h.fixes[0].cells[0].path == "reviews.administrative_review.total");
  CHECK(h.fixes[0].cells[0].suggested == "11");
  CHECK(h.message.find("总计 应为 11（或是其中某一项有误）") != std::string::npos);
  CHECK(h.message_en.find("or one of the parts") != std::string::npos);
}

TEST_CASE("one mistyped applicant cell is found by its row and its column") {
  report r = generate_report(11);
  cell* c = find_cell(r, "applications.withheld.third_party_rights.natural_person");
  const std::int64_t right = c->value.whole_part();
  set(r, "applications.withheld.third_party_rights.natural_person", right + 7);
  const auto hs = find_hints(r);
  REQUIRE(hs.size() == 1);
  CHECK(hs[0].hint.status == hint_status::unique);
  REQUIRE(hs[0].hint.fixes.size() == 1);
  CHECK(hs[0].hint.fixes[0].cells[0].path ==
        "applications.withheld.third_party_rights.natural_person");
  CHECK(hs[0].hint.fixes[0].cells[0].suggested == std::to_string(right));
}

TEST_CASE("two unrelated mistakes each get their own hint, not 'no simple fix' for both") {
  // A mistyped applicant cell in section 三 and a mistyped review total in section 四: two
  // clusters of failed rules. The fix of one leaves the other's rules failing, which must not
  // count against it.
  report r = generate_report(11);
  const std::string applicant = "applications.withheld.third_party_rights.natural_person";
  const std::int64_t right = find_cell(r, applicant)->value.whole_part();
  set(r, applicant, right + 7);
  const std::int64_t total = r.reviews.litigation_after_review.total.value.whole_part();
  set(r, "reviews.litigation_after_review.total", total + 4);
  const auto hs = find_hints(r);
  REQUIRE(hs.size() == 2);
  CHECK(hs[0].hint.status == hint_status::unique);
  REQUIRE(hs[0].hint.fixes.size() == 1);
  CHECK(hs[0].hint.fixes[0].cells ==
        std::vector<hint_cell>{{applicant, std::to_string(right + 7), std::to_string(right)}});
  // Section 四: the total or any of its four parts, each seen by that one rule only.
  CHECK(hs[1].hint.status == hint_status::ambiguous);
  CHECK(hs[1].hint.alternatives == 5);
  CHECK(std::find(hs[1].hint.fixes.begin(), hs[1].hint.fixes.end(),
                  hint_fix{{{"reviews.litigation_after_review.total", std::to_string(total + 4),
                             std::to_string(total)}}}) != hs[1].hint.fixes.end());
  // validate() gives each failed sum the hint of its own cluster.
  const auto ds = sum_failures(r);
  REQUIRE(ds.size() == 3);
  for (const diagnostic& d : ds) {
    REQUIRE(d.hint.has_value());
    CHECK(*d.hint == (d.rule == "reviews.block_total" ? hs[1].hint : hs[0].hint));
  }
}

TEST_CASE("two mistyped cells in one row equation and two columns give a two-cell fix") {
  report r = generate_report(12);
  // Swap-like error: +5 in one cell, +3 in another of the same row.
  for (auto [path, delta] : {std::pair{"applications.granted.natural_person", 5},
                             std::pair{"applications.granted.commercial_enterprise", 3}}) {
    cell* c = find_cell(r, path);
    set(r, path, c->value.whole_part() + delta);
  }
  const auto hs = find_hints(r);
  REQUIRE(!hs.empty());
  bool two_cell = false;
  for (const auto& f : hs)
    for (const auto& fx : f.hint.fixes)
      two_cell = two_cell || fx.cells.size() == 2;
  CHECK(two_cell);
}

TEST_CASE("a clean report has no hints, and a hint can be turned off") {
  const report r = generate_report(3);
  CHECK(find_hints(r).empty());
  report bad = generate_report(13);
  set(bad, "applications.new_received.natural_person", 999);
  validate_options o;
  o.hints = false;
  for (const diagnostic& d : validate(bad, o))
    CHECK_FALSE(d.hint.has_value());
}

TEST_CASE("a hint is written to JSON only where there is one, and reads back") {
  const auto r = read_report(slurp(GOVDISCLOSE_TEST_DATA "/zhengzhou-bigdata-2022.txt"),
                             read_options{"zhengzhou-bigdata-2022.txt"});
  const auto ds = validate(r.value);
  const std::string json = diagnostics_to_json(ds);
  CHECK(json.find("\"hint\"") != std::string::npos);
  CHECK(json.find("\"hint\":null") == std::string::npos);
  CHECK(json.find("\"hint\": null") == std::string::npos);
  CHECK(json.find("\"suggested\"") != std::string::npos);
}

namespace {

std::vector<diagnostic> carry_overs(const report& last, const report& now) {
  std::vector<diagnostic> out;
  for (diagnostic& d : check_series(last, now))
    if (d.rule == "across_years.carry_over") out.push_back(std::move(d));
  return out;
}

// Two consecutive clean years whose carry-over agrees in every column: each applicant cell of
// both carry-over rows is raised to the larger of the two, and each year's balance kept by raising
// this year's 结转下年度 and last year's 本年新收 by as much.
std::pair<report, report> consistent_years() {
  report last = generate_report(21), now = generate_report(22);
  auto& l = std::get<applications_2021>(last.applications);
  auto& n = std::get<applications_2021>(now.applications);
  const auto raise = [](cell& c, std::int64_t by) { c = cell::number(c.value.whole_part() + by); };
  const auto lf = applicant_cells(l.carried_forward), ln = applicant_cells(l.new_received);
  const auto nc = applicant_cells(n.carried_over), nf = applicant_cells(n.carried_forward);
  for (std::size_t i = 0; i < lf.size(); ++i) {
    const std::int64_t a = lf[i]->value.whole_part(), b = nc[i]->value.whole_part();
    const std::int64_t m = std::max(a, b);
    raise(*lf[i], m - a);
    raise(l.carried_forward.total, m - a);
    raise(*ln[i], m - a);
    raise(l.new_received.total, m - a);
    raise(*nc[i], m - b);
    raise(n.carried_over.total, m - b);
    raise(*nf[i], m - b);
    raise(n.carried_forward.total, m - b);
  }
  REQUIRE_FALSE(has_errors(validate(last)));
  REQUIRE_FALSE(has_errors(validate(now)));
  REQUIRE(carry_overs(last, now).empty());
  return {last, now};
}

} // namespace

TEST_CASE("a carry-over mismatch names this year when only this year's tables fail to add up") {
  auto [last, now] = consistent_years();
  cell* c = find_cell(now, "applications.carried_over.natural_person");
  const std::int64_t right = c->value.whole_part();
  *c = cell::number(right + 3);
  const auto ds = carry_overs(last, now);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "across_years.carry_over");
  REQUIRE(ds[0].hint.has_value());
  CHECK(ds[0].hint->status == hint_status::unique);
  CHECK(ds[0].hint->fixes[0].cells[0].path == "applications.carried_over.natural_person");
  CHECK(ds[0].hint->fixes[0].cells[0].suggested == std::to_string(right));
  CHECK(ds[0].hint->message.find("本年度") != std::string::npos);
}

TEST_CASE("a carry-over mismatch names last year when only last year's tables fail to add up") {
  auto [last, now] = consistent_years();
  cell* c = find_cell(last, "applications.carried_forward.natural_person");
  const std::int64_t right = c->value.whole_part();
  *c = cell::number(right + 5);
  const auto ds = carry_overs(last, now);
  REQUIRE(ds.size() == 1);
  REQUIRE(ds[0].hint.has_value());
  CHECK(ds[0].hint->fixes[0].cells[0].path == "applications.carried_forward.natural_person");
  CHECK(ds[0].hint->fixes[0].cells[0].suggested == std::to_string(right));
  CHECK(ds[0].hint->message.find("上一年度的") != std::string::npos);
}

TEST_CASE("a carry-over mismatch between two years that both add up gets no hint") {
  auto [last, now] = consistent_years();
  // Both years stay self-consistent: last year's carried_forward and new_received move together.
  auto& a = std::get<applications_2021>(last.applications);
  for (cell* c : {&a.carried_forward.natural_person, &a.carried_forward.total,
                  &a.new_received.natural_person, &a.new_received.total})
    *c = cell::number(c->value.whole_part() + 1);
  REQUIRE_FALSE(has_errors(validate(last)));
  const auto ds = carry_overs(last, now);
  REQUIRE(!ds.empty());
  for (const diagnostic& d : ds)
    CHECK_FALSE(d.hint.has_value());
}

} // TEST_SUITE
