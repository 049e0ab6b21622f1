/// @file dataset.hpp
/// @brief Datasets from many reports: long CSV, wide CSV, JSON Lines and XLSX, written one
/// report at a time (memory stays flat).
///
/// Names come from the template catalog: the `table`, `row` and `column` values of the long CSV,
/// the cell-path columns of the wide CSV and the sheets and columns of the XLSX workbook are the
/// codes of shared/spec/TEMPLATE.md (`applications`, `withheld.state_secret`, `natural_person`).
/// Each report also gets its derived figures (derive(), compare.hpp): in the long CSV as lines
/// of the table `derived`, in the wide CSV as the columns derived_columns(), in JSON Lines as a
/// `derived` member and in the XLSX workbook as columns of the `reports` sheet.
///
/// The format is described on the @ref inspection "inspection page" of the documentation.
#pragma once

#include <govdisclose/compare.hpp>
#include <govdisclose/csv.hpp> // csv_field()
#include <govdisclose/model.hpp>

#include <array>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

/// @brief A dataset file format.
enum class dataset_format : std::uint8_t {
  csv,      ///< Long CSV: one line per cell (long_csv_columns).
  csv_wide, ///< Wide CSV: one line per report, one column per cell path (wide_csv_paths()).
  jsonl,    ///< JSON Lines: one report per line, canonical JSON (json.hpp).
  xlsx,     ///< An Excel workbook: a `reports` sheet and one sheet per table.
};

/// @brief The format for a name: `csv`, `csv-wide`, `jsonl`, `xlsx`.
std::optional<dataset_format> dataset_format_from_name(std::string_view name) noexcept;

/// @brief True when the library was built with libxlsxwriter (dataset_format::xlsx works).
bool xlsx_supported() noexcept;

/// @brief The header of the long CSV, in order.
///
/// `source` is the file, `agency` and `year` come from the report's meta (`year` empty when
/// unknown), `template` is `2019` or `2021`, `table`/`row`/`column` the catalog codes, `value`
/// the number as exact decimal text (or the raw text of a marker or text cell, empty when
/// blank), and `state` the cell state (`number`, `blank`, `marker`, `text`). Absent cells have
/// no line. The derived figures follow each report's cells as lines with `table` = `derived`,
/// `row` = the figure's name (`disclosure_rate`), `column` empty, `value` as figure_text()
/// writes it and `state` `number`, or `value` empty and `state` `absent` when the figure cannot
/// be computed (a zero denominator: never 0).
inline constexpr std::array<std::string_view, 9> long_csv_columns = {
    "source", "agency", "year", "template", "table", "row", "column", "value", "state"};

/// @brief The leading columns of the wide CSV, before the cell paths.
inline constexpr std::array<std::string_view, 4> wide_csv_meta_columns = {"source", "agency",
                                                                          "year", "template"};

/// @brief The cell columns of the wide CSV: every cell path of the 2021 template, then those
/// only the 2019 template has, in template order (local additions included).
const std::vector<std::string>& wide_csv_paths();

/// @brief The names of the derived figures as dataset columns, in derived_figures' order:
/// `derived.disclosure_rate`, `derived.review_correction_rate`… The wide CSV ends with them.
const std::vector<std::string>& derived_columns();

/// @brief The value text of a cell in a dataset: exact decimal text for a number, the raw text
/// of a marker or text cell, empty for a blank or absent cell.
std::string dataset_value(const cell& c);

/// @brief Writes a dataset one report at a time.
class dataset_writer {
public:
  /// @brief Destroy the writer (finish() should have been called).
  virtual ~dataset_writer() = default;
  /// @brief Add one report with its derived figures.
  /// @param r the report.
  /// @param source the `source` value; empty uses `r.meta.source`.
  /// @param figures its derived figures, as derive() computed them (with last year's report
  /// for the year-over-year ones: batch_options::derive does that for a batch).
  virtual void add(const report& r, std::string_view source, const derived_figures& figures) = 0;
  /// @brief Add one report; its derived figures are derive(r) (no year-over-year figures).
  /// @param r the report.
  /// @param source the `source` value; empty uses `r.meta.source`.
  void add(const report& r, std::string_view source = {}) { add(r, source, derive(r)); }
  /// @brief Complete the file; false (and `error`) when it could not be written.
  /// @param error receives the reason, in Chinese.
  virtual bool finish(std::string& error) = 0;
};

/// @brief A writer of a text format (csv, csv_wide, jsonl) to a stream; nullptr for xlsx.
/// @param f the format.
/// @param out the stream; it must outlive the writer.
std::unique_ptr<dataset_writer> make_dataset_writer(dataset_format f, std::ostream& out);

/// @brief Open a dataset file of any format; `-` writes a text format to standard output.
/// @param f the format.
/// @param path the file to create (XLSX needs a real file).
/// @param error receives the reason when the file cannot be opened (Chinese).
/// @return the writer, or nullptr with `error` set.
std::unique_ptr<dataset_writer> open_dataset(dataset_format f, const std::string& path,
                                             std::string& error);

} // namespace govdisclose
