// Stated counts and sums compared with the tables: the quantities a count may name, their cells,
// and the narrative.count_mismatch and narrative.sum_mismatch warnings (docs/narrative.md).
#include "check/narrative_detail.hpp"

#include <govdisclose/catalog.hpp>
#include <govdisclose/diagnostic_builder.hpp>

#include <algorithm>

namespace govdisclose::detail::narrative {
namespace {

struct candidate {
  std::vector<std::string> paths; // summed
  std::string label;              // Chinese
  std::string fallback;           // a group's 小计 total, when its rows are not all carried
};

std::vector<std::string> group_total_paths(const template_def& cat, std::string_view group) {
  std::vector<std::string> out;
  const table_def* t = cat.table("applications");
  if (!t) return out;
  for (const auto& row : t->rows) {
    if (row.local) continue;
    const std::string_view c = row.code;
    if (c == group ||
        (c.size() > group.size() && c.substr(0, group.size()) == group && c[group.size()] == '.'))
      out.push_back("applications." + std::string(c) + ".total");
  }
  return out;
}

std::vector<candidate> candidates(count_topic topic, template_id tid) {
  const template_def& cat = catalog(tid);
  const bool t2021 = tid == template_id::t2021;
  auto one = [&](std::string path) {
    candidate c;
    c.label = cat.describe(path);
    c.paths.push_back(std::move(path));
    return c;
  };
  // A quantity the 2019 template has no row for.
  auto only_2021 = [&](std::string path) {
    return t2021 ? std::vector<candidate>{one(std::move(path))} : std::vector<candidate>{};
  };
  auto sum = [&](std::vector<std::string> paths, std::string label) {
    return candidate{std::move(paths), std::move(label), {}};
  };
  const std::string n = "applications.new_received.total", co = "applications.carried_over.total",
                    pr = "applications.total_processed.total";
  const candidate new_only = one(n), processed = one(pr);
  const candidate new_and_over = sum({n, co}, cat.describe(n) + " + " + cat.describe(co));
  auto group = [&](std::string_view g, std::string_view label) {
    candidate c = sum(group_total_paths(cat, g), std::string(label) + "（各项之和）/ 总计");
    const std::string sub = "applications." + std::string(g) + ".subtotal.total";
    if (cat.locate(sub)) c.fallback = sub;
    return c;
  };
  switch (topic) {
  case count_topic::none: return {};
  case count_topic::applications_new: return {new_only};
  case count_topic::applications_received: return {new_only, new_and_over};
  case count_topic::applications_any:
  case count_topic::applications_handled: return {new_only, new_and_over, processed};
  case count_topic::carried_over: return {one(co)};
  case count_topic::carried_forward: return {one("applications.carried_forward.total")};
  case count_topic::granted: return {one("applications.granted.total")};
  case count_topic::partially_granted: return {one("applications.partially_granted.total")};
  case count_topic::withheld: return {group("withheld", "（三）不予公开")};
  case count_topic::unavailable: return {group("unavailable", "（四）无法提供")};
  case count_topic::not_processed: return {group("not_processed", "（五）不予处理")};
  case count_topic::other_processing: return {group("other", "（六）其他处理")};
  case count_topic::administrative_review: return {one("reviews.administrative_review.total")};
  case count_topic::litigation: {
    const std::string d = "reviews.litigation_direct.total",
                      a = "reviews.litigation_after_review.total";
    return {sum({d, a}, "行政诉讼 / 总计（未经复议直接起诉 + 复议后起诉）"), one(d), one(a)};
  }
  case count_topic::regulations_issued:
  case count_topic::normative_issued: {
    const std::string r = topic == count_topic::regulations_issued
                              ? "proactive.regulations."
                              : "proactive.normative_documents.";
    if (t2021) return {one(r + "issued")};
    return {one(r + "produced"), one(r + "published")};
  }
  case count_topic::regulations_published:
  case count_topic::normative_published: {
    const std::string r = topic == count_topic::regulations_published
                              ? "proactive.regulations."
                              : "proactive.normative_documents.";
    if (t2021) return {one(r + "issued"), one(r + "in_force")};
    return {one(r + "published"), one(r + "produced")};
  }
  case count_topic::regulations_repealed: return only_2021("proactive.regulations.repealed");
  case count_topic::normative_repealed: return only_2021("proactive.normative_documents.repealed");
  case count_topic::regulations_in_force: return only_2021("proactive.regulations.in_force");
  case count_topic::normative_in_force: return only_2021("proactive.normative_documents.in_force");
  }
  return {};
}

// A cell's count: a whole number, or 0 for a "none" marker; nothing for blank, absent or text.
std::optional<std::int64_t> count_of(const cell* c) {
  if (!c) return std::nullopt;
  if (c->state == cell_state::marker) return 0;
  if (c->state != cell_state::number || !c->value.is_integer()) return std::nullopt;
  return c->value.whole_part();
}

// A table count by path: the cell's count, or, for a total left blank or not read whose addends
// (the catalog's column equation: the six applicant columns, a review block's four results) are
// carried with at least one number, their sum (blank addends count as 0, as in the sums).
struct table_count {
  std::int64_t value = 0;
  bool derived = false;
};

std::optional<table_count> count_at(const template_def& cat, const std::string& path,
                                    const std::map<std::string, const cell*>& cells) {
  const auto it = cells.find(path);
  const cell* c = it == cells.end() ? nullptr : it->second;
  if (const auto v = count_of(c)) return table_count{*v, false};
  if (c && c->state != cell_state::blank && c->state != cell_state::absent) return std::nullopt;
  const cell_location loc = cat.locate(path);
  if (!loc) return std::nullopt;
  for (const column_equation& e : loc.table->column_equations) {
    if (e.total != loc.column->code) continue;
    const std::string row = path.substr(0, path.rfind('.') + 1);
    std::int64_t sum = 0;
    bool number = false;
    for (auto a : e.addends) {
      const auto at = cells.find(row + std::string(a));
      const cell* x = at == cells.end() ? nullptr : at->second;
      if (!x || x->state == cell_state::absent || x->state == cell_state::text) return std::nullopt;
      if (x->state == cell_state::blank) continue;
      const auto v = count_of(x);
      if (!v) return std::nullopt;
      sum += *v;
      number = number || x->state == cell_state::number;
    }
    if (number) return table_count{sum, true};
  }
  return std::nullopt;
}

std::string join_paths(const std::vector<std::string>& ps) {
  std::string s;
  for (const auto& p : ps)
    s += (s.empty() ? "" : " + ") + p;
  return s;
}

// A quantity a stated count may name, as the table has it.
struct evaluated {
  const candidate* c;
  std::int64_t v;
  std::vector<std::string> paths;   // what was summed
  std::vector<std::string> derived; // totals taken from their addends
};

// The sum of `paths`, taken for candidate `c`, when the table carries every one.
std::optional<evaluated> sum_of(const template_def& cat, const candidate& c,
                                const std::vector<std::string>& paths,
                                const std::map<std::string, const cell*>& cells) {
  evaluated e{&c, 0, paths, {}};
  if (paths.empty()) return std::nullopt;
  for (const auto& p : paths) {
    const auto x = count_at(cat, p, cells);
    if (!x) return std::nullopt;
    e.v += x->value;
    if (x->derived) e.derived.push_back(p);
  }
  return e;
}

// Every quantity of `cands` as the table has it. Nothing when one of them is not carried (blank
// or not read): the text may state that one, so comparing with the others proves nothing.
std::optional<std::vector<evaluated>> evaluate(const template_def& cat,
                                               const std::vector<candidate>& cands,
                                               const std::map<std::string, const cell*>& cells) {
  if (cands.empty()) return std::nullopt;
  std::vector<evaluated> ev;
  for (const auto& c : cands) {
    auto e = sum_of(cat, c, c.paths, cells);
    if (!e && !c.fallback.empty()) e = sum_of(cat, c, {c.fallback}, cells);
    if (!e) return std::nullopt;
    ev.push_back(std::move(*e));
  }
  return ev;
}

// What the table has, for a count_mismatch: the values (each once), and each quantity with its
// cells, where they are and whether a total was derived, in Chinese and English.
struct table_side {
  std::string expected, zh, en;
};

table_side table_side_of(const report& r, const template_def& cat, const std::vector<evaluated>& ev,
                         const std::map<std::string, const cell*>& cells) {
  table_side t;
  for (const auto& e : ev) {
    const source_span span = cells.at(e.paths.front())->span;
    const std::string where =
        span.known() ? source_position{r.meta.source, span.line, span.column}.to_string() : "";
    const evaluated* first_ev = ev.data();
    if (std::none_of(first_ev, &e, [&](const evaluated& x) { return x.v == e.v; }))
      t.expected += (t.expected.empty() ? "" : " | ") + std::to_string(e.v);
    const std::string label = e.paths == e.c->paths ? e.c->label : cat.describe(e.paths.front());
    std::string derived_zh, derived_en;
    if (!e.derived.empty()) {
      derived_zh = "，总计栏空白，按本行各栏之和推算";
      derived_en = " (derived: the blank total " + join_paths(e.derived) +
                   " taken as the sum of its row's cells)";
    }
    t.zh += (t.zh.empty() ? "" : "；或") + label + "（" + join_paths(e.paths) +
            (where.empty() ? "" : "，" + where) + derived_zh + "）为" + std::to_string(e.v);
    t.en += (t.en.empty() ? "" : ", nor ") + join_paths(e.paths) +
            (where.empty() ? "" : " (" + where + ")") + " = " + std::to_string(e.v) + derived_en;
  }
  return t;
}

diagnostic count_mismatch(const report& r, std::string_view code, const std::string& heading,
                          const stated_count& sc, const std::vector<evaluated>& ev,
                          const std::map<std::string, const cell*>& cells) {
  const table_side table = table_side_of(r, catalog(r.template_), ev, cells);
  const std::string said = sc.unit.empty() ? "为零" : std::to_string(sc.value) + sc.unit;
  const std::string message = "“" + heading + "”第" + std::to_string(sc.offset + 1) + "字处“" +
                              sc.phrase + "”称" + said + "，与表格不符：" + table.zh + "。";
  const std::string message_en = "narrative." + std::string(code) + " at character " +
                                 std::to_string(sc.offset + 1) + ": \"" + sc.phrase + "\" states " +
                                 std::to_string(sc.value) + ", but the table has " + table.en + ".";
  const cell* first = cells.at(ev.front().paths.front());
  return diagnostic_builder("narrative.count_mismatch")
      .path("narrative." + std::string(code))
      .at(r.meta.source, first->span)
      .expected(table.expected)
      .found(std::to_string(sc.value))
      .message(message)
      .message_en(message_en);
}

} // namespace

void check_counts(const report& r, std::string_view code, const std::string& heading,
                  const narrative_statements& st, const std::map<std::string, const cell*>& cells,
                  std::vector<std::pair<std::size_t, diagnostic>>& out) {
  const template_def& cat = catalog(r.template_);
  for (const auto& sc : st.counts) {
    if (sc.topic == count_topic::none) continue;
    const std::vector<candidate> cands = candidates(sc.topic, r.template_);
    const auto ev = evaluate(cat, cands, cells);
    if (!ev) continue;
    if (std::any_of(ev->begin(), ev->end(), [&](const evaluated& e) { return e.v == sc.value; }))
      continue;
    out.push_back({sc.offset, count_mismatch(r, code, heading, sc, *ev, cells)});
  }
}

void check_sums(const report& r, std::string_view code, const std::string& heading,
                const narrative_statements& st,
                std::vector<std::pair<std::size_t, diagnostic>>& out) {
  for (const auto& sum : st.sums) {
    std::int64_t total = 0;
    std::string parts;
    for (const auto& p : sum.parts) {
      total += p.value;
      parts += (parts.empty() ? "" : " + ") + std::to_string(p.value);
    }
    if (total == sum.total.value) continue;
    const std::string expected = std::to_string(sum.total.value);
    const std::string found = parts + " = " + std::to_string(total);
    const std::string message = "“" + heading + "”第" + std::to_string(sum.total.offset + 1) +
                                "字处“" + sum.total.phrase + "”所列各项之和（" + found +
                                sum.total.unit + "）与所称总数" + expected + sum.total.unit +
                                "不符。";
    const std::string message_en = "narrative." + std::string(code) + " at character " +
                                   std::to_string(sum.total.offset + 1) +
                                   ": the parts listed after \"" + sum.total.phrase +
                                   "\" add up to " + found + ", not " + expected + ".";
    out.push_back({sum.total.offset, diagnostic_builder("narrative.sum_mismatch")
                                         .path("narrative." + std::string(code))
                                         .at(source_position{r.meta.source})
                                         .expected(expected)
                                         .found(found)
                                         .message(message)
                                         .message_en(message_en)});
  }
}

} // namespace govdisclose::detail::narrative
