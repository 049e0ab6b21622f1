// Validation: the rules of TEMPLATE.md, derived from the template catalog.
#include "binder.hpp"
#include "registers.hpp"

#include <govdisclose/validate.hpp>

#include <string>
#include <vector>

namespace govdisclose::python {

void register_validate(py::module_& m) {
  const char* doc =
      "Check a report against its template's rules; returns a list of Diagnostic.\n\n"
      "warnings: include warnings (cell.blank, proactive.fee_precision...) as well as errors.\n"
      "blank_counts_as_zero: count blanks and markers as 0 in sums (the diagnostic says so);\n"
      "when False, a sum involving one is not checked.\n"
      "skip: rule ids to leave out, exact ('cell.blank') or a prefix ('cell').\n"
      "reading: the reader's diagnostics of the report (Result.diagnostics): rows the reader saw\n"
      "but left unread are then not called missing, and rows that may be among the unlabelled\n"
      "rows are structure.unidentified_row, as `govdisclose validate` reports them.\n"
      "Releases the GIL.";
  auto validate_fn = [](const report& r, bool warnings, bool blank_counts_as_zero,
                        std::vector<std::string> skip, const std::vector<diagnostic>& reading) {
    validate_options o;
    o.warnings = warnings;
    o.blank_counts_as_zero = blank_counts_as_zero;
    o.skip_rules = std::move(skip);
    return validate(r, reading, o);
  };
  m.def("validate", validate_fn, py::arg("report"), py::kw_only(), py::arg("warnings") = true,
        py::arg("blank_counts_as_zero") = true, py::arg("skip") = std::vector<std::string>{},
        py::arg("reading") = std::vector<diagnostic>{}, py::call_guard<py::gil_scoped_release>(), doc);
  py::reinterpret_borrow<py::class_<report>>(m.attr("Report"))
      .def("validate", validate_fn, py::kw_only(), py::arg("warnings") = true,
           py::arg("blank_counts_as_zero") = true, py::arg("skip") = std::vector<std::string>{},
           py::arg("reading") = std::vector<diagnostic>{}, py::call_guard<py::gil_scoped_release>(), doc);
}

} // namespace govdisclose::python
