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

/// @brief The format a file name's extension says (`.htm`, `.DOCX`…, in any case), or
/// `automatic` for a name that says none the readers know.
/// @param name a file name or path.
input_format format_from_file_name(std::string_view name) noexcept;

/// @brief Guess the format of some bytes; `name` (a file name) is a hint only.
input_format detect_format(std::string_view bytes, std::string_view name = {});

/// @brief Read bytes of any supported published format into a document; never throws.
result<document> read_document(std::string_view bytes, const read_options& o = {});

/// @brief Read bytes of any supported format (JSON included) into a report; never throws.
result<report> read_report(std::string_view bytes, const read_options& o = {});

/// @brief Read a file into a report; an unreadable file gives an `input.unreadable` error.
result<report> read_report_file(const std::string& path, input_format format = input_format::automatic);

/// @brief Why a read gave nothing to check, or nullptr when it gave something: the one verdict
/// "unreadable" of every command of the program and of check_files() (batch.hpp).
///
/// A read is unreadable when a diagnostic says the input could not be read at all
/// (is_unreadable_diagnostic(), rules.hpp: a missing file, not JSON, not a ZIP, a scanned PDF…),
/// or when it has errors and not a single cell was read (a DOCX broken inside, a document that
/// is not a report of the template). The cause is the first such diagnostic, else the first error.
/// @param r what read_report() or read_report_file() gave.
/// @return the diagnostic that explains the verdict (one of `r.diagnostics`), or nullptr.
const diagnostic* unreadable_cause(const result<report>& r) noexcept;

/// @brief True when a read gave nothing to check: unreadable_cause() is not nullptr.
/// @param r what read_report() or read_report_file() gave.
inline bool is_unreadable(const result<report>& r) noexcept { return unreadable_cause(r) != nullptr; }

} // namespace govdisclose
