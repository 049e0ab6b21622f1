// The one HTML escaper of the HTML writers (write_html, the inspection page, the test corpus).
// Not installed.
#pragma once

#include <string>
#include <string_view>

namespace govdisclose::detail {

/// Append text escaped for HTML element content and quoted attribute values (& < > " ').
inline void append_html_escaped(std::string& out, std::string_view s) {
  for (const char ch : s) {
    switch (ch) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += ch;
    }
  }
}

} // namespace govdisclose::detail
