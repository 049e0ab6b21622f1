/// @file read.hpp
/// @brief Reading published files: bytes → document (format readers) → report (extractor).
#pragma once

#include <govdisclose/document.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/result.hpp>

#include <string>
#include <string_view>

namespace govdisclose {

/// @brief An input format.
enum class input_format : std::uint8_t {
  automatic, ///< Detect from the content (and the file name as a hint).
  json,      ///< The project's canonical JSON.
  text,      ///< Plain text: tab-separated copies, `pdftotext -layout` output, one cell per line.
  markdown,  ///< Markdown with pipe tables.
  html,      ///< HTML, in any of UTF-8, GBK, GB2312, GB18030.
  docx,      ///< Word 2007+.
  pdf,       ///< PDF with a text layer.
};
BOOST_DESCRIBE_ENUM(input_format, automatic, json, text, markdown, html, docx, pdf)

/// @brief Options for reading.
struct read_options {
  std::string source;                             ///< File name or URL, for diagnostics.
  input_format format = input_format::automatic;  ///< The format, or detect it.
};

/// @brief Guess the format of some bytes; `name` (a file name) is a hint only.
input_format detect_format(std::string_view bytes, std::string_view name = {});

/// @brief Read bytes of any supported published format into a document; never throws.
result<document> read_document(std::string_view bytes, const read_options& o = {});

/// @brief Read bytes of any supported format (JSON included) into a report; never throws.
result<report> read_report(std::string_view bytes, const read_options& o = {});

/// @brief Read a file into a report; an unreadable file gives an `input.unreadable` error.
result<report> read_report_file(const std::string& path, input_format format = input_format::automatic);

} // namespace govdisclose
