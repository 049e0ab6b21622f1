// Internal helpers shared by the format readers (text, Markdown, HTML): lines, columns in code
// points, whitespace folding, control characters and the start of a document. Not installed;
// not part of the public API.
#pragma once

#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/document.hpp>
#include <govdisclose/result.hpp>
#include <govdisclose/text.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose::detail {

/// One line of a text input: its content (without the line break and a trailing CR), where it
/// starts, and whether a form feed (a page break) came before its content.
struct text_line {
  std::string_view text;     // content, form feeds removed from its start
  std::size_t offset = 0;    // byte offset of `text` in the input
  std::uint32_t number = 0;  // 1-based line number
  std::uint32_t column = 1;  // 1-based code-point column where `text` starts
  bool page_break = false;   // a form feed preceded the content on this line
};

/// Number of code points in UTF-8 text (invalid bytes count one each, like next_code_point()).
inline std::uint32_t code_points(std::string_view s) noexcept {
  std::uint32_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

/// A leading enumeration marker of a heading or a list item: 一、 （一） (1) 1. 1、 (spaces
/// between its characters allowed, as PDF text has them).
struct list_marker {
  enum kind_t : std::uint8_t { none, top, other };
  kind_t kind = none;   ///< `top`: Chinese numerals and 、 (一、, the first level of a report).
  std::size_t end = 0;  ///< Byte offset in the text right after the marker.
  explicit operator bool() const noexcept { return kind != none; }
};

/// The enumeration marker the text starts with (leading spaces skipped), or none.
inline list_marker leading_marker(std::string_view text) noexcept {
  constexpr std::u32string_view chinese = U"一二三四五六七八九十";
  std::size_t pos = 0;
  auto next = [&]() -> char32_t { // the next code point that is not a space, or 0
    while (pos < text.size()) {
      const char32_t cp = next_code_point(text, pos);
      if (!is_space(cp)) return cp;
    }
    return 0;
  };
  char32_t cp = next();
  const bool open = cp == U'（' || cp == U'(';
  if (open) cp = next();
  std::size_t digits = 0;
  bool all_chinese = true;
  for (;; cp = next()) {
    const bool han = chinese.find(cp) != std::u32string_view::npos;
    if (!han && !(cp >= '0' && cp <= '9') && !(cp >= 0xFF10 && cp <= 0xFF19)) break;
    all_chinese = all_chinese && han;
    ++digits;
  }
  if (digits == 0) return {};
  const bool closes = open ? (cp == U'）' || cp == U')')
                           : (cp == U'、' || cp == U'.' || cp == U'．' || cp == U'，');
  if (!closes) return {};
  return {!open && all_chinese && cp == U'、' ? list_marker::top : list_marker::other, pos};
}

/// 1-based line:column (code points) of byte offsets in a text; offsets asked in increasing
/// order cost only the code points between them.
class position_map {
public:
  explicit position_map(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (nl == nullptr) break;
      p = static_cast<const char*>(nl) + 1;
      line_starts_.push_back(static_cast<std::size_t>(p - text.data()));
    }
  }

  source_span at(std::size_t offset) {
    offset = std::min(offset, text_.size());
    if (!(cached_line_ > 0 && offset >= cached_offset_ &&
          (cached_line_ >= line_starts_.size() || offset < line_starts_[cached_line_]))) {
      const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
      cached_line_ = static_cast<std::size_t>(it - line_starts_.begin()); // 1-based
      cached_offset_ = line_starts_[cached_line_ - 1];
      cached_column_ = 1;
    }
    cached_column_ += code_points(text_.substr(cached_offset_, offset - cached_offset_));
    cached_offset_ = offset;
    return {static_cast<std::uint32_t>(cached_line_), static_cast<std::uint32_t>(cached_column_)};
  }

private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  std::size_t cached_line_ = 0, cached_offset_ = 0, cached_column_ = 1;
};

/// Split text into lines on LF (CRLF and a lone CR at the end of a line are accepted).
/// Form feeds at the start of a line mark a page break; form feeds elsewhere are kept.
inline std::vector<text_line> split_lines(std::string_view s) {
  std::vector<text_line> lines;
  std::size_t pos = 0;
  std::uint32_t number = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find('\n', pos);
    const bool last = end == std::string_view::npos;
    if (last) end = s.size();
    if (last && pos == s.size() && number > 0) break; // no empty line after a final LF
    text_line l;
    l.number = ++number;
    std::string_view t = s.substr(pos, end - pos);
    if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
    std::size_t skipped = 0;
    while (skipped < t.size() && t[skipped] == '\f') ++skipped;
    l.page_break = skipped > 0;
    l.text = t.substr(skipped);
    l.offset = pos + skipped;
    l.column = static_cast<std::uint32_t>(1 + skipped);
    lines.push_back(l);
    if (last) break;
    pos = end + 1;
  }
  return lines;
}

/// Byte index of the first non-space code point of `s` (see is_space()), or s.size().
inline std::size_t first_non_space(std::string_view s) noexcept {
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!is_space(next_code_point(s, next))) return pos;
    pos = next;
  }
  return s.size();
}

/// Append `s` to `out` with white space runs (is_space()) folded to one ASCII space, dropping
/// leading white space when `out` is empty; `pending` carries a space not yet written (so
/// trailing white space is never written). Invalid UTF-8 bytes are copied through.
inline void append_folded(std::string& out, std::string_view s, bool& pending) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      if (b == ' ' || (b >= 0x09 && b <= 0x0D)) {
        pending = true;
      } else {
        if (pending && !out.empty()) out += ' ';
        pending = false;
        out += static_cast<char>(b);
      }
      ++pos;
      continue;
    }
    std::size_t next = pos;
    const char32_t cp = next_code_point(s, next);
    if (is_space(cp)) {
      pending = true;
    } else {
      if (pending && !out.empty()) out += ' ';
      pending = false;
      out.append(s.data() + pos, next - pos);
    }
    pos = next;
  }
}

/// `s` trimmed, with white space runs folded to one ASCII space.
inline std::string fold_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  append_folded(out, s, pending);
  return out;
}

/// C0 control characters found in a text: how many, and the first one.
struct control_characters {
  std::size_t count = 0;
  std::size_t first = 0;      // byte offset of the first one
  unsigned char code = 0;     // and its value
};

/// True for the C0 control characters a text reader replaces: all below U+0020 but tab, LF, CR
/// and form feed (a page break in text, white space in HTML).
inline bool is_stray_control(unsigned char b) noexcept {
  return b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f';
}

/// Replace stray C0 control characters (is_stray_control(); with `form_feed`, form feeds too,
/// uncounted) by spaces, byte for byte, so that offsets and line:column positions do not move.
/// They are no text anyone publishes, and a NUL between two HTML elements ends the document for
/// libxml2. UTF-8 never uses bytes below 0x20 inside a sequence, so any decoded text is safe.
inline control_characters replace_controls(std::string& text, bool form_feed = false) {
  control_characters found;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0x20) continue;
    if (is_stray_control(b)) {
      if (found.count++ == 0) {
        found.first = i;
        found.code = b;
      }
      text[i] = ' ';
    } else if (b == '\f' && form_feed) {
      text[i] = ' ';
    }
  }
  return found;
}

/// True when `text` holds a stray C0 control character (is_stray_control()).
inline bool has_stray_controls(std::string_view text) noexcept {
  for (const char c : text)
    if (is_stray_control(static_cast<unsigned char>(c))) return true;
  return false;
}

/// The warning for control characters replace_controls() found in `text` (the text after the
/// replacement: positions are the same).
inline diagnostic control_characters_diagnostic(const control_characters& found,
                                                std::string_view text, std::string_view source) {
  static constexpr char hex[] = "0123456789ABCDEF";
  const std::string code = std::string("U+00") + hex[found.code >> 4] + hex[found.code & 0xF];
  const std::string offset = std::to_string(found.first);
  const std::string count = std::to_string(found.count);
  const source_span at = position_map(text).at(found.first);
  return diagnostic_builder("input.control_characters")
      .at(std::string(source), at)
      .found(code + " at byte offset " + offset + ", " + count + " in all")
      .message("文件中有 " + count + " 个控制字符（第一个是 " + code + "，在第 " + offset +
               " 字节处），不是正文内容，已按空格读取")
      .message_en(count + (found.count == 1 ? " control character" : " control characters") +
                  " (the first, " + code + ", at byte offset " + offset + ") read as " +
                  (found.count == 1 ? "a space" : "spaces"));
}

/// Stray control characters in a text or Markdown input read as spaces (a NUL before a section
/// title): `utf8` then views `buffer`, the cleaned copy, and the warning is added.
inline void clean_controls(std::string_view& utf8, std::string& buffer,
                           std::vector<diagnostic>& diagnostics, std::string_view source) {
  if (!has_stray_controls(utf8)) return;
  buffer.assign(utf8);
  const control_characters found = replace_controls(buffer);
  diagnostics.push_back(control_characters_diagnostic(found, buffer, source));
  utf8 = buffer;
}

/// The result of a reader before it reads: an empty document of `format` ("text", "html"…)
/// read from `source`.
inline result<document> empty_document(std::string_view format, std::string_view source) {
  result<document> out;
  out.value.source = std::string(source);
  out.value.format = std::string(format);
  return out;
}

/// A text or Markdown input read as a document of `format`: empty_document(), stray control
/// characters (a NUL before a section title) read as spaces as in the HTML reader, and then
/// `read(text, out)` reads the cleaned text into `out`.
template <class Read>
result<document> read_text_input(std::string_view format, std::string_view utf8,
                                 std::string_view source, Read read) {
  result<document> out = empty_document(format, source);
  std::string cleaned; // the input with stray control characters as spaces, if it has any
  clean_controls(utf8, cleaned, out.diagnostics, source);
  read(utf8, out);
  return out;
}

inline bool is_digit_cp(char32_t cp) noexcept {
  return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

inline bool is_dash_cp(char32_t cp) noexcept {
  return cp == '-' || cp == 0x2014 || cp == 0xFF0D || cp == 0x2013 || cp == 0x2015 ||
         cp == 0x2212;
}

// The trimmed line as code points without spaces (page-number patterns ignore spaces).
inline std::u32string compact(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = next_code_point(s, pos);
    if (!is_space(cp)) out += cp;
  }
  return out;
}

/// A page number line (text and PDF readers): "- 4 -", "—4—", "第4页", "第 4 页 共 10 页"; bare
/// numbers and "4/10" only when `next_to_break` (next to a page break, or in a page margin).
inline bool looks_like_page_number(std::string_view text, bool next_to_break) {
  const std::u32string c = compact(text);
  if (c.empty() || c.size() > 24) return false;
  std::size_t i = 0;
  auto digits = [&]() {
    const std::size_t start = i;
    while (i < c.size() && is_digit_cp(c[i])) ++i;
    return i > start;
  };
  // dash digits dash
  if (is_dash_cp(c[0])) {
    i = 0;
    while (i < c.size() && is_dash_cp(c[i])) ++i;
    if (!digits()) return false;
    const std::size_t dash_start = i;
    while (i < c.size() && is_dash_cp(c[i])) ++i;
    return i == c.size() && i > dash_start;
  }
  // 第 N 页 [，] [共 M 页]
  if (c[0] == U'第') {
    i = 1;
    if (!digits() || i >= c.size() || c[i] != U'页') return false;
    ++i;
    if (i < c.size() && (c[i] == U'，' || c[i] == ',' || c[i] == '/')) ++i;
    if (i == c.size()) return true;
    if (c[i] != U'共') return false;
    ++i;
    if (!digits() || i >= c.size() || c[i] != U'页') return false;
    return i + 1 == c.size();
  }
  if (!next_to_break) return false;
  i = 0;
  if (!digits()) return false;
  if (i == c.size()) return true;
  if (c[i] != '/') return false;
  ++i;
  return digits() && i == c.size();
}


// The layout-table rule of the HTML and DOCX readers (docs/formats.md): a table one column wide,
// or with a cell of more than three paragraphs totalling over 300 bytes, wraps content rather
// than holding data, and is read as paragraphs.
inline bool is_wordy_cell(std::size_t paragraphs, std::size_t bytes) noexcept {
  return paragraphs > 3 && bytes > 300;
}
inline bool is_layout_table(std::size_t widest, bool has_wordy_cell) noexcept {
  return widest <= 1 || has_wordy_cell;
}

} // namespace govdisclose::detail
