// The random report generator and the template catalog, for tests, benchmarks and labels.
#include "binder.hpp"
#include "registers.hpp"

#include <govdisclose/catalog.hpp>
#include <govdisclose/generate.hpp>

#include <string>

namespace govdisclose::python {
namespace {

py::str sv(std::string_view s) { return py::str(s.data(), s.size()); }

py::list views(const std::vector<std::string_view>& v) {
  py::list out;
  for (auto s : v) out.append(sv(s));
  return out;
}

// The catalog entry of a template as plain dicts and lists.
py::dict catalog_dict(template_id id) {
  const template_def& t = catalog(id);
  py::dict out;
  out["template"] = sv(t.code);
  out["notice"] = sv(t.notice);
  py::list sections;
  for (const auto& s : t.sections) {
    py::dict d;
    d["code"] = sv(s.code);
    d["heading"] = sv(s.heading);
    d["variants"] = views(s.variants);
    sections.append(d);
  }
  out["sections"] = sections;
  py::list tables;
  for (const auto& tb : t.tables) {
    py::dict td;
    td["code"] = sv(tb.code);
    td["title"] = sv(tb.title);
    py::list rows;
    for (const auto& r : tb.rows) {
      py::dict rd;
      rd["code"] = sv(r.code);
      rd["label"] = sv(r.label);
      rd["group_label"] = sv(r.group_label);
      rd["local"] = r.local;
      py::list cols;
      for (const auto& c : r.columns) {
        py::dict cd;
        cd["code"] = sv(c.code);
        cd["label"] = sv(c.label);
        cd["group_label"] = sv(c.group_label);
        cd["kind"] = sv(c.kind == value_kind::count          ? "count"
                        : c.kind == value_kind::signed_count ? "signed_count"
                                                              : "amount");
        cd["local"] = c.local;
        cols.append(cd);
      }
      rd["columns"] = cols;
      rows.append(rd);
    }
    td["rows"] = rows;
    tables.append(td);
  }
  out["tables"] = tables;
  return out;
}

} // namespace

void register_generate(py::module_& m) {
  m.def(
      "generate",
      [](std::uint64_t seed, template_id t, double blank_zero_rate, int max_count,
         bool local_additions) {
        generate_options o;
        o.template_ = t;
        o.blank_zero_rate = blank_zero_rate;
        o.max_count = max_count;
        o.local_additions = local_additions;
        return generate_report(seed, o);
      },
      py::arg("seed"), py::arg("template") = template_id::t2021, py::kw_only(),
      py::arg("blank_zero_rate") = 0.0, py::arg("max_count") = 40,
      py::arg("local_additions") = false, py::call_guard<py::gil_scoped_release>(),
      "A random report that satisfies every rule of its template; the same seed gives the\n"
      "same report everywhere. blank_zero_rate publishes some zeros blank, local_additions\n"
      "fills the 法人或其他组织小计 column and the group 小计 rows.");
  m.def("catalog", &catalog_dict, py::arg("template") = template_id::t2021,
        "The template catalog as dicts: sections, and tables with rows and columns (code,\n"
        "label, group_label, kind, local).");
}

} // namespace govdisclose::python
