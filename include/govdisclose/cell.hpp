/// @file cell.hpp
/// @brief One published table cell: its state, value and raw text.
#pragma once

#include <govdisclose/decimal.hpp>
#include <govdisclose/source.hpp>
#include <govdisclose/text.hpp>

#include <boost/describe.hpp>

#include <array>
#include <string>
#include <string_view>

namespace govdisclose {

/// @brief What a published cell holds.
enum class cell_state : std::uint8_t {
  absent, ///< Not in the document at all (the row or table is missing).
  blank,  ///< Present but empty (`""`, `&nbsp;`): not the same as 0.
  number, ///< A number; see cell::value.
  marker, ///< A "none / not applicable" marker: `/`, `-`, `—`, `－`, `无`.
  text,   ///< Any other text, kept in cell::raw.
};
BOOST_DESCRIBE_ENUM(cell_state, absent, blank, number, marker, text)

/// @brief One table cell of a report.
///
/// Equality compares what the cell says, not its provenance: the state, the value of a number,
/// and the raw text of a marker or text cell. The raw spelling of a number (`０`, `1,200`) and the
/// source span are provenance and do not take part.
struct cell {
  cell_state state = cell_state::absent; ///< What the cell holds.
  decimal value{};                       ///< The number when state is cell_state::number.
  std::string raw;                       ///< The text as published (trimmed).
  source_span span{};                    ///< Where it was read, when it came from a document.

  /// @brief A number cell whose raw text is the number's plain spelling.
  static cell number(decimal v) { return cell{cell_state::number, v, v.to_string(), {}}; }
  /// @brief A whole-number cell.
  static cell number(std::int64_t n) { return number(decimal::whole(n)); }
  /// @brief A blank cell.
  static cell blank() { return cell{cell_state::blank, {}, {}, {}}; }

  /// @brief True when the cell holds a number.
  bool is_number() const noexcept { return state == cell_state::number; }
  /// @brief True when the cell is in the document (any state but absent).
  bool present() const noexcept { return state != cell_state::absent; }

  friend bool operator==(const cell& a, const cell& b) noexcept {
    if (a.state != b.state) return false;
    switch (a.state) {
    case cell_state::number: return a.value == b.value;
    case cell_state::marker:
    case cell_state::text: return a.raw == b.raw;
    default: return true;
    }
  }
};
BOOST_DESCRIBE_STRUCT(cell, (), (state, value, raw, span))

/// @brief The texts that mean "none / not applicable" in a cell (after width normalisation).
inline constexpr std::array<std::string_view, 9> cell_markers = {
    "/", "-", "\u2014", "\u2014\u2014", "\u2013", "--", "\u65e0", "\\", "\u2015"};

/// @brief The units a number in a report's table may carry after it (`251000元`, `3件`,
/// `12人次`): the extractor reads such a cell as the number, the PDF reader as a data cell.
///
/// Where one unit ends another (`元`, `万元`), only one of them leaves a number before it.
inline constexpr std::array<std::string_view, 12> number_units = {
    "万元", "元", "件", "个", "项", "条", "次", "人", "份", "家", "篇", "人次"};

/// @brief Classify published cell text: blank, marker, number or text.
///
/// Full-width digits and signs count as ASCII; white space (including `&nbsp;` decoded as
/// U+00A0) is trimmed. The raw text is kept trimmed but otherwise as published.
/// @param raw the cell's text as published.
/// @param span where the cell starts in the source, if known.
inline cell classify_cell(std::string_view raw, source_span span = {}) {
  cell c;
  c.span = span;
  const std::string_view trimmed = trim(raw);
  c.raw = std::string(trimmed);
  if (trimmed.empty() || trimmed == "&nbsp;") {
    c.state = cell_state::blank;
    return c;
  }
  const std::string norm = normalize_width(trimmed);
  for (std::string_view m : cell_markers) {
    if (norm == m) {
      c.state = cell_state::marker;
      return c;
    }
  }
  if (auto v = decimal::parse(norm)) {
    c.state = cell_state::number;
    c.value = *v;
    return c;
  }
  c.state = cell_state::text;
  return c;
}

} // namespace govdisclose
