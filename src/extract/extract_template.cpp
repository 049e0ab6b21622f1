// Which template (2019 or 2021) the tables follow: the labels only one of them has, counted
// once their wrapped labels are joined. See docs/extraction.md.
#include "extract/extract_stages.hpp"

#include <algorithm>
#include <set>

namespace govdisclose::detail {
namespace {

// The labels that only one template has (row, group and column labels of sections 二 and 三).
std::vector<keyed> signals(const template_def& mine, const template_def& other) {
  auto labels = [](const template_def& t) {
    std::vector<keyed> out;
    for (auto code : {"proactive", "applications"}) {
      const label_index& idx = label_index::of(*t.table(code));
      for (const auto& [row, ks] : idx.rows) {
        (void)row;
        out.insert(out.end(), ks.begin(), ks.end());
      }
      out.insert(out.end(), idx.groups.begin(), idx.groups.end());
      for (const auto& [col, ks] : idx.columns) {
        (void)col;
        out.insert(out.end(), ks.begin(), ks.end());
      }
    }
    return out;
  };
  const auto a = labels(mine), b = labels(other);
  std::vector<keyed> out;
  for (const auto& x : a)
    if (!x.key.empty() &&
        std::none_of(b.begin(), b.end(), [&](const keyed& y) { return same_label(x.key, y.key); }))
      out.push_back(x);
  return out;
}

struct template_choice {
  template_id id = template_id::t2021;
  std::set<std::string_view> seen2019, seen2021;
};

template_rows joined_rows(const std::vector<doc_row>& proactive,
                          const std::vector<doc_row>& applications, template_id t) {
  const template_def& c = catalog(t);
  return {join_wrapped_labels(proactive, label_index::of(*c.table("proactive"))),
          join_wrapped_labels(applications, label_index::of(*c.table("applications")))};
}

template_choice detect_template(const template_rows& rows19, const template_rows& rows21,
                                std::optional<int> year, sink& diags) {
  const template_def& c19 = catalog(template_id::t2019);
  const template_def& c21 = catalog(template_id::t2021);
  static const std::vector<keyed> s19 = signals(c19, c21), s21 = signals(c21, c19);
  template_choice ch;
  source_span first19{}, first21{};
  auto scan = [&](const std::vector<doc_row>& rows) {
    for (const auto& r : rows)
      for (std::size_t p = 0; p < r.cells.size(); ++p) {
        const auto& c = r.cells[p];
        const label_key& k = r.keys[p];
        if (k.empty()) continue;
        for (const auto& s : s19)
          if (same_label(s.key, k) && ch.seen2019.insert(s.label).second && !first19.known())
            first19 = c.span;
        for (const auto& s : s21)
          if (same_label(s.key, k) && ch.seen2021.insert(s.label).second && !first21.known())
            first21 = c.span;
      }
  };
  // Labels wrapped over lines count once joined (by each template's labels).
  for (const template_rows* r : {&rows19, &rows21}) {
    scan(r->proactive);
    scan(r->applications);
  }
  // 2019's （六）其他处理 is one row with data; 2021's is a group over three rows.
  const row_def* other19 = c19.table("applications")->row("other");
  const label_key other_key = make_key(other19->label);
  bool other_row19 = false; // the one-row （六） seen (a 2021 table may collapse its group so)
  for (const auto& r : rows19.applications) {
    std::ptrdiff_t last = -1;
    for (std::size_t i = 0; i < r.cells.size(); ++i)
      if (r.states[i] == cell_state::text) last = static_cast<std::ptrdiff_t>(i);
    if (last < 0 || !same_label(r.keys[static_cast<std::size_t>(last)], other_key)) continue;
    for (std::size_t i = static_cast<std::size_t>(last) + 1; i < r.cells.size(); ++i) {
      const auto st = r.states[i];
      if (st == cell_state::number || st == cell_state::marker) {
        if (ch.seen2019.insert(other19->label).second && !first19.known())
          first19 = r.cells[static_cast<std::size_t>(last)].span;
        other_row19 = true;
        break;
      }
    }
  }
  const std::size_t n19 = ch.seen2019.size(), n21 = ch.seen2021.size();
  if (n19 > n21)
    ch.id = template_id::t2019;
  else if (n21 > n19)
    ch.id = template_id::t2021;
  else
    ch.id = year && *year <= 2020 ? template_id::t2019 : template_id::t2021;
  // A 2021 table with （六） as one row is the 2021 template with a collapsed group (the table
  // reader says so: structure.collapsed_group), not a mix of templates.
  const bool only_collapsed_other =
      ch.id == template_id::t2021 && other_row19 && ch.seen2019.size() == 1;
  if (n19 > 0 && n21 > 0 && !only_collapsed_other) {
    auto list = [](const std::set<std::string_view>& s) {
      std::string out;
      for (auto l : s)
        out += (out.empty() ? "" : "、") + std::string(l);
      return out;
    };
    const std::string chosen(template_code(ch.id));
    diags.add(diagnostic_builder("document.mixed_template")
                  .path("template")
                  .at(diags.file, ch.id == template_id::t2021 ? first19 : first21)
                  .expected("labels of one template")
                  .found("2019: " + list(ch.seen2019) + "; 2021: " + list(ch.seen2021))
                  .message("表格混用了2019年版（" + std::to_string(n19) + "处）和2021年版（" +
                           std::to_string(n21) + "处）模板的标签，按多数采用" + chosen + "年版")
                  .message_en("the tables mix labels of the 2019 (" + std::to_string(n19) +
                              ") and 2021 (" + std::to_string(n21) + ") templates; the majority, " +
                              chosen + ", is used"));
  }
  if (year && n19 + n21 > 0 &&
      ((ch.id == template_id::t2019 && *year >= 2021) ||
       (ch.id == template_id::t2021 && *year <= 2020))) {
    const std::string chosen(template_code(ch.id));
    diags.add(diagnostic_builder("document.template_year")
                  .path("template")
                  .at(diags.file, {})
                  .expected(*year >= 2021 ? "2021" : "2019")
                  .found(chosen)
                  .message(std::to_string(*year) + "年度报告使用了" + chosen + "年版模板的表格")
                  .message_en("the " + std::to_string(*year) + " report uses the " + chosen +
                              " template's tables"));
  }
  return ch;
}

} // namespace

template_found find_template(const std::vector<doc_row>& proactive,
                             const std::vector<doc_row>& applications, std::optional<int> year,
                             sink& diags) {
  std::array<template_rows, 2> joined = {joined_rows(proactive, applications, template_id::t2019),
                                         joined_rows(proactive, applications, template_id::t2021)};
  const template_id id = detect_template(joined[0], joined[1], year, diags).id;
  return {id, std::move(joined[static_cast<std::size_t>(id)])};
}

} // namespace govdisclose::detail
