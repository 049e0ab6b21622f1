// Diffs: what changed between two reports, as text, JSON and CSV.
#include <govdisclose/catalog.hpp>
#include <govdisclose/compare.hpp>
#include <govdisclose/csv.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/text.hpp>
#include <govdisclose/validate.hpp>

#include <boost/json.hpp>
#include <boost/mp11.hpp>

#include "compare/compare_detail.hpp"
#include "json/json_text.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace govdisclose {
namespace {

using detail::cell_index;
using detail::lookup;
using detail::number_text; // validate.hpp
using detail::report_name;
using detail::signed_number_text; // validate.hpp
using detail::state_name; // reflect.hpp

// A cell as text for the text diff.
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

cell_index index_of(const report& r) {
  cell_index out;
  for_each_cell(r, [&](std::string_view p, const cell& c) { out.emplace(std::string(p), &c); });
  return out;
}

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
      out += " (" + signed_number_text(*c.delta) + ")";
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

} // namespace govdisclose
