/// @file source.hpp
/// @brief Positions in the input a piece of a report came from.
#pragma once

#include <boost/describe.hpp>

#include <cstdint>
#include <string>

namespace govdisclose {

/// @brief Where a piece of a document starts in its source text: 1-based line and column.
///
/// Columns count Unicode code points of the decoded UTF-8 text. A line of 0 means "unknown"
/// (a cell built by a program, or read from JSON).
struct source_span {
  std::uint32_t line = 0;   ///< 1-based line, 0 when unknown.
  std::uint32_t column = 0; ///< 1-based column in code points, 0 when unknown.

  /// @brief True when the position is known.
  constexpr bool known() const noexcept { return line != 0; }
  friend constexpr bool operator==(const source_span&, const source_span&) = default;
};
BOOST_DESCRIBE_STRUCT(source_span, (), (line, column))

/// @brief A source span with the file it belongs to, as diagnostics report it.
struct source_position {
  std::string file;         ///< Path or name of the input, empty when unknown.
  std::uint32_t line = 0;   ///< 1-based line, 0 when unknown.
  std::uint32_t column = 0; ///< 1-based column, 0 when unknown.

  /// @brief `file:line:column`, leaving out what is unknown.
  std::string to_string() const {
    std::string s = file;
    if (line != 0) {
      if (!s.empty()) s += ':';
      s += std::to_string(line);
      if (column != 0) s += ':' + std::to_string(column);
    }
    return s;
  }
  friend bool operator==(const source_position&, const source_position&) = default;
};
BOOST_DESCRIBE_STRUCT(source_position, (), (file, line, column))

} // namespace govdisclose
