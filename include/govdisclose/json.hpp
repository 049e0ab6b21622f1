/// @file json.hpp
/// @brief Canonical JSON for reports and diagnostics, and a path-aware JSON report reader.
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

/// @brief Layout of written JSON.
struct json_options {
  int indent = 2; ///< Spaces per level; 0 writes one line.
};

/// @brief Write a report as canonical JSON.
///
/// Keys are the template codes, nested as the dotted model paths; a cell is a number, `null`
/// when blank, or a string holding the raw text of a marker or text cell; absent cells are left
/// out. `template`, `meta` and `narrative` come first. Numbers are written exactly (`0.0001`).
std::string to_json(const report& r, const json_options& o = {});

/// @brief Read a report from JSON; never throws on bad input.
///
/// Unknown members give a `json.unknown_member` warning, wrong types a `json.type` error naming
/// the JSON path (`/applications/granted/total`), malformed text a `json.syntax` error with
/// line and column. Missing members read as absent cells (validation reports `structure.*`).
/// @param text the JSON text.
/// @param source the file name for diagnostics.
result<report> report_from_json(std::string_view text, std::string_view source = {});

/// @brief Write diagnostics as a JSON array of objects (rule, level, path, position, …).
std::string diagnostics_to_json(const std::vector<diagnostic>& ds, const json_options& o = {});

} // namespace govdisclose
