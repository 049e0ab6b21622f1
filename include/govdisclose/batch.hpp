/// @file batch.hpp
/// @brief Many reports at once: walk folders for supported files, read and validate them in
/// parallel, and stream each outcome to a callback.
///
/// Memory stays flat however many files there are: at most a bounded number of reports are
/// alive at a time (read, being validated, or waiting to be handed over), and the caller's
/// callback sees each outcome once and may drop it. One bad file never stops the run: a file
/// that cannot be read becomes an outcome with the reason.
///
/// A batch can also compare its reports with each other (batch_options::compare): one agency's
/// reports of consecutive years (check_series()) and, with a manifest (manifest.hpp), each
/// summary report with its members (check_rollup()); and compute each report's derived figures,
/// year-over-year ones included (batch_options::derive). See the @ref compare page.
#pragma once

#include <govdisclose/compare.hpp>
#include <govdisclose/diagnostic.hpp>
#include <govdisclose/manifest.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/rules.hpp>
#include <govdisclose/validate.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

/// @brief True when a file name has the extension of a format the readers support
/// (`.json`, `.html`, `.htm`, `.shtml`, `.md`, `.markdown`, `.txt`, `.tsv`, `.docx`, `.pdf`;
/// any letter case).
bool is_supported_file(std::string_view name) noexcept;

/// @brief One input of a batch, as found by collect_inputs().
struct batch_input {
  std::string path;  ///< The file (or the path given that could not be walked).
  std::string error; ///< Why the path cannot be used (Chinese), empty when it is a file to read.
};

/// @brief The files to check under some paths.
///
/// A path that names a file is taken whatever its extension; a folder is walked recursively for
/// supported files (is_supported_file()), in name order, so the same tree always gives the same
/// list. A path that does not exist, or a folder that cannot be walked, becomes an input with
/// an error. Symbolic links to folders are not followed (no cycles).
/// @param paths files and folders, as given on a command line.
/// @return the inputs in order: the paths' order, then name order inside each folder.
std::vector<batch_input> collect_inputs(const std::vector<std::string>& paths);

/// @brief How a report fared.
enum class batch_status : std::uint8_t {
  pass,       ///< Read, and no errors (warnings allowed): 通过.
  fail,       ///< Read, with errors: 不通过.
  unreadable, ///< Could not be read at all: 无法读取.
};

/// @brief The status's wire name: `pass`, `fail`, `unreadable`.
std::string_view status_name(batch_status s) noexcept;

/// @brief The status in Chinese: 通过, 不通过, 无法读取.
std::string_view status_label_zh(batch_status s) noexcept;

/// @brief The outcome of one file of a batch.
struct batch_item {
  std::size_t index = 0;               ///< Position in the input list (collect_inputs() order).
  std::string path;                    ///< The file.
  batch_status status = batch_status::pass; ///< Pass, fail or unreadable.
  std::string reason;                  ///< For an unreadable file: why (Chinese).
  report value;                        ///< The report read (partial when reading had errors).
  /// Reader diagnostics, then validation diagnostics; those without a file name this one.
  std::vector<diagnostic> diagnostics;
  std::size_t errors = 0;   ///< Error diagnostics.
  std::size_t warnings = 0; ///< Warning diagnostics.
  /// The report's derived figures (derive()), with batch_options::derive; the year-over-year
  /// ones against the same agency's previous year's report when the batch has it.
  derived_figures derived;
};

/// @brief Choices for check_files().
struct batch_options {
  unsigned jobs = 0;              ///< Worker threads; 0 uses every core.
  std::size_t queue_capacity = 0; ///< Reports alive at a time at most; 0 means 4 per worker.
  bool ordered = true;            ///< Hand outcomes over in input order (else as they finish).
  bool validate = true;           ///< Validate what was read (export needs reading only).
  input_format format = input_format::automatic; ///< Input format, or detect per file.
  validate_options validation;    ///< Passed to validate() (and to the comparisons' findings).
  /// Compare the reports with each other: check_series() on each agency's reports of
  /// consecutive years, check_rollup() on each summary the manifest names (see check_files()).
  bool compare = false;
  /// Fill batch_item::derived (derive()), year-over-year figures included.
  bool derive = false;
  /// Who is who: an input whose path is a manifest entry's `file` takes its agency, year and
  /// summary from the entry; the others are grouped by their meta (agency and year). It must
  /// outlive the call; nullptr groups by meta only.
  const batch_manifest* manifest = nullptr;
  /// Called on the calling thread after each file read ahead of the run (see check_files()),
  /// as `(done, total)`: the first pass of a batch that compares or derives. Empty: not called.
  std::function<void(std::size_t done, std::size_t total)> on_read_ahead;
};

/// @brief What a batch compared: two reports of consecutive years, or a summary and members.
enum class comparison_kind : std::uint8_t {
  series, ///< One agency's reports of two consecutive years (check_series()).
  rollup, ///< A summary report and the reports it sums (check_rollup()).
};

/// @brief Reports of a batch compared with each other (batch_options::compare).
struct batch_comparison {
  comparison_kind kind = comparison_kind::series; ///< Series or roll-up.
  std::string agency; ///< This year's agency (series) or the summary's, as manifest or meta says.
  int year = 0;       ///< This year (series) or the summary's year.
  /// Series: last year's file, then this year's. Roll-up: the summary's, then its members'.
  std::vector<std::string> files;
  std::string reported_in;  ///< The file whose outcome holds the findings.
  std::size_t errors = 0;   ///< Error findings (kept by batch_options::validation).
  std::size_t warnings = 0; ///< Warning findings.
};

/// @brief Counts of one rule over a batch.
struct rule_count {
  severity level = severity::error; ///< The rule's severity (of its first finding).
  std::size_t findings = 0;         ///< Diagnostics with this rule.
  std::size_t reports = 0;          ///< Reports with at least one of them.
};

/// @brief What a batch gave, in numbers.
struct batch_summary {
  std::size_t files = 0;      ///< Inputs handled.
  std::size_t passed = 0;     ///< Reports that passed.
  std::size_t failed = 0;     ///< Reports with errors.
  std::size_t unreadable = 0; ///< Files that could not be read.
  std::size_t errors = 0;     ///< Error diagnostics over all files.
  std::size_t warnings = 0;   ///< Warning diagnostics over all files.
  std::map<std::string, rule_count> rules; ///< Per rule id, sorted by id.
  /// The most reports alive at once during the run (a measure of memory; at most the queue
  /// capacity).
  std::size_t peak_in_flight = 0;
  /// With batch_options::compare: the comparisons made, in the order they were made.
  std::vector<batch_comparison> comparisons;
  /// Files read ahead of the run (see check_files()), not counted in #files.
  std::size_t read_ahead = 0;

  /// @brief Count one outcome.
  void add(const batch_item& item);
};

/// @brief Called with each outcome; it may move from the item.
using batch_callback = std::function<void(batch_item&)>;

/// @brief Read (and validate) one file into an outcome; never throws on bad input.
/// @param path the file.
/// @param o the format and validation choices (jobs and queue are not used).
batch_item check_file(const std::string& path, const batch_options& o = {});

/// @brief Read and validate many inputs in parallel, streaming each outcome to `on_item`.
///
/// Workers take inputs in order and at most `queue_capacity` reports are alive at once: a
/// worker waits while the caller has not taken enough outcomes. `on_item` runs on the calling
/// thread, one call at a time, in input order when `o.ordered`. An input with an error
/// (collect_inputs()) is handed over as unreadable without reading. If `on_item` throws, the
/// workers stop and the exception propagates.
///
/// **Comparisons** (`o.compare`). Reports are grouped by agency (after normalize_agency()) and
/// year, from `o.manifest` or, for inputs it does not list, from their meta; when an agency has
/// several reports for one year, the first one in input order is used. The findings of a
/// comparison (filtered by `o.validation` like the validator's) join the outcome of the report
/// they are about (this year's; the summary) and count toward its status and the summary, so a
/// report can fail on a `rollup.template` error. If that outcome has to be handed over before the
/// other report is known, the findings join the other report's outcome instead (which comes
/// later). Manifest entries are known ahead: a report that another report earlier in the input
/// is compared with is read ahead of the run (its cells only, not validated), so with a manifest
/// the findings are always where they belong. Without a manifest, last year's report is in time
/// when it comes first in the input (or always with `o.derive`, which reads every input ahead). A summary with an unreadable member is not checked: a
/// `rollup.incomplete` warning says so. Each comparison is listed in batch_summary::comparisons.
///
/// **Derived figures** (`o.derive`) need the previous year's report when a report is handed
/// over: inputs the manifest does not list are all read ahead of the run (their agency, year
/// and the few cells needed), which reads them twice.
///
/// Memory: of every report with an agency and a year the batch keeps the few cells the
/// comparisons read (compared_across_years()), of a manifest's summaries and members every cell.
/// @param inputs the inputs, typically from collect_inputs().
/// @param o threads, queue, order and validation choices.
/// @param on_item receives every outcome exactly once.
/// @return the counts over all outcomes.
batch_summary check_files(const std::vector<batch_input>& inputs, const batch_options& o,
                          const batch_callback& on_item);

} // namespace govdisclose
