// Reading (every format the library reads), canonical JSON, and rendering. Long calls release
// the GIL, so a thread pool reads many files in parallel.
#include "binder.hpp"
#include "registers.hpp"

#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/render.hpp>

#include <string>
#include <utility>

namespace govdisclose::python {
namespace {

using gil_release = py::call_guard<py::gil_scoped_release>;

// (report, diagnostics), or raise InputError when `strict` and an error was found.
py::tuple unpack(result<report> r, bool strict) {
  if (strict && !r.ok()) throw input_error(std::move(r.diagnostics));
  return py::make_tuple(std::move(r.value), std::move(r.diagnostics));
}

json_options indent_options(int indent) {
  json_options o;
  o.indent = indent;
  return o;
}

} // namespace

void register_io(py::module_& m) {
  m.def(
      "read_bytes",
      [](const py::bytes& data, input_format format, const std::string& source, bool strict) {
        // Copy the bytes while the GIL is held; parse without it.
        std::string bytes = data;
        result<report> r;
        {
          py::gil_scoped_release release;
          r = read_report(bytes, read_options{source, format});
        }
        return unpack(std::move(r), strict);
      },
      py::arg("data"), py::arg("format") = input_format::automatic, py::arg("source") = "",
      py::arg("strict") = false,
      "Read a report from bytes of any supported format; returns (Report, [Diagnostic]).\n"
      "With strict=True, raise InputError when there is an error. Releases the GIL.");
  m.def(
      "read_file",
      [](const std::string& path, input_format format, bool strict) {
        result<report> r;
        {
          py::gil_scoped_release release;
          r = read_report_file(path, format);
        }
        return unpack(std::move(r), strict);
      },
      py::arg("path"), py::arg("format") = input_format::automatic, py::arg("strict") = false,
      "Read a report file of any supported format; returns (Report, [Diagnostic]).\n"
      "An unreadable file gives an 'input.unreadable' error. Releases the GIL.");
  m.def(
      "detect_format",
      [](const py::bytes& data, const std::string& name) {
        std::string bytes = data;
        return detect_format(bytes, name);
      },
      py::arg("data"), py::arg("name") = "",
      "Guess the format of some bytes ('json', 'text', 'markdown', 'html', 'docx', 'pdf');\n"
      "name (a file name) is a hint only.");
  m.def(
      "to_json", [](const report& r, int indent) { return to_json(r, indent_options(indent)); },
      py::arg("report"), py::arg("indent") = 2, gil_release(),
      "The report as canonical JSON text (numbers exact, absent cells left out).");
  m.def(
      "from_json",
      [](const std::string& text, const std::string& source, bool strict) {
        result<report> r;
        {
          py::gil_scoped_release release;
          r = report_from_json(text, source);
        }
        return unpack(std::move(r), strict);
      },
      py::arg("text"), py::arg("source") = "", py::arg("strict") = false,
      "Read canonical JSON; returns (Report, [Diagnostic]) (strict=True raises InputError).");
  m.def(
      "diagnostics_to_json",
      [](const std::vector<diagnostic>& ds, int indent) {
        return diagnostics_to_json(ds, indent_options(indent));
      },
      py::arg("diagnostics"), py::arg("indent") = 2,
      "Diagnostics as a JSON array of objects (rule, level, path, position, ...).");
  m.def(
      "render",
      [](const report& r, const std::string& format) {
        if (format != "html" && format != "markdown" && format != "text")
          throw py::value_error("render format must be 'html', 'markdown' or 'text', not '" +
                                format + "'");
        py::gil_scoped_release release;
        const document d = render_document(r);
        if (format == "html") return write_html(d);
        if (format == "markdown") return write_markdown(d);
        return write_text(d);
      },
      py::arg("report"), py::arg("format") = "html",
      "The report rendered as a published document: 'html', 'markdown' or 'text'.");
}

} // namespace govdisclose::python
