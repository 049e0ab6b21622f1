/// @file readers.hpp
/// @brief The format readers, one per format: they know formats, not the template.
///
/// Most callers want read_document() or read_report() (read.hpp), which decode and pick the
/// reader. Each reader returns a document whose pieces carry 1-based line:column positions in
/// the decoded UTF-8 text.
#pragma once

#include <govdisclose/document.hpp>
#include <govdisclose/result.hpp>

#include <string>
#include <string_view>

namespace govdisclose {

/// @brief Decode bytes to UTF-8: UTF-8 with or without BOM, or GBK/GB2312/GB18030 (declared in
/// `declared`, e.g. from `<meta charset>`, or detected from the bytes).
/// @param bytes the input.
/// @param declared an encoding name the input declares, or empty.
/// @param source the file name for diagnostics.
result<std::string> decode_to_utf8(std::string_view bytes, std::string_view declared = {},
                                   std::string_view source = {});

/// @brief Read plain text: tab-separated copies of web pages, `pdftotext -layout` output,
/// one-cell-per-line copies.
/// @param utf8 decoded text.
/// @param source the file name for diagnostics.
result<document> read_text(std::string_view utf8, std::string_view source = {});

/// @brief Read Markdown: headings, paragraphs and pipe tables.
/// @param utf8 decoded text.
/// @param source the file name for diagnostics.
result<document> read_markdown(std::string_view utf8, std::string_view source = {});

/// @brief Read HTML with libxml2 (any declared or detected Chinese encoding); rowspan and
/// colspan are expanded into a true grid.
/// @param bytes the page as published.
/// @param source the file name for diagnostics.
result<document> read_html(std::string_view bytes, std::string_view source = {});

/// @brief Read a Word 2007+ document (DOCX) with libzip and libxml2: paragraphs, headings (by
/// paragraph style or outline level) and tables, gridSpan/vMerge expanded into a true grid.
///
/// DOCX has no lines: a position's line counts the body's paragraphs and the tables' rows in
/// reading order, its column is 1 for a paragraph and the grid column for a cell (see
/// docs/formats.md). Oversized parts, zip bombs, deep XML and entity declarations are refused
/// with `docx.*` errors; a broken archive gives `docx.broken_archive`.
/// @param bytes the file as published.
/// @param source the file name for diagnostics.
/// @return the document (possibly partial) and the diagnostics.
result<document> read_docx(std::string_view bytes, std::string_view source = {});

/// @brief True when the library was built with the PDF reader (poppler, an optional component
/// under the GPL; see README.md). Without it read_pdf() reports `input.unsupported_format`.
bool pdf_supported() noexcept;

/// @brief Read a PDF with poppler's text layer: words with their positions are rebuilt into
/// lines, paragraphs and tables (rows from the lines that hold numbers, columns from the
/// numbers' positions, wrapped labels joined); running headers, footers and page numbers are
/// dropped and tables split across pages joined.
///
/// A position in a PDF is a page and a line: `line` is the 1-based page number, `column` the
/// 1-based line on that page (so `report.pdf:2:17` is page 2, line 17; see docs/formats.md). A PDF without any text (a scan) gives `pdf.no_text_layer`, an encrypted
/// or broken one `pdf.encrypted` or `pdf.broken`.
/// @param bytes the file as published.
/// @param source the file name for diagnostics.
/// @return the document and the diagnostics.
result<document> read_pdf(std::string_view bytes, std::string_view source = {});

} // namespace govdisclose
