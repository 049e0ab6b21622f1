/// @file document.hpp
/// @brief The document layer: what a format reader produces and a renderer writes.
///
/// A document knows nothing about the national template: it is headings, paragraphs and tables
/// as cell grids, every piece with its source position. Readers (text, Markdown, HTML, DOCX,
/// PDF) produce it; the extractor turns it into a report; renderers produce it from a report.
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/source.hpp>

#include <boost/describe.hpp>

#include <string>
#include <vector>

namespace govdisclose {

/// @brief One position of a table grid.
///
/// Spans are expanded into a true grid: a cell with rowspan/colspan fills every position it
/// covers. The top-left position holds the spans (`row_span`, `col_span`) and has
/// `covered == false`; the others repeat its text with `covered == true`.
struct table_cell {
  std::string text;            ///< The cell's text, whitespace runs folded, otherwise as published.
  source_span span{};          ///< Where the cell starts in the source.
  bool covered = false;        ///< True when this position is covered by a span from another cell.
  bool header = false;         ///< True for a header cell (`<th>`, a Markdown header row).
  std::uint16_t row_span = 1;  ///< Rows the cell spans (on the top-left position).
  std::uint16_t col_span = 1;  ///< Columns the cell spans (on the top-left position).
  friend bool operator==(const table_cell&, const table_cell&) = default;
};
BOOST_DESCRIBE_STRUCT(table_cell, (), (text, span, covered, header, row_span, col_span))

/// @brief A table as a grid of rows; rows may have different lengths in sloppy sources.
struct table_grid {
  std::vector<std::vector<table_cell>> rows; ///< Rows top to bottom, cells left to right.
  source_span span{};                        ///< Where the table starts.
  friend bool operator==(const table_grid&, const table_grid&) = default;
};
BOOST_DESCRIBE_STRUCT(table_grid, (), (rows, span))

/// @brief What a block is.
enum class block_kind : std::uint8_t {
  heading,   ///< A heading marked as such by the format (`<h2>`, `## `, a Word heading style).
  paragraph, ///< A line or paragraph of text.
  table,     ///< A table; see block::table.
};
BOOST_DESCRIBE_ENUM(block_kind, heading, paragraph, table)

/// @brief One block of a document in reading order.
struct block {
  block_kind kind = block_kind::paragraph; ///< What it is.
  std::string text;                        ///< Text of a heading or paragraph.
  int level = 0;                           ///< Heading level (1 = top), 0 for others.
  source_span span{};                      ///< Where it starts.
  table_grid table;                        ///< The grid, for a table block.
  friend bool operator==(const block&, const block&) = default;
};
BOOST_DESCRIBE_STRUCT(block, (), (kind, text, level, span, table))

/// @brief A read document: blocks plus what the reader had to say about the input.
struct document {
  std::vector<block> blocks;            ///< Blocks in reading order.
  std::string source;                   ///< File name or URL, for diagnostics.
  std::string format;                   ///< `text`, `markdown`, `html`, `docx`, `pdf`.
  std::vector<diagnostic> diagnostics;  ///< Problems met while decoding and reading.
  friend bool operator==(const document&, const document&) = default;
};
BOOST_DESCRIBE_STRUCT(document, (), (blocks, source, format, diagnostics))

} // namespace govdisclose
