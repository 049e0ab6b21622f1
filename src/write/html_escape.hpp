// The one HTML escaper of the HTML writers (write_html, the inspection page, the test corpus),
// and the one writer of a table grid as an HTML table (write_html, the inspection page).
// Not installed.
#pragma once

#include <govdisclose/document.hpp>

#include <cstddef>
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

/// Append a table grid as an HTML table opened by `open` (`<table>` with its attributes): `th`
/// for header cells, covered cells left out, spans kept, text escaped. `attributes(out, y, x)`
/// may append attributes to the opening tag of the cell at row y, column x of the grid.
template <class Attributes>
void append_html_table(std::string& out, const table_grid& g, std::string_view open,
                       Attributes&& attributes) {
  out += open;
  out += '\n';
  for (std::size_t y = 0; y < g.rows.size(); ++y) {
    out += "<tr>";
    for (std::size_t x = 0; x < g.rows[y].size(); ++x) {
      const table_cell& c = g.rows[y][x];
      if (c.covered) continue;
      const char* tag = c.header ? "th" : "td";
      out += '<';
      out += tag;
      if (c.row_span > 1) out += " rowspan=\"" + std::to_string(c.row_span) + '"';
      if (c.col_span > 1) out += " colspan=\"" + std::to_string(c.col_span) + '"';
      attributes(out, y, x);
      out += '>';
      append_html_escaped(out, c.text);
      out += "</";
      out += tag;
      out += '>';
    }
    out += "</tr>\n";
  }
  out += "</table>\n";
}

} // namespace govdisclose::detail
