// Output of the govdisclose program: diagnostics as text lines or JSON, per-file summaries.
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/read.hpp> // is_unreadable(): the one verdict of every command
#include <govdisclose/result.hpp>

#include <boost/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace govdisclose::cli {

/// The program's exit codes (documented in --help and docs/cli.md).
enum exit_code : int {
  exit_clean = 0,      ///< Every file read and validated without errors.
  exit_invalid = 1,    ///< At least one file has errors (validation or reading).
  exit_usage = 2,      ///< The command line is wrong.
  exit_unreadable = 3, ///< An input could not be read or parsed (or an output not written).
};

/// The language of messages and summaries.
enum class language { zh, en };

/// What validating one file gave.
struct file_outcome {
  std::string file;                    ///< The name as given on the command line.
  bool unreadable = false;             ///< The input could not be read or parsed.
  std::vector<diagnostic> diagnostics; ///< Reader diagnostics, then validation diagnostics.
};

/// Print diagnostics to `out`, one format_diagnostic() line each, in Chinese.
void print_diagnostics(std::ostream& out, const std::vector<diagnostic>& ds,
                       const std::string& file);

/// The line that prints a correction hint under its diagnostic (`提示：…` / `hint: …`).
std::string format_hint(const correction_hint& h, language lang);

/// One line for a diagnostic: `file:line:col: 错误 [rule] path: message（应为 …，实为 …）`.
std::string format_diagnostic(const diagnostic& d, const std::string& file, language lang);

/// The summary line of one file: `file: 不通过（2 个错误，1 个警告）`.
std::string format_summary(const file_outcome& o, language lang);

/// The closing line over several files.
std::string format_total(const std::vector<file_outcome>& outcomes, language lang);

/// The outcomes as a JSON array of {file, status, errors, warnings, diagnostics}.
boost::json::value outcomes_to_json(const std::vector<file_outcome>& outcomes);

/// Write text to a file, or to standard output for "" or "-"; false (and a message on
/// standard error) when it cannot be written.
bool write_output(const std::string& file, const std::string& text);

} // namespace govdisclose::cli
