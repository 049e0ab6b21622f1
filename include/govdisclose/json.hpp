/// @file json.hpp
/// @brief Canonical JSON for reports and diagnostics, and a path-aware JSON report reader.
///
/// The format is described on the @ref json "JSON format" page.
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

/// @brief Layout of written JSON.
struct json_options {
  int indent = 2; ///< Spaces per level; 0 writes one line (and no final newline).
};

/// @brief The deepest nesting of arrays and objects report_from_json() accepts (`json.depth`).
inline constexpr std::size_t json_max_depth = 32;

/// @brief The largest input report_from_json() reads (`json.too_large`): 8 MiB, some hundred
/// times a real report.
inline constexpr std::size_t json_max_input_bytes = std::size_t{8} << 20;

/// @brief Write a report as canonical JSON.
///
/// Keys are the template codes (the described member names, `template_` as `template`), nested
/// as the dotted model paths; members come in model order, so `template`, `meta` and
/// `narrative` come first. A cell is a number, `null` when blank, or a string holding the raw
/// text of a marker or text cell. Absent cells, empty strings and unknown years are left out,
/// and so is an object left empty by that. Numbers are written exactly as decimal text
/// (`0.0001`, never `1e-4`), keeping their scale (`1.50`). The same report always gives the
/// same bytes; with an indent the text ends in a newline.
/// @param r the report.
/// @param o the layout.
/// @return UTF-8 JSON text (invalid UTF-8 in the report's strings is written as U+FFFD).
std::string to_json(const report& r, const json_options& o = {});

/// @brief Read a report from JSON; never throws on bad input.
///
/// The `template` member ("2019" or "2021") picks the model alternatives (make_report()); a
/// missing or bad one is a `json.template` error and the report is read as 2021. Cells: a
/// number reads exactly as the decimal it was written as (`0.0001`, `1.50`, `1e-4`), `null`
/// as blank, a string that is a marker (`/`, `—`, `无`…) as a marker cell and any other
/// non-empty string as a text cell; a missing member stays absent (validation reports
/// `structure.*`).
///
/// Diagnostics: `json.syntax` (error, with the line:column where parsing stopped),
/// `json.depth` and `json.too_large` (errors), `json.type` (error naming the JSON pointer,
/// `/applications/granted/total`, and the expected and found JSON types), `json.number` (error:
/// a number not exactly representable in a cell), `json.unknown_member` and
/// `json.duplicate_member` (warnings). Positions of member diagnostics are those of the key.
/// The report's `meta.source` and `meta.format` are read as written, not set from `source`.
/// @param text the JSON text (UTF-8; a leading byte order mark is skipped).
/// @param source the file name for diagnostics.
/// @return the report read so far and the diagnostics.
result<report> report_from_json(std::string_view text, std::string_view source = {});

/// @brief Write diagnostics as a JSON array of objects.
///
/// Each object has every member of diagnostic, in order: `rule`, `level` (`"error"` or
/// `"warning"`), `path`, `position` (`{"file", "line", "column"}`, 0 when unknown),
/// `expected`, `found`, `message` and `message_en`.
/// @param ds the diagnostics.
/// @param o the layout.
std::string diagnostics_to_json(const std::vector<diagnostic>& ds, const json_options& o = {});

} // namespace govdisclose
