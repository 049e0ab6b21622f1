// Internals of the PDF reader (docs/formats.md#formats_pdf): positioned words → a document.
// No poppler here: src/read/read_pdf.cpp extracts the words, these rules lay them out, so they build
// and are tested without the optional component. Not installed.
#pragma once

#include "read/reader_common.hpp"

#include <govdisclose/document.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govdisclose::detail {

/// One word of a page's text layer, as poppler gives it (points, origin top left).
struct pdf_word {
  std::string text;          ///< UTF-8, white space folded.
  double x = 0, y = 0;       ///< Top-left corner of its box.
  double width = 0, height = 0;
  bool space_after = false;  ///< The text layer has a space after it.
};

/// The words of one page, in any order.
struct pdf_page {
  double height = 0;            ///< Page height in points.
  std::vector<pdf_word> words;  ///< Empty for a page without text.
};

/// Lay the pages' words out as the document's blocks: lines, running headers and footers
/// dropped, tables (pdf_table()) and paragraphs.
void layout_pdf(const std::vector<pdf_page>& pages, document& doc);

// ---- shared by the layout (pdf_layout.cpp) and the table rules (pdf_table.cpp) --------------

// A piece of text on one line: one word, or neighbouring words joined.
struct chunk {
  std::string text;
  double x0 = 0, x1 = 0; // horizontal extent, points
  double mid = 0;        // vertical middle of the glyphs, points from the page top
  double size = 0;       // estimated font size, points
  bool space_after = false;
};

struct line {
  std::vector<chunk> chunks; // left to right
  int page = 0;              // 0-based
  std::uint32_t number = 0;  // 1-based line on its page
  double mid = 0, size = 0;
  double x0 = 0, x1 = 0;
  bool numeric = false; // a number or a marker among two or more chunks, or one number alone
  bool lone_number = false; // one number alone: goes on a table, never starts one
  bool dropped = false; // running header, footer or page number
  source_span span() const { return {static_cast<std::uint32_t>(page + 1), number}; }
};

inline bool is_cjk(char32_t cp) noexcept {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x3000 && cp <= 0x303F);
}

inline char32_t first_cp(std::string_view s) {
  std::size_t pos = 0;
  return s.empty() ? 0 : next_code_point(s, pos);
}

inline char32_t last_cp(std::string_view s) {
  std::size_t pos = s.size();
  while (pos > 0 && (static_cast<unsigned char>(s[pos - 1]) & 0xC0) == 0x80) --pos;
  if (pos > 0) --pos;
  std::size_t p = pos;
  return s.empty() ? 0 : next_code_point(s, p);
}

/// Tolerances of the layout rules (which lines make a table, how its columns are found), named:
/// in characters, lines, body font sizes or points as each says.
struct table_settings {
  /// A chunk this many characters long or more is a sentence, not a row label beside numbers.
  static constexpr std::uint32_t sentence_chars = 21;
  /// A top-level numbered line this many lines or more above a table's first numbers, with
  /// header lines between, is a section title, not the first line of a row label.
  static constexpr std::size_t title_lines_above = 3;
  /// A number alone goes on a table when at most this far (body sizes) under the line above…
  static constexpr double lone_number_gap = 2.0;
  /// …and this far or more (body sizes) right of the left margin.
  static constexpr double lone_number_indent = 2.0;
  /// A section title below a table ends it when this many lines without numbers follow it.
  static constexpr std::size_t title_lines_below = 2;
  /// A header piece lies within another's extent when it sticks out by at most this much
  /// (characters) on either side: the wrapped second line of one header cell (商业企 / 业).
  static constexpr double stacked_piece_slack = 0.5;
  /// Words closer than this (characters) are one chunk.
  static constexpr double word_gap = 0.5;
  /// Letter-spaced text (a justified cell line, 本　　年　　新): this many single characters or
  /// more…
  static constexpr std::size_t letter_run = 3;
  /// …at gaps of word_gap or more that differ by at most this much (characters).
  static constexpr double letter_gap_tolerance = 0.1;
  /// A line of running text spread to fill the line: its words at one spacing, narrower than
  /// this (characters).
  static constexpr double letter_spacing_max = 1.0;
};

/// The letter-spaced runs among a line's chunks (left to right): table_settings::letter_run
/// single Chinese characters or more at equal gaps of table_settings::word_gap or more, as
/// justified text spreads a cell's line over the cell (本　　年　　新). Each as [first, last].
std::vector<std::pair<std::size_t, std::size_t>> letter_spaced_runs(const std::vector<chunk>& cs);

/// A number (optionally with a unit: 251000元, 3件, 12%) or a marker (— / 无).
bool is_data(std::string_view text);

/// An enumeration marker starts the text: 一、 （一） (一) 1. 1、 （1）.
bool starts_with_marker(std::string_view text);

/// Join two pieces of text: with a space when `space` and neither side is Chinese.
std::string join_text(const std::string& a, const std::string& b, bool space);

/// Vertical distance between two lines, or infinity across pages.
double distance(const line& a, const line& b);

/// The median of some values (0 for none).
double median(std::vector<double> v);

/// One table from its lines (in reading order, across pages).
table_grid pdf_table(const std::vector<const line*>& lines);

} // namespace govdisclose::detail
