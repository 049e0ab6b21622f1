// Diagnostics, their positions, and the exception that carries them.
#include "binder.hpp"
#include "registers.hpp"

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/result.hpp>

#include <string>

namespace govdisclose::python {

void register_diagnostic(py::module_& m) {
  bind_described<source_position>(m, "SourcePosition",
                                  "A place in an input: file, 1-based line and column (0 when "
                                  "unknown).")
      .def("__str__", &source_position::to_string, "file:line:column, leaving out what is unknown.");

  bind_described<hint_cell>(m, "HintCell",
                            "One cell of a suggested correction: path, current value ('blank' or\n"
                            "the marker when not a number) and suggested value, as text.");
  bind_described<hint_fix>(m, "HintFix", "One way to make the tables add up: the cells to change.");
  bind_described<correction_hint>(
      m, "CorrectionHint",
      "A correction hint on a failed sum rule: status ('unique', 'ambiguous', 'no_simple_fix'),\n"
      "the fixes found (at most 5 listed), how many exist, and the 提示 message. A suggestion:\n"
      "the report is not changed.");

  auto diag = bind_described<diagnostic>(
      m, "Diagnostic",
      "One finding: rule id (TEMPLATE.md), severity ('error' or 'warning'), model path, source\n"
      "position, what was expected and found, a Chinese and an English message, and for a\n"
      "failed sum rule a correction hint (None otherwise).");
  diag.def_property(
      "severity", [](const diagnostic& d) { return d.level; },
      [](diagnostic& d, severity s) { d.level = s; }, "'error' or 'warning' (the same as level).");
  diag.def_property_readonly(
      "is_error", [](const diagnostic& d) { return d.level == severity::error; },
      "True for an error.");
  diag.def(
      "__str__",
      [](const diagnostic& d) {
        std::string where = d.position.to_string();
        std::string s = where.empty() ? std::string() : where + ": ";
        s += std::string(enum_wire_name(d.level)) + ": " + d.rule;
        if (!d.path.empty()) s += " [" + d.path + "]";
        return s + ": " + d.message_en;
      },
      "file:line:column: severity: rule [path]: English message.");
  m.def("expected_found_note", &expected_found_note, py::arg("diagnostic"),
        py::arg("chinese") = true,
        "What was expected and found, as the CLI appends it to a message: Chinese\n"
        "'（应为 9，实为 7）' when both are numbers ('' otherwise), English ' (expected ..., found\n"
        "...)'; '' when the diagnostic has neither.");

  // C++ input_error → govdisclose.InputError (a ValueError) carrying the diagnostics.
  static py::handle input_error_type = [&] {
    py::object base = py::reinterpret_borrow<py::object>(PyExc_ValueError);
    py::dict ns;
    ns["__doc__"] = "Raised when an input has errors; .diagnostics lists every finding.";
    ns["__module__"] = "govdisclose";
    py::object type = py::reinterpret_borrow<py::object>(
        reinterpret_cast<PyObject*>(&PyType_Type))("InputError", py::make_tuple(base), ns);
    return type.release();
  }();
  m.attr("InputError") = input_error_type;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const input_error& e) {
      py::object exc = py::reinterpret_borrow<py::object>(input_error_type)(py::str(e.what()));
      exc.attr("diagnostics") = py::cast(e.diagnostics());
      PyErr_SetObject(input_error_type.ptr(), exc.ptr());
    }
  });
}

} // namespace govdisclose::python
