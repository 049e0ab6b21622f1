/// @file csv.hpp
/// @brief Writing CSV: one field, quoted when it needs it.
#pragma once

#include <string>
#include <string_view>

namespace govdisclose {

/// @brief Quote a CSV field when it needs it (RFC 4180: `,`, `"`, CR or LF inside).
///
/// The datasets (dataset.hpp), the diffs (compare.hpp) and the program's batch CSV write their
/// fields with it.
/// @param s the field's text.
/// @return the text as is, or in double quotes with its quotes doubled.
inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (const char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

} // namespace govdisclose
