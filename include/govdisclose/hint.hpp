/// @file hint.hpp
/// @brief Correction hints: which cell is probably wrong, and what would make the tables add up.
///
/// The template's sum rules (sum_rules(), validate.hpp) overdetermine its tables: a single
/// mistyped cell usually breaks one row equation and one column equation at once, and only one
/// value of one cell satisfies both. find_hints() searches the smallest set of cell changes —
/// one cell, then two, bounded — that makes every equation hold without breaking one that holds.
/// A blank or a marker counts as a cell to fill. The report is never changed: a hint is a
/// suggestion that rides on the diagnostics it explains (diagnostic::hint).
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/model.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace govdisclose {

/// @brief The bound on the search.
struct hint_limits {
  std::size_t max_pairs = 200000; ///< Cell pairs tried for a two-cell fix; past it, no simple fix.
  std::size_t max_listed = 5;     ///< Fixes listed in a hint (the count says how many exist).
};

/// @brief A hint for one cluster of failed sum rules (failed rules that share cells).
struct hint_finding {
  /// The failed sum rules it explains, as (rule id, model path) — the diagnostics' rule and path.
  std::vector<std::pair<std::string, std::string>> explains;
  correction_hint hint; ///< What would make them hold.
};

/// @brief Find correction hints for every failed sum rule of a report.
///
/// Sum rules over an absent cell or a cell with an error of its own (text, negative, fraction)
/// are left out, as validate() leaves them out; blanks and markers count as 0 and may be filled.
/// Failed rules that share cells are searched together: a one-cell fix must lie in all of them,
/// a two-cell fix must cover them; either must keep every other rule holding and every count
/// non-negative. Each fix is checked with the solver (solve.hpp) against every rule. A fix is
/// `unique` only when it is the only one of its size and each changed cell is checked by at
/// least two rules; a cell that only one rule sees (a 总计 whose parts add to something else)
/// could as well be right with a part wrong, and the hint says so.
/// @param r the report.
/// @param limits the bound.
/// @return one finding per cluster of failed rules, in template order.
std::vector<hint_finding> find_hints(const report& r, const hint_limits& limits = {});

/// @brief Attach find_hints()'s hints to the diagnostics they explain (matched by rule and path).
/// @param r the report the diagnostics are about.
/// @param ds diagnostics from validate().
/// @param limits the bound.
void attach_hints(const report& r, std::vector<diagnostic>& ds, const hint_limits& limits = {});

/// @brief A hint for an across-years carry-over mismatch (`across_years.carry_over`): which side
/// is likely wrong.
///
/// `now_path` (this year's 上年结转 cell) holds `now_value`, `last_path` (last year's 结转下年度
/// cell) holds `last_value`, and they differ. When one year's sum rules hold at its cell and the
/// other year's fail there and are all mended by that one cell taking the other year's value
/// (find_hints() gives that unique one-cell fix), the failing side is named. Otherwise (both years
/// add up, or both fail) there is nothing to tell, and nullopt is returned.
/// @param last_year the report of year N−1.
/// @param this_year the report of year N.
/// @param last_path the cell of last year (`applications.carried_forward.total`).
/// @param now_path the cell of this year (`applications.carried_over.total`).
std::optional<correction_hint> carry_over_hint(const report& last_year, const report& this_year,
                                               const std::string& last_path,
                                               const std::string& now_path);

} // namespace govdisclose
