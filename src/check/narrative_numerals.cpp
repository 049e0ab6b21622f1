// Numerals in narrative text: Chinese numerals read (`三千零五`, `二〇二二`) and written, and
// counts in Arabic or Chinese digits (parse_count(), chinese_numeral(); docs/narrative.md).
#include "check/narrative_detail.hpp"

#include <govdisclose/narrative.hpp>
#include <govdisclose/text.hpp>

#include <array>
#include <utility>

namespace govdisclose {

namespace detail::narrative {
namespace {

int chinese_small_unit(char32_t c) noexcept {
  return c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0;
}

// A section below 10 000 (`三千零五`, `二十三`, `十五`). `at_start`: the section begins the
// numeral (only then may 十 stand without a digit); `after_big`: a higher section precedes it.
std::optional<std::int64_t> parse_small(std::u32string_view s, bool at_start, bool after_big) {
  if (s.empty()) return std::nullopt;
  std::int64_t value = 0;
  int pending = -1; // a digit waiting for its unit
  bool pending_liang = false;
  int last_unit = 100000;
  bool zero_seen = false;
  bool any_unit = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    const int d = chinese_digit(c);
    const int u = chinese_small_unit(c);
    if (d == 0) {
      // 零 marks a gap: after a unit (or at the start of a lower section), before a digit.
      if (pending >= 0 || zero_seen) return std::nullopt;
      if (!any_unit && !(after_big && i == 0)) return std::nullopt;
      zero_seen = true;
    } else if (d > 0) {
      if (pending >= 0) return std::nullopt;
      pending = d;
      pending_liang = c == U'两';
    } else if (u != 0) {
      if (u >= last_unit) return std::nullopt;
      if (pending < 0) {
        if (u == 10 && i == 0 && at_start)
          pending = 1;
        else
          return std::nullopt;
      }
      if (pending_liang && u == 10) return std::nullopt; // 两十 is not written
      value += pending * u;
      pending = -1;
      pending_liang = false;
      last_unit = u;
      zero_seen = false;
      any_unit = true;
    } else {
      return std::nullopt;
    }
  }
  if (chinese_digit(s.back()) == 0) return std::nullopt; // a trailing 零
  if (pending >= 0) {
    if (pending_liang && s.size() > 1) return std::nullopt; // 十两, 一百零两
    // A final digit needs 零 before it unless it follows 十 (一百五 is colloquial for 150).
    if (any_unit && last_unit != 10) {
      const bool had_zero = s.size() >= 2 && chinese_digit(s[s.size() - 2]) == 0;
      if (!had_zero) return std::nullopt;
    }
    value += pending;
  }
  return value;
}

std::string small_numeral(int n, bool leading) {
  static constexpr std::array<const char*, 10> digits = {"零", "一", "二", "三", "四",
                                                         "五", "六", "七", "八", "九"};
  static constexpr std::array<const char*, 4> units = {"千", "百", "十", ""};
  const std::array<int, 4> d = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
  std::string out;
  bool started = false, gap = false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (d[i] == 0) {
      if (started) gap = true;
      continue;
    }
    if (gap) out += "零";
    gap = false;
    if (!(leading && !started && i == 2 && d[i] == 1))
      out += digits[static_cast<std::size_t>(d[i])];
    out += units[i];
    started = true;
  }
  return out;
}

} // namespace

int chinese_digit(char32_t c) noexcept {
  switch (c) {
  case U'零':
  case U'〇': return 0;
  case U'一': return 1;
  case U'二':
  case U'两': return 2;
  case U'三': return 3;
  case U'四': return 4;
  case U'五': return 5;
  case U'六': return 6;
  case U'七': return 7;
  case U'八': return 8;
  case U'九': return 9;
  default: return -1;
  }
}

bool is_chinese_numeral(char32_t c) noexcept {
  return chinese_digit(c) >= 0 || chinese_small_unit(c) != 0 || c == U'万' || c == U'亿';
}

std::optional<std::int64_t> parse_chinese(std::u32string_view s) {
  if (s.empty()) return std::nullopt;
  bool has_unit = false;
  for (char32_t c : s) {
    if (!is_chinese_numeral(c)) return std::nullopt;
    if (chinese_digit(c) < 0) has_unit = true;
  }
  if (!has_unit) {
    if (s.size() == 1) return chinese_digit(s[0]);
    // Positional digits (二〇二二, 一〇五); 两 is never written this way, and without 〇 two or
    // three digits mean an estimate (二三件 is "two or three").
    if (s.find(U'〇') == std::u32string_view::npos && s.size() < 4) return std::nullopt;
    std::int64_t v = 0;
    for (char32_t c : s) {
      if (c == U'两' || s.size() > 12) return std::nullopt;
      v = v * 10 + chinese_digit(c);
    }
    if (chinese_digit(s[0]) == 0) return std::nullopt;
    return v;
  }
  // Split at 亿 and 万 (each at most once, 亿 first).
  std::int64_t total = 0;
  std::u32string_view rest = s;
  bool at_start = true, after_big = false;
  const std::array<std::pair<char32_t, std::int64_t>, 2> bigs = {
      {{U'亿', 100000000}, {U'万', 10000}}};
  for (const auto& [ch, mult] : bigs) {
    const auto p = rest.find(ch);
    if (p == std::u32string_view::npos) continue;
    const std::u32string_view head = rest.substr(0, p);
    std::optional<std::int64_t> h;
    if (ch == U'亿' || head.find(U'亿') == std::u32string_view::npos)
      h = parse_small(head, at_start, after_big);
    if (!h || *h == 0) return std::nullopt;
    total += *h * mult;
    rest = rest.substr(p + 1);
    at_start = false;
    after_big = true;
  }
  if (rest.empty()) return total;
  if (after_big) {
    // A lower section after 万/亿: 零 first unless it reaches the next unit down (一万五千).
    const auto low = parse_small(rest, false, true);
    if (!low) return std::nullopt;
    const bool leading_zero = chinese_digit(rest[0]) == 0;
    if (!leading_zero && *low < 1000) return std::nullopt;
    if (leading_zero && *low >= 1000) return std::nullopt;
    return total + *low;
  }
  return parse_small(rest, true, false);
}
} // namespace detail::narrative

std::optional<std::int64_t> parse_count(std::string_view text) noexcept {
  try {
    if (text.empty()) return std::nullopt;
    const std::string norm = normalize_width(text);
    bool arabic = true;
    for (char c : norm)
      if (!((c >= '0' && c <= '9') || c == ',')) arabic = false;
    if (arabic) {
      const auto d = decimal::parse(norm);
      if (!d || d->scale != 0 || d->units < 0) return std::nullopt;
      return d->units;
    }
    return detail::narrative::parse_chinese(to_u32(text));
  } catch (...) {
    return std::nullopt;
  }
}

std::string chinese_numeral(std::int64_t n) {
  if (n <= 0) return "零";
  std::string out;
  const std::array<std::pair<std::int64_t, const char*>, 3> bigs = {
      {{100000000, "亿"}, {10000, "万"}, {1, ""}}};
  bool started = false;
  std::int64_t rest = n;
  bool gap = false;
  for (const auto& [mult, name] : bigs) {
    const auto sec = static_cast<int>(rest / mult % 10000);
    const std::int64_t higher = rest / mult / 10000;
    if (mult == 100000000 && higher > 0) {
      // Beyond 9999亿: write the 亿 part recursively.
      out += chinese_numeral(rest / mult);
      out += name;
      started = true;
      rest %= mult;
      continue;
    }
    if (sec == 0) {
      if (started) gap = true;
      continue;
    }
    if (started && (gap || sec < 1000)) out += "零";
    out += detail::narrative::small_numeral(sec, !started);
    out += name;
    started = true;
    gap = false;
    rest %= mult;
  }
  return out;
}

} // namespace govdisclose
