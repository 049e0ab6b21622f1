/// @file solve.hpp
/// @brief The split solver: unknown cells with candidate values, linear sum rules over cells
/// (勾稽关系) → the one assignment that satisfies every rule, or the candidates that remain, or
/// the rule that cannot hold.
///
/// It serves the extractor for crawled text whose table cells were fused (`713000074` is
/// `71 | 3 | 0 | 0 | 0 | 0 | 74`: fused_splits() lists the splits, solve() picks the one the
/// template's equations allow) and is meant for correction hints too: any cells, any sums.
/// The equations come from the catalog (sum_rules() in validate.hpp); nothing here knows the
/// template. The search is bounded (solve_limits): past the bound it abstains and says so.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

/// @brief One sum rule over solver cells: Σ lhs = Σ rhs.
struct solve_equation {
  std::string rule;               ///< Rule id (`applications.row_total`).
  std::string path;               ///< Where it is reported: the model path of its first lhs cell.
  std::vector<std::size_t> lhs;   ///< Cell indexes on the left.
  std::vector<std::size_t> rhs;   ///< Cell indexes on the right.
};

/// @brief Cells decided together: each candidate gives a value to every cell of the group
/// (the splits of one fused digit string, or one cell's candidate values).
struct solve_group {
  std::vector<std::size_t> cells;                    ///< Cell indexes, in candidate order.
  std::vector<std::vector<std::int64_t>> candidates; ///< Each as long as `cells`.
};

/// @brief A problem: cells with known values, groups of cells with candidates, equations.
///
/// A cell that is neither known nor in a group is free: an equation that involves it constrains
/// nothing and is left out. A cell belongs to at most one group.
struct solve_problem {
  std::size_t cell_count = 0;                      ///< Cells are 0 … cell_count-1.
  std::vector<std::optional<std::int64_t>> known;  ///< Known values (empty, or cell_count long).
  std::vector<solve_group> groups;                 ///< Groups with candidates.
  std::vector<solve_equation> equations;           ///< The sum rules.
};

/// @brief The bound on work: past it, solve() abstains (solve_status::bounded).
struct solve_limits {
  std::size_t max_nodes = 100000;    ///< Search nodes (a candidate tried in a group).
  std::size_t max_solutions = 16;    ///< Distinct solutions collected before stopping.
  std::size_t max_candidates = 200000; ///< Candidates over all groups.
  /// Candidate checks over the whole solve (pruning passes included): the worst-case time bound,
  /// about 10–50 ms at the default.
  std::size_t max_work = 5000000;
};

/// @brief What solve() found.
enum class solve_status : std::uint8_t {
  unique,     ///< Exactly one assignment satisfies every equation.
  ambiguous,  ///< Several do: cells on which they differ are left undecided.
  infeasible, ///< None does: see solve_result::failing_equation.
  bounded,    ///< The bound was reached: only cells fixed before the search are decided.
};

/// @brief The outcome of solve().
struct solve_result {
  solve_status status = solve_status::infeasible; ///< What was found.
  /// Per cell: the value every solution gives it (known cells keep theirs); empty when undecided.
  std::vector<std::optional<std::int64_t>> values;
  /// Per cell: the distinct values left for an undecided group cell (sorted), else empty.
  std::vector<std::vector<std::int64_t>> candidates;
  std::size_t solutions = 0;                  ///< Solutions found (at most max_solutions + 1).
  std::size_t nodes = 0;                      ///< Search nodes explored.
  std::size_t work = 0;                       ///< Candidate checks done (see max_work).
  std::optional<std::size_t> failing_equation; ///< Infeasible: an equation that cannot hold.
};

/// @brief Find the assignments of the groups' candidates that satisfy every equation.
///
/// Candidates are pruned by bounds (each equation's other groups span [min, max]) until nothing
/// changes, then a depth-first search over the smallest remaining group, pruning the same way at
/// every node, collects up to `max_solutions + 1` solutions. Work is bounded by
/// `limits.max_nodes` nodes and `limits.max_work` candidate checks in all: past either, the
/// result is solve_status::bounded.
/// @param p the problem.
/// @param limits the bound.
solve_result solve(const solve_problem& p, const solve_limits& limits = {});

/// @brief How one cell of a fused string may be spelled.
struct split_cell {
  bool allow_sign = false;    ///< A leading `-` (2019 本年增/减).
  bool allow_decimal = false; ///< A decimal point (amounts).
};

/// @brief The ways to split fused cell text into `kinds.size()` numbers, as substrings.
///
/// `text` is digits (and `-`, `.` where a cell allows them) with white space where the original
/// certainly had a cell boundary (`230 000023`). A number is `0` or has no leading zero, at
/// most `max_digits` digits. Returns nothing when there are more than `max_candidates` splits
/// (the caller abstains); an empty list when there is none. Enumeration is memoised on
/// (position, cells left), so its cost is bounded by the candidates it returns.
std::optional<std::vector<std::vector<std::string>>>
fused_splits(std::string_view text, const std::vector<split_cell>& kinds,
             std::size_t max_candidates = 20000, std::size_t max_digits = 12);

} // namespace govdisclose
