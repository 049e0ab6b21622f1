// write_markdown(): a document as Markdown with pipe tables.
//
// Pipe tables cannot merge cells, so a merged cell's text is written once, in its top-left
// position, and the positions it covers are left empty — the shape of a table copied from a web
// page, which the text reader reads too (values stay in their columns; a value that spans
// columns is not repeated, so it cannot be mistaken for several values). The first grid row is
// the pipe table's header row.
#include <govdisclose/render.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace govdisclose {
namespace detail {
namespace {

// Cell text on one line, with the pipe escaped.
void append_cell(std::string& out, std::string_view s) {
  for (const char ch : s) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n' || ch == '\r' || ch == '\t') out += ' ';
    else out += ch;
  }
}

// Paragraph text on one line; a leading character that Markdown would take for markup is escaped.
void append_paragraph(std::string& out, std::string_view s) {
  if (!s.empty() && (s.front() == '#' || s.front() == '|' || s.front() == '>'))
    out += '\\';
  for (const char ch : s) out += ch == '\n' || ch == '\r' ? ' ' : ch;
}

void append_row(std::string& out, const std::vector<table_cell>& row, std::size_t width) {
  out += '|';
  for (std::size_t k = 0; k < width; ++k) {
    out += ' ';
    if (k < row.size() && !row[k].covered) append_cell(out, row[k].text);
    out += " |";
  }
  out += '\n';
}

void append_table(std::string& out, const table_grid& g) {
  std::size_t width = 0;
  for (const auto& row : g.rows) width = std::max(width, row.size());
  if (g.rows.empty() || width == 0) return;
  append_row(out, g.rows.front(), width);
  out += '|';
  for (std::size_t k = 0; k < width; ++k) out += " --- |";
  out += '\n';
  for (std::size_t i = 1; i < g.rows.size(); ++i) append_row(out, g.rows[i], width);
}

} // namespace
} // namespace detail

std::string write_markdown(const document& d) {
  using namespace detail;
  std::string out;
  out.reserve(16384);
  bool first = true;
  for (const block& b : d.blocks) {
    if (!first) out += '\n';
    first = false;
    switch (b.kind) {
    case block_kind::heading:
      out.append(static_cast<std::size_t>(b.level < 1 ? 1 : b.level > 6 ? 6 : b.level), '#');
      out += ' ';
      append_paragraph(out, b.text);
      out += '\n';
      break;
    case block_kind::paragraph:
      append_paragraph(out, b.text);
      out += '\n';
      break;
    case block_kind::table: append_table(out, b.table); break;
    }
  }
  return out;
}

} // namespace govdisclose
