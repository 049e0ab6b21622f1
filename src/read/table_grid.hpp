// The table grid the HTML and DOCX readers share: their limits, the text pieces they collect,
// the decision "data table or layout table", and the steps of turning spanned cells into a true
// grid. Each reader keeps only what its format says about spans (HTML's rowspan, DOCX's
// vMerge/hMerge/gridBefore). Internal; not installed.
#pragma once

#include "read/reader_common.hpp"

#include <govdisclose/document.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govdisclose::detail {

/// Columns of a table at most (HTML's own colspan limit; DOCX follows).
inline constexpr std::size_t max_grid_columns = 1000;
/// Grid positions of a table at most, covered positions included.
inline constexpr std::size_t max_grid_positions = 200000;
/// Rows one cell may span at most (HTML's own rowspan limit).
inline constexpr std::uint16_t max_grid_rowspan = 65534;

/// A piece of text read: a paragraph, a heading (level > 0) or a paragraph of a cell.
struct segment {
  std::string text;
  source_span span;
  int level = 0; // heading level, 0 for a paragraph
};

/// A segment as a block of its own: a heading or a paragraph.
inline block segment_block(segment s) {
  block b;
  b.kind = s.level > 0 ? block_kind::heading : block_kind::paragraph;
  b.level = s.level;
  b.text = std::move(s.text);
  b.span = s.span;
  return b;
}

/// A cell's text: its segments joined by one space.
inline std::string joined_text(std::span<const segment> segments) {
  std::string text;
  for (const segment& s : segments) {
    if (!text.empty()) text += ' ';
    text += s.text;
  }
  return text;
}

/// What decides whether a collected table is data or layout: its widest row and whether a cell
/// holds running text. Fed row by row, cell by cell.
class table_shape {
public:
  /// A row starts, `leading` grid columns in (DOCX's gridBefore).
  void start_row(std::size_t leading = 0) noexcept {
    width_ = leading;
    widest_ = std::max(widest_, width_);
  }
  /// A cell of the row: its columns, paragraphs and bytes of text.
  void add_cell(std::size_t col_span, std::size_t paragraphs, std::size_t bytes) noexcept {
    width_ += col_span;
    widest_ = std::max(widest_, width_);
    wordy_ = wordy_ || is_wordy_cell(paragraphs, bytes);
  }
  /// True for a layout table: its content flows out as paragraphs.
  bool layout() const noexcept { return is_layout_table(widest_, wordy_); }

private:
  std::size_t width_ = 0, widest_ = 0;
  bool wordy_ = false;
};

/// A row of a collected table as its shape sees it: the grid columns before its first cell
/// (DOCX's gridBefore; none in HTML) and its cells.
template <class Cell>
struct shape_row {
  std::size_t leading = 0;
  std::span<const Cell> cells;
};

/// The shape of a collected table (table_shape). Each reader says, beside its frame type, what
/// its rows and cells are: `shape_of_row(row)` gives a row's shape_row, `cell_segments(frame,
/// cell)` a cell's segments (a `std::span<const segment>`); a cell has `col_span`.
template <class Frame>
table_shape shape_of_table(const Frame& f) {
  table_shape shape;
  for (const auto& r : f.rows) {
    const auto row = shape_of_row(r);
    shape.start_row(row.leading);
    for (const auto& c : row.cells) {
      const std::span<const segment> segments = cell_segments(f, c);
      std::size_t bytes = 0;
      for (const segment& s : segments) bytes += s.text.size();
      shape.add_cell(c.col_span, segments.size(), bytes);
    }
  }
  return shape;
}

/// A copy of the cell at (row, col) standing at a position it covers.
inline table_cell covered_copy(const table_grid& grid, std::size_t row, std::size_t col) {
  table_cell t = grid.rows[row][col];
  t.covered = true;
  t.row_span = t.col_span = 1;
  return t;
}

/// The columns a cell starting at `col` may span: at most up to the column limit.
inline std::uint16_t clipped_col_span(std::size_t col_span, std::size_t col) noexcept {
  return static_cast<std::uint16_t>(std::min<std::size_t>(col_span, max_grid_columns - col));
}

/// A table block holding `grid`, at `span`.
inline block table_block(source_span span, table_grid grid) {
  block b;
  b.kind = block_kind::table;
  b.span = span;
  b.table = std::move(grid);
  b.table.span = span;
  return b;
}

/// The end of a collected table: a layout table flows out as paragraphs, a data table becomes a
/// table block (shape_of_table()). A `Reader` has `to_layout(frame)`, `expand(frame, grid)` and
/// `blocks`.
template <class Reader, class Frame>
void finish_table(Reader& r, Frame& f) {
  if (shape_of_table(f).layout()) {
    r.to_layout(f);
    return;
  }
  table_grid grid;
  r.expand(f, grid);
  r.blocks.push_back(table_block(f.span, std::move(grid)));
}

/// The end tag of a table: the innermost open table is finished (finish_table()), unless it
/// turned out to be layout, whose content has flowed out already.
template <class Reader, class Frame>
void close_table(Reader& r, std::vector<Frame>& tables) {
  if (tables.empty()) return;
  Frame f = std::move(tables.back());
  tables.pop_back();
  if (!f.layout) finish_table(r, f);
}

/// The warning for a table cut at the limits (`html.table_too_large`, `docx.table_too_large`).
inline diagnostic table_too_large(std::string rule, std::string_view source, source_span at) {
  return diagnostic_builder(std::move(rule))
      .at(std::string(source), at)
      .message("表格过大，超出部分未读取")
      .message_en("the table is too large; the rest of it was not read");
}

} // namespace govdisclose::detail
