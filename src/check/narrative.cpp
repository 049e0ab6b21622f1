// The narrative checks of a report (check_narrative()): the year, the stated counts and sums, the
// 信息处理费 statement. See include/govdisclose/narrative.hpp and docs/narrative.md.
#include "check/narrative_detail.hpp"

#include <govdisclose/catalog.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/narrative.hpp>
#include <govdisclose/reflect.hpp>

#include <algorithm>
#include <array>

namespace govdisclose {

namespace detail::narrative {
namespace {

struct section_ref {
  std::string_view code;
  const std::string* text;
};

std::string section_heading(const template_def& cat, std::string_view code) {
  for (const auto& s : cat.sections)
    if (s.code == code) return std::string(s.heading);
  return std::string(code);
}

// ---- year -------------------------------------------------------------------------------

// The first year written before 年 (`2022年`, `二〇二二年`).
std::optional<int> first_year(std::string_view text) {
  const ctext t(text);
  for (std::size_t i = 0; i + 4 < t.size(); ++i) {
    if (t.s[i + 4] != U'年') continue;
    if (i > 0 && (is_ascii_digit(t.s[i - 1]) || chinese_digit(t.s[i - 1]) >= 0)) continue;
    int v = 0;
    bool ok = true;
    for (std::size_t k = 0; k < 4; ++k) {
      const char32_t c = t.s[i + k];
      const int d =
          is_ascii_digit(c) ? static_cast<int>(c - U'0') : (c == U'两' ? -1 : chinese_digit(c));
      if (d < 0)
        ok = false;
      else
        v = v * 10 + d;
    }
    if (ok && v >= 1990 && v <= 2100) return v;
  }
  return std::nullopt;
}

struct period {
  int year;
  std::size_t offset;
  std::string phrase;
};

// `统计期限为2022年1月1日至12月31日`, `自2018年1月1日起至2018年12月31日止`.
std::vector<period> find_periods(std::string_view text) {
  std::vector<period> out;
  const ctext t(text);
  const std::u32string_view s(t.s);
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (i > 0 && is_ascii_digit(s[i - 1])) continue;
    if (!(is_ascii_digit(s[i]) && is_ascii_digit(s[i + 1]) && is_ascii_digit(s[i + 2]) &&
          is_ascii_digit(s[i + 3])))
      continue;
    const int y = static_cast<int>((s[i] - U'0') * 1000 + (s[i + 1] - U'0') * 100 +
                                   (s[i + 2] - U'0') * 10 + (s[i + 3] - U'0'));
    std::size_t j = i + 4;
    if (!t.at(j, U"年1月1日")) continue;
    j += 5;
    if (t.at(j, U"起")) ++j;
    if (j < s.size() && (s[j] == U'至' || s[j] == U'到' || s[j] == U'-' || s[j] == U'—' ||
                         s[j] == U'~' || s[j] == U'～' || s[j] == U'－'))
      ++j;
    else
      continue;
    if (j + 4 < s.size() && is_ascii_digit(s[j]) && s[j + 4] == U'年') {
      const int y2 = static_cast<int>((s[j] - U'0') * 1000 + (s[j + 1] - U'0') * 100 +
                                      (s[j + 2] - U'0') * 10 + (s[j + 3] - U'0'));
      if (y2 != y) continue;
      j += 5;
    }
    if (!t.at(j, U"12月31日")) continue;
    j += 6;
    const std::size_t sb = sentence_start(t, i);
    const std::u32string_view sentence = s.substr(sb, j - sb);
    if (sentence.find(U"统计") == std::u32string_view::npos &&
        sentence.find(U"数据") == std::u32string_view::npos)
      continue;
    out.push_back({y, t.cp[i], t.quote(sb, j)});
  }
  return out;
}

bool states_processing_fee(std::string_view text) {
  std::u32string s = ctext(text).s;
  // 行政事业性收费 (二（八）) is another matter: take it out first.
  for (std::size_t p; (p = s.find(U"行政事业性收费")) != std::u32string::npos;)
    s.erase(p, 7);
  if (s.find(U"处理费") != std::u32string::npos) return true;
  const bool fee =
      s.find(U"收费") != std::u32string::npos || s.find(U"费用") != std::u32string::npos;
  const bool ogi =
      s.find(U"信息公开") != std::u32string::npos || s.find(U"依申请") != std::u32string::npos;
  return fee && ogi;
}

// ---- the checks -----------------------------------------------------------------------

std::array<section_ref, 6> sections_of(const report& r) {
  return {{
      {"overview", &r.narrative.overview},
      {"proactive", &r.narrative.proactive},
      {"applications", &r.narrative.applications},
      {"reviews", &r.narrative.reviews},
      {"problems", &r.narrative.problems},
      {"other_matters", &r.narrative.other_matters},
  }};
}

diagnostic title_year_mismatch(const report& r, int title_year) {
  const std::string expected = std::to_string(*r.meta.year);
  const std::string found = std::to_string(title_year);
  return diagnostic_builder("document.year_mismatch")
      .path("meta.title")
      .at(source_position{r.meta.source})
      .expected(expected)
      .found(found)
      .message("标题“" + r.meta.title + "”中的年份" + found + "年与报告年度" + expected +
               "年不符。")
      .message_en("the title \"" + r.meta.title + "\" names the year " + found +
                  ", but the report year is " + expected + ".");
}

// The data periods stated in section `sec` (titled `heading`) for another year than `year`.
void check_periods(const report& r, const section_ref& sec, const std::string& heading, int year,
                   std::vector<std::pair<std::size_t, diagnostic>>& out) {
  for (const auto& p : find_periods(*sec.text)) {
    if (p.year == year) continue;
    const std::string expected = std::to_string(year);
    const std::string stated = std::to_string(p.year);
    const std::string message = "“" + heading + "”第" + std::to_string(p.offset + 1) + "字处“" +
                                p.phrase + "”所述统计期限为" + stated + "年，与报告年度" +
                                expected + "年不符。";
    const std::string message_en = "narrative." + std::string(sec.code) + " at character " +
                                   std::to_string(p.offset + 1) + ": the data period \"" +
                                   p.phrase + "\" is the year " + stated +
                                   ", but the report year is " + expected + ".";
    out.push_back({p.offset, diagnostic_builder("document.year_mismatch")
                                 .path("narrative." + std::string(sec.code))
                                 .at(source_position{r.meta.source})
                                 .expected(expected)
                                 .found(stated)
                                 .message(message)
                                 .message_en(message_en)});
  }
}

// The findings in one section's text, in the order of the text.
std::vector<diagnostic> check_section(const report& r, const section_ref& sec,
                                      const narrative_options& o, std::optional<int> year,
                                      const std::map<std::string, const cell*>& cells) {
  const std::string heading = section_heading(catalog(r.template_), sec.code);
  std::vector<std::pair<std::size_t, diagnostic>> found;
  if (o.year && year) check_periods(r, sec, heading, *year, found);
  if (o.counts || o.sums) {
    const narrative_statements st = find_statements(*sec.text, year, r.meta.agency);
    if (o.counts) check_counts(r, sec.code, heading, st, cells, found);
    if (o.sums) check_sums(r, sec.code, heading, st, found);
  }
  return in_key_order(std::move(found));
}

diagnostic processing_fee_silent(const report& r) {
  return diagnostic_builder("other_matters.processing_fee_silent")
      .path("narrative.other_matters")
      .at(source_position{r.meta.source})
      .expected("信息处理费")
      .found(r.narrative.other_matters.empty() ? "" : "no statement")
      .message("“六、其他需要报告的事项”未说明本年度是否收取信息处理费（国办公开办函〔2021〕"
               "30号要求说明）。")
      .message_en("section 六 (other_matters) does not say whether 信息处理费 (processing "
                  "fees for applications) were charged, as the 2021 template asks.");
}

} // namespace
} // namespace detail::narrative

std::vector<diagnostic> check_narrative(const report& r, const narrative_options& o) {
  std::map<std::string, const cell*> cells;
  for_each_cell(r, [&](std::string_view p, const cell& c) { cells.emplace(std::string(p), &c); });
  const std::optional<int> title_year = detail::narrative::first_year(r.meta.title);
  const std::optional<int> year = r.meta.year ? r.meta.year : title_year;

  std::vector<diagnostic> out;
  if (o.year && title_year && r.meta.year && *title_year != *r.meta.year)
    out.push_back(detail::narrative::title_year_mismatch(r, *title_year));
  bool any_text = false;
  for (const auto& sec : detail::narrative::sections_of(r)) {
    if (sec.text->empty()) continue;
    any_text = true;
    for (auto& d : detail::narrative::check_section(r, sec, o, year, cells))
      out.push_back(std::move(d));
  }
  if (o.processing_fee && any_text && r.template_ == template_id::t2021 &&
      !detail::narrative::states_processing_fee(r.narrative.other_matters))
    out.push_back(detail::narrative::processing_fee_silent(r));
  return out;
}

} // namespace govdisclose
