/// @file compare.hpp
/// @brief Across years and agencies: carry-over checks, roll-ups, diffs and derived figures.
///
/// Everything here is generic over the model: cells are walked with for_each_cell() and named by
/// their dotted paths and the catalog's labels. See the @ref compare "comparing reports" page.
#pragma once

#include <govdisclose/cell.hpp>
#include <govdisclose/diagnostic.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/result.hpp>

#include <boost/describe.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govdisclose {

// ---- series: one agency over consecutive years -------------------------------

/// @brief Check two consecutive annual reports of one agency against each other.
///
/// Rules (warnings, shared/spec/TEMPLATE.md):
/// - `across_years.carry_over`: for every column c of the application matrix, this year's
///   `applications.carried_over.c` must equal last year's `applications.carried_forward.c`;
/// - `across_years.in_force`: for every row with an `in_force` column (2021 template:
///   `regulations`, `normative_documents`), in_force(N) = in_force(N−1) + issued(N) − repealed(N).
///   Revisions of documents can break it legitimately, and the message says so.
///
/// A blank counts as 0 and the message says so; a marker, text or an absent cell gives no
/// finding. The diagnostic's path and position are this year's cell; the message names both
/// reports (meta.source, else meta.title) and gives last year's cell position too.
/// @param last_year the report of year N−1.
/// @param this_year the report of year N.
/// @return the findings, in template order.
std::vector<diagnostic> check_series(const report& last_year, const report& this_year);

/// @brief True for a cell that check_series() or the year-over-year figures of derive() read,
/// in either year's report.
///
/// A batch keeps only these cells of a report to compare it with the agency's reports of the
/// years before and after (batch.hpp): a report made of them alone gives the same findings and
/// figures as the whole report.
/// @param path a cell's model path (`applications.carried_over.total`).
bool compared_across_years(std::string_view path) noexcept;

/// @brief An agency name normalised for grouping: full-width forms as ASCII, white space removed.
std::string normalize_agency(std::string_view agency);

/// @brief Pairs (i, j) of reports of the same agency where year(j) = year(i) + 1.
///
/// Agencies are compared after normalize_agency(); reports without a year or an agency are left
/// out. When an agency has several reports for one year, the first one (in input order) is used.
/// Pairs come sorted by i.
/// @param metas the reports' meta data, in input order.
/// @return index pairs (last year, this year) into `metas`.
std::vector<std::pair<std::size_t, std::size_t>>
consecutive_pairs(const std::vector<report_meta>& metas);

// ---- roll-ups: a summary of member agencies ------------------------------------

/// @brief Sum member reports cell by cell into one summary report.
///
/// All members must follow the same template (else a `rollup.template` error and an empty
/// report). For each cell: numbers are summed exactly, blanks count as 0; the cell stays blank
/// only where every present member is blank, and absent where every member is absent. Markers
/// and text are not summed: each gives a `rollup.not_summed` warning naming the member and the
/// cell. The summary's meta has the common year (when all agree) and a title naming the count.
/// @param members the member reports (at least one, else a `rollup.empty` error).
/// @return the summary and the diagnostics.
result<report> rollup(const std::vector<report>& members);

/// @brief Check a published summary against its members: `rollup.sum` warnings.
///
/// A warning for every cell where the summary's number differs from the members' sum (blank
/// counts as 0 on either side, and the message says so). Cells where the summary or a member
/// holds a marker or text, and cells absent in the summary, are not checked. Members of another
/// template than the summary give a `rollup.template` error.
/// @param summary the published summary report.
/// @param members the member reports.
std::vector<diagnostic> check_rollup(const report& summary, const std::vector<report>& members);

// ---- diff ------------------------------------------------------------------------

/// @brief One cell that differs between two reports.
struct cell_change {
  std::string path;            ///< Model path: `applications.granted.total`.
  std::string label;           ///< Chinese label from the catalog (the path when unknown).
  cell before;                 ///< The cell in the first report (absent when it has none).
  cell after;                  ///< The cell in the second report.
  std::optional<decimal> delta; ///< after − before, when both are numbers.
  /// @brief True when the state changed (blank → number, number → marker…).
  bool state_changed() const noexcept { return before.state != after.state; }
  /// @brief Equal paths, labels, cells and deltas.
  friend bool operator==(const cell_change&, const cell_change&) = default;
};
BOOST_DESCRIBE_STRUCT(cell_change, (), (path, label, before, after, delta))

/// @brief One text field (narrative section or meta member) that differs.
struct text_change {
  std::string field;  ///< `narrative.overview`, `meta.title`, `meta.year`, `template`…
  std::string before; ///< The text in the first report (a year as decimal text).
  std::string after;  ///< The text in the second report.
  /// @brief Equal fields and texts.
  friend bool operator==(const text_change&, const text_change&) = default;
};
BOOST_DESCRIBE_STRUCT(text_change, (), (field, before, after))

/// @brief What differs between two reports.
struct report_diff {
  std::string before_name;        ///< The first report's name (meta.source, else title).
  std::string after_name;         ///< The second report's name.
  std::vector<text_change> meta;  ///< `template` and meta members that differ.
  std::vector<text_change> narrative; ///< Narrative sections that differ.
  std::vector<cell_change> cells; ///< Cells that differ, in template order.
  /// @brief True when nothing differs.
  bool empty() const noexcept { return meta.empty() && narrative.empty() && cells.empty(); }
  /// @brief Equal names and changes.
  friend bool operator==(const report_diff&, const report_diff&) = default;
};
BOOST_DESCRIBE_STRUCT(report_diff, (), (before_name, after_name, meta, narrative, cells))

/// @brief Choices for diff().
struct diff_options {
  /// @brief Compare meta.source and meta.format too (where the reports were read from). Off by
  /// default: the same report read from two files is the same report.
  bool provenance = false;
};

/// @brief Compare two reports cell by cell (cell equality: state, value, marker/text raw).
///
/// Cells are matched by path; a path only one report has (another template) is a change from
/// or to absent. Provenance (raw spelling of numbers, source spans) never counts.
/// @param a the first ("before") report.
/// @param b the second ("after") report.
/// @param o choices.
report_diff diff(const report& a, const report& b, const diff_options& o = {});

/// @brief The diff as text lines: `~ path 〔label〕: before → after (+delta)`; empty when equal.
std::string diff_to_text(const report_diff& d);

/// @brief The diff as a JSON object: `{before, after, equal, meta, narrative, cells}`.
///
/// Each cell change is `{path, label, before: {state, text}, after: {state, text}, delta}`, with
/// numbers as exact decimal text and `delta` null unless both are numbers.
/// @param d the diff.
/// @param indent spaces per level, 0 for one line.
std::string diff_to_json(const report_diff& d, int indent = 2);

/// @brief The diff as CSV (RFC 4180, header line first):
/// `path,label,before_state,before,after_state,after,delta`; text fields have state `text`.
std::string diff_to_csv(const report_diff& d);

// ---- derived figures ---------------------------------------------------------------

/// @brief Figures computed from a report's tables, in one place. Absent (never 0) when a
/// denominator is zero or a needed cell is absent or text; blanks and markers count as 0.
struct derived_figures {
  /// (granted + partially_granted) / total_processed, `total` column.
  std::optional<double> disclosure_rate;
  /// reviews.administrative_review: corrected / total.
  std::optional<double> review_correction_rate;
  /// Both litigation blocks: (corrected + corrected) / (total + total).
  std::optional<double> litigation_correction_rate;
  /// new_received.total this year − last year (needs last year's report).
  std::optional<double> new_received_change;
  /// (new_received.total this year − last year) / last year (needs last year's report).
  std::optional<double> new_received_growth;
  /// @brief Equal figures (absent equals absent).
  friend bool operator==(const derived_figures&, const derived_figures&) = default;
};
BOOST_DESCRIBE_STRUCT(derived_figures, (),
                      (disclosure_rate, review_correction_rate, litigation_correction_rate,
                       new_received_change, new_received_growth))

/// @brief The derived figures of one report (the year-over-year ones stay absent).
derived_figures derive(const report& r);

/// @brief The derived figures of a report, with the year-over-year ones against last year's.
/// @param r this year's report.
/// @param last_year last year's report of the same agency.
derived_figures derive(const report& r, const report& last_year);

/// @brief Derived figures as a JSON object, member names from Boost.Describe; absent is `null`,
/// numbers as figure_text() writes them.
std::string derived_to_json(const derived_figures& f, int indent = 2);

/// @brief A derived figure as text: the shortest decimal that reads back as the same double,
/// never in exponent form (`0.75`, `0.6666666666666666`, `-3`); empty when absent.
std::string figure_text(std::optional<double> v);

} // namespace govdisclose
