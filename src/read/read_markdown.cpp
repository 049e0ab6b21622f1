// The Markdown reader: ATX and setext headings, pipe tables, and one paragraph per text line
// (PDF→Markdown converters put one visual line per source line, and the loose label lines of
// broken tables must stay apart). See docs/formats.md.
#include "read/reader_common.hpp"

#include <govdisclose/readers.hpp>

#include <string>
#include <vector>

namespace govdisclose {
namespace detail {
namespace {

bool is_ascii_punct(char c) noexcept {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// Markdown backslash escapes: `\|` → `|`, `\*` → `*`; other backslashes stay.
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && is_ascii_punct(s[i + 1])) ++i;
    out += s[i];
  }
  return out;
}

// Byte positions of the unescaped pipes of a line.
std::vector<std::size_t> pipes(std::string_view s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '|') out.push_back(i);
  }
  return out;
}

std::size_t leading_spaces(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

// The raw cells of a table line, with their byte offsets in the line.
std::vector<std::pair<std::string_view, std::size_t>> split_row(std::string_view s) {
  std::vector<std::pair<std::string_view, std::size_t>> cells;
  std::size_t begin = leading_spaces(s);
  std::size_t end = s.size();
  while (end > begin && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
  std::vector<std::size_t> ps = pipes(s.substr(0, end));
  std::size_t first = 0, last = ps.size();
  if (!ps.empty() && ps.front() == begin) {
    begin = ps.front() + 1;
    first = 1;
  }
  if (last > first && ps[last - 1] + 1 == end) {
    end = ps[last - 1];
    --last;
  }
  std::size_t start = begin;
  for (std::size_t k = first; k < last; ++k) {
    cells.emplace_back(s.substr(start, ps[k] - start), start);
    start = ps[k] + 1;
  }
  if (end >= start) cells.emplace_back(s.substr(start, end - start), start);
  return cells;
}

bool is_delimiter_row(std::string_view s) {
  const auto cells = split_row(s);
  if (cells.empty() || pipes(s).empty()) return false;
  for (const auto& [c, off] : cells) {
    const std::string_view t = trim(c);
    std::size_t i = 0;
    if (i < t.size() && t[i] == ':') ++i;
    const std::size_t dashes = i;
    while (i < t.size() && t[i] == '-') ++i;
    if (i == dashes) return false;
    if (i < t.size() && t[i] == ':') ++i;
    if (i != t.size()) return false;
  }
  return true;
}

// A line of only `=` (setext level 1) or only `-` (level 2), or 0.
int setext_level(std::string_view s) {
  const std::string_view t = trim(s);
  if (t.empty()) return 0;
  if (t.find_first_not_of('=') == std::string_view::npos) return 1;
  if (t.find_first_not_of('-') == std::string_view::npos) return 2;
  return 0;
}

bool is_thematic_break(std::string_view s) {
  std::size_t marks = 0;
  char mark = 0;
  for (char c : s) {
    if (c == ' ' || c == '\t') continue;
    if (c != '-' && c != '*' && c != '_') return false;
    if (mark != 0 && c != mark) return false;
    mark = c;
    ++marks;
  }
  return marks >= 3;
}

// The blocks of a Markdown text (read_markdown()).
void read_markdown_blocks(std::string_view utf8, result<document>& out) {
  auto& blocks = out.value.blocks;

  const std::vector<text_line> lines = split_lines(utf8);
  // A line's content after block quote markers, and its column.
  auto content = [](const text_line& l, std::uint32_t& column) {
    std::string_view t = l.text;
    column = l.column;
    while (true) {
      const std::size_t lead = leading_spaces(t);
      if (lead < t.size() && t[lead] == '>') {
        const std::size_t skip = lead + 1 + (lead + 1 < t.size() && t[lead + 1] == ' ' ? 1 : 0);
        column += code_points(t.substr(0, skip));
        t.remove_prefix(skip);
        continue;
      }
      return t;
    }
  };
  auto position = [](const text_line& l, std::uint32_t column, std::string_view t,
                     std::size_t at) {
    return source_span{l.number, column + code_points(t.substr(0, at))};
  };

  bool in_fence = false;
  std::string_view fence;
  bool last_was_paragraph_line = false; // the previous line made a paragraph (for setext)
  block* table = nullptr;

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const text_line& l = lines[i];
    std::uint32_t column = 1;
    const std::string_view t = content(l, column);
    const std::size_t lead = first_non_space(t);
    const std::string_view body = t.substr(lead);
    const bool blank = body.empty();
    const bool paragraph_before = last_was_paragraph_line;
    last_was_paragraph_line = false;

    if (in_fence) {
      if (body.starts_with(fence)) {
        in_fence = false;
        continue;
      }
      if (!blank) {
        block b;
        b.text = fold_space(t);
        b.span = position(l, column, t, lead);
        blocks.push_back(std::move(b));
      }
      continue;
    }
    if (blank) {
      table = nullptr;
      continue;
    }
    if (lead <= 3 && (body.starts_with("```") || body.starts_with("~~~"))) {
      in_fence = true;
      fence = body.substr(0, 3);
      table = nullptr;
      continue;
    }

    // Pipe tables: a line with a pipe continues a table; it starts one when it begins with a
    // pipe or the next line is a delimiter row.
    const bool has_pipe = !pipes(t).empty();
    if (has_pipe) {
      std::uint32_t next_column = 1;
      const bool next_is_delimiter =
          i + 1 < lines.size() && is_delimiter_row(content(lines[i + 1], next_column));
      if (table != nullptr || body.front() == '|' || next_is_delimiter) {
        if (table == nullptr) {
          block b;
          b.kind = block_kind::table;
          b.span = position(l, column, t, lead);
          b.table.span = b.span;
          blocks.push_back(std::move(b));
          table = &blocks.back();
        }
        auto& rows = table->table.rows;
        if (is_delimiter_row(t)) {
          // The row above is the header row of a (new) table; the delimiter itself is dropped.
          if (!rows.empty())
            for (auto& c : rows.back()) c.header = true;
          continue;
        }
        std::vector<table_cell> row;
        for (const auto& [cell, off] : split_row(t)) {
          table_cell c;
          c.text = fold_space(unescape(cell));
          const std::size_t cl = first_non_space(cell);
          c.span = position(l, column, t, off + (cl < cell.size() ? cl : 0));
          row.push_back(std::move(c));
        }
        rows.push_back(std::move(row));
        continue;
      }
    }
    table = nullptr;

    // ATX headings.
    if (lead <= 3 && body.front() == '#') {
      std::size_t hashes = 0;
      while (hashes < body.size() && body[hashes] == '#') ++hashes;
      if (hashes <= 6 && (hashes == body.size() || body[hashes] == ' ' || body[hashes] == '\t')) {
        std::string_view h = trim(body.substr(hashes));
        std::size_t close = h.size();
        while (close > 0 && h[close - 1] == '#') --close;
        if (close == 0 || h[close - 1] == ' ' || h[close - 1] == '\t') h = trim(h.substr(0, close));
        block b;
        b.kind = block_kind::heading;
        b.level = static_cast<int>(hashes);
        b.text = fold_space(unescape(h));
        b.span = position(l, column, t, lead);
        blocks.push_back(std::move(b));
        continue;
      }
    }
    // Setext underlines turn the paragraph line above into a heading; other rules are dropped.
    if (const int level = setext_level(body); level > 0 && paragraph_before && lead <= 3) {
      blocks.back().kind = block_kind::heading;
      blocks.back().level = level;
      continue;
    }
    if (is_thematic_break(body)) continue;

    block b;
    b.kind = block_kind::paragraph;
    b.text = fold_space(unescape(body));
    b.span = position(l, column, t, lead);
    blocks.push_back(std::move(b));
    last_was_paragraph_line = true;
  }
}

} // namespace
} // namespace detail

result<document> read_markdown(std::string_view utf8, std::string_view source) {
  return detail::read_text_input("markdown", utf8, source, detail::read_markdown_blocks);
}

} // namespace govdisclose
