/// @file text.hpp
/// @brief UTF-8 text helpers shared by the cell classifier, readers and label matching.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace govdisclose {

/// @brief Decode one UTF-8 code point at `pos`, advancing `pos`.
///
/// Invalid bytes decode as U+FFFD and advance by one byte, so every input terminates.
inline char32_t next_code_point(std::string_view s, std::size_t& pos) noexcept {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  auto cont = [&](std::size_t k) -> int {
    if (pos + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[pos + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int len = b0 >= 0xF0 && b0 < 0xF5 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
  if (b0 >= 0xF5) len = 0;
  char32_t cp = len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const int c = cont(static_cast<std::size_t>(k));
    if (c < 0) {
      len = 0;
      break;
    }
    cp = (cp << 6) | static_cast<char32_t>(c);
  }
  if (len == 0) {
    ++pos;
    return 0xFFFD;
  }
  pos += static_cast<std::size_t>(len);
  return cp;
}

/// @brief Append a code point to a UTF-8 string.
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// @brief A UTF-8 string as code points (invalid bytes as U+FFFD, as next_code_point() reads them).
inline std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();)
    out += next_code_point(s, pos);
  return out;
}

/// @brief Code points as a UTF-8 string.
inline std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s)
    append_utf8(out, c);
  return out;
}

/// @brief True for the ASCII digits `0` … `9` (full-width digits are ASCII after
/// normalize_width()).
constexpr bool is_ascii_digit(char32_t c) noexcept { return c >= U'0' && c <= U'9'; }

/// @brief True for the white space seen in published cells: ASCII space and controls,
/// NO-BREAK SPACE (`&nbsp;`), IDEOGRAPHIC SPACE and the zero-width characters.
constexpr bool is_space(char32_t cp) noexcept {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x3000 ||
         cp == 0x200B || cp == 0xFEFF || cp == 0x2002 || cp == 0x2003 || cp == 0x2009;
}

/// @brief One code point as normalize_width() maps it: a full-width form to ASCII (`０` → `0`,
/// `（` → `(`), any white space (is_space()) to ' ', anything else unchanged.
constexpr char32_t fold_width(char32_t cp) noexcept {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  return is_space(cp) ? U' ' : cp;
}

/// @brief Map full-width forms to ASCII (`０１２` → `012`, `（` → `(`) and every space to ' '.
///
/// Used for matching only; callers keep the raw text.
inline std::string normalize_width(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) append_utf8(out, fold_width(next_code_point(s, pos)));
  return out;
}

/// @brief Remove leading and trailing white space (see is_space()) from UTF-8 text.
inline std::string_view trim(std::string_view s) noexcept {
  std::size_t begin = 0, end = s.size();
  while (begin < end) {
    std::size_t p = begin;
    if (!is_space(next_code_point(s, p))) break;
    begin = p;
  }
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t p = start;
    if (!is_space(next_code_point(s, p)) || p != end) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

} // namespace govdisclose
