// The split solver (solve.hpp): candidate splits of fused digits, and bounds propagation plus a
// bounded depth-first search over groups of candidates constrained by linear sum rules.
#include <govdisclose/solve.hpp>
#include <govdisclose/text.hpp>

#include <algorithm>
#include <limits>
#include <map>

namespace govdisclose {
namespace {

// ---- splits -------------------------------------------------------------------------------------

struct split_state {
  std::string s;                 // the characters, white space removed
  std::vector<bool> boundary;    // boundary[i]: white space stood before s[i]
  const std::vector<split_cell>* kinds = nullptr;
  std::size_t max_digits = 12;
  std::vector<signed char> memo; // (position, cell) → feasible: -1 unknown
  std::size_t n = 0;

  bool valid(std::size_t a, std::size_t b, const split_cell& k) const {
    if (b <= a) return false;
    for (std::size_t j = a + 1; j < b; ++j)
      if (boundary[j]) return false;
    std::size_t p = a;
    if (s[p] == '-') {
      if (!k.allow_sign) return false;
      ++p;
    }
    if (p >= b) return false;
    std::size_t digits = 0, dots = 0, int_digits = 0;
    for (std::size_t j = p; j < b; ++j) {
      if (s[j] == '.') {
        if (!k.allow_decimal || ++dots > 1 || j == p || j + 1 == b) return false;
      } else if (s[j] >= '0' && s[j] <= '9') {
        ++digits;
        if (dots == 0) ++int_digits;
      } else {
        return false;
      }
    }
    if (digits > max_digits) return false;
    if (int_digits > 1 && s[p] == '0') return false; // a leading zero
    // "-0" is no number anyone writes.
    if (p > a && int_digits == 1 && s[p] == '0' && dots == 0) return false;
    return true;
  }

  bool feasible(std::size_t pos, std::size_t cell) {
    if (cell == n) return pos == s.size();
    if (pos >= s.size()) return false;
    signed char& m = memo[pos * (n + 1) + cell];
    if (m >= 0) return m == 1;
    bool ok = false;
    const std::size_t longest = std::min(s.size(), pos + max_digits + 2);
    for (std::size_t end = pos + 1; end <= longest && !ok; ++end) {
      if (valid(pos, end, (*kinds)[cell]) && feasible(end, cell + 1)) ok = true;
    }
    m = ok ? 1 : 0;
    return ok;
  }
};

bool enumerate(split_state& st, std::size_t pos, std::size_t cell, std::vector<std::string>& cur,
               std::vector<std::vector<std::string>>& out, std::size_t max) {
  if (cell == st.n) {
    if (out.size() >= max) return false;
    out.push_back(cur);
    return true;
  }
  const std::size_t longest = std::min(st.s.size(), pos + st.max_digits + 2);
  for (std::size_t end = pos + 1; end <= longest; ++end) {
    if (!st.valid(pos, end, (*st.kinds)[cell]) || !st.feasible(end, cell + 1)) continue;
    cur.push_back(st.s.substr(pos, end - pos));
    const bool more = enumerate(st, end, cell + 1, cur, out, max);
    cur.pop_back();
    if (!more) return false;
  }
  return true;
}

// ---- solver -------------------------------------------------------------------------------------

using domain = std::vector<std::uint32_t>; // alive candidate indexes of a group

struct term {
  std::size_t group;
  std::vector<std::int64_t> contrib; // per candidate: Σ coefficient × value over the group's cells
};

struct compiled_equation {
  std::size_t index;      // in solve_problem::equations
  std::int64_t constant = 0;
  std::vector<term> terms;
};

struct searcher {
  const solve_problem& p;
  const solve_limits& limits;
  std::vector<compiled_equation> eqs;
  std::vector<std::vector<std::uint32_t>> solutions; // chosen candidate per group
  std::size_t nodes = 0, work = 0;
  bool bounded = false;
  std::optional<std::size_t> first_failure;
  std::map<std::size_t, std::size_t> failures; // equation → wipe-outs seen

  // Prune every domain by every equation's bounds until nothing changes; false on a wipe-out.
  bool propagate(std::vector<domain>& d) {
    bool changed = true;
    while (changed) {
      changed = false;
      for (const compiled_equation& e : eqs) {
        for (const term& t : e.terms) work += 2 * d[t.group].size();
        if (work > limits.max_work) {
          bounded = true;
          return false;
        }
        std::int64_t lo = e.constant, hi = e.constant;
        std::vector<std::pair<std::int64_t, std::int64_t>> range(e.terms.size());
        for (std::size_t t = 0; t < e.terms.size(); ++t) {
          std::int64_t mn = std::numeric_limits<std::int64_t>::max(), mx = -mn;
          for (std::uint32_t c : d[e.terms[t].group]) {
            mn = std::min(mn, e.terms[t].contrib[c]);
            mx = std::max(mx, e.terms[t].contrib[c]);
          }
          if (d[e.terms[t].group].empty()) return fail(e.index);
          range[t] = {mn, mx};
          lo += mn;
          hi += mx;
        }
        if (lo > 0 || hi < 0) return fail(e.index);
        for (std::size_t t = 0; t < e.terms.size(); ++t) {
          const std::int64_t others_lo = lo - range[t].first, others_hi = hi - range[t].second;
          if (range[t].first + others_hi >= 0 && range[t].second + others_lo <= 0) continue;
          domain& dom = d[e.terms[t].group];
          const auto& contrib = e.terms[t].contrib;
          const auto before = dom.size();
          dom.erase(std::remove_if(dom.begin(), dom.end(),
                                   [&](std::uint32_t c) {
                                     return contrib[c] + others_lo > 0 || contrib[c] + others_hi < 0;
                                   }),
                    dom.end());
          if (dom.empty()) return fail(e.index);
          if (dom.size() != before) changed = true;
        }
      }
    }
    return true;
  }

  bool fail(std::size_t e) {
    if (!first_failure) first_failure = e;
    ++failures[e];
    return false;
  }

  // Depth-first over the smallest undecided group; false stops the search.
  bool search(std::vector<domain> d) {
    if (++nodes > limits.max_nodes) {
      bounded = true;
      return false;
    }
    if (!propagate(d)) return !bounded; // a wipe-out ends this branch; the bound ends all
    std::size_t pick = d.size();
    for (std::size_t g = 0; g < d.size(); ++g)
      if (d[g].size() > 1 && (pick == d.size() || d[g].size() < d[pick].size())) pick = g;
    if (pick == d.size()) {
      std::vector<std::uint32_t> chosen(d.size());
      for (std::size_t g = 0; g < d.size(); ++g) chosen[g] = d[g].front();
      solutions.push_back(std::move(chosen));
      return solutions.size() <= limits.max_solutions;
    }
    const domain options = d[pick];
    for (std::uint32_t c : options) {
      d[pick] = {c};
      if (!search(d)) return false;
    }
    return true;
  }
};

} // namespace

std::optional<std::vector<std::vector<std::string>>>
fused_splits(std::string_view text, const std::vector<split_cell>& kinds,
             std::size_t max_candidates, std::size_t max_digits) {
  split_state st;
  st.kinds = &kinds;
  st.max_digits = max_digits;
  st.n = kinds.size();
  bool space = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    if (is_space(cp)) {
      space = true;
      continue;
    }
    if (pos - start != 1) return std::vector<std::vector<std::string>>{}; // not a digit string
    st.s += text[start];
    st.boundary.push_back(space || st.s.size() == 1);
    space = false;
  }
  std::vector<std::vector<std::string>> out;
  if (st.n == 0 || st.s.empty()) return out;
  st.memo.assign((st.s.size() + 1) * (st.n + 1), -1);
  if (!st.feasible(0, 0)) return out;
  std::vector<std::string> cur;
  if (!enumerate(st, 0, 0, cur, out, max_candidates)) return std::nullopt;
  return out;
}

solve_result solve(const solve_problem& p, const solve_limits& limits) {
  solve_result r;
  r.values.assign(p.cell_count, std::nullopt);
  r.candidates.assign(p.cell_count, {});
  std::vector<std::ptrdiff_t> group_of(p.cell_count, -1), slot_of(p.cell_count, -1);
  std::size_t total_candidates = 0;
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    total_candidates += p.groups[g].candidates.size();
    for (std::size_t i = 0; i < p.groups[g].cells.size(); ++i) {
      const std::size_t c = p.groups[g].cells[i];
      if (c >= p.cell_count) continue;
      group_of[c] = static_cast<std::ptrdiff_t>(g);
      slot_of[c] = static_cast<std::ptrdiff_t>(i);
    }
  }
  auto known = [&](std::size_t c) -> std::optional<std::int64_t> {
    if (c < p.known.size() && group_of[c] < 0) return p.known[c];
    return std::nullopt;
  };
  for (std::size_t c = 0; c < p.cell_count; ++c)
    if (auto k = known(c)) r.values[c] = *k;

  searcher s{p, limits, {}, {}, 0, 0, false, std::nullopt, {}};
  // Compile the equations over groups; one with a free cell constrains nothing.
  for (std::size_t e = 0; e < p.equations.size(); ++e) {
    compiled_equation ce{e, 0, {}};
    bool free = false;
    std::map<std::size_t, std::size_t> term_of;
    auto add = [&](std::size_t c, std::int64_t sign) {
      if (c >= p.cell_count) {
        free = true;
        return;
      }
      if (group_of[c] < 0) {
        if (auto k = known(c)) ce.constant += sign * *k;
        else free = true;
        return;
      }
      const auto g = static_cast<std::size_t>(group_of[c]);
      auto [it, fresh] = term_of.emplace(g, ce.terms.size());
      if (fresh) ce.terms.push_back({g, std::vector<std::int64_t>(p.groups[g].candidates.size())});
      auto& contrib = ce.terms[it->second].contrib;
      const auto slot = static_cast<std::size_t>(slot_of[c]);
      for (std::size_t k = 0; k < contrib.size(); ++k)
        if (slot < p.groups[g].candidates[k].size())
          contrib[k] += sign * p.groups[g].candidates[k][slot];
    };
    for (std::size_t c : p.equations[e].lhs) add(c, 1);
    for (std::size_t c : p.equations[e].rhs) add(c, -1);
    if (!free) s.eqs.push_back(std::move(ce));
  }

  std::vector<domain> root(p.groups.size());
  for (std::size_t g = 0; g < p.groups.size(); ++g)
    for (std::uint32_t k = 0; k < p.groups[g].candidates.size(); ++k) root[g].push_back(k);

  // What is certain without a search: a group cell on which every remaining candidate agrees.
  auto settle_from = [&](const std::vector<domain>& d) {
    for (std::size_t g = 0; g < p.groups.size(); ++g)
      for (std::size_t i = 0; i < p.groups[g].cells.size(); ++i) {
        const std::size_t c = p.groups[g].cells[i];
        if (c >= p.cell_count) continue;
        std::vector<std::int64_t> vals;
        for (std::uint32_t k : d[g]) vals.push_back(p.groups[g].candidates[k][i]);
        std::sort(vals.begin(), vals.end());
        vals.erase(std::unique(vals.begin(), vals.end()), vals.end());
        if (vals.size() == 1) r.values[c] = vals.front();
        else r.candidates[c] = std::move(vals);
      }
  };

  // Too much work even to prune: keep what the digit count alone decides (one candidate).
  auto abstain = [&] {
    r.status = solve_status::bounded;
    for (const solve_group& g : p.groups)
      if (g.candidates.size() == 1)
        for (std::size_t i = 0; i < g.cells.size(); ++i)
          if (g.cells[i] < p.cell_count) r.values[g.cells[i]] = g.candidates[0][i];
    return r;
  };
  if (total_candidates > limits.max_candidates) return abstain();
  const bool root_ok = s.propagate(root);
  r.work = s.work;
  if (s.bounded) return abstain();
  if (!root_ok) {
    r.status = solve_status::infeasible;
    r.failing_equation = s.first_failure; // an index of p.equations (compiled_equation::index)
    return r;
  }
  s.first_failure.reset();
  s.failures.clear();
  s.search(root);
  r.nodes = s.nodes;
  r.work = s.work;
  r.solutions = s.solutions.size();
  if (s.bounded || s.solutions.size() > limits.max_solutions) {
    r.status = s.bounded ? solve_status::bounded : solve_status::ambiguous;
    settle_from(root);
    return r;
  }
  if (s.solutions.empty()) {
    r.status = solve_status::infeasible;
    std::size_t most = 0;
    for (const auto& [e, n] : s.failures)
      if (n > most) {
        most = n;
        r.failing_equation = e;
      }
    return r;
  }
  r.status = s.solutions.size() == 1 ? solve_status::unique : solve_status::ambiguous;
  std::vector<domain> chosen(p.groups.size());
  for (const auto& sol : s.solutions)
    for (std::size_t g = 0; g < sol.size(); ++g) chosen[g].push_back(sol[g]);
  settle_from(chosen);
  return r;
}

} // namespace govdisclose
