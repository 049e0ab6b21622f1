// Comparing reports (compare.hpp): diffs, roll-ups, carry-over checks across years and derived
// figures. The result types are described structs, bound by the generic binder; every call
// releases the GIL.
#include "binder.hpp"
#include "registers.hpp"

#include <govdisclose/compare.hpp>

#include <string>
#include <utility>
#include <vector>

namespace govdisclose::python {

void register_compare(py::module_& m) {
  using gil_release = py::call_guard<py::gil_scoped_release>;

  bind_described<text_change>(m, "TextChange",
                              "One text field that differs: `field` ('narrative.overview', "
                              "'meta.title', 'template'...), `before` and `after` text.");
  bind_described<cell_change>(
      m, "CellChange",
      "One cell that differs: model `path`, Chinese `label` from the catalog, the `before` and\n"
      "`after` cells (Cell: state and value; absent when a report has no such cell) and `delta`\n"
      "(after - before, exact; None unless both are numbers).")
      .def_property_readonly("state_changed", &cell_change::state_changed,
                             "True when the state changed (blank -> number, number -> marker...).");
  bind_described<report_diff>(
      m, "ReportDiff",
      "What differs between two reports: their names, then the `meta`, `narrative` (TextChange)\n"
      "and `cells` (CellChange, in template order) that differ.")
      .def_property_readonly("equal", &report_diff::empty, "True when nothing differs.")
      .def("to_text", &diff_to_text, gil_release(),
           "The diff as text lines: '~ path 〔label〕: before → after (+delta)'; '' when equal.")
      .def("to_json", &diff_to_json, py::arg("indent") = 2, gil_release(),
           "The diff as a JSON object {before, after, equal, meta, narrative, cells}.")
      .def("to_csv", &diff_to_csv, gil_release(),
           "The diff as CSV: path,label,before_state,before,after_state,after,delta.");
  bind_described<derived_figures>(
      m, "DerivedFigures",
      "Figures computed from a report's tables, as float or None: None (never 0) when a\n"
      "denominator is zero or a needed cell is absent or text; blanks and markers count as 0.\n"
      "The year-over-year figures need last year's report.");

  m.def(
      "diff",
      [](const report& a, const report& b, bool provenance) {
        return diff(a, b, diff_options{provenance});
      },
      py::arg("a"), py::arg("b"), py::kw_only(), py::arg("provenance") = false, gil_release(),
      "Compare two reports cell by cell; returns a ReportDiff. provenance=True compares\n"
      "meta.source and meta.format too. Releases the GIL.");
  m.def(
      "rollup",
      [](const std::vector<report>& members) {
        result<report> r = rollup(members);
        return std::make_pair(std::move(r.value), std::move(r.diagnostics));
      },
      py::arg("members"), gil_release(),
      "Sum member reports cell by cell; returns (Report, [Diagnostic]). Blanks count as 0;\n"
      "markers and text are not summed (rollup.not_summed warnings); members of different\n"
      "templates give a rollup.template error and an empty report. Releases the GIL.");
  m.def("check_rollup", &check_rollup, py::arg("summary"), py::arg("members"), gil_release(),
        "Check a published summary against its members: a rollup.sum warning for every cell\n"
        "that differs from the members' sum. Releases the GIL.");
  m.def("check_series", &check_series, py::arg("last_year"), py::arg("this_year"),
        gil_release(),
        "Check two consecutive annual reports of one agency: across_years.carry_over and\n"
        "across_years.in_force warnings, at this year's cells. Releases the GIL.");
  m.def(
      "consecutive_pairs",
      [](const std::vector<report>& reports) {
        std::vector<report_meta> metas;
        metas.reserve(reports.size());
        for (const auto& r : reports) metas.push_back(r.meta);
        return consecutive_pairs(metas);
      },
      py::arg("reports"), gil_release(),
      "Index pairs (i, j) of reports of the same agency where year(j) = year(i) + 1.");
  m.def(
      "derive",
      [](const report& r, const report* last_year) {
        return last_year ? derive(r, *last_year) : derive(r);
      },
      py::arg("report"), py::arg("last_year") = nullptr, gil_release(),
      "The derived figures of a report (DerivedFigures); with last_year, the year-over-year\n"
      "figures too. Releases the GIL.");
}

} // namespace govdisclose::python
