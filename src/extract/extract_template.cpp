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

template_rows joined_rows(const std::vector<doc_row>& proactive,
                          const std::vector<doc_row>& applications, template_id t) {
  const template_def& c = catalog(t);
  return {join_wrapped_labels(proactive, label_index::of(*c.table("proactive"))),
          join_wrapped_labels(applications, label_index::of(*c.table("applications")))};
}

// The labels only one template has that the rows hold, and where each template's first is.
struct template_signals {
  std::set<std::string_view> seen2019, seen2021;
  source_span first19{}, first21{};
  bool other_row19 = false; // the one-row （六） seen (a 2021 table may collapse its group so)
};

// Note each of `labels` that names `k`, once; the first one noted keeps its span.
void note_label(const std::vector<keyed>& labels, const label_key& k, source_span at,
                std::set<std::string_view>& seen, source_span& first) {
  for (const auto& s : labels)
    if (same_label(s.key, k) && seen.insert(s.label).second && !first.known()) first = at;
}

// Note the labels of the cells of `rows` that only one template has.
void scan_labels(const std::vector<doc_row>& rows, template_signals& seen) {
  const template_def& c19 = catalog(template_id::t2019);
  const template_def& c21 = catalog(template_id::t2021);
  static const std::vector<keyed> s19 = signals(c19, c21), s21 = signals(c21, c19);
  for (const auto& r : rows)
    for (std::size_t p = 0; p < r.cells.size(); ++p) {
      const label_key& k = r.keys[p];
      if (k.empty()) continue;
      note_label(s19, k, r.cells[p].span, seen.seen2019, seen.first19);
      note_label(s21, k, r.cells[p].span, seen.seen2021, seen.first21);
    }
}

// 2019's （六）其他处理 is one row with data; 2021's is a group over three rows: a row whose last
// text cell is （六）其他处理 and which has a number or a marker after it is a label of 2019.
void scan_one_row_other(const std::vector<doc_row>& applications19, template_signals& seen) {
  const row_def* other19 = catalog(template_id::t2019).table("applications")->row("other");
  const label_key other_key = make_key(other19->label);
  for (const auto& r : applications19) {
    std::ptrdiff_t last = -1;
    for (std::size_t i = 0; i < r.cells.size(); ++i)
      if (r.states[i] == cell_state::text) last = static_cast<std::ptrdiff_t>(i);
    if (last < 0 || !same_label(r.keys[static_cast<std::size_t>(last)], other_key)) continue;
    for (std::size_t i = static_cast<std::size_t>(last) + 1; i < r.cells.size(); ++i) {
      const auto st = r.states[i];
      if (st == cell_state::number || st == cell_state::marker) {
        if (seen.seen2019.insert(other19->label).second && !seen.first19.known())
          seen.first19 = r.cells[static_cast<std::size_t>(last)].span;
        seen.other_row19 = true;
        break;
      }
    }
  }
}

// The template with more of its own labels; on a tie, the year's (2019 up to 2020).
template_id choose_template(const template_signals& seen, std::optional<int> year) {
  const std::size_t n19 = seen.seen2019.size(), n21 = seen.seen2021.size();
  if (n19 > n21) return template_id::t2019;
  if (n21 > n19) return template_id::t2021;
  return year && *year <= 2020 ? template_id::t2019 : template_id::t2021;
}

// Labels of both templates: document.mixed_template. A 2021 table with （六） as one row is the
// 2021 template with a collapsed group (the table reader says so: structure.collapsed_group),
// not a mix of templates.
void report_mixed(const template_signals& seen, template_id id, sink& diags) {
  const std::size_t n19 = seen.seen2019.size(), n21 = seen.seen2021.size();
  const bool only_collapsed_other = id == template_id::t2021 && seen.other_row19 && n19 == 1;
  if (n19 == 0 || n21 == 0 || only_collapsed_other) return;
  auto list = [](const std::set<std::string_view>& s) {
    std::string out;
    for (auto l : s)
      out += (out.empty() ? "" : "、") + std::string(l);
    return out;
  };
  const std::string chosen(template_code(id));
  diags.add(diagnostic_builder("document.mixed_template")
                .path("template")
                .at(diags.file, id == template_id::t2021 ? seen.first19 : seen.first21)
                .expected("labels of one template")
                .found("2019: " + list(seen.seen2019) + "; 2021: " + list(seen.seen2021))
                .message("表格混用了2019年版（" + std::to_string(n19) + "处）和2021年版（" +
                         std::to_string(n21) + "处）模板的标签，按多数采用" + chosen + "年版")
                .message_en("the tables mix labels of the 2019 (" + std::to_string(n19) +
                            ") and 2021 (" + std::to_string(n21) + ") templates; the majority, " +
                            chosen + ", is used"));
}

// Tables of the other template than the report year's: document.template_year.
void report_template_year(const template_signals& seen, template_id id, std::optional<int> year,
                          sink& diags) {
  if (!year || seen.seen2019.size() + seen.seen2021.size() == 0) return;
  if (!((id == template_id::t2019 && *year >= 2021) || (id == template_id::t2021 && *year <= 2020)))
    return;
  const std::string chosen(template_code(id));
  diags.add(diagnostic_builder("document.template_year")
                .path("template")
                .at(diags.file, {})
                .expected(*year >= 2021 ? "2021" : "2019")
                .found(chosen)
                .message(std::to_string(*year) + "年度报告使用了" + chosen + "年版模板的表格")
                .message_en("the " + std::to_string(*year) + " report uses the " + chosen +
                            " template's tables"));
}

template_id detect_template(const template_rows& rows19, const template_rows& rows21,
                            std::optional<int> year, sink& diags) {
  template_signals seen;
  // Labels wrapped over lines count once joined (by each template's labels).
  for (const template_rows* r : {&rows19, &rows21}) {
    scan_labels(r->proactive, seen);
    scan_labels(r->applications, seen);
  }
  scan_one_row_other(rows19.applications, seen);
  const template_id id = choose_template(seen, year);
  report_mixed(seen, id, diags);
  report_template_year(seen, id, year, diags);
  return id;
}

} // namespace

template_found find_template(const std::vector<doc_row>& proactive,
                             const std::vector<doc_row>& applications, std::optional<int> year,
                             sink& diags) {
  std::array<template_rows, 2> joined = {joined_rows(proactive, applications, template_id::t2019),
                                         joined_rows(proactive, applications, template_id::t2021)};
  const template_id id = detect_template(joined[0], joined[1], year, diags);
  return {id, std::move(joined[static_cast<std::size_t>(id)])};
}

} // namespace govdisclose::detail
