/// @file series.hpp
/// @brief Generated reports of one agency in consecutive years, for tests of comparisons across
/// years (check_series(), batches, the `check` command).
///
/// Two reports made by generate_report() are made to agree with each other: this year's
/// `carried_over` row is last year's `carried_forward`, and `in_force` follows `issued` and
/// `repealed`. Each still satisfies every rule of its template on its own, so that a test that
/// then changes one cell knows exactly which findings to expect.
#pragma once

#include <govdisclose/generate.hpp>
#include <govdisclose/reflect.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace govdisclose::testing {

/// @brief Make a report's application matrix balance again after its `carried_over` row changed.
///
/// For each applicant column: `new_received` = `total_processed` + `carried_forward` −
/// `carried_over`, and `carried_forward` grows when that would be negative; then the `total`
/// (and, when published, the local `organization_subtotal`) of the three rows.
/// @param r a report whose cells in those rows are numbers (as generate_report() makes them).
inline void rebalance_carry_over(report& r) {
  std::visit(
      [](auto& apps) {
        const auto processed = applicant_cells(apps.total_processed);
        const auto over = applicant_cells(apps.carried_over);
        const auto forward = applicant_cells(apps.carried_forward);
        const auto received = applicant_cells(apps.new_received);
        for (std::size_t i = 0; i < 6; ++i) {
          const std::int64_t p = processed[i]->value.whole_part();
          const std::int64_t o = over[i]->value.whole_part();
          std::int64_t f = forward[i]->value.whole_part();
          if (p + f < o) f = o - p;
          *forward[i] = cell::number(f);
          *received[i] = cell::number(p + f - o);
        }
        for (applicant_row* row : {&apps.new_received, &apps.carried_over, &apps.carried_forward}) {
          std::int64_t sum = 0;
          for (cell* c : applicant_cells(*row))
            sum += c->value.whole_part();
          row->total = cell::number(sum);
          if (row->organization_subtotal.present())
            row->organization_subtotal = cell::number(sum - row->natural_person.value.whole_part());
        }
      },
      r.applications);
}

/// @brief Two generated reports (2021 template) of one agency for `year − 1` and `year` that
/// agree across years and validate without findings.
///
/// The meta (agency, year, title) and the narrative's year are set; this year's `carried_over`
/// is last year's `carried_forward` (rebalance_carry_over() keeps this year valid), and this
/// year's `in_force` is last year's plus `issued` minus `repealed`.
/// @param seed the generator's seed (the second report uses seed + 1000).
/// @param agency the agency of both reports.
/// @param year this year; last year is `year − 1`.
/// @return last year's report, then this year's.
inline std::pair<report, report> consecutive_reports(std::uint64_t seed, std::string_view agency,
                                                     int year) {
  report last = generate_report(seed);
  report now = generate_report(seed + 1000);
  for (report* r : {&last, &now}) {
    const int y = r == &last ? year - 1 : year;
    // The narrative names the generator's agency and year: name these instead.
    const auto replace_all = [](std::string& text, const std::string& from, const std::string& to) {
      for (auto at = text.find(from); !from.empty() && at != std::string::npos;
           at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    };
    for_each<std::string>(r->narrative, [&](std::string_view, std::string& text) {
      replace_all(text, std::to_string(r->meta.year.value_or(0)) + "年", std::to_string(y) + "年");
      replace_all(text, r->meta.agency, std::string(agency));
    });
    r->meta.agency = std::string(agency);
    r->meta.year = y;
    r->meta.title = r->meta.agency + std::to_string(y) + "年政府信息公开工作年度报告";
  }
  std::visit(
      [&](auto& now_apps) {
        using apps_t = std::decay_t<decltype(now_apps)>;
        auto& last_apps = std::get<apps_t>(last.applications);
        const auto from = applicant_cells(last_apps.carried_forward);
        const auto to = applicant_cells(now_apps.carried_over);
        for (std::size_t i = 0; i < 6; ++i)
          *to[i] = *from[i];
      },
      now.applications);
  rebalance_carry_over(now);
  auto& p_last = std::get<proactive_2021>(last.proactive);
  auto& p_now = std::get<proactive_2021>(now.proactive);
  for (auto [l, n] : {std::pair{&p_last.regulations, &p_now.regulations},
                      std::pair{&p_last.normative_documents, &p_now.normative_documents}})
    n->in_force = cell::number(l->in_force.value + n->issued.value - n->repealed.value);
  return {std::move(last), std::move(now)};
}

} // namespace govdisclose::testing
