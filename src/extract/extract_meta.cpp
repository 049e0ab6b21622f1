// The report's meta: its title (on one line or two, before the first section), the agency in
// the title, and the year. See docs/extraction.md.
#include "extract/extract_stages.hpp"

#include <algorithm>
#include <array>

namespace govdisclose::detail {
namespace {

std::string without_spaces(std::string_view s) {
  std::string out;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(s, pos);
    if (!is_space(cp)) out.append(s.substr(start, pos - start));
  }
  return out;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < s.size(); ++n)
    next_code_point(s, pos);
  return n;
}

// A year "2022年" (four digits, then 年) in text, or nothing.
std::optional<int> find_year(std::string_view text) {
  const std::string s = normalize_width(without_spaces(text));
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
    bool digits = true;
    for (std::size_t j = 0; j < 4; ++j)
      digits = digits && s[i + j] >= '0' && s[i + j] <= '9';
    if (!digits || s.compare(i + 4, 3, "年") != 0) continue;
    const int y = std::stoi(s.substr(i, 4));
    if (y >= 1990 && y <= 2100) return y;
  }
  return std::nullopt;
}

// The agency: the title without its year and the report's words.
std::string agency_of(std::string_view title) {
  std::string s = without_spaces(title);
  const std::string wide = normalize_width(s);
  // Remove "2022年" / "2022年度" (on the width-normalised copy, whose digits are ASCII).
  for (std::size_t i = 0; i + 4 < wide.size(); ++i) {
    bool digits = true;
    for (std::size_t j = 0; j < 4; ++j)
      digits = digits && wide[i + j] >= '0' && wide[i + j] <= '9';
    if (digits && wide.compare(i + 4, 3, "年") == 0) {
      std::size_t end = i + 7;
      if (wide.compare(end, 3, "度") == 0) end += 3;
      s = wide.substr(0, i) + wide.substr(end);
      break;
    }
  }
  static constexpr std::array<std::string_view, 5> words = {"政府信息公开", "政务公开", "信息公开",
                                                            "年度报告", "工作报告"};
  for (auto w : words) {
    const auto at = s.find(w);
    if (at != std::string::npos) {
      s = s.substr(0, at);
      break;
    }
  }
  return std::string(trim(s));
}

bool is_title(std::string_view text, bool loose) {
  const std::string s = without_spaces(text);
  if (s.find("政府信息公开工作年度报告") != std::string::npos) return true;
  return loose && code_points(s) <= 60 &&
         (s.find("信息公开") != std::string::npos || s.find("政务公开") != std::string::npos) &&
         s.find("年度报告") != std::string::npos;
}

// The block of the first section heading (the number of blocks when there is none).
std::size_t first_heading(const document& doc, const section_map& sections) {
  std::size_t first = doc.blocks.size();
  for (const auto& f : sections.found)
    if (!f.empty()) first = std::min(first, f.front().block);
  return first;
}

// The first paragraph that reads as the title (is_title()), or a title broken over two lines
// before the first heading; empty when none.
std::string title_in(const document& doc, std::size_t before_heading, bool loose) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (doc.blocks[i].kind == block_kind::table) continue;
    if (is_title(doc.blocks[i].text, loose)) return std::string(trim(doc.blocks[i].text));
    if (i < before_heading && i + 1 < doc.blocks.size() &&
        doc.blocks[i + 1].kind != block_kind::table && code_points(doc.blocks[i].text) <= 40 &&
        is_title(doc.blocks[i].text + doc.blocks[i + 1].text, loose))
      // A title broken over two lines ("2024 年上海市科委政府信息公开工作" / "年度报告").
      return std::string(trim(doc.blocks[i].text)) + std::string(trim(doc.blocks[i + 1].text));
  }
  return {};
}

// The title: the strict form first, then the loose one, without a crawler's "标题: " prefix.
std::string title_of(const document& doc, const section_map& sections) {
  const std::size_t before = first_heading(doc, sections);
  std::string title = title_in(doc, before, false);
  if (title.empty()) title = title_in(doc, before, true);
  // A crawler's header line "标题: …" names the title.
  for (std::string_view prefix : {"标题:", "标题：", "标题 :"})
    if (title.rfind(prefix, 0) == 0) title = std::string(trim(title.substr(prefix.size())));
  return title;
}

// The year of the first paragraph that names one, or nothing.
std::optional<int> year_in_text(const document& doc) {
  for (const auto& b : doc.blocks)
    if (b.kind != block_kind::table)
      if (const auto year = find_year(b.text)) return year;
  return std::nullopt;
}

} // namespace

report_meta read_meta(const document& doc, const section_map& sections) {
  report_meta meta;
  meta.source = doc.source;
  meta.format = doc.format;
  meta.title = title_of(doc, sections);
  meta.agency = agency_of(meta.title);
  meta.year = find_year(meta.title);
  if (!meta.year) meta.year = year_in_text(doc);
  return meta;
}

} // namespace govdisclose::detail
