// Across years and agencies: carry-over checks, roll-ups, diffs and derived figures.
#include <govdisclose/catalog.hpp>
#include <govdisclose/compare.hpp>
#include <govdisclose/csv.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/hint.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/text.hpp>
#include <govdisclose/validate.hpp>

#include "json/json_text.hpp"

#include <boost/json.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <system_error>
#include <unordered_map>

namespace govdisclose {
namespace {

// ---- helpers -----------------------------------------------------------------

// A report's name for messages: where it came from, else its title, else agency and year.
std::string report_name(const report& r) {
  if (!r.meta.source.empty()) return r.meta.source;
  if (!r.meta.title.empty()) return r.meta.title;
  std::string s = r.meta.agency;
  if (r.meta.year) s += std::to_string(*r.meta.year) + "年";
  return s.empty() ? std::string("(unnamed report)") : s;
}

using detail::number_text; // validate.hpp

// A cell as text for messages and diffs.
std::string cell_text(const cell& c) {
  switch (c.state) {
  case cell_state::absent: return "（无此单元格）";
  case cell_state::blank: return "（空白）";
  case cell_state::number: return number_text(c.value);
  case cell_state::marker:
  case cell_state::text: return c.raw;
  }
  return {};
}

using detail::state_name; // reflect.hpp

// `file:line:column` of a cell, or nothing when it has no position (a JSON input): the message
// names the file anyway.
std::string position_text(const std::string& file, source_span s) {
  if (s.line == 0) return {};
  return source_position{file, s.line, s.column}.to_string();
}

// The cells of a report in walk order, with their paths.
struct cell_ref {
  std::string path;
  const cell* value;
};

std::vector<cell_ref> cells_of(const report& r) {
  std::vector<cell_ref> out;
  out.reserve(256);
  for_each_cell(r, [&](std::string_view p, const cell& c) { out.push_back({std::string(p), &c}); });
  return out;
}

std::unordered_map<std::string, const cell*> index_of(const report& r) {
  std::unordered_map<std::string, const cell*> out;
  for_each_cell(r, [&](std::string_view p, const cell& c) { out.emplace(std::string(p), &c); });
  return out;
}

const cell* lookup(const std::unordered_map<std::string, const cell*>& idx, const std::string& p) {
  const auto it = idx.find(p);
  return it == idx.end() ? nullptr : it->second;
}

// A cell's value for a sum: numbers as they are, blanks as 0 (noted); nothing otherwise.
std::optional<decimal> summable(const cell* c, bool& blank) {
  if (!c) return std::nullopt;
  if (c->state == cell_state::number) return c->value;
  if (c->state == cell_state::blank) {
    blank = true;
    return decimal{};
  }
  return std::nullopt;
}

const std::string blank_note_zh = "（空白按0计）";

// The cells the across-years rules and figures name (compared_across_years() lists them all).
constexpr std::string_view carried_over_prefix = "applications.carried_over.";
constexpr std::string_view carried_forward_prefix = "applications.carried_forward.";
constexpr std::string_view new_received_total = "applications.new_received.total";
const std::string blank_note_en = " (a blank counts as 0)";

} // namespace

// ---- series --------------------------------------------------------------------

namespace {

// The cells of a report that the across-years rules read (compared_across_years()), by path.
std::unordered_map<std::string, const cell*> index_compared(const report& r) {
  std::unordered_map<std::string, const cell*> out;
  for_each_cell(r, [&](std::string_view p, const cell& c) {
    if (compared_across_years(p)) out.emplace(std::string(p), &c);
  });
  return out;
}

} // namespace

std::vector<diagnostic> check_series(const report& last_year, const report& this_year) {
  std::vector<diagnostic> out;
  const auto last = index_compared(last_year);
  const auto now_index = index_compared(this_year);
  const template_def& cat = catalog(this_year.template_);
  const std::string last_name = report_name(last_year), this_name = report_name(this_year);
  const std::string file = this_year.meta.source;
  const std::string last_file = last_year.meta.source;

  for_each_cell(this_year, [&](std::string_view p, const cell& now) {
    // across_years.carry_over: every column of the carried_over row.
    if (p.starts_with(carried_over_prefix)) {
      const std::string column(p.substr(carried_over_prefix.size()));
      const std::string before_path = std::string(carried_forward_prefix) + column;
      const cell* before = lookup(last, before_path);
      bool blank = false;
      const auto a = summable(before, blank);
      const auto b = summable(&now, blank);
      if (!a || !b || *a == *b) return;
      const std::string note_zh = blank ? blank_note_zh : "";
      const std::string note_en = blank ? blank_note_en : "";
      const std::string before_pos = position_text(last_file, before->span);
      out.push_back(diagnostic_builder("across_years.carry_over")
                        .path(std::string(p))
                        .at(file, now.span)
                        .expected(number_text(*a))
                        .found(number_text(*b))
                        .message("“" + this_name + "”的" + cat.describe(p) + "为" +
                                 number_text(*b) + "，而上一年度“" + last_name + "”的" +
                                 cat.describe(before_path) + "为" + number_text(*a) +
                                 (before_pos.empty() ? "" : "（" + before_pos + "）") +
                                 "，两者应相等" + note_zh + "。")
                        .message_en("carried_over." + column + " of \"" + this_name + "\" is " +
                                    number_text(*b) + " but carried_forward." + column +
                                    " of last year's \"" + last_name + "\" is " + number_text(*a) +
                                    (before_pos.empty() ? "" : " (at " + before_pos + ")") +
                                    "; they should be equal" + note_en + "."));
      // Which side is likely wrong, when one year adds up and the other does not.
      out.back().hint = carry_over_hint(last_year, this_year, before_path, std::string(p));
      return;
    }
    // across_years.in_force: every row with an in_force column.
    if (p.ends_with(".in_force")) {
      const std::string row(p.substr(0, p.size() - std::string_view(".in_force").size()));
      const cell* prev = lookup(last, std::string(p));
      const cell* issued = lookup(now_index, row + ".issued");
      const cell* repealed = lookup(now_index, row + ".repealed");
      bool blank = false;
      const auto n1 = summable(prev, blank);
      const auto is = summable(issued, blank);
      const auto re = summable(repealed, blank);
      const auto n = summable(&now, blank);
      if (!n1 || !is || !re || !n) return;
      const decimal expected = *n1 + *is - *re;
      if (expected == *n) return;
      const std::string before_pos = position_text(last_file, prev->span);
      const std::string note_zh = blank ? blank_note_zh : "";
      const std::string note_en = blank ? blank_note_en : "";
      out.push_back(
          diagnostic_builder("across_years.in_force")
              .path(std::string(p))
              .at(file, now.span)
              .expected(number_text(expected))
              .found(number_text(*n))
              .message("“" + this_name + "”的" + cat.describe(p) + "为" + number_text(*n) +
                       "，而上一年度“" + last_name + "”的现行有效件数" + number_text(*n1) +
                       (before_pos.empty() ? "" : "（" + before_pos + "）") + "加本年制发" +
                       number_text(*is) + "件、减本年废止" + number_text(*re) + "件应为" +
                       number_text(expected) + note_zh + "。文件修订等情形可能导致不一致，请核实。")
              .message_en(std::string(p) + " of \"" + this_name + "\" is " + number_text(*n) +
                          "; last year's in_force " + number_text(*n1) +
                          (before_pos.empty() ? "" : " (at " + before_pos + ")") + " + issued " +
                          number_text(*is) + " - repealed " + number_text(*re) + " gives " +
                          number_text(expected) + note_en +
                          ". Revised documents can break this rule legitimately: check."));
    }
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

// ---- roll-ups ---------------------------------------------------------------------

namespace {

// What the members hold in one cell.
struct member_sum {
  decimal sum{};
  bool any_number = false, any_blank = false, any_unsummable = false, all_absent = true;
};

member_sum sum_members(const std::vector<std::vector<cell_ref>>& walks, std::size_t k) {
  member_sum s;
  for (const auto& w : walks) {
    const cell& c = *w[k].value;
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

  std::vector<std::vector<cell_ref>> walks;
  walks.reserve(members.size());
  for (const auto& m : members) walks.push_back(cells_of(m));

  std::size_t k = 0;
  const template_def& cat = catalog(t);
  for_each_cell(out.value, [&](std::string_view p, cell& c) {
    const member_sum s = sum_members(walks, k);
    for (std::size_t i = 0; i < members.size(); ++i) {
      const cell& m = *walks[i][k].value;
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
  std::vector<std::vector<cell_ref>> walks;
  for (const auto& m : members) walks.push_back(cells_of(m));
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

// ---- diff ---------------------------------------------------------------------------

namespace {

template <class T>
std::string field_text(const T& v) {
  if constexpr (std::is_same_v<T, std::optional<int>>)
    return v ? std::to_string(*v) : std::string();
  else
    return v;
}

template <class T>
void diff_fields(const T& a, const T& b, std::string_view prefix, std::vector<text_change>& out,
                 bool provenance) {
  using members = boost::describe::describe_members<T, boost::describe::mod_public>;
  boost::mp11::mp_for_each<members>([&](auto d) {
    const std::string_view name = d.name;
    if (!provenance && (name == "source" || name == "format")) return;
    const std::string x = field_text(a.*d.pointer), y = field_text(b.*d.pointer);
    if (x != y) out.push_back({std::string(prefix) + std::string(name), x, y});
  });
}

} // namespace

report_diff diff(const report& a, const report& b, const diff_options& o) {
  report_diff d;
  d.before_name = report_name(a);
  d.after_name = report_name(b);
  if (a.template_ != b.template_)
    d.meta.push_back({"template", std::string(template_code(a.template_)),
                      std::string(template_code(b.template_))});
  diff_fields(a.meta, b.meta, "meta.", d.meta, o.provenance);
  diff_fields(a.narrative, b.narrative, "narrative.", d.narrative, true);

  static const cell absent{};
  const auto bi = index_of(b);
  const template_def& ca = catalog(a.template_);
  const template_def& cb = catalog(b.template_);
  std::unordered_map<std::string, bool> seen;
  auto add = [&](const std::string& p, const cell& x, const cell& y, const template_def& cat) {
    if (x == y) return;
    cell_change ch;
    ch.path = p;
    ch.label = cat.describe(p);
    ch.before = x;
    ch.after = y;
    if (x.is_number() && y.is_number()) ch.delta = y.value - x.value;
    d.cells.push_back(std::move(ch));
  };
  for_each_cell(a, [&](std::string_view p, const cell& x) {
    const std::string path(p);
    seen.emplace(path, true);
    const cell* y = lookup(bi, path);
    add(path, x, y ? *y : absent, ca);
  });
  for_each_cell(b, [&](std::string_view p, const cell& y) {
    const std::string path(p);
    if (!seen.count(path)) add(path, absent, y, cb);
  });
  return d;
}

namespace {

boost::json::value cell_json(const cell& c) {
  boost::json::object o;
  o["state"] = std::string(state_name(c.state));
  if (c.state == cell_state::number)
    o["text"] = number_text(c.value);
  else if (c.state == cell_state::marker || c.state == cell_state::text)
    o["text"] = c.raw;
  else
    o["text"] = nullptr;
  return o;
}

boost::json::array text_changes_json(const std::vector<text_change>& cs) {
  boost::json::array a;
  for (const auto& c : cs)
    a.push_back(boost::json::object{{"field", c.field}, {"before", c.before}, {"after", c.after}});
  return a;
}

std::string csv_value(const cell& c) {
  switch (c.state) {
  case cell_state::number: return number_text(c.value);
  case cell_state::marker:
  case cell_state::text: return c.raw;
  default: return {};
  }
}

std::string delta_text(decimal d) {
  return d > decimal{} ? "+" + number_text(d) : number_text(d);
}

// A one-line excerpt of a long text for the text diff.
std::string excerpt(const std::string& s) {
  std::string one;
  for (char c : s) one += (c == '\n' || c == '\r') ? ' ' : c;
  std::size_t pos = 0, points = 0;
  while (pos < one.size() && points < 60) {
    next_code_point(one, pos);
    ++points;
  }
  return pos < one.size() ? one.substr(0, pos) + "…" : one;
}

} // namespace

std::string diff_to_text(const report_diff& d) {
  if (d.empty()) return {};
  std::string out = "--- " + d.before_name + "\n+++ " + d.after_name + "\n";
  for (const auto& m : d.meta)
    out += "~ " + m.field + ": \"" + m.before + "\" → \"" + m.after + "\"\n";
  for (const auto& n : d.narrative)
    out += "~ " + n.field + "（正文已改动）: \"" + excerpt(n.before) + "\" → \"" +
           excerpt(n.after) + "\"\n";
  for (const auto& c : d.cells) {
    out += "~ " + c.path;
    if (c.label != c.path) out += " 〔" + c.label + "〕";
    out += ": " + cell_text(c.before) + " → " + cell_text(c.after);
    if (c.delta)
      out += " (" + delta_text(*c.delta) + ")";
    else
      out += " (" + std::string(state_name(c.before.state)) + " → " +
             std::string(state_name(c.after.state)) + ")";
    out += '\n';
  }
  out += std::to_string(d.cells.size()) + " 个单元格、" + std::to_string(d.narrative.size()) +
         " 个正文部分、" + std::to_string(d.meta.size()) + " 项元数据不同\n";
  return out;
}

std::string diff_to_json(const report_diff& d, int indent) {
  boost::json::object o;
  o["before"] = d.before_name;
  o["after"] = d.after_name;
  o["equal"] = d.empty();
  o["meta"] = text_changes_json(d.meta);
  o["narrative"] = text_changes_json(d.narrative);
  boost::json::array cells;
  for (const auto& c : d.cells) {
    boost::json::object e;
    e["path"] = c.path;
    e["label"] = c.label;
    e["before"] = cell_json(c.before);
    e["after"] = cell_json(c.after);
    if (c.delta)
      e["delta"] = number_text(*c.delta);
    else
      e["delta"] = nullptr;
    cells.push_back(std::move(e));
  }
  o["cells"] = std::move(cells);
  return detail::json_text(o, indent);
}

std::string diff_to_csv(const report_diff& d) {
  std::string out = "path,label,before_state,before,after_state,after,delta\r\n";
  auto line = [&](std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (auto f : fields) {
      if (!first) out += ',';
      first = false;
      out += csv_field(f);
    }
    out += "\r\n";
  };
  for (const auto& m : d.meta) line({m.field, m.field, "text", m.before, "text", m.after, ""});
  for (const auto& n : d.narrative)
    line({n.field, n.field, "text", n.before, "text", n.after, ""});
  for (const auto& c : d.cells)
    line({c.path, c.label, state_name(c.before.state), csv_value(c.before),
          state_name(c.after.state), csv_value(c.after),
          c.delta ? number_text(*c.delta) : std::string()});
  return out;
}

// ---- derived figures --------------------------------------------------------------------

namespace {

// A value for a figure: numbers, blanks and markers (as 0); nothing for absent or text.
std::optional<decimal> figure_value(const report& r, std::string_view path) {
  const cell* c = find_cell(r, path);
  if (!c) return std::nullopt;
  switch (c->state) {
  case cell_state::number: return c->value;
  case cell_state::blank:
  case cell_state::marker: return decimal{};
  default: return std::nullopt;
  }
}

std::optional<double> ratio(std::optional<decimal> num, std::optional<decimal> den) {
  if (!num || !den || *den == decimal{}) return std::nullopt;
  return num->to_double() / den->to_double();
}

std::optional<decimal> add(std::optional<decimal> a, std::optional<decimal> b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

} // namespace

derived_figures derive(const report& r) {
  derived_figures f;
  f.disclosure_rate = ratio(add(figure_value(r, "applications.granted.total"),
                                figure_value(r, "applications.partially_granted.total")),
                            figure_value(r, "applications.total_processed.total"));
  f.review_correction_rate = ratio(figure_value(r, "reviews.administrative_review.corrected"),
                                   figure_value(r, "reviews.administrative_review.total"));
  f.litigation_correction_rate =
      ratio(add(figure_value(r, "reviews.litigation_direct.corrected"),
                figure_value(r, "reviews.litigation_after_review.corrected")),
            add(figure_value(r, "reviews.litigation_direct.total"),
                figure_value(r, "reviews.litigation_after_review.total")));
  return f;
}

derived_figures derive(const report& r, const report& last_year) {
  derived_figures f = derive(r);
  const auto now = figure_value(r, new_received_total);
  const auto before = figure_value(last_year, new_received_total);
  if (now && before) {
    f.new_received_change = (*now - *before).to_double();
    f.new_received_growth = ratio(*now - *before, before);
  }
  return f;
}

std::string figure_text(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return {};
  char buffer[400]; // fixed notation of any finite double fits
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *v, std::chars_format::fixed);
  if (ec != std::errc{}) return {};
  std::string s(buffer, end);
  return s == "-0" ? "0" : s;
}

std::string derived_to_json(const derived_figures& f, int indent) {
  // Written by hand so that numbers keep figure_text()'s spelling (0.75, not 7.5E-1).
  std::string out = "{";
  bool first = true;
  using members = boost::describe::describe_members<derived_figures, boost::describe::mod_public>;
  boost::mp11::mp_for_each<members>([&](auto d) {
    out += first ? "" : ",";
    first = false;
    if (indent > 0) out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
    out += '"';
    out += d.name;
    out += indent > 0 ? "\": " : "\":";
    const std::string v = figure_text(f.*d.pointer);
    out += v.empty() ? "null" : v;
  });
  if (indent > 0) out += "\n";
  out += indent > 0 ? "}\n" : "}";
  return out;
}

} // namespace govdisclose
