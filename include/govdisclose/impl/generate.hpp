/// @file impl/generate.hpp
/// @brief generate_report()'s definition. Included by <govdisclose/generate.hpp>; not a header to
/// include by itself.
#pragma once
#include <govdisclose/generate.hpp>

namespace govdisclose {

namespace detail {

inline constexpr std::array<std::string_view, 8> sample_agencies = {
    "郑州市大数据管理局", "某市人民政府办公室", "某县自然资源局", "某区市场监督管理局",
    "某市生态环境局",     "某省科学技术厅",     "某市交通运输局", "某县人民政府"};

// A count that is often zero, as in real reports.
inline std::int64_t sparse_count(random_source& rng, int max) {
  return rng.chance(0.55) ? 0 : rng.below(max) + 1;
}

template <class Apps>
void fill_applications(Apps& apps, random_source& rng, const generate_options& o) {
  const table_def& t = *catalog(o.template_).table("applications");
  std::array<std::int64_t, 6> processed{}, carried_forward{}, carried_over{};
  for_each<applicant_row>(apps, [&](std::string_view code, applicant_row& row) {
    const row_def* rd = t.row(code);
    if (!rd || !rd->result) return;
    auto cs = applicant_cells(row);
    for (std::size_t i = 0; i < 6; ++i) {
      const auto v = sparse_count(rng, i == 0 ? o.max_count : o.max_count / 4 + 1);
      *cs[i] = cell::number(v);
      processed[i] += v;
    }
  });
  for (std::size_t i = 0; i < 6; ++i) {
    carried_forward[i] = sparse_count(rng, 5);
    carried_over[i] = rng.below(processed[i] + carried_forward[i] + 1);
    *applicant_cells(apps.total_processed)[i] = cell::number(processed[i]);
    *applicant_cells(apps.carried_forward)[i] = cell::number(carried_forward[i]);
    *applicant_cells(apps.carried_over)[i] = cell::number(carried_over[i]);
    *applicant_cells(apps.new_received)[i] =
        cell::number(processed[i] + carried_forward[i] - carried_over[i]);
  }
  // Local 小计 rows: the sum of their group.
  if (o.local_additions) {
    for_each<applicant_row>(apps, [&](std::string_view code, applicant_row& row) {
      if (!code.ends_with(".subtotal")) return;
      const std::string group(code.substr(0, code.find('.') + 1));
      std::array<std::int64_t, 6> sum{};
      for_each<applicant_row>(apps, [&](std::string_view c, applicant_row& member) {
        if (c.starts_with(group) && !c.ends_with(".subtotal"))
          for (std::size_t i = 0; i < 6; ++i) sum[i] += applicant_cells(member)[i]->value.units;
      });
      for (std::size_t i = 0; i < 6; ++i) *applicant_cells(row)[i] = cell::number(sum[i]);
    });
  }
  // Row totals, and the local 法人或其他组织小计 column.
  for_each<applicant_row>(apps, [&](std::string_view, applicant_row& row) {
    if (!row.natural_person.present()) return;
    std::int64_t sum = 0;
    for (cell* c : applicant_cells(row)) sum += c->value.units;
    row.total = cell::number(sum);
    if (o.local_additions) row.organization_subtotal = cell::number(sum - row.natural_person.value.units);
  });
}

} // namespace detail

inline report generate_report(std::uint64_t seed, const generate_options& o) {
  random_source rng(seed);
  report r = make_report(o.template_);
  const int year = o.template_ == template_id::t2021 ? 2021 + static_cast<int>(rng.below(5))
                                                     : 2019 + static_cast<int>(rng.below(2));
  r.meta.agency = std::string(detail::sample_agencies[static_cast<std::size_t>(
      rng.below(detail::sample_agencies.size()))]);
  r.meta.year = year;
  r.meta.title = r.meta.agency + std::to_string(year) + "年政府信息公开工作年度报告";
  r.narrative.overview = std::to_string(year) + "年，" + r.meta.agency +
                         "认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。";
  r.narrative.problems = "（一）公开内容还不够丰富。（二）政策解读形式较为单一。";
  r.narrative.other_matters = o.template_ == template_id::t2021
                                  ? std::to_string(year) + "年度未收取信息处理费。"
                                  : "无其他需要报告的事项。";

  std::visit([&](auto& apps) { detail::fill_applications(apps, rng, o); }, r.applications);

  for (review_block* b : {&r.reviews.administrative_review, &r.reviews.litigation_direct,
                          &r.reviews.litigation_after_review}) {
    std::int64_t sum = 0;
    for (cell* c : {&b->upheld, &b->corrected, &b->other, &b->pending}) {
      const auto v = detail::sparse_count(rng, 4);
      *c = cell::number(v);
      sum += v;
    }
    b->total = cell::number(sum);
  }

  std::visit(
      [&](auto& p) {
        for_each_cell(p, [&](std::string_view path, cell& c) {
          const auto loc = catalog(o.template_).locate("proactive." + std::string(path));
          const value_kind kind = loc ? loc.column->kind : value_kind::count;
          if (kind == value_kind::amount)
            c = cell::number(decimal{rng.below(5'000'000), 4}); // up to 500 万元, 4 decimals
          else if (kind == value_kind::signed_count)
            c = cell::number(rng.below(11) - 5);
          else
            c = cell::number(detail::sparse_count(rng, 30));
        });
      },
      r.proactive);
  if (auto* p = std::get_if<proactive_2021>(&r.proactive)) {
    for (document_counts_2021* d : {&p->regulations, &p->normative_documents})
      d->in_force = cell::number(d->issued.value + decimal::whole(rng.below(60)));
  }

  if (o.blank_zero_rate > 0) {
    for_each_cell(r, [&](std::string_view path, cell& c) {
      if (c.is_number() && c.value == decimal{} && !path.ends_with(".total") &&
          rng.chance(o.blank_zero_rate))
        c = cell::blank();
    });
  }
  return r;
}

} // namespace govdisclose
