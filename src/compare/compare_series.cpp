// Across years: the carry-over and in-force checks between one year's report and the next, and
// which reports follow each other.
#include <govdisclose/catalog.hpp>
#include <govdisclose/compare.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/hint.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/text.hpp>
#include <govdisclose/validate.hpp>

#include "compare/compare_detail.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace govdisclose {
namespace {

using detail::blank_note_en;
using detail::blank_note_zh;
using detail::cell_index;
using detail::lookup;
using detail::new_received_total;
using detail::number_text; // validate.hpp
using detail::report_name;
using detail::summable;

// The cells the across-years rules name besides new_received_total (compared_across_years()).
constexpr std::string_view carried_over_prefix = "applications.carried_over.";
constexpr std::string_view carried_forward_prefix = "applications.carried_forward.";

// `file:line:column` of a cell, or nothing when it has no position (a JSON input): the message
// names the file anyway.
std::string position_text(const std::string& file, source_span s) {
  if (s.line == 0) return {};
  return source_position{file, s.line, s.column}.to_string();
}

// The cells of a report that the across-years rules read (compared_across_years()), by path.
cell_index index_compared(const report& r) {
  cell_index out;
  for_each_cell(r, [&](std::string_view p, const cell& c) {
    if (compared_across_years(p)) out.emplace(std::string(p), &c);
  });
  return out;
}

// The two reports a series check compares, indexed, and their names for messages.
struct year_pair {
  year_pair(const report& last_report, const report& this_report)
      : last_year(last_report), this_year(this_report), last(index_compared(last_report)),
        now(index_compared(this_report)), cat(catalog(this_report.template_)),
        last_name(report_name(last_report)), this_name(report_name(this_report)) {}

  const report& last_year;
  const report& this_year;
  const cell_index last, now;
  const template_def& cat;
  const std::string last_name, this_name;
};

// across_years.carry_over: a column of this year's carried_over row against last year's
// carried_forward.
void check_carry_over(const year_pair& s, std::string_view p, const cell& now,
                      std::vector<diagnostic>& out) {
  const std::string column(p.substr(carried_over_prefix.size()));
  const std::string before_path = std::string(carried_forward_prefix) + column;
  const cell* before = lookup(s.last, before_path);
  bool blank = false;
  const auto a = summable(before, blank);
  const auto b = summable(&now, blank);
  if (!a || !b || *a == *b) return;
  const std::string note_zh = blank ? blank_note_zh : "";
  const std::string note_en = blank ? blank_note_en : "";
  const std::string before_pos = position_text(s.last_year.meta.source, before->span);
  out.push_back(diagnostic_builder("across_years.carry_over")
                    .path(std::string(p))
                    .at(s.this_year.meta.source, now.span)
                    .expected(number_text(*a))
                    .found(number_text(*b))
                    .message("“" + s.this_name + "”的" + s.cat.describe(p) + "为" +
                             number_text(*b) + "，而上一年度“" + s.last_name + "”的" +
                             s.cat.describe(before_path) + "为" + number_text(*a) +
                             (before_pos.empty() ? "" : "（" + before_pos + "）") +
                             "，两者应相等" + note_zh + "。")
                    .message_en("carried_over." + column + " of \"" + s.this_name + "\" is " +
                                number_text(*b) + " but carried_forward." + column +
                                " of last year's \"" + s.last_name + "\" is " + number_text(*a) +
                                (before_pos.empty() ? "" : " (at " + before_pos + ")") +
                                "; they should be equal" + note_en + "."));
  // Which side is likely wrong, when one year adds up and the other does not.
  out.back().hint = carry_over_hint(s.last_year, s.this_year, before_path, std::string(p));
}

// across_years.in_force: a row's in_force against last year's, plus issued, minus repealed.
void check_in_force(const year_pair& s, std::string_view p, const cell& now,
                    std::vector<diagnostic>& out) {
  const std::string row(p.substr(0, p.size() - std::string_view(".in_force").size()));
  const cell* prev = lookup(s.last, std::string(p));
  const cell* issued = lookup(s.now, row + ".issued");
  const cell* repealed = lookup(s.now, row + ".repealed");
  bool blank = false;
  const auto n1 = summable(prev, blank);
  const auto is = summable(issued, blank);
  const auto re = summable(repealed, blank);
  const auto n = summable(&now, blank);
  if (!n1 || !is || !re || !n) return;
  const decimal expected = *n1 + *is - *re;
  if (expected == *n) return;
  const std::string before_pos = position_text(s.last_year.meta.source, prev->span);
  const std::string note_zh = blank ? blank_note_zh : "";
  const std::string note_en = blank ? blank_note_en : "";
  out.push_back(
      diagnostic_builder("across_years.in_force")
          .path(std::string(p))
          .at(s.this_year.meta.source, now.span)
          .expected(number_text(expected))
          .found(number_text(*n))
          .message("“" + s.this_name + "”的" + s.cat.describe(p) + "为" + number_text(*n) +
                   "，而上一年度“" + s.last_name + "”的现行有效件数" + number_text(*n1) +
                   (before_pos.empty() ? "" : "（" + before_pos + "）") + "加本年制发" +
                   number_text(*is) + "件、减本年废止" + number_text(*re) + "件应为" +
                   number_text(expected) + note_zh + "。文件修订等情形可能导致不一致，请核实。")
          .message_en(std::string(p) + " of \"" + s.this_name + "\" is " + number_text(*n) +
                      "; last year's in_force " + number_text(*n1) +
                      (before_pos.empty() ? "" : " (at " + before_pos + ")") + " + issued " +
                      number_text(*is) + " - repealed " + number_text(*re) + " gives " +
                      number_text(expected) + note_en +
                      ". Revised documents can break this rule legitimately: check."));
}

} // namespace

std::vector<diagnostic> check_series(const report& last_year, const report& this_year) {
  std::vector<diagnostic> out;
  const year_pair s(last_year, this_year);
  for_each_cell(this_year, [&](std::string_view p, const cell& now) {
    if (p.starts_with(carried_over_prefix)) check_carry_over(s, p, now, out);
    else if (p.ends_with(".in_force")) check_in_force(s, p, now, out);
  });
  return out;
}

bool compared_across_years(std::string_view p) noexcept {
  // check_series(): carried_over (this year), carried_forward (last year); in_force of both
  // years, issued and repealed of this year. derive(r, last_year): new_received.total.
  return p.starts_with(carried_over_prefix) || p.starts_with(carried_forward_prefix) ||
         p.ends_with(".in_force") || p.ends_with(".issued") || p.ends_with(".repealed") ||
         p == new_received_total;
}

std::string normalize_agency(std::string_view agency) {
  const std::string w = normalize_width(agency);
  std::string out;
  out.reserve(w.size());
  for (char c : w)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>>
consecutive_pairs(const std::vector<report_meta>& metas) {
  std::map<std::pair<std::string, int>, std::size_t> first;
  for (std::size_t i = 0; i < metas.size(); ++i) {
    if (!metas[i].year) continue;
    std::string a = normalize_agency(metas[i].agency);
    if (a.empty()) continue;
    first.emplace(std::make_pair(std::move(a), *metas[i].year), i);
  }
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& [key, i] : first) {
    const auto next = first.find({key.first, key.second + 1});
    if (next != first.end()) out.emplace_back(i, next->second);
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace govdisclose
