// Correction hints (hint.hpp): the smallest set of cell changes — one cell, then two — that makes
// every sum rule of the template hold, found in closed form over the rules' linear equations and
// checked with the split solver (solve.hpp).
#include <govdisclose/hint.hpp>
#include <govdisclose/solve.hpp>
#include <govdisclose/validate.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <unordered_map>

namespace govdisclose {
namespace {

struct hcell {
  std::string path;
  const cell* c = nullptr;
  std::int64_t value = 0;
  bool usable = false;
  bool signed_ok = false;
};

struct heq {
  std::string rule, path;
  std::vector<std::pair<std::size_t, std::int64_t>> coefs; // cell → coefficient (non-zero)
  std::int64_t residual = 0;                                // Σ lhs − Σ rhs
};

struct change {
  std::size_t cell;
  std::int64_t value;
};
using fix = std::vector<change>;

struct problem {
  std::vector<hcell> cells;
  std::vector<heq> eqs;
  std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> of_cell; // cell → (eq, coef)
};

problem build(const report& r) {
  problem p;
  const template_def& cat = catalog(r.template_);
  std::unordered_map<std::string, std::size_t> index;
  for_each_cell(r, [&](std::string_view path, const cell& c) {
    hcell h;
    h.path = std::string(path);
    h.c = &c;
    const auto loc = cat.locate(path);
    const value_kind kind = loc ? loc.column->kind : value_kind::count;
    h.signed_ok = kind == value_kind::signed_count;
    switch (c.state) {
    case cell_state::blank:
    case cell_state::marker: h.usable = true; break;
    case cell_state::number:
      if (c.value.is_integer() && (h.signed_ok || c.value >= decimal{})) {
        h.usable = true;
        h.value = c.value.whole_part();
      }
      break;
    default: break;
    }
    index.emplace(h.path, p.cells.size());
    p.cells.push_back(std::move(h));
  });
  p.of_cell.resize(p.cells.size());
  for (const sum_rule& s : sum_rules(r.template_)) {
    heq e;
    e.rule = std::string(s.rule);
    e.path = s.lhs.empty() ? std::string() : s.lhs.front();
    std::map<std::size_t, std::int64_t> coef;
    bool ok = !s.lhs.empty() && !s.rhs.empty();
    for (int side = 0; side < 2 && ok; ++side)
      for (const std::string& path : side == 0 ? s.lhs : s.rhs) {
        const auto it = index.find(path);
        if (it == index.end() || !p.cells[it->second].usable) {
          ok = false;
          break;
        }
        const std::int64_t sign = side == 0 ? 1 : -1;
        coef[it->second] += sign;
        e.residual += sign * p.cells[it->second].value;
      }
    if (!ok) continue;
    for (auto [c, k] : coef)
      if (k != 0) e.coefs.emplace_back(c, k);
    if (e.coefs.empty()) continue;
    for (auto [c, k] : e.coefs)
      p.of_cell[c].emplace_back(p.eqs.size(), k);
    p.eqs.push_back(std::move(e));
  }
  return p;
}

// The split solver's check of a cluster's fixes: every cell known, the rules that hold and the
// cluster's failed ones. Another cluster's failed rules are left out: they fail whatever this
// cluster's fix is, and get their own hint.
solve_problem check_problem(const problem& p, const std::vector<char>& in_cluster) {
  solve_problem sp;
  sp.cell_count = p.cells.size();
  sp.known.resize(sp.cell_count);
  for (std::size_t i = 0; i < p.cells.size(); ++i)
    if (p.cells[i].usable) sp.known[i] = p.cells[i].value;
  for (std::size_t e = 0; e < p.eqs.size(); ++e) {
    if (p.eqs[e].residual != 0 && !in_cluster[e]) continue;
    solve_equation se;
    se.rule = p.eqs[e].rule;
    se.path = p.eqs[e].path;
    for (auto [c, k] : p.eqs[e].coefs)
      for (std::int64_t i = 0; i < (k < 0 ? -k : k); ++i)
        (k > 0 ? se.lhs : se.rhs).push_back(c);
    sp.equations.push_back(std::move(se));
  }
  return sp;
}

// The fix makes the cluster's rules hold without breaking one that holds.
bool holds(solve_problem& sp, const problem& p, const fix& f) {
  for (const change& c : f)
    sp.known[c.cell] = c.value;
  const bool ok = solve(sp).status != solve_status::infeasible;
  for (const change& c : f)
    sp.known[c.cell] = p.cells[c.cell].value;
  return ok;
}

std::string current_zh(const hcell& h) {
  switch (h.c->state) {
  case cell_state::blank: return "空白";
  case cell_state::marker: return "“" + h.c->raw + "”";
  default: return std::to_string(h.value);
  }
}

std::string current_wire(const hcell& h) {
  switch (h.c->state) {
  case cell_state::blank: return "blank";
  case cell_state::marker: return h.c->raw;
  default: return std::to_string(h.value);
  }
}

std::string change_zh(const template_def& cat, const hcell& h, std::int64_t v) {
  const std::string where = cat.describe(h.path);
  if (h.c->state == cell_state::number)
    return "将 " + where + " 由 " + current_zh(h) + " 改为 " + std::to_string(v);
  return "在 " + where + "（" + current_zh(h) + "）填入 " + std::to_string(v);
}

std::string change_en(const hcell& h, std::int64_t v) {
  if (h.c->state == cell_state::number)
    return "changing " + h.path + " from " + current_wire(h) + " to " + std::to_string(v);
  return "filling " + h.path + " (" + current_wire(h) + ") with " + std::to_string(v);
}

std::string fix_zh(const template_def& cat, const problem& p, const fix& f) {
  std::string s;
  for (std::size_t i = 0; i < f.size(); ++i) {
    std::string part = change_zh(cat, p.cells[f[i].cell], f[i].value);
    if (i) part = "并" + part;
    s += (i ? "，" : "") + part;
  }
  return s;
}

std::string fix_en(const problem& p, const fix& f) {
  std::string s;
  for (std::size_t i = 0; i < f.size(); ++i)
    s += (i ? " and " : "") + change_en(p.cells[f[i].cell], f[i].value);
  return s;
}

struct union_find {
  std::vector<std::size_t> parent;
  explicit union_find(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

bool valid_value(const hcell& h, std::int64_t v) { return h.signed_ok || v >= 0; }

// Fixes of one cell for the failed rules `in_cluster` (a flag per rule), size `n`.
std::vector<fix> single_fixes(const problem& p, const std::vector<char>& in_cluster, std::size_t n,
                              const std::vector<std::size_t>& cands) {
  std::vector<fix> out;
  for (std::size_t x : cands) {
    std::size_t covered = 0;
    for (auto [e, k] : p.of_cell[x])
      covered += in_cluster[e] ? 1 : 0;
    if (covered != n) continue;
    std::optional<std::int64_t> d;
    bool ok = true;
    for (auto [e, k] : p.of_cell[x]) {
      const std::int64_t r = p.eqs[e].residual;
      if (!d) {
        if (r % k != 0 || r == 0) {
          ok = false;
          break;
        }
        d = -r / k;
      }
      if (k * *d + r != 0) {
        ok = false;
        break;
      }
    }
    if (!ok || !d) continue;
    const std::int64_t v = p.cells[x].value + *d;
    if (!valid_value(p.cells[x], v)) continue;
    out.push_back({{x, v}});
  }
  return out;
}

// Fixes of two cells; nullopt past the bound.
std::optional<std::vector<fix>> pair_fixes(const problem& p, const std::vector<char>& in_cluster,
                                           std::size_t n, const std::vector<std::size_t>& cands,
                                           const hint_limits& limits) {
  if (cands.size() * (cands.size() - 1) / 2 > limits.max_pairs) return std::nullopt;
  std::vector<fix> out;
  std::vector<std::int64_t> a(p.eqs.size(), 0), b(p.eqs.size(), 0);
  std::vector<std::size_t> touched;
  for (std::size_t i = 0; i < cands.size(); ++i)
    for (std::size_t j = i + 1; j < cands.size(); ++j) {
      const std::size_t x = cands[i], y = cands[j];
      touched.clear();
      for (auto [e, k] : p.of_cell[x]) {
        a[e] = k;
        touched.push_back(e);
      }
      for (auto [e, k] : p.of_cell[y]) {
        if (a[e] == 0 && b[e] == 0) touched.push_back(e);
        b[e] = k;
      }
      std::size_t covered = 0;
      for (std::size_t e : touched)
        covered += in_cluster[e] ? 1 : 0;
      std::optional<std::pair<std::int64_t, std::int64_t>> d;
      bool ok = covered == n;
      // Two independent rules give the changes (Cramer); every other rule must agree.
      for (std::size_t u = 0; ok && !d && u < touched.size(); ++u)
        for (std::size_t v = u + 1; ok && !d && v < touched.size(); ++v) {
          const std::size_t e1 = touched[u], e2 = touched[v];
          const std::int64_t det = a[e1] * b[e2] - a[e2] * b[e1];
          if (det == 0) continue;
          const std::int64_t r1 = p.eqs[e1].residual, r2 = p.eqs[e2].residual;
          const std::int64_t nx = b[e1] * r2 - r1 * b[e2], ny = a[e2] * r1 - a[e1] * r2;
          if (nx % det != 0 || ny % det != 0) {
            ok = false;
            break;
          }
          d = std::pair{nx / det, ny / det};
        }
      if (ok && d) {
        for (std::size_t e : touched)
          ok = ok && a[e] * d->first + b[e] * d->second + p.eqs[e].residual == 0;
        const std::int64_t vx = p.cells[x].value + d->first, vy = p.cells[y].value + d->second;
        if (ok && d->first != 0 && d->second != 0 && valid_value(p.cells[x], vx) &&
            valid_value(p.cells[y], vy))
          out.push_back({{x, vx}, {y, vy}});
      }
      for (std::size_t e : touched)
        a[e] = b[e] = 0;
    }
  return out;
}

correction_hint make_hint(const template_def& cat, const problem& p,
                          const std::vector<char>& in_cluster, std::vector<fix> fixes,
                          bool bounded, const hint_limits& limits) {
  correction_hint h;
  solve_problem check = check_problem(p, in_cluster);
  std::erase_if(fixes, [&](const fix& f) { return !holds(check, p, f); });
  h.alternatives = fixes.size();
  for (std::size_t i = 0; i < fixes.size() && i < limits.max_listed; ++i) {
    hint_fix hf;
    for (const change& c : fixes[i])
      hf.cells.push_back({p.cells[c.cell].path, current_wire(p.cells[c.cell]),
                          std::to_string(c.value)});
    h.fixes.push_back(std::move(hf));
  }
  if (fixes.empty()) {
    h.status = hint_status::no_simple_fix;
    h.message = "提示：改动一两个单元格都无法使所有勾稽关系成立（没有简单的修正），请逐项核对。";
    h.message_en = std::string("hint: no simple fix: no change of one or two cells makes every sum "
                               "rule hold") +
                   (bounded ? " (search bound reached)" : "") + "; check the figures one by one.";
    return h;
  }
  const std::string size_zh = fixes.front().size() == 1 ? "单格" : "两格";
  const std::string size_en = fixes.front().size() == 1 ? "one-cell" : "two-cell";
  if (fixes.size() == 1) {
    const fix& f = fixes.front();
    // A cell that only one rule sees cannot be pinned down: the other cells of that rule could
    // as well be the wrong ones (a 总计 of 0 whose parts add to 11: the total, or a part).
    const bool lone = std::any_of(f.begin(), f.end(),
                                  [&](const change& c) { return p.of_cell[c.cell].size() < 2; });
    if (!lone) {
      h.status = hint_status::unique;
      h.message = "提示：" + fix_zh(cat, p, f) + "，所有勾稽关系即成立；这是唯一的" + size_zh +
                  "修正，该格很可能填错或漏填。";
      h.message_en = "hint: " + fix_en(p, f) + " makes every sum rule hold; the only " + size_en +
                     " fix, so that cell is probably wrong.";
      return h;
    }
    h.status = hint_status::ambiguous;
    std::string cells_zh, cells_en;
    for (const change& c : f) {
      cells_zh += (cells_zh.empty() ? "" : "、") + cat.describe(p.cells[c.cell].path) + " 应为 " +
                  std::to_string(c.value);
      cells_en += (cells_en.empty() ? "" : ", ") + p.cells[c.cell].path + " " +
                  std::to_string(c.value);
    }
    h.message = "提示：" + cells_zh +
                "（或是其中某一项有误）：只有一条勾稽关系涉及该格，无法确定是哪一格。";
    h.message_en = "hint: " + cells_en +
                   " (or one of the parts): only one sum rule sees that cell, so which cell is "
                   "wrong cannot be told.";
    return h;
  }
  h.status = hint_status::ambiguous;
  std::string zh, en;
  for (std::size_t i = 0; i < fixes.size() && i < limits.max_listed; ++i) {
    zh += (i ? "；或" : "") + fix_zh(cat, p, fixes[i]);
    en += (i ? "; or " : "") + fix_en(p, fixes[i]);
  }
  const bool more = fixes.size() > limits.max_listed;
  h.message = "提示：有 " + std::to_string(fixes.size()) + " 种同样简单的" + size_zh +
              "修正，无法确定是哪一格：" + zh + (more ? "；等" : "") + "。";
  h.message_en = "hint: " + std::to_string(fixes.size()) + " " + size_en +
                 " fixes make every sum rule hold, so which cell is wrong cannot be told: " + en +
                 (more ? "; …" : "") + ".";
  return h;
}

} // namespace

std::vector<hint_finding> find_hints(const report& r, const hint_limits& limits) {
  const problem p = build(r);
  const template_def& cat = catalog(r.template_);
  std::vector<std::size_t> failing;
  for (std::size_t e = 0; e < p.eqs.size(); ++e)
    if (p.eqs[e].residual != 0) failing.push_back(e);
  if (failing.empty()) return {};
  // Failed rules that share a cell are one cluster: a fix of one never touches another's cells.
  union_find uf(p.eqs.size());
  for (std::size_t c = 0; c < p.cells.size(); ++c) {
    std::optional<std::size_t> first;
    for (auto [e, k] : p.of_cell[c]) {
      if (p.eqs[e].residual == 0) continue;
      if (first) uf.unite(*first, e);
      else first = e;
    }
  }
  std::vector<hint_finding> out;
  std::vector<char> done(p.eqs.size(), 0);
  for (std::size_t e0 : failing) {
    const std::size_t root = uf.find(e0);
    if (done[root]) continue;
    done[root] = 1;
    std::vector<char> in_cluster(p.eqs.size(), 0);
    std::size_t n = 0;
    hint_finding f;
    for (std::size_t e : failing)
      if (uf.find(e) == root) {
        in_cluster[e] = 1;
        ++n;
        f.explains.emplace_back(p.eqs[e].rule, p.eqs[e].path);
      }
    std::vector<std::size_t> cands;
    for (std::size_t c = 0; c < p.cells.size(); ++c)
      if (std::any_of(p.of_cell[c].begin(), p.of_cell[c].end(),
                      [&](const auto& ek) { return in_cluster[ek.first] != 0; }))
        cands.push_back(c);
    std::vector<fix> fixes = single_fixes(p, in_cluster, n, cands);
    bool bounded = false;
    if (fixes.empty()) {
      auto pairs = pair_fixes(p, in_cluster, n, cands, limits);
      if (pairs) fixes = std::move(*pairs);
      else bounded = true;
    }
    f.hint = make_hint(cat, p, in_cluster, std::move(fixes), bounded, limits);
    out.push_back(std::move(f));
  }
  return out;
}

namespace {

// Whether every sum rule of `r` that reads `path` holds (rules it cannot evaluate count as holding).
bool holds_at(const report& r, const std::string& path) {
  const problem p = build(r);
  for (std::size_t c = 0; c < p.cells.size(); ++c)
    if (p.cells[c].path == path)
      return std::all_of(p.of_cell[c].begin(), p.of_cell[c].end(),
                         [&](const auto& ek) { return p.eqs[ek.first].residual == 0; });
  return true;
}

// The value a unique one-cell fix of `r` gives `path`, if find_hints() has exactly that.
std::optional<std::string> unique_fix_of(const report& r, const std::string& path) {
  for (const hint_finding& f : find_hints(r))
    if (f.hint.status == hint_status::unique && f.hint.fixes.size() == 1 &&
        f.hint.fixes[0].cells.size() == 1 && f.hint.fixes[0].cells[0].path == path)
      return f.hint.fixes[0].cells[0].suggested;
  return std::nullopt;
}

} // namespace

std::optional<correction_hint> carry_over_hint(const report& last_year, const report& this_year,
                                               const std::string& last_path,
                                               const std::string& now_path) {
  const cell* last = find_cell(last_year, last_path);
  const cell* now = find_cell(this_year, now_path);
  if (!last || !now) return std::nullopt;
  const auto text = [](const cell& c) {
    if (c.is_number()) return detail::number_text(c.value);
    return c.state == cell_state::blank ? std::string("blank") : c.raw;
  };
  const auto value_of = [](const cell& c) {
    return c.is_number() ? detail::number_text(c.value) : std::string("0");
  };
  const bool last_ok = holds_at(last_year, last_path), now_ok = holds_at(this_year, now_path);
  if (last_ok == now_ok) return std::nullopt; // both add up, or neither: nothing to tell
  correction_hint h;
  h.status = hint_status::unique;
  h.alternatives = 1;
  // The year whose tables do not add up is the wrong one; the other year's value is the fix.
  const report& wrong = now_ok ? last_year : this_year;
  const std::string& path = now_ok ? last_path : now_path;
  const cell& wrong_cell = now_ok ? *last : *now;
  const cell& right_cell = now_ok ? *now : *last;
  const std::string wrong_zh = now_ok ? "上一年度" : "本年度",
                    right_zh = now_ok ? "本年度" : "上一年度";
  const std::string wrong_en = now_ok ? "last" : "this", right_en = now_ok ? "this" : "last";
  const auto fix = unique_fix_of(wrong, path);
  if (!fix || *fix != value_of(right_cell)) return std::nullopt;
  h.fixes.push_back({{{path, text(wrong_cell), *fix}}});
  h.message = "提示：" + wrong_zh + "的 " + catalog(wrong.template_).describe(path) +
              " 很可能有误：改为" + right_zh + "的 " + *fix + " 后，两年衔接一致，" + wrong_zh +
              "表格的勾稽关系也全部成立；" + right_zh + "表格本身相加相符。";
  h.message_en = "hint: " + wrong_en + " year's " + path + " is probably wrong: " + right_en +
                 " year's " + *fix + " makes the years agree and every sum rule of " + wrong_en +
                 " year hold; " + right_en + " year's tables add up.";
  return h;
}

void attach_hints(const report& r, std::vector<diagnostic>& ds, const hint_limits& limits) {
  // A sum rule id is an equation's rule in the catalog: looked up there, a report without a
  // failed sum costs no allocation (expanding sum_rules() would).
  const template_def& cat = catalog(r.template_);
  const auto is_sum_rule = [&](const diagnostic& d) {
    return std::any_of(cat.tables.begin(), cat.tables.end(), [&](const table_def& t) {
      return std::any_of(t.row_equations.begin(), t.row_equations.end(),
                         [&](const row_equation& e) { return e.rule == d.rule; }) ||
             std::any_of(t.column_equations.begin(), t.column_equations.end(),
                         [&](const column_equation& e) { return e.rule == d.rule; });
    });
  };
  if (std::none_of(ds.begin(), ds.end(), is_sum_rule)) return; // a clean report costs nothing
  for (const hint_finding& f : find_hints(r, limits))
    for (diagnostic& d : ds)
      for (const auto& [rule, path] : f.explains)
        if (d.rule == rule && d.path == path && !d.hint) d.hint = f.hint;
}

} // namespace govdisclose
