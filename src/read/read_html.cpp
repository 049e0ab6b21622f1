// The HTML reader: libxml2's HTML parser in SAX mode (no tree is built), producing headings,
// paragraphs and tables with rowspan/colspan expanded into a true grid.
//
// The bytes are decoded to UTF-8 first (decode_to_utf8, with the `<meta charset>` the page
// declares), then parsed with HTML_PARSE_IGNORE_ENC so that byte offsets in libxml2's input are
// offsets in the decoded text: positions (line:column in code points) come from them. Stray C0
// control characters become spaces before parsing (libxml2 ends the document at a NUL between
// elements), and libxml2's messages are captured, never printed (xml_errors.hpp).
// See docs/formats.md for the rules (layout tables, cell text, what is dropped).
#include "read/reader_common.hpp"
#include "read/table_grid.hpp"
#include "read/xml_errors.hpp"

#include <govdisclose/readers.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <cstring>
#include <string>
#include <vector>

namespace govdisclose {
namespace detail {
namespace {


enum class tag : std::uint8_t { other, skip, block, br, heading, table, tr, cell, caption };

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// What an element means to the reader. libxml2 gives HTML element names in lower case.
tag classify(const char* n, int& level, bool& header) noexcept {
  level = 0;
  header = false;
  const std::size_t len = std::strlen(n);
  auto is = [&](const char* s) { return std::strcmp(n, s) == 0; };
  switch (len) {
  case 1:
    if (n[0] == 'p') return tag::block;
    return tag::other;
  case 2:
    if (n[0] == 'h' && n[1] >= '1' && n[1] <= '6') {
      level = n[1] - '0';
      return tag::heading;
    }
    if (is("td")) return tag::cell;
    if (is("th")) {
      header = true;
      return tag::cell;
    }
    if (is("tr")) return tag::tr;
    if (is("br")) return tag::br;
    if (is("li") || is("ul") || is("ol") || is("dl") || is("dt") || is("dd") || is("hr"))
      return tag::block;
    return tag::other;
  case 3:
    if (is("div") || is("pre") || is("nav")) return tag::block;
    return tag::other;
  case 4:
    if (is("body") || is("form") || is("main") || is("html")) return tag::block;
    return tag::other;
  case 5:
    if (is("table")) return tag::table;
    if (is("style") || is("title")) return tag::skip;
    if (is("thead") || is("tbody") || is("tfoot") || is("aside")) return tag::block;
    return tag::other;
  case 6:
    if (is("script")) return tag::skip;
    if (is("header") || is("footer") || is("center") || is("figure")) return tag::block;
    return tag::other;
  case 7:
    if (is("caption")) return tag::caption;
    if (is("section") || is("article") || is("address")) return tag::block;
    return tag::other;
  case 8:
    if (is("noscript") || is("template") || is("textarea")) return tag::skip;
    return tag::other;
  case 10:
    if (is("blockquote") || is("figcaption")) return tag::block;
    return tag::other;
  default:
    return tag::other;
  }
}

struct raw_cell {
  std::size_t seg_begin = 0, seg_end = 0; // the cell's segments
  source_span span;
  std::uint16_t row_span = 1, col_span = 1;
  bool header = false;
};

struct table_frame {
  bool layout = false; // a layout table: its content flows as paragraphs
  bool in_cell = false;
  source_span span;
  std::vector<segment> segments;
  std::vector<std::vector<raw_cell>> rows;
};

// A row and a cell as the shape of a table sees them (shape_of_table(), table_grid.hpp).
shape_row<raw_cell> shape_of_row(const std::vector<raw_cell>& r) { return {0, r}; }
std::span<const segment> cell_segments(const table_frame& f, const raw_cell& c) {
  return std::span<const segment>(f.segments).subspan(c.seg_begin, c.seg_end - c.seg_begin);
}

struct html_state {
  xmlParserCtxtPtr ctxt = nullptr;
  std::string_view text;
  position_map positions;
  std::string source;
  std::vector<block> blocks;
  std::vector<diagnostic> diagnostics;

  std::string buf;           // the segment being read, white space folded
  bool pending_space = false;
  source_span buf_span;
  int skip_depth = 0;        // inside script/style/title…
  int heading_level = 0;     // inside h1–h6
  bool held_lt = false;      // a '<' text callback not yet known to open `<![if …]>`
  std::size_t held_end = 0;
  std::vector<table_frame> tables;

  html_state(std::string_view t, std::string_view src)
      : text(t), positions(t), source(src) {}

  // Byte offset of libxml2's read position in the decoded text.
  std::size_t offset() const noexcept {
    const xmlParserInputPtr in = ctxt->input;
    if (in == nullptr || in->cur == nullptr || in->base == nullptr) return 0;
    return static_cast<std::size_t>(in->consumed) + static_cast<std::size_t>(in->cur - in->base);
  }

  // Position of the start tag just read ('<' before the read position).
  source_span tag_position() {
    const xmlParserInputPtr in = ctxt->input;
    std::size_t off = offset();
    if (in != nullptr && in->cur != nullptr && in->base != nullptr) {
      const xmlChar* p = in->cur;
      while (p > in->base && *p != '<') --p;
      off -= static_cast<std::size_t>(in->cur - p);
    }
    return positions.at(off);
  }

  bool collecting() const noexcept { return !tables.empty() && !tables.back().layout; }

  void emit(segment s) { blocks.push_back(segment_block(std::move(s))); }

  // End the segment being read: it goes into the open cell, or out as a paragraph or heading.
  void break_segment() {
    pending_space = false;
    if (buf.empty()) return;
    segment s{buf, buf_span, heading_level};
    buf.clear();
    if (collecting() && tables.back().in_cell) {
      table_frame& t = tables.back();
      t.segments.push_back(std::move(s));
      t.rows.back().back().seg_end = t.segments.size();
    } else {
      emit(std::move(s));
    }
  }

  void on_text(const char* s, std::size_t len) {
    if (skip_depth > 0 || len == 0) return;
    text_piece(s, len, offset());
  }

  // Text ending at byte offset `end` of the input (entities make this approximate).
  //
  // Word's downlevel-revealed conditional comments (`<![if !supportLists]>`, `<![endif]>`)
  // reach us as text, their '<' in a callback of its own: the markers are dropped, what they
  // wrap is kept (browsers show it).
  void text_piece(const char* s, std::size_t len, std::size_t end) {
    if (len == 0) return;
    std::string_view chunk(s, len);
    if (held_lt) {
      held_lt = false;
      if (chunk.starts_with("![")) {
        if (const std::size_t close = chunk.find("]>"); close != std::string_view::npos) {
          text_piece(s + close + 2, len - close - 2, end);
          return;
        }
      }
      append_text("<", held_end);
    }
    if (chunk == "<") {
      held_lt = true;
      held_end = end;
      return;
    }
    if (const std::size_t m = chunk.find("<!["); m != std::string_view::npos) {
      if (const std::size_t close = chunk.find("]>", m); close != std::string_view::npos) {
        append_text(chunk.substr(0, m), end >= len - m ? end - (len - m) : 0);
        text_piece(s + close + 2, len - close - 2, end);
        return;
      }
    }
    append_text(chunk, end);
  }

  void flush_held() {
    if (!held_lt) return;
    held_lt = false;
    append_text("<", held_end);
  }

  void append_text(std::string_view chunk, std::size_t end) {
    if (chunk.empty()) return;
    const bool was_empty = buf.empty();
    append_folded(buf, chunk, pending_space);
    if (was_empty && !buf.empty()) {
      const std::size_t lead = first_non_space(chunk);
      buf_span = positions.at(end >= chunk.size() ? end - chunk.size() + lead : end);
    }
  }

  // A table that turns out to be layout: what it collected flows out as paragraphs.
  void to_layout(table_frame& t) {
    t.layout = true;
    t.in_cell = false;
    for (auto& s : t.segments) emit(std::move(s));
    t.segments.clear();
    t.rows.clear();
  }

  void close_cell() {
    if (collecting()) tables.back().in_cell = false;
  }

  void start(const char* name, const xmlChar** atts) {
    int level = 0;
    bool header = false;
    flush_held();
    const tag t = classify(name, level, header);
    if (t == tag::skip) {
      ++skip_depth;
      return;
    }
    if (skip_depth > 0 || t == tag::other) return;
    if (t == tag::br) {
      if (collecting() && tables.back().in_cell)
        pending_space = !buf.empty();
      else
        break_segment();
      return;
    }
    break_segment();
    switch (t) {
    case tag::heading:
      if (collecting()) to_layout(tables.back());
      heading_level = level;
      break;
    case tag::table: {
      if (collecting()) to_layout(tables.back());
      table_frame f;
      f.span = tag_position();
      tables.push_back(std::move(f));
      break;
    }
    case tag::tr:
      if (collecting()) {
        close_cell();
        tables.back().rows.emplace_back();
      }
      break;
    case tag::cell:
      if (collecting()) {
        table_frame& f = tables.back();
        if (f.rows.empty()) f.rows.emplace_back();
        raw_cell c;
        c.seg_begin = c.seg_end = f.segments.size();
        c.span = tag_position();
        c.header = header;
        for (const xmlChar** a = atts; a != nullptr && a[0] != nullptr; a += 2) {
          const char* an = reinterpret_cast<const char*>(a[0]);
          if (a[1] == nullptr) continue;
          const bool rs = std::strcmp(an, "rowspan") == 0;
          if (!rs && std::strcmp(an, "colspan") != 0) continue;
          unsigned long v = 0;
          const xmlChar* p = a[1];
          while (*p == ' ' || *p == '"' || *p == '\'') ++p;
          for (; *p >= '0' && *p <= '9' && v < 100000; ++p) v = v * 10 + (*p - '0');
          const unsigned long limit = rs ? max_grid_rowspan : max_grid_columns;
          const auto span = static_cast<std::uint16_t>(std::clamp<unsigned long>(v, 1, limit));
          (rs ? c.row_span : c.col_span) = span;
        }
        f.rows.back().push_back(c);
        f.in_cell = true;
      }
      break;
    default:
      break;
    }
  }

  void end(const char* name) {
    int level = 0;
    bool header = false;
    flush_held();
    const tag t = classify(name, level, header);
    if (t == tag::skip) {
      if (skip_depth > 0) --skip_depth;
      return;
    }
    if (skip_depth > 0 || t == tag::other || t == tag::br) return;
    break_segment();
    switch (t) {
    case tag::heading:
      heading_level = 0;
      break;
    case tag::cell:
    case tag::tr:
      close_cell();
      break;
    case tag::table:
      close_table(*this, tables);
      break;
    default:
      break;
    }
  }

  // Rowspan/colspan into a true grid: every covered position repeats its cell's text.
  void expand(const table_frame& f, table_grid& grid) {
    struct cover {
      std::uint32_t rows_left = 0; // rows still covered below the current one
      std::size_t row = 0, col = 0;
    };
    std::vector<cover> covers;
    std::size_t cells = 0;
    bool truncated = false;
    for (const auto& raw : f.rows) {
      if (cells >= max_grid_positions) {
        truncated = true;
        break;
      }
      grid.rows.emplace_back();
      const std::size_t r = grid.rows.size() - 1;
      std::size_t col = 0;
      auto take_covers = [&](bool all) {
        // Positions covered from rows above, at `col` (or all the rest when `all`).
        while (col < covers.size() && (covers[col].rows_left > 0 || all)) {
          if (covers[col].rows_left > 0) {
            grid.rows[r].push_back(covered_copy(grid, covers[col].row, covers[col].col));
            --covers[col].rows_left;
          } else {
            // A gap before a covered position further right: an empty cell keeps the grid.
            bool later = false;
            for (std::size_t k = col; k < covers.size() && !later; ++k)
              later = covers[k].rows_left > 0;
            if (!later) break;
            table_cell empty;
            empty.span = f.span; // no cell of its own: the table's position
            grid.rows[r].push_back(empty);
          }
          ++col;
          ++cells;
        }
      };
      for (const auto& rc : raw) {
        take_covers(false);
        if (col >= max_grid_columns) {
          truncated = true;
          break;
        }
        table_cell c;
        c.text = joined_text(cell_segments(f, rc));
        c.span = rc.span;
        c.header = rc.header;
        c.row_span = rc.row_span;
        c.col_span = clipped_col_span(rc.col_span, col);
        const std::size_t origin = col;
        grid.rows[r].push_back(std::move(c));
        for (std::size_t k = 0; k < grid.rows[r][origin].col_span; ++k, ++col, ++cells) {
          if (k > 0) grid.rows[r].push_back(covered_copy(grid, r, origin));
          if (covers.size() <= col) covers.resize(col + 1);
          covers[col] = {static_cast<std::uint32_t>(rc.row_span - 1), r, origin};
        }
      }
      take_covers(true);
    }
    if (truncated)
      diagnostics.push_back(table_too_large("html.table_too_large", source, f.span));
  }
};

html_state& state_of(void* ctx) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  return *static_cast<html_state*>(ctxt->_private);
}

void on_start(void* ctx, const xmlChar* name, const xmlChar** atts) {
  state_of(ctx).start(reinterpret_cast<const char*>(name), atts);
}
void on_end(void* ctx, const xmlChar* name) {
  state_of(ctx).end(reinterpret_cast<const char*>(name));
}
void on_characters(void* ctx, const xmlChar* ch, int len) {
  if (len > 0) state_of(ctx).on_text(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len));
}

// The charset a page declares in its first bytes: `<meta charset=…>`,
// `<meta http-equiv content="…; charset=…">` or `<?xml … encoding="…"?>`.
std::string declared_charset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  std::string lowered(head.size(), '\0');
  std::transform(head.begin(), head.end(), lowered.begin(), lower);
  for (const char* key : {"charset", "encoding"}) {
    std::size_t pos = 0;
    while ((pos = lowered.find(key, pos)) != std::string::npos) {
      pos += std::strlen(key);
      std::size_t p = pos;
      while (p < lowered.size() && (lowered[p] == ' ' || lowered[p] == '\t')) ++p;
      if (p >= lowered.size() || lowered[p] != '=') continue;
      ++p;
      while (p < lowered.size() && (lowered[p] == ' ' || lowered[p] == '"' || lowered[p] == '\''))
        ++p;
      std::size_t e = p;
      while (e < lowered.size() && (std::isalnum(static_cast<unsigned char>(lowered[e])) ||
                                    lowered[e] == '-' || lowered[e] == '_' || lowered[e] == ':' ||
                                    lowered[e] == '.'))
        ++e;
      if (e > p) return lowered.substr(p, e - p);
    }
  }
  return {};
}

} // namespace
} // namespace detail

result<document> read_html(std::string_view bytes, std::string_view source) {
  using namespace detail;
  result<document> out = empty_document("html", source);

  result<std::string> text = decode_to_utf8(bytes, declared_charset(bytes), source);
  out.diagnostics = std::move(text.diagnostics);
  std::string& utf8 = text.value;
  // A NUL between elements ends the document for libxml2 (the page reads as nothing at all), and
  // `00 00 00 3C` at the start makes it guess UCS-4: control characters are spaces from here on.
  // Form feeds are white space in HTML and replaced without a word.
  if (const control_characters found = replace_controls(utf8, true); found.count > 0)
    out.diagnostics.push_back(control_characters_diagnostic(found, utf8, source));
  if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    out.diagnostics.push_back(diagnostic_builder("input.too_large")
                                  .at(source_position{std::string(source)})
                                  .found(std::to_string(utf8.size()) + " bytes")
                                  .message("文件过大，无法读取")
                                  .message_en("the input is too large"));
    return out;
  }

  html_state state(utf8, source);
  // libxml2's messages are dropped: HTML is parsed to recover from any error, and the text is
  // valid UTF-8 already, so they say nothing the reader's own diagnostics do not.
  const xml_error_capture quiet;
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8.data(), static_cast<int>(utf8.size()));
  if (ctxt == nullptr) {
    if (!utf8.empty())
      out.diagnostics.push_back(diagnostic_builder("html.parse")
                                    .at(source_position{std::string(source)})
                                    .message("无法解析 HTML")
                                    .message_en("the HTML could not be parsed"));
    return out;
  }
  xmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = nullptr; // script and style content is skipped anyway
  std::memcpy(ctxt->sax, &sax, sizeof sax);
  ctxt->userData = ctxt;
  ctxt->_private = &state;
  state.ctxt = ctxt;
  htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED);
  // The text is UTF-8 now, whatever the page declares or libxml2 would guess: a known encoding
  // (ctxt->encoding) also keeps htmlParseDocument() from guessing one from the first four bytes.
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
  if (ctxt->encoding == nullptr)
    ctxt->encoding = xmlStrdup(reinterpret_cast<const xmlChar*>("UTF-8"));
  htmlParseDocument(ctxt);
  state.flush_held();
  state.break_segment();
  // Tables left open at the end of the input are finished as if closed.
  while (!state.tables.empty()) close_table(state, state.tables);
  if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);
  htmlFreeParserCtxt(ctxt);

  out.value.blocks = std::move(state.blocks);
  out.diagnostics.insert(out.diagnostics.end(), state.diagnostics.begin(),
                         state.diagnostics.end());
  out.value.diagnostics = out.diagnostics;
  return out;
}

} // namespace govdisclose
