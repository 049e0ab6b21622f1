// Roll-ups: a summary report as the sum of its members, and the check of a summary against them.
#include <govdisclose/catalog.hpp>
#include <govdisclose/compare.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/validate.hpp>

#include "compare/compare_detail.hpp"

#include <string>
#include <vector>

namespace govdisclose {
namespace {

using detail::blank_note_en;
using detail::blank_note_zh;
using detail::number_text; // validate.hpp
using detail::report_name;
using detail::summable;

// The cells of a report in walk order.
using cell_walk = std::vector<const cell*>;

cell_walk walk_of(const report& r) {
  cell_walk out;
  out.reserve(256);
  for_each_cell(r, [&](std::string_view, const cell& c) { out.push_back(&c); });
  return out;
}

// The cells of each member in walk order: the k-th cell of every walk is the same cell.
std::vector<cell_walk> walks_of(const std::vector<report>& members) {
  std::vector<cell_walk> walks;
  walks.reserve(members.size());
  for (const auto& m : members) walks.push_back(walk_of(m));
  return walks;
}

// What the members hold in one cell.
struct member_sum {
  decimal sum{};
  bool any_number = false, any_blank = false, any_unsummable = false, all_absent = true;
};

member_sum sum_members(const std::vector<cell_walk>& walks, std::size_t k) {
  member_sum s;
  for (const auto& w : walks) {
    const cell& c = *w[k];
    if (c.present()) s.all_absent = false;
    if (c.state == cell_state::number) {
      s.sum = s.sum + c.value;
      s.any_number = true;
    } else if (c.state == cell_state::blank) {
      s.any_blank = true;
    } else if (c.state == cell_state::marker || c.state == cell_state::text) {
      s.any_unsummable = true;
    }
  }
  return s;
}

// Every member of the same template as `t`; the diagnostics otherwise.
std::vector<diagnostic> template_check(template_id t, const std::vector<report>& members) {
  std::vector<diagnostic> out;
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i].template_ != t)
      out.push_back(diagnostic_builder("rollup.template")
                        .path("template")
                        .at(source_position{members[i].meta.source})
                        .expected(std::string(template_code(t)))
                        .found(std::string(template_code(members[i].template_)))
                        .message("成员报告“" + report_name(members[i]) + "”采用" +
                                 std::string(template_code(members[i].template_)) + "年格式，与" +
                                 std::string(template_code(t)) + "年格式不同，无法逐格汇总。")
                        .message_en("member \"" + report_name(members[i]) + "\" follows the " +
                                    std::string(template_code(members[i].template_)) +
                                    " template, not " + std::string(template_code(t)) +
                                    ": cells cannot be summed."));
  return out;
}

} // namespace

result<report> rollup(const std::vector<report>& members) {
  result<report> out;
  if (members.empty()) {
    out.diagnostics.push_back(diagnostic_builder("rollup.empty")
                                  .expected("≥1")
                                  .found("0")
                                  .message("没有可汇总的成员报告。")
                                  .message_en("no member reports to sum."));
    return out;
  }
  const template_id t = members.front().template_;
  out.value = make_report(t);
  out.diagnostics = template_check(t, members);
  if (!out.ok()) return out;

  const std::vector<cell_walk> walks = walks_of(members);

  std::size_t k = 0;
  const template_def& cat = catalog(t);
  for_each_cell(out.value, [&](std::string_view p, cell& c) {
    const member_sum s = sum_members(walks, k);
    for (std::size_t i = 0; i < members.size(); ++i) {
      const cell& m = *walks[i][k];
      if (m.state != cell_state::marker && m.state != cell_state::text) continue;
      const std::string name = report_name(members[i]);
      out.diagnostics.push_back(diagnostic_builder("rollup.not_summed")
                                    .path(std::string(p))
                                    .at(members[i].meta.source, m.span)
                                    .expected("a number")
                                    .found(m.raw)
                                    .message("成员报告“" + name + "”的" + cat.describe(p) + "为“" +
                                             m.raw + "”，不是数字，未计入汇总。")
                                    .message_en("cell " + std::string(p) + " of member \"" + name +
                                                "\" holds \"" + m.raw +
                                                "\", not a number: left out of the sum."));
    }
    if (s.any_number)
      c = cell::number(s.sum);
    else if (!s.all_absent)
      c = cell::blank(); // blanks only, or markers and text left out
    ++k;
  });

  std::optional<int> year = members.front().meta.year;
  for (const auto& m : members)
    if (m.meta.year != year) year.reset();
  out.value.meta.year = year;
  out.value.meta.title = "汇总（" + std::to_string(members.size()) + "个成员报告）";
  return out;
}

std::vector<diagnostic> check_rollup(const report& summary, const std::vector<report>& members) {
  std::vector<diagnostic> out = template_check(summary.template_, members);
  if (!out.empty() || members.empty()) return out;
  const std::vector<cell_walk> walks = walks_of(members);
  const template_def& cat = catalog(summary.template_);
  const std::string name = report_name(summary);
  std::size_t k = 0;
  for_each_cell(summary, [&](std::string_view p, const cell& c) {
    const member_sum s = sum_members(walks, k++);
    if (s.any_unsummable || s.all_absent) return;
    bool blank = s.any_blank && s.any_number; // blanks among numbers count as 0
    const auto found = summable(&c, blank);
    if (!found) return;
    if (!s.any_number) blank = true; // every member blank: their sum is 0
    if (*found == s.sum) return;
    const std::string note_zh = blank ? blank_note_zh : "";
    const std::string note_en = blank ? blank_note_en : "";
    out.push_back(diagnostic_builder("rollup.sum")
                      .path(std::string(p))
                      .at(summary.meta.source, c.span)
                      .expected(number_text(s.sum))
                      .found(number_text(*found))
                      .message("汇总报告“" + name + "”的" + cat.describe(p) + "为" +
                               number_text(*found) + "，而" + std::to_string(members.size()) +
                               "个成员报告之和为" + number_text(s.sum) + note_zh + "。")
                      .message_en("cell " + std::string(p) + " of summary \"" + name + "\" is " +
                                  number_text(*found) + " but the sum of its " +
                                  std::to_string(members.size()) + " members is " +
                                  number_text(s.sum) + note_en + "."));
  });
  return out;
}

} // namespace govdisclose
