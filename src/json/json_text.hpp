// The one printer of a Boost.JSON value as text, indented or compact: the diff's JSON (compare)
// and the program's JSON output (cli). Report JSON has its own writer (json.hpp), which keeps
// decimals exact. Not installed.
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace govdisclose::detail {

/// `v` as JSON text. With `indent` > 0, each member and element on its own line, indented by
/// `indent` spaces a level, `"key": value`, and a final newline; compact otherwise. Empty objects
/// and arrays are `{}` and `[]`.
std::string json_text(const boost::json::value& v, int indent);

} // namespace govdisclose::detail
