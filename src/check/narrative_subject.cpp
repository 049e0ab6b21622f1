// Whose count a narrative states: the reporting agency's, or another unit's (`其中区发改委受理…`,
// `区政府办代表区政府受理…`); docs/narrative.md, "Whose count it is".
#include "check/narrative_detail.hpp"

#include <algorithm>

namespace govdisclose::detail::narrative {
namespace {

// True when `a` is a subsequence of `b`.
bool subsequence(std::u32string_view a, std::u32string_view b) {
  std::size_t i = 0;
  for (char32_t c : b)
    if (i < a.size() && a[i] == c) ++i;
  return i == a.size();
}

// The unit named as the subject of a count: the text of its clause before the first verb or
// keyword, without time words and adverbs around it (`2024年，区政府办受理` → 区政府办,
// `其中区发改委共办理` → 区发改委), when it ends as the name of a unit does (`units`, listed in
// docs/narrative.md, "Whose count it is"); empty otherwise. The word lists are sized by their
// contents: an empty word would strip nothing forever.
std::u32string subject_unit(std::u32string_view s) {
  static constexpr std::u32string_view leading[] = {
      U"其中",     U"此外",   U"另外", U"同时", U"本年度", U"本年",     U"全年", U"今年",
      U"年内",     U"年度",   U"度",   U"年",   U"期间",   U"截至目前", U"目前", U"当年",
      U"报告期内", U"该年度", U"其",   U"由",   U"经",     U"并"};
  static constexpr std::u32string_view trailing[] = {
      U"本年度", U"本年", U"全年", U"今年", U"年内", U"共计", U"一共", U"总共", U"合计",
      U"共",     U"依法", U"依规", U"主动", U"已经", U"已",   U"均",   U"先后", U"陆续",
      U"及时",   U"认真", U"积极", U"规范", U"妥善", U"按时", U"按期", U"严格", U"全部",
      U"统一",   U"集中", U"累计", U"总计", U"新",   U"还",   U"又",   U"也",   U"都"};
  static constexpr std::u32string_view units[] = {
      U"委员会", U"管委会", U"办公室", U"办事处", U"政府", U"中心", U"街道",
      U"机关",   U"部门",   U"单位",   U"公司",   U"分局", U"支队", U"大队",
      U"局",     U"委",     U"办",     U"厅",     U"院",   U"署",   U"镇"};
  std::u32string_view x = s;
  for (bool again = true; again && !x.empty();) {
    again = false;
    std::size_t d = 0;
    while (d < x.size() && is_ascii_digit(x[d]))
      ++d;
    if (d > 0 && d < x.size() && x[d] == U'年') {
      x.remove_prefix(d);
      again = true;
    }
    for (auto w : leading)
      if (x.starts_with(w)) {
        x.remove_prefix(w.size());
        again = true;
        break;
      }
    for (auto w : trailing)
      if (x.ends_with(w) && x.size() > w.size()) {
        x.remove_suffix(w.size());
        again = true;
        break;
      }
  }
  for (auto u : units)
    if (x.ends_with(u)) return std::u32string(x);
  return {};
}

// The administrative level a name ends at (`淮安市洪泽区人民政府` → 区), or 0.
char32_t last_level(std::u32string_view name) {
  static constexpr std::u32string_view levels = U"省市区县州盟旗镇乡";
  for (std::size_t i = name.size(); i-- > 0;)
    if (levels.find(name[i]) != std::u32string_view::npos) return name[i];
  return 0;
}

// True when the unit is the reporting agency: no unit named, `我局`, `本机关`; or, the agency
// being known, a name with the agency's last character and administrative level of which one
// is an abbreviation of the other (`区政府` of 淮安市洪泽区人民政府, `郑州市大数据管理局` of
// 郑州市大数据局).
bool is_own_unit(std::u32string_view unit, std::u32string_view agency) {
  if (unit.empty()) return true;
  if (unit[0] == U'我' || unit[0] == U'本') return true;
  if (agency.empty() || unit.back() != agency.back() || unit.size() < 2) return false;
  // `市政府` in a district's report is the city's government, not the district's.
  const char32_t a = last_level(agency), u = last_level(unit);
  if (a != 0 && u != 0 && a != u) return false;
  return subsequence(unit, agency) || subsequence(agency, unit);
}

} // namespace

bool other_subject(const ctext& t, const std::vector<match>& ms, std::size_t cb, std::size_t sb,
                   std::size_t number, std::u32string_view agency) {
  std::size_t first = number;
  for (const auto& x : ms) {
    if (x.b < sb || x.e > number) continue;
    if (x.k == kind::proxy) return true;
    if (x.b >= cb && x.k != kind::block && x.k != kind::block_docs && x.k != kind::neutral)
      first = std::min(first, x.b);
  }
  const std::u32string unit = subject_unit(std::u32string_view(t.s).substr(cb, first - cb));
  return !is_own_unit(unit, agency);
}

} // namespace govdisclose::detail::narrative
