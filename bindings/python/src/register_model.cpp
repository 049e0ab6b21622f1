// The report model: every described type through the generic binder, plus what Cell and Report
// say beyond their members (constructors, the cell's value, paths, tidy records).
#include "binder.hpp"
#include "registers.hpp"

#include <govdisclose/model.hpp>
#include <govdisclose/reflect.hpp>

#include <string>
#include <string_view>

namespace govdisclose::python {
namespace {

// A cell from a Python value: number (int, Decimal), None (blank) or published text.
cell cell_from_value(const py::object& v) {
  if (v.is_none()) return cell::blank();
  if (auto d = decimal_from_python(v, false)) return cell::number(*d);
  if (PyUnicode_Check(v.ptr())) return classify_cell(v.cast<std::string>());
  throw py::type_error("a Cell holds an int, a decimal.Decimal, None (blank) or published text, not " +
                       py::repr(py::type::handle_of(v)).cast<std::string>());
}

void bind_cell(py::module_& m) {
  auto cls = bind_described<cell>(
      m, "Cell",
      "One published table cell: its state, exact value and raw text.\n\n"
      "Cell() is absent, Cell(None) blank, Cell(5) or Cell(Decimal('1.5000')) a number, and\n"
      "Cell('/') or Cell('text') the published text classified as a number, marker or text.\n"
      "Equality compares what the cell says (state, value, marker/text), not its provenance.");
  cls.def(py::init<>(), "An absent cell (not in the document).");
  cls.def(py::init(&cell_from_value), py::arg("value"),
          "A cell from a value: int or Decimal (number), None (blank) or published text.");
  py::implicitly_convertible<py::object, cell>();
  cls.def_property(
      "value",
      [](const cell& c) -> py::object {
        return c.is_number() ? decimal_to_python(c.value) : py::none();
      },
      [](cell& c, const py::object& v) { c = cell_from_value(v); },
      "The number (int, or an exact decimal.Decimal), or None when the cell holds no number.\n"
      "Assigning sets the whole cell as Cell(value) would.");
  cls.def_property_readonly("is_number", &cell::is_number, "True when the cell holds a number.");
  cls.def_property_readonly("present", &cell::present,
                            "True when the cell is in the document (any state but 'absent').");
  cls.def_static(
      "parse", [](const std::string& text) { return classify_cell(text); }, py::arg("text"),
      "Classify published text as blank, marker, number or text (full-width digits allowed).");
}

// Split `table.row.column` (the row may hold dots) for tidy records.
struct path_parts {
  std::string_view table, row, column;
};
path_parts split_path(std::string_view p) {
  const auto first = p.find('.');
  const auto last = p.rfind('.');
  if (first == std::string_view::npos || first == last) return {p, {}, {}};
  return {p.substr(0, first), p.substr(first + 1, last - first - 1), p.substr(last + 1)};
}

py::list report_records(const report& r, bool include_absent) {
  py::list out;
  const py::str k_table("table"), k_row("row"), k_column("column"), k_state("state"),
      k_value("value"), k_raw("raw"), k_line("line");
  for_each_cell(r, [&](std::string_view path, const cell& c) {
    if (!include_absent && !c.present()) return;
    const auto parts = split_path(path);
    py::dict rec;
    rec[k_table] = py::str(parts.table.data(), parts.table.size());
    rec[k_row] = py::str(parts.row.data(), parts.row.size());
    rec[k_column] = py::str(parts.column.data(), parts.column.size());
    rec[k_state] = py::cast(c.state);
    rec[k_value] = c.is_number() ? decimal_to_python(c.value) : py::none();
    rec[k_raw] = py::str(c.raw);
    rec[k_line] = c.span.known() ? py::object(py::int_(c.span.line)) : py::object(py::none());
    out.append(std::move(rec));
  });
  return out;
}

std::string report_repr(const report& r) {
  std::string s = "Report(template=" + std::string(template_code(r.template_)).insert(0, "'") + "'";
  auto add = [&](const char* key, const std::string& v) {
    if (v.empty()) return;
    s += ", ";
    s += key;
    s += '=';
    s += py::repr(py::str(v)).cast<std::string>();
  };
  add("agency", r.meta.agency);
  if (r.meta.year) s += ", year=" + std::to_string(*r.meta.year);
  add("format", r.meta.format);
  add("source", r.meta.source);
  std::size_t present = 0, total = 0;
  for_each_cell(r, [&](std::string_view, const cell& c) {
    ++total;
    if (c.present()) ++present;
  });
  s += ", cells=" + std::to_string(present) + "/" + std::to_string(total) + ")";
  return s;
}

void bind_report(py::module_& m) {
  auto cls = bind_described<report>(
      m, "Report",
      "One annual report on open government information (政府信息公开工作年度报告).\n\n"
      "Attributes are the template codes: report.applications.withheld.state_secret.total is a\n"
      "Cell. report.template is '2019' or '2021' and decides which classes proactive and\n"
      "applications hold. Report(template='2021') is an empty report (every cell absent).");
  // Replace (not overload) the generic __repr__ and from_dict.
  py::delattr(cls, "__repr__");
  py::delattr(cls, "from_dict");
  cls.def(py::init([](template_id t) { return make_report(t); }), py::arg("template") = template_id::t2021,
          "An empty report of a template ('2019' or '2021').");
  cls.def_property_readonly(
      "template", [](const report& r) { return r.template_; },
      "The national template: '2019' or '2021' (read-only: it decides the table classes).");
  cls.def("__repr__", &report_repr);
  cls.def_static(
      "from_dict",
      [](const py::handle& d) {
        template_id t = template_id::t2021;
        if (PyDict_Check(d.ptr())) {
          auto dict = py::reinterpret_borrow<py::dict>(d);
          if (dict.contains("template")) {
            auto code = dict["template"];
            auto parsed = PyUnicode_Check(code.ptr()) ? template_from_code(code.cast<std::string>())
                                                      : std::nullopt;
            if (!parsed)
              throw py::value_error("template: expected '2019' or '2021', found " +
                                    py::repr(code).cast<std::string>());
            t = *parsed;
          }
        }
        return from_dict<report>(d, make_report(t));
      },
      py::arg("data"),
      "Build from the canonical dict form (the shape of the canonical JSON); its 'template'\n"
      "picks the table classes. Raises ValueError naming the bad member's path.");
  cls.def(
      "cells",
      [](py::object self, bool include_absent) {
        auto& r = self.cast<report&>();
        py::list out;
        for_each_cell(r, [&](std::string_view path, cell& c) {
          if (!include_absent && !c.present()) return;
          out.append(py::make_tuple(
              py::str(path.data(), path.size()),
              py::cast(&c, py::return_value_policy::reference_internal, self)));
        });
        return out;
      },
      py::arg("include_absent") = false,
      "Every cell as (path, Cell) in template order; the cells are live views into the report.");
  cls.def(
      "__getitem__",
      [](py::object self, const std::string& path) {
        cell* c = find_cell(self.cast<report&>(), path);
        if (!c) throw py::key_error(path);
        return py::cast(c, py::return_value_policy::reference_internal, self);
      },
      py::arg("path"), "The cell at a dotted path: report['applications.granted.total'].");
  cls.def(
      "__setitem__",
      [](report& r, const std::string& path, const cell& v) {
        cell* c = find_cell(r, path);
        if (!c) throw py::key_error(path);
        *c = v;
      },
      py::arg("path"), py::arg("value"),
      "Set the cell at a dotted path (a Cell, or a value Cell() accepts).");
  cls.def("to_records", &report_records, py::arg("include_absent") = false,
          "Tidy long rows, one dict per cell in template order: table, row, column, state,\n"
          "value (int, Decimal or None), raw, line (source line or None).");
}

} // namespace

void register_model(py::module_& m) {
  bind_described<source_span>(m, "SourceSpan",
                              "Where a cell starts in its source: 1-based line and column "
                              "(0 when unknown).");
  bind_cell(m);

  bind_described<document_counts_2021>(m, "DocumentCounts2021",
                                       "2021 第二十条第（一）项: 规章 or 行政规范性文件 counts.");
  bind_described<decision_counts>(m, "DecisionCounts",
                                  "2021 第二十条第（五）（六）项: decisions made this year.");
  bind_described<fee_amount>(m, "FeeAmount", "2021 第二十条第（八）项: 行政事业性收费 in 万元.");
  bind_described<proactive_2021>(m, "Proactive2021", "Section 二 of a 2021-template report.");
  bind_described<document_counts_2019>(m, "DocumentCounts2019",
                                       "2019 （一）: 规章 or 规范性文件 counts.");
  bind_described<matter_counts_2019>(m, "MatterCounts2019",
                                     "2019 （五）（六）: last year's items, change, decisions.");
  bind_described<fee_counts_2019>(m, "FeeCounts2019", "2019 （八）: 行政事业性收费 item counts.");
  bind_described<procurement_2019>(m, "Procurement2019", "2019 （九）: 政府集中采购.");
  bind_described<proactive_2019>(m, "Proactive2019", "Section 二 of a 2019-template report.");

  bind_described<applicant_row>(m, "ApplicantRow",
                                "One row of the application matrix: a cell per applicant kind "
                                "and the total.");
  bind_described<withheld_rows>(m, "WithheldRows", "（三）不予公开.");
  bind_described<unavailable_rows>(m, "UnavailableRows", "（四）无法提供.");
  bind_described<not_processed_rows>(m, "NotProcessedRows", "（五）不予处理.");
  bind_described<other_rows>(m, "OtherRows", "（六）其他处理 (2021 template: three rows).");
  bind_described<applications_2021>(m, "Applications2021",
                                    "Section 三 of a 2021-template report (25 data rows).");
  bind_described<applications_2019>(m, "Applications2019",
                                    "Section 三 of a 2019-template report (23 data rows).");

  bind_described<review_block>(m, "ReviewBlock", "One block of five columns in section 四.");
  bind_described<reviews_table>(m, "Reviews", "Section 四: administrative review and litigation.");

  bind_described<report_meta>(m, "Meta", "What is known about a report besides its tables.");
  bind_described<narrative_text>(m, "Narrative", "The six sections' text, verbatim.");
  bind_report(m);
  m.attr("PICKLE_VERSION") = pickle_version;
}

} // namespace govdisclose::python
