/// @file diagnostic.hpp
/// @brief Findings about a report or an input: rule id, severity, place, expected and found.
#pragma once

#include <govdisclose/source.hpp>

#include <boost/describe.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace govdisclose {

/// @brief How serious a finding is.
enum class severity : std::uint8_t {
  error,   ///< The report is wrong (or unreadable there).
  warning, ///< Worth a look; the report may still be right.
};
BOOST_DESCRIBE_ENUM(severity, error, warning)

/// @brief One cell of a suggested correction: where, what it holds, what would make the sums hold.
struct hint_cell {
  std::string path;      ///< Model path (`applications.granted.natural_person`).
  std::string current;   ///< What the cell holds: a number, `blank`, or the marker/text as published.
  std::string suggested; ///< The value that would make every sum rule hold.

  friend bool operator==(const hint_cell&, const hint_cell&) = default;
};
BOOST_DESCRIBE_STRUCT(hint_cell, (), (path, current, suggested))

/// @brief One way to make the tables add up: change these cells (one or two) to these values.
struct hint_fix {
  std::vector<hint_cell> cells; ///< The cells to change, in template order.

  friend bool operator==(const hint_fix&, const hint_fix&) = default;
};
BOOST_DESCRIBE_STRUCT(hint_fix, (), (cells))

/// @brief What a correction hint found (hint.hpp).
enum class hint_status : std::uint8_t {
  unique,        ///< Exactly one smallest fix: the probably mistyped cell(s).
  ambiguous,     ///< Several fixes of the same size: listed, none is "the" answer.
  no_simple_fix, ///< No fix of one or two cells (or the search bound was reached).
};
BOOST_DESCRIBE_ENUM(hint_status, unique, ambiguous, no_simple_fix)

/// @brief A correction hint: the smallest changes of cells that make every sum rule of the
/// template hold without breaking one that holds. A suggestion: the report is not changed.
struct correction_hint {
  hint_status status = hint_status::no_simple_fix; ///< Unique, ambiguous or no simple fix.
  std::vector<hint_fix> fixes;   ///< The fixes found (at most a few are listed).
  std::size_t alternatives = 0;  ///< How many fixes of that size exist (≥ fixes.size()).
  std::string message;           ///< Chinese: the `提示：…` line.
  std::string message_en;        ///< English.

  friend bool operator==(const correction_hint&, const correction_hint&) = default;
};
BOOST_DESCRIBE_STRUCT(correction_hint, (), (status, fixes, alternatives, message, message_en))

/// @brief One finding.
///
/// `rule` is an id of shared/spec/TEMPLATE.md (`applications.balance`) or of an input format
/// (`json.type`, `html.unclosed`…). `message` is written for the officials who act on it, in
/// Chinese, with the template's own labels; `message_en` serves programs and other readers.
struct diagnostic {
  std::string rule;                       ///< Rule id.
  govdisclose::severity level = severity::error; ///< Error or warning.
  std::string path;                       ///< Model path (`applications.granted.total`) or JSON path.
  source_position position;               ///< Where in the input, when known.
  std::string expected;                   ///< What the rule expected, as text.
  std::string found;                      ///< What the input holds, as text.
  std::string message;                    ///< Chinese message.
  std::string message_en;                 ///< English message.
  /// A correction hint for a failed sum rule (hint.hpp): which cell(s) would make the tables add
  /// up. Absent for other findings; left out of JSON when absent.
  std::optional<correction_hint> hint;

  friend bool operator==(const diagnostic&, const diagnostic&) = default;
};
BOOST_DESCRIBE_STRUCT(diagnostic, (),
                      (rule, level, path, position, expected, found, message, message_en, hint))

/// @brief The "(expected …, found …)" note that follows a diagnostic's message.
///
/// In Chinese (`chinese == true`) the note is `（应为 0，实为 2）` and is given only when both
/// values are numbers: the Chinese messages already say what a cell should hold in words, and the
/// English placeholders (`a number`, `blank`) are for programs. Empty when there is nothing to add.
/// @param d the diagnostic.
/// @param chinese true for the Chinese note, false for the English one.
inline std::string expected_found_note(const diagnostic& d, bool chinese) {
  if (d.expected.empty() && d.found.empty()) return {};
  if (chinese) {
    auto numeric = [](const std::string& v) {
      return !v.empty() && v.find_first_not_of("+-0123456789.,") == std::string::npos &&
             v.find_first_of("0123456789") != std::string::npos;
    };
    if (!numeric(d.expected) || !numeric(d.found)) return {};
    return "（应为 " + d.expected + "，实为 " + d.found + "）";
  }
  std::string note = " (";
  if (!d.expected.empty()) note += "expected " + d.expected;
  if (!d.expected.empty() && !d.found.empty()) note += ", ";
  if (!d.found.empty()) note += "found " + d.found;
  return note + ")";
}

/// @brief True when any diagnostic is an error.
inline bool has_errors(const std::vector<diagnostic>& ds) noexcept {
  return std::any_of(ds.begin(), ds.end(),
                     [](const diagnostic& d) { return d.level == severity::error; });
}

/// @brief How many diagnostics have a severity.
inline std::size_t count(const std::vector<diagnostic>& ds, severity s) noexcept {
  return static_cast<std::size_t>(
      std::count_if(ds.begin(), ds.end(), [s](const diagnostic& d) { return d.level == s; }));
}

} // namespace govdisclose
