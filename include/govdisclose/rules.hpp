/// @file rules.hpp
/// @brief The table of rules: every rule id the library reports, its severity and its page.
#pragma once

#include <govdisclose/diagnostic.hpp>

#include <span>
#include <string_view>

namespace govdisclose {

/// @brief One entry of the rule table: a rule id, how serious it is, where it is documented.
///
/// The table (rule_table()) is the one list of the ids a diagnostic's `rule` can hold; docs/rules.md
/// lists the same ids (a test checks both ways), so a rule cannot be added in the code alone.
struct rule_info {
  std::string_view id; ///< The rule id (`applications.balance`, `docx.broken_archive`).
  /// The severity it is reported with. `json.too_many_diagnostics` takes the worst severity of
  /// the diagnostics it stands for; the table gives `error`.
  severity level = severity::error;
  std::string_view doc; ///< The Doxygen anchor of the section that describes it (`formats_docx`).
  /// As an error, it means that the input could not be read at all (not a ZIP, a scan, not JSON):
  /// the verdict of is_unreadable_diagnostic().
  bool unreadable = false;
  /// It says that a row is in the source although the reader left its cells absent (fused
  /// digits that split several ways or none, a row with more cells than the header): the
  /// validator then reports no `structure.missing_row` for that row or cell.
  bool leaves_row_unread = false;
};

/// @brief Every rule, sorted by id.
std::span<const rule_info> rule_table() noexcept;

/// @brief The table's entry of a rule id, or nullptr for an id the library never reports.
/// @param id a rule id (`cell.blank`).
const rule_info* find_rule(std::string_view id) noexcept;

/// @brief True for a diagnostic that means the input could not be read at all: an error whose
/// rule the table marks `unreadable` (`input.*`, `*.syntax`, `json.too_large`, `json.depth`,
/// `document.not_template`, and the readers' refusals: `docx.broken_archive`, `pdf.no_text_layer`…).
///
/// A read result as a whole is judged by is_unreadable(const result<report>&) (read.hpp),
/// which every command of the program uses.
/// @param d the diagnostic.
bool is_unreadable_diagnostic(const diagnostic& d) noexcept;

} // namespace govdisclose
