// write_text(): a document as plain text, tables tab-separated like a web page copied from a
// browser: one field per grid position, the positions a merged cell covers left empty.
#include <govdisclose/render.hpp>

#include <string>
#include <string_view>

namespace govdisclose {
namespace detail {
namespace {

void append_line_text(std::string& out, std::string_view s) {
  for (const char ch : s) out += ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch;
}

} // namespace
} // namespace detail

std::string write_text(const document& d) {
  using namespace detail;
  std::string out;
  out.reserve(8192);
  bool first = true;
  for (const block& b : d.blocks) {
    if (!first) out += '\n';
    first = false;
    if (b.kind != block_kind::table) {
      append_line_text(out, b.text);
      out += '\n';
      continue;
    }
    for (const auto& row : b.table.rows) {
      for (std::size_t k = 0; k < row.size(); ++k) {
        if (k) out += '\t';
        if (!row[k].covered) append_line_text(out, row[k].text);
      }
      out += '\n';
    }
  }
  return out;
}

} // namespace govdisclose
