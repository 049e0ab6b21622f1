// write_html(): a document as a self-contained HTML5 page.
#include "write/html_escape.hpp"

#include <govdisclose/render.hpp>

#include <string>
#include <string_view>

namespace govdisclose {
namespace detail {
namespace {

std::string page_title(const document& d) {
  for (const block& b : d.blocks)
    if (b.kind == block_kind::heading) return b.text;
  return d.source.empty() ? std::string("政府信息公开工作年度报告") : d.source;
}

} // namespace
} // namespace detail

std::string write_html(const document& d) {
  using namespace detail;
  std::string out;
  out.reserve(16384);
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  append_html_escaped(out, page_title(d));
  out += "</title>\n<style>\n"
         "@page { size: A4; }\n"
         "body { font-family: sans-serif; line-height: 1.6; max-width: 72em; margin: 2em auto; }\n"
         "table { border-collapse: collapse; margin: 1em 0; }\n"
         "th, td { border: 1px solid #444; padding: 0.2em 0.5em; }\n"
         "td { text-align: center; }\n"
         "</style>\n</head>\n<body>\n";
  for (const block& b : d.blocks) {
    switch (b.kind) {
    case block_kind::heading: {
      const int level = b.level < 1 ? 1 : b.level > 6 ? 6 : b.level;
      const std::string tag = "h" + std::to_string(level);
      out += '<' + tag + '>';
      append_html_escaped(out, b.text);
      out += "</" + tag + ">\n";
      break;
    }
    case block_kind::paragraph:
      out += "<p>";
      append_html_escaped(out, b.text);
      out += "</p>\n";
      break;
    case block_kind::table:
      append_html_table(out, b.table, "<table>", [](std::string&, std::size_t, std::size_t) {});
      break;
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

} // namespace govdisclose
