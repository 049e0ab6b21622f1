// The batch (batch.hpp): many files read and checked in parallel with the comparisons across
// reports, and datasets written from them — the same library code as `govdisclose check` and
// `govdisclose export`. The batch runs without the GIL; the GIL is taken back only to report
// progress to a Python callable.
#include "binder.hpp"
#include "registers.hpp"

#include <govdisclose/batch.hpp>
#include <govdisclose/dataset.hpp>
#include <govdisclose/inspection_page.hpp>
#include <govdisclose/manifest.hpp>
#include <govdisclose/result.hpp>

#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govdisclose::python {
namespace {

// The inputs of a batch: the files under `paths`, or those the manifest file lists (which is
// read into `manifest`; its errors raise InputError, as the CLI's exit 3).
std::vector<batch_input> inputs_of(const std::vector<std::string>& paths,
                                   const std::string& manifest_file, batch_manifest& manifest) {
  if (paths.empty() == manifest_file.empty())
    throw py::value_error("give paths or manifest= (the files it lists), not both");
  if (manifest_file.empty()) return collect_inputs(paths);
  result<batch_manifest> m = read_manifest(manifest_file);
  if (!m.ok()) throw input_error(std::move(m.diagnostics));
  manifest = std::move(m.value);
  std::vector<batch_input> inputs;
  for (const manifest_entry& e : manifest.entries) inputs.push_back({e.file, {}});
  return inputs;
}

// Calls progress(done, total) with the GIL held, when there is a callable.
struct progress_sink {
  py::object fn;
  std::size_t total = 0;
  std::size_t done = 0;
  void step() {
    ++done;
    if (fn.is_none()) return;
    py::gil_scoped_acquire gil;
    fn(done, total);
  }
};

// The __repr__ of the batch's records: "Name(key=value, ...)", values already spelled.
std::string record_repr(std::string_view name,
                        std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  std::string s(name);
  s += '(';
  bool first = true;
  for (const auto& [key, value] : fields) {
    if (!first) s += ", ";
    first = false;
    s += key;
    s += '=';
    s += value;
  }
  return s + ')';
}

std::string quoted(std::string_view s) { return '\'' + std::string(s) + '\''; }

std::string_view kind_name(comparison_kind k) {
  return k == comparison_kind::series ? "series" : "rollup";
}

} // namespace

void register_batch(py::module_& m) {
  m.def("is_unreadable", &is_unreadable_diagnostic, py::arg("diagnostic"),
        "True for a reader diagnostic that means the input could not be read at all: an error\n"
        "whose rule the rule table marks so (input.*, *.syntax, document.not_template, a broken\n"
        "DOCX archive, a scanned PDF...), as every command of the program judges it.");
  m.def("normalize_agency", &normalize_agency, py::arg("agency"),
        "The agency name as the batch groups reports by it (spaces, brackets and the like\n"
        "normalised), so one agency's years are found whatever the spelling.");
  m.def("report_html", &report_html, py::arg("report"), py::arg("diagnostics"),
        py::arg("id") = "gd", py::call_guard<py::gil_scoped_release>(),
        "The report as a self-contained HTML fragment: the official tables with the cells the\n"
        "diagnostics name marked (messages on hover) and the list of diagnostics. id prefixes\n"
        "the element ids. Releases the GIL.");
  py::class_<rule_count>(m, "RuleCount", "Counts of one rule over a batch.")
      .def_property_readonly(
          "level", [](const rule_count& c) { return std::string(enum_wire_name(c.level)); },
          "'error' or 'warning' (of the rule's first finding).")
      .def_readonly("findings", &rule_count::findings, "Diagnostics with this rule.")
      .def_readonly("reports", &rule_count::reports, "Reports with at least one of them.")
      .def("__repr__", [](const rule_count& c) {
        return record_repr("RuleCount", {{"level", quoted(enum_wire_name(c.level))},
                                         {"findings", std::to_string(c.findings)},
                                         {"reports", std::to_string(c.reports)}});
      });

  py::class_<batch_comparison>(
      m, "BatchComparison",
      "Reports of a batch compared with each other: kind 'series' (one agency, two consecutive\n"
      "years: files = [last year's, this year's]) or 'rollup' (files = [summary, members...]).")
      .def_property_readonly("kind",
                             [](const batch_comparison& c) { return std::string(kind_name(c.kind)); },
                             "'series' (consecutive years) or 'rollup' (summary and members).")
      .def_readonly("agency", &batch_comparison::agency, "This year's agency (series) or the summary's.")
      .def_readonly("year", &batch_comparison::year, "This year (series) or the summary's year.")
      .def_readonly("files", &batch_comparison::files, "Series: last year's file, then this year's; roll-up: the summary, then its members.")
      .def_readonly("reported_in", &batch_comparison::reported_in,
                    "The file whose result holds the findings.")
      .def_readonly("errors", &batch_comparison::errors, "Error findings of the comparison.")
      .def_readonly("warnings", &batch_comparison::warnings, "Warning findings of the comparison.")
      .def("__repr__", [](const batch_comparison& c) {
        return record_repr("BatchComparison", {{"kind", quoted(kind_name(c.kind))},
                                               {"year", std::to_string(c.year)},
                                               {"files", std::to_string(c.files.size())},
                                               {"errors", std::to_string(c.errors)},
                                               {"warnings", std::to_string(c.warnings)}});
      });

  py::class_<batch_item>(
      m, "BatchResult",
      "The outcome of one file of a batch: path, status ('pass', 'fail', 'unreadable'),\n"
      "reason (unreadable files, Chinese), report, diagnostics (reader, validation and\n"
      "cross-report findings), errors, warnings and derived figures.")
      .def_readonly("index", &batch_item::index, "Position in the input list.")
      .def_readonly("path", &batch_item::path, "The file.")
      .def_property_readonly("status",
                             [](const batch_item& i) { return std::string(status_name(i.status)); },
                             "'pass', 'fail' or 'unreadable'.")
      .def_property_readonly(
          "status_zh", [](const batch_item& i) { return std::string(status_label_zh(i.status)); },
          "通过, 不通过 or 无法读取.")
      .def_readonly("reason", &batch_item::reason, "Why the file could not be read (Chinese); '' otherwise.")
      .def_readonly("report", &batch_item::value, "The report read (partial when reading had errors).")
      .def_readonly("diagnostics", &batch_item::diagnostics, "Reader, validation and cross-report findings (Diagnostic).")
      .def_readonly("errors", &batch_item::errors, "Error diagnostics.")
      .def_readonly("warnings", &batch_item::warnings, "Warning diagnostics.")
      .def_readonly("derived", &batch_item::derived, "Derived figures (filled by export only; empty in check).")
      .def_property_readonly(
          "ok", [](const batch_item& i) { return i.status == batch_status::pass; },
          "True when the report was read and has no errors.")
      .def("__repr__", [](const batch_item& i) {
        return record_repr("BatchResult", {{"path", py::repr(py::str(i.path)).cast<std::string>()},
                                           {"status", quoted(status_name(i.status))},
                                           {"errors", std::to_string(i.errors)},
                                           {"warnings", std::to_string(i.warnings)}});
      });

  py::class_<batch_summary>(m, "BatchSummary", "What a batch gave, in numbers.")
      .def_readonly("files", &batch_summary::files, "Inputs handled.")
      .def_readonly("passed", &batch_summary::passed, "Reports that passed.")
      .def_readonly("failed", &batch_summary::failed, "Reports with errors.")
      .def_readonly("unreadable", &batch_summary::unreadable, "Files that could not be read.")
      .def_readonly("errors", &batch_summary::errors, "Error diagnostics over all files.")
      .def_readonly("warnings", &batch_summary::warnings, "Warning diagnostics over all files.")
      .def_readonly("rules", &batch_summary::rules, "{rule id: RuleCount}, sorted by id.")
      .def_readonly("comparisons", &batch_summary::comparisons,
                    "The comparisons made (BatchComparison), in order.")
      .def("__repr__", [](const batch_summary& s) {
        return record_repr("BatchSummary", {{"files", std::to_string(s.files)},
                                            {"passed", std::to_string(s.passed)},
                                            {"failed", std::to_string(s.failed)},
                                            {"unreadable", std::to_string(s.unreadable)},
                                            {"errors", std::to_string(s.errors)},
                                            {"warnings", std::to_string(s.warnings)}});
      });

  m.def(
      "check_files",
      [](const std::vector<std::string>& paths, const std::string& manifest_file, unsigned jobs,
         input_format format, bool warnings, std::vector<std::string> skip,
         const py::object& progress) {
        batch_manifest manifest;
        const std::vector<batch_input> inputs = inputs_of(paths, manifest_file, manifest);
        batch_options o;
        o.compare = true; // as `govdisclose check`
        o.manifest = manifest_file.empty() ? nullptr : &manifest;
        o.jobs = jobs;
        o.format = format;
        o.validation.warnings = warnings;
        o.validation.skip_rules = std::move(skip);
        progress_sink bar{progress, inputs.size()};
        std::vector<batch_item> items;
        items.reserve(inputs.size());
        batch_summary summary;
        {
          py::gil_scoped_release release;
          summary = check_files(inputs, o, [&](batch_item& item) {
            items.push_back(std::move(item));
            bar.step();
          });
        }
        return std::make_pair(std::move(items), std::move(summary));
      },
      py::arg("paths"), py::arg("manifest") = "", py::arg("jobs") = 0u,
      py::arg("format") = input_format::automatic, py::arg("warnings") = true,
      py::arg("skip") = std::vector<std::string>{}, py::arg("progress") = py::none(),
      "Read, validate and compare many files as `govdisclose check` does; returns\n"
      "([BatchResult], BatchSummary). progress(done, total) is called after each file.\n"
      "Releases the GIL while the batch runs.");

  m.def(
      "export_files",
      [](const std::vector<std::string>& paths, const std::string& manifest_file,
         const std::string& to, const std::string& output, unsigned jobs,
         const py::object& progress) {
        const auto format = dataset_format_from_name(to);
        if (!format)
          throw py::value_error("export format must be 'csv', 'csv-wide', 'jsonl' or 'xlsx', not '" +
                                to + "'");
        batch_manifest manifest;
        const std::vector<batch_input> inputs = inputs_of(paths, manifest_file, manifest);
        std::ostringstream text;
        std::unique_ptr<dataset_writer> writer;
        std::string error;
        if (output.empty()) {
          writer = make_dataset_writer(*format, text);
          if (!writer) throw py::value_error("xlsx needs an output file (output=...)");
        } else {
          writer = open_dataset(*format, output, error);
          if (!writer) throw std::runtime_error(error);
        }
        batch_options o;
        o.jobs = jobs;
        o.validate = false; // as `govdisclose export`: what the reports say, right or wrong
        o.derive = true;
        o.manifest = manifest_file.empty() ? nullptr : &manifest;
        progress_sink bar{progress, inputs.size()};
        std::vector<std::pair<std::string, std::string>> skipped;
        batch_summary summary;
        bool finished = false;
        {
          py::gil_scoped_release release;
          summary = check_files(inputs, o, [&](batch_item& item) {
            if (item.status == batch_status::unreadable)
              skipped.emplace_back(item.path, item.reason);
            else
              writer->add(item.value, item.path, item.derived);
            bar.step();
          });
          finished = writer->finish(error);
        }
        if (!finished) throw std::runtime_error(error);
        py::object data = py::none();
        if (output.empty()) data = py::str(text.str());
        return py::make_tuple(data, skipped, summary.files - summary.unreadable);
      },
      py::arg("paths"), py::arg("manifest") = "", py::arg("to") = "csv", py::arg("output") = "",
      py::arg("jobs") = 0u, py::arg("progress") = py::none(),
      "Write a dataset from many files as `govdisclose export` does; returns (text or None,\n"
      "[(path, reason)] of skipped files, reports written). Without output the text formats\n"
      "are returned as a str. Releases the GIL while the batch runs.");
}

} // namespace govdisclose::python
