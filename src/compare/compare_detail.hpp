// What the comparisons across reports share (src/compare/compare_*.cpp): a report's name for
// messages, cells by path, a cell's value for a sum, and the cells the across-years rules name.
// Not installed.
#pragma once

#include <govdisclose/cell.hpp>
#include <govdisclose/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace govdisclose::detail {

/// A report's name for messages: where it came from, else its title, else agency and year.
inline std::string report_name(const report& r) {
  if (!r.meta.source.empty()) return r.meta.source;
  if (!r.meta.title.empty()) return r.meta.title;
  std::string s = r.meta.agency;
  if (r.meta.year) s += std::to_string(*r.meta.year) + "年";
  return s.empty() ? std::string("(unnamed report)") : s;
}

/// Cells of a report by path.
using cell_index = std::unordered_map<std::string, const cell*>;

/// The cell at a path, or null.
inline const cell* lookup(const cell_index& idx, const std::string& p) {
  const auto it = idx.find(p);
  return it == idx.end() ? nullptr : it->second;
}

/// A cell's value for a sum: numbers as they are, blanks as 0 (noted in `blank`); nothing
/// otherwise.
inline std::optional<decimal> summable(const cell* c, bool& blank) {
  if (!c) return std::nullopt;
  if (c->state == cell_state::number) return c->value;
  if (c->state == cell_state::blank) {
    blank = true;
    return decimal{};
  }
  return std::nullopt;
}

/// The notes a message gets when a blank was counted as 0.
inline const std::string blank_note_zh = "（空白按0计）";
inline const std::string blank_note_en = " (a blank counts as 0)";

/// The cell the new-received figures compare across years (compared_across_years() lists it).
constexpr std::string_view new_received_total = "applications.new_received.total";

} // namespace govdisclose::detail
