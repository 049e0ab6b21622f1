/// @file validate.hpp
/// @brief Validation of one report: structure, cell rules and the sum rules (勾稽关系) of its
/// template, all derived from the template catalog.
///
/// Rule ids are those of shared/spec/TEMPLATE.md; docs/rules.md lists them for users.
#pragma once

#include <govdisclose/catalog.hpp>
#include <govdisclose/diagnostic.hpp>
#include <govdisclose/model.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace govdisclose {

/// @brief Choices for validate().
struct validate_options {
  /// @brief Report warnings (`cell.blank`, `proactive.fee_precision`) as well as errors.
  bool warnings = true;
  /// @brief Count a blank or a marker (`/`, `—`, `无`) as 0 in sums (the diagnostic says so).
  /// When false, a sum that involves such a cell is not checked.
  bool blank_counts_as_zero = true;
  /// @brief Rule ids to leave out of the result: an exact id (`cell.blank`) or a prefix ending
  /// before a dot (`cell` leaves out every `cell.*` rule). Filtering only: a text cell still
  /// makes its sums unevaluable when `cell.not_a_number` is left out.
  std::vector<std::string> skip_rules;
  /// @brief Also check the narrative against the tables (check_narrative(), narrative.hpp):
  /// counts stated in the text, stated totals and their parts, the data period, 信息处理费.
  bool narrative = true;
  /// @brief Attach correction hints (hint.hpp) to failed sum rules: which cell(s) would make
  /// the tables add up. A suggestion only: the report is not changed.
  bool hints = true;
};

/// @brief One sum rule of a template expanded to cells: Σ lhs = Σ rhs (model paths).
struct sum_rule {
  std::string_view rule;          ///< Rule id (`applications.balance`).
  std::vector<std::string> lhs;   ///< Model paths on the left (the total, for a row sum).
  std::vector<std::string> rhs;   ///< Model paths on the right.
};

/// @brief Every sum rule the validator checks, expanded over the template's cells: each row
/// equation in every column of its rows, each column equation in every row that has its columns.
///
/// The same walk as the validator's (validate_layout over the catalog), so the split solver
/// (solve.hpp) and validate() agree on the 勾稽关系. Rules over local rows and columns
/// (小计) are included; a caller drops those whose cells it does not have.
inline std::vector<sum_rule> sum_rules(template_id id);

/// @brief Check one report against the rules of its template.
///
/// Every rule is derived from the template catalog (catalog.hpp): the sum rules from each
/// table's row and column equations, the cell rules from each column's value kind and decimals,
/// the structure rules from its rows. Diagnostics come in template order (table by table, cell
/// by cell; for one cell, structure before cell rules before sums); each names its rule id, the
/// model path, the position of the cell in `r.meta.source`, what was expected and found, and a
/// Chinese message with the template's labels beside the English one.
///
/// A blank or a marker (`/`, `—`, `无`) counts as 0 in sums, and the sum's diagnostic names the
/// cells counted so. A sum that involves an absent cell (a local row or column not published, or
/// a missing row reported as `structure.missing_row`) or a cell with an error of its own (text,
/// negative, fraction) is not checked, so one broken cell gives one message, not a cascade.
/// `structure.unknown_row` / `structure.unknown_column` are reported by the extractor, which sees
/// the published labels; the model holds only what the template knows.
/// @param r the report.
/// @param o what to report and how to count blanks.
/// The narrative checks (narrative.hpp) follow the table diagnostics unless turned off.
/// @return the diagnostics, errors and (unless turned off) warnings, in template order.
inline std::vector<diagnostic> validate(const report& r, const validate_options& o = {});

/// @brief Check a report read from a document, knowing what the reader said about it.
///
/// As validate(r, o), except for rows the reader saw: a row the reader reports as present but
/// unread (`extract.split_*`: fused digits that split several ways or none;
/// `structure.extra_cells`) is not called missing — the reader's finding says why it is absent;
/// and when a table has at least as many data rows without a label (`structure.unlabelled_row`)
/// as template rows absent, each absent row gets `structure.unidentified_row` (a warning: it may
/// be one of those rows) instead of `structure.missing_row`.
/// @param r the report.
/// @param reading the reader's diagnostics for it (`result<report>::diagnostics`).
/// @param o what to report and how to count blanks.
inline std::vector<diagnostic> validate(const report& r, const std::vector<diagnostic>& reading,
                                        const validate_options& o = {});

} // namespace govdisclose

#include <govdisclose/impl/validate.hpp>
