// The split solver (solve.hpp): splits of fused digits, and solving sum rules over candidates.
#include <govdisclose/generate.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/solve.hpp>
#include <govdisclose/validate.hpp>

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace govdisclose;

namespace {

std::vector<split_cell> counts(std::size_t n) { return std::vector<split_cell>(n); }

std::vector<std::vector<std::int64_t>> as_numbers(const std::vector<std::vector<std::string>>& s) {
  std::vector<std::vector<std::int64_t>> out;
  for (const auto& split : s) {
    out.emplace_back();
    for (const auto& v : split) out.back().push_back(std::stoll(v));
  }
  return out;
}

// `n` independent groups of two cells (2g, 2g+1), each with the same `candidates`, under one
// equation: the last cell, known to be `total`, is the sum of all of them.
solve_problem independent_pairs(std::size_t n,
                                const std::vector<std::vector<std::int64_t>>& candidates,
                                std::int64_t total) {
  solve_problem p;
  p.cell_count = n * 2 + 1;
  p.known.assign(p.cell_count, std::nullopt);
  p.known[n * 2] = total;
  solve_equation all{"t", "", {n * 2}, {}};
  for (std::size_t g = 0; g < n; ++g) {
    p.groups.push_back({{2 * g, 2 * g + 1}, candidates});
    all.rhs.push_back(2 * g);
    all.rhs.push_back(2 * g + 1);
  }
  p.equations.push_back(all);
  return p;
}

// One row of seven applicant cells (cells base … base+6) with its row total as an equation.
solve_equation row_total(std::size_t base) {
  return {"applications.row_total", "", {base + 6}, {base, base + 1, base + 2, base + 3, base + 4, base + 5}};
}

} // namespace

TEST_SUITE("solve") {

TEST_CASE("a fused string splits into numbers without leading zeros, in every way") {
  const auto s = fused_splits("1203", counts(2));
  REQUIRE(s);
  // 1|203, 12|03 (leading zero: no), 120|3
  CHECK(*s == std::vector<std::vector<std::string>>{{"1", "203"}, {"120", "3"}});
}

TEST_CASE("white space in a fused string is a certain cell boundary") {
  const auto s = fused_splits("230 000023", counts(7));
  REQUIRE(s);
  for (const auto& split : *s) CHECK(split.front().size() <= 3);
  const auto t = fused_splits("23 0 00 0 023", counts(7));
  REQUIRE(t);
  // 23 | 0 | 0 0 | 0 | 0 23 is the only way: "023" must be 0|23.
  CHECK(*t == std::vector<std::vector<std::string>>{{"23", "0", "0", "0", "0", "0", "23"}});
}

TEST_CASE("a string too short or not made of digits has no split") {
  CHECK(fused_splits("123", counts(4))->empty());
  CHECK(fused_splits("12a3", counts(2))->empty());
  CHECK(fused_splits("", counts(1))->empty());
}

TEST_CASE("signs and decimal points are accepted only where the cell allows them") {
  const std::vector<split_cell> fee = {{false, false}, {true, false}};
  const auto s = fused_splits("35-15", fee);
  REQUIRE(s);
  CHECK(*s == std::vector<std::vector<std::string>>{{"35", "-15"}});
  CHECK(fused_splits("35-15", counts(2))->empty());
  const auto a = fused_splits("9116.36", {{false, true}});
  REQUIRE(a);
  CHECK(*a == std::vector<std::vector<std::string>>{{"9116.36"}});
}

TEST_CASE("too many splits make the splitter abstain instead of listing them") {
  CHECK_FALSE(fused_splits("123456789123456789123456789", counts(7), 1000).has_value());
}

TEST_CASE("a row whose total must be the sum of its cells has one split") {
  // 713000074 = 71 | 3 | 0 | 0 | 0 | 0 | 74
  solve_problem p;
  p.cell_count = 7;
  p.groups.push_back({{0, 1, 2, 3, 4, 5, 6}, as_numbers(*fused_splits("713000074", counts(7)))});
  CHECK(p.groups[0].candidates.size() > 1);
  p.equations.push_back(row_total(0));
  const solve_result r = solve(p);
  CHECK(r.status == solve_status::unique);
  const std::vector<std::int64_t> want = {71, 3, 0, 0, 0, 0, 74};
  for (std::size_t c = 0; c < 7; ++c) CHECK(r.values[c] == want[c]);
}

TEST_CASE("several assignments leave the cells they disagree on undecided, with candidates") {
  // a + b = 5 with a, b from a fused "14" or "23": both work.
  solve_problem p;
  p.cell_count = 3;
  p.known = {std::nullopt, std::nullopt, 5};
  p.groups.push_back({{0, 1}, {{1, 4}, {2, 3}}});
  p.equations.push_back({"t", "", {2}, {0, 1}});
  const solve_result r = solve(p);
  CHECK(r.status == solve_status::ambiguous);
  CHECK(r.solutions == 2);
  CHECK_FALSE(r.values[0].has_value());
  CHECK(r.candidates[0] == std::vector<std::int64_t>{1, 2});
  CHECK(r.values[2] == 5);
}

TEST_CASE("cells on which every solution agrees are decided even when others are not") {
  solve_problem p;
  p.cell_count = 4;
  p.groups.push_back({{0, 1}, {{1, 4}, {2, 3}}});
  p.groups.push_back({{2, 3}, {{7, 0}, {70, 1}}});
  p.equations.push_back({"u", "", {3}, {}}); // cell 3 = 0: the second group must be 7 | 0
  const solve_result r = solve(p);
  CHECK(r.status == solve_status::ambiguous);
  CHECK(r.values[2] == 7);
  CHECK(r.values[3] == 0);
  CHECK_FALSE(r.values[0].has_value());
}

TEST_CASE("when no assignment holds, the solver names an equation that cannot hold") {
  solve_problem p;
  p.cell_count = 3;
  p.known = {std::nullopt, std::nullopt, 9};
  p.groups.push_back({{0, 1}, {{1, 4}, {2, 3}}});
  p.equations.push_back({"free", "", {0}, {0}});
  p.equations.push_back({"sum", "x.total", {2}, {0, 1}});
  const solve_result r = solve(p);
  CHECK(r.status == solve_status::infeasible);
  REQUIRE(r.failing_equation.has_value());
  CHECK(*r.failing_equation == 1);
  CHECK_FALSE(r.values[0].has_value());
}

TEST_CASE("an equation with a cell nobody knows constrains nothing") {
  solve_problem p;
  p.cell_count = 3;
  p.groups.push_back({{0, 1}, {{1, 4}, {2, 3}}});
  p.equations.push_back({"sum", "", {2}, {0, 1}}); // cell 2 is free
  const solve_result r = solve(p);
  CHECK(r.status == solve_status::ambiguous);
  CHECK(r.solutions == 2);
  CHECK(r.candidates[0] == std::vector<std::int64_t>{1, 2});
  CHECK_FALSE(r.values[2].has_value());
}

TEST_CASE("past the candidate bound the solver abstains, deciding only one-candidate groups") {
  solve_problem p;
  p.cell_count = 4;
  p.groups.push_back({{0, 1}, {{1, 4}, {2, 3}}});
  p.groups.push_back({{2, 3}, {{7, 0}}}); // the digit count alone decides it
  p.equations.push_back({"u", "", {0}, {2}}); // cannot hold, but is not looked at past the bound
  solve_limits l;
  l.max_candidates = 2;
  const solve_result r = solve(p, l);
  CHECK(r.status == solve_status::bounded);
  CHECK(r.values[2] == 7);
  CHECK(r.values[3] == 0);
  CHECK_FALSE(r.values[0].has_value());
  CHECK_FALSE(r.values[1].has_value());
}

TEST_CASE("the search stops at its node bound and keeps only what propagation settled") {
  // 12 independent groups of two equal-sum candidates: 4096 solutions, never unique.
  const solve_problem p = independent_pairs(12, {{1, 4}, {2, 3}}, 12 * 5);
  solve_limits l;
  l.max_nodes = 50;
  l.max_solutions = 100000;
  const solve_result r = solve(p, l);
  CHECK(r.status == solve_status::bounded);
  CHECK(r.nodes <= l.max_nodes + 1);
  CHECK_FALSE(r.values[0].has_value());
  CHECK(r.values[24] == 60);
}

TEST_CASE("a problem built to defeat pruning stops at the work bound") {
  // 20 groups of 200 candidates, each pair summing alike, under one loose equation: pruning never
  // bites, the search space is 200^20.
  std::vector<std::vector<std::int64_t>> pairs;
  for (std::int64_t k = 0; k < 200; ++k) pairs.push_back({k, 200 - k});
  const solve_problem p = independent_pairs(20, pairs, 20 * 200);
  solve_limits l;
  l.max_work = 100000;
  l.max_solutions = 1u << 30;
  l.max_nodes = 1u << 30;
  const solve_result r = solve(p, l);
  CHECK(r.status == solve_status::bounded);
  CHECK(r.work <= l.max_work + 2 * 20 * 200);
  CHECK_FALSE(r.values[0].has_value());
}

TEST_CASE("the template's sum rules, as the solver gets them, hold in every generated report") {
  for (template_id t : {template_id::t2019, template_id::t2021}) {
    generate_options o;
    o.template_ = t;
    const report rep = generate_report(11, o);
    std::map<std::string, std::int64_t> values;
    for_each_cell(rep, [&](std::string_view path, const cell& c) {
      if (c.is_number() && c.value.scale == 0) values[std::string(path)] = c.value.units;
    });
    std::size_t checked = 0;
    for (const sum_rule& s : sum_rules(t)) {
      std::int64_t l = 0, r = 0;
      bool all = true;
      for (const auto& p : s.lhs) all = all && values.count(p), l += values.count(p) ? values[p] : 0;
      for (const auto& p : s.rhs) all = all && values.count(p), r += values.count(p) ? values[p] : 0;
      if (!all) continue; // a local row or column the report leaves out
      CHECK_MESSAGE(l == r, s.rule << " " << s.lhs.front());
      ++checked;
    }
    CHECK(checked >= 40);
  }
}

TEST_CASE("the sum rules the solver gets are the ones validate() checks, cell for cell") {
  // Add 1 to one number cell of a consistent report: validate() must fail exactly the sum rules
  // that hold the cell (every cell of them present, a blank or marker as 0), each at its first
  // lhs cell.
  const std::set<std::string_view> sum_ids = {"applications.balance", "applications.results_total",
                                              "applications.row_total", "reviews.block_total"};
  validate_options o;
  o.hints = false;
  o.narrative = false;
  for (template_id t : {template_id::t2019, template_id::t2021})
    for (std::uint64_t seed : {11, 12}) {
      generate_options g;
      g.template_ = t;
      const report rep = generate_report(seed, g);
      const std::vector<sum_rule> rules = sum_rules(t);
      for (const sum_rule& s : rules) CHECK(sum_ids.count(s.rule) == 1);
      std::size_t perturbed = 0;
      for_each_cell(rep, [&](std::string_view path, const cell& c) {
        if (!c.is_number()) return;
        std::set<std::pair<std::string, std::string>> want, got;
        for (const sum_rule& s : rules) {
          bool holds_it = false, all_present = true;
          for (const auto* side : {&s.lhs, &s.rhs})
            for (const auto& q : *side) {
              holds_it = holds_it || q == path;
              const cell& in = *find_cell(rep, q); // a blank or marker counts as 0
              all_present = all_present && in.present() && in.state != cell_state::text;
            }
          if (holds_it && all_present) want.emplace(s.rule, s.lhs.front());
        }
        report changed = rep;
        cell& x = *find_cell(changed, path);
        x = cell::number(x.value + decimal::whole(1));
        for (const diagnostic& d : validate(changed, o))
          if (sum_ids.count(d.rule)) got.emplace(d.rule, d.path);
        CHECK_MESSAGE(want == got, path);
        perturbed += !want.empty();
      });
      CHECK(perturbed >= 40);
    }
}

} // TEST_SUITE
