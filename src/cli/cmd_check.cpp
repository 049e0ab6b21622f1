// `govdisclose check`: many reports at once, in parallel, with a summary and an inspection page.
#include "commands.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include "batch/batch_detail.hpp"

#include <govdisclose/batch.hpp>
#include <govdisclose/dataset.hpp>
#include <govdisclose/inspection_page.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/manifest.hpp>
#include <govdisclose/validate.hpp>

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace govdisclose::cli {
namespace {

struct check_args {
  std::vector<std::string> paths;
  unsigned jobs = 0;
  std::string format = "text";
  std::string html;
  bool html_all = false;
  bool verbose = false;
  bool no_warnings = false;
  std::vector<std::string> skip;
  std::string from = "auto";
  std::string manifest;
};

std::string json_string(std::string_view s) {
  return boost::json::serialize(boost::json::value(boost::json::string_view(s.data(), s.size())));
}

using detail::join; // validate.hpp

std::string text_line(const batch_item& item) {
  std::string line = item.path + ": " + std::string(status_label_zh(item.status));
  if (item.status == batch_status::unreadable) return line + "：" + item.reason;
  return line + "（" + std::to_string(item.errors) + " 个错误，" + std::to_string(item.warnings) +
         " 个警告）";
}

std::string json_item(const batch_item& item) {
  std::string s = "{\"file\":" + json_string(item.path) + ",\"status\":\"" +
                  std::string(status_name(item.status)) +
                  "\",\"errors\":" + std::to_string(item.errors) +
                  ",\"warnings\":" + std::to_string(item.warnings);
  if (!item.reason.empty()) s += ",\"reason\":" + json_string(item.reason);
  s += ",\"diagnostics\":" + diagnostics_to_json(item.diagnostics, json_options{0}) + "}";
  return s;
}

std::string text_totals(const batch_summary& s) {
  const auto n = [](std::size_t k) { return std::to_string(k); };
  std::string out;
  if (!s.rules.empty()) {
    out += "按规则统计：\n";
    for (const auto& [rule, c] : s.rules)
      out += "  " + rule + "  " + (c.level == severity::error ? "错误" : "警告") + "  " +
             n(c.findings) + " 处，涉及 " + n(c.reports) + " 个报告\n";
  }
  out += "共 " + n(s.files) + " 个文件：" + n(s.passed) + " 个通过，" + n(s.failed) +
         " 个不通过，" + n(s.unreadable) + " 个无法读取（" + n(s.errors) + " 个错误，" +
         n(s.warnings) + " 个警告）\n";
  return out;
}

// The comparisons across reports, for the text output: one line each.
std::string text_comparisons(const batch_summary& s) {
  if (s.comparisons.empty()) return {};
  const auto n = [](std::size_t k) { return std::to_string(k); };
  std::string out = "跨报告比对：\n";
  for (const batch_comparison& c : s.comparisons) {
    out += "  " + c.agency + " ";
    std::string about; // the file the findings are about
    if (c.kind == comparison_kind::series) {
      out += std::to_string(c.year - 1) + "→" + std::to_string(c.year) + "年度：" + c.files.at(0) +
             " → " + c.files.at(1);
      about = c.files.at(1);
    } else {
      out += std::to_string(c.year) + "年度汇总：" + c.files.at(0) + " ← ";
      for (std::size_t i = 1; i < c.files.size(); ++i)
        out += (i > 1 ? "、" : "") + c.files[i];
      about = c.files.at(0);
    }
    out += "（" + n(c.errors) + " 个错误，" + n(c.warnings) + " 个警告";
    if (c.reported_in != about && c.errors + c.warnings > 0)
      out += "，列在 " + c.reported_in + " 下";
    out += "）\n";
  }
  return out;
}

std::string json_comparisons(const batch_summary& s) {
  std::string out = "],\n\"comparisons\":[";
  bool first = true;
  for (const batch_comparison& c : s.comparisons) {
    out += first ? "\n" : ",\n";
    first = false;
    out += std::string("{\"kind\":\"") + (c.kind == comparison_kind::series ? "series" : "rollup") +
           "\",\"agency\":" + json_string(c.agency) + ",\"year\":" + std::to_string(c.year) +
           ",\"files\":[";
    for (std::size_t i = 0; i < c.files.size(); ++i)
      out += (i ? "," : "") + json_string(c.files[i]);
    out += "],\"reported_in\":" + json_string(c.reported_in) +
           ",\"errors\":" + std::to_string(c.errors) +
           ",\"warnings\":" + std::to_string(c.warnings) + "}";
  }
  return out;
}

std::string json_totals(const batch_summary& s) {
  std::string out = json_comparisons(s) + "],\n\"rules\":[";
  bool first = true;
  for (const auto& [rule, c] : s.rules) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "{\"rule\":" + json_string(rule) + ",\"level\":\"" +
           (c.level == severity::error ? "error" : "warning") +
           "\",\"findings\":" + std::to_string(c.findings) +
           ",\"reports\":" + std::to_string(c.reports) + "}";
  }
  out += "],\n\"summary\":{\"files\":" + std::to_string(s.files) +
         ",\"passed\":" + std::to_string(s.passed) + ",\"failed\":" + std::to_string(s.failed) +
         ",\"unreadable\":" + std::to_string(s.unreadable) +
         ",\"errors\":" + std::to_string(s.errors) + ",\"warnings\":" + std::to_string(s.warnings) +
         "}}\n";
  return out;
}

int run_check(const check_args& a) {
  batch_manifest manifest;
  int exit = exit_clean;
  const auto found = batch_inputs(a.paths, a.manifest, "check", manifest, exit);
  if (!found) return exit;
  const std::vector<batch_input>& inputs = *found;
  batch_options o;
  o.compare = true;
  o.manifest = a.manifest.empty() ? nullptr : &manifest;
  o.jobs = a.jobs;
  o.format = input_format_named(a.from);
  o.validation.warnings = !a.no_warnings;
  o.validation.skip_rules = a.skip;

  std::ofstream html_file;
  std::unique_ptr<inspection_page> page;
  if (!a.html.empty()) {
    html_file.open(a.html, std::ios::binary);
    if (!html_file) {
      std::cerr << "govdisclose: cannot write " << a.html << '\n';
      return exit_unreadable;
    }
    inspection_options io;
    io.all_reports = a.html_all;
    page = std::make_unique<inspection_page>(html_file, io);
  }

  std::ostream& out = std::cout;
  if (a.format == "json") out << "{\"files\":[";
  if (a.format == "csv") out << "file,status,errors,warnings,rules,reason\r\n";
  progress_bar bar(inputs.size(), true);
  const bool same_terminal = bar.shown() && ::isatty(STDOUT_FILENO) == 1;
  bool first = true;
  const batch_summary summary = check_files(inputs, o, [&](batch_item& item) {
    if (same_terminal) bar.clear();
    if (a.format == "json") {
      out << (first ? "\n" : ",\n") << json_item(item);
    } else if (a.format == "csv") {
      out << csv_field(item.path) << ',' << status_name(item.status) << ',' << item.errors << ','
          << item.warnings << ',' << csv_field(join(detail::rules_of(item.diagnostics), " ")) << ','
          << csv_field(item.reason) << "\r\n";
    } else {
      if (a.verbose) print_diagnostics(out, item.diagnostics, item.path);
      out << text_line(item) << '\n';
    }
    first = false;
    if (page) page->add(item);
    if (same_terminal) {
      out.flush();
      bar.redraw();
    }
    bar.step();
  });
  bar.clear();
  if (a.format == "json") out << json_totals(summary);
  if (a.format == "text") out << text_comparisons(summary) << text_totals(summary);
  out.flush();

  if (page) {
    page->finish(summary);
    html_file.close();
    if (!html_file) {
      std::cerr << "govdisclose: cannot write " << a.html << '\n';
      return exit_unreadable;
    }
  }
  if (summary.files == 0) std::cerr << "govdisclose: 没有找到可检查的报告文件\n";
  if (summary.unreadable == summary.files) return exit_unreadable; // nothing could be read
  if (summary.failed > 0 || summary.unreadable > 0) return exit_invalid;
  return exit_clean;
}

} // namespace

command add_check_command(CLI::App& app) {
  auto a = std::make_shared<check_args>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check many reports at once (files and folders, in parallel): 通过/不通过 per "
               "report, counts per rule, and an HTML inspection page");
  cmd->add_option("paths", a->paths,
                  "Report files and folders (searched recursively for .json .html .htm .md .txt "
                  ".docx .pdf)");
  cmd->add_option("--manifest", a->manifest,
                  "A CSV file (file,agency,year[,member_of]) listing the reports to check with "
                  "their agency and year, and the summary each one is summed into; instead of "
                  "PATH...");
  cmd->add_option("-j,--jobs", a->jobs, "Worker threads (default: every core)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--format", a->format,
                  "Output: text (a line per report, then per-rule counts), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  cmd->add_option("--html", a->html,
                  "Also write one self-contained HTML inspection page: summary with filters, "
                  "each report's tables with the failing cells marked");
  cmd->add_flag("--html-all", a->html_all,
                "In the HTML page, lay out the tables of reports without findings too");
  cmd->add_flag("-v,--verbose", a->verbose, "Text output: print every finding too");
  cmd->add_flag("--no-warnings", a->no_warnings, "Report errors only");
  cmd->add_option("--skip", a->skip,
                  "Leave out a rule: an id (cell.blank) or a prefix (cell); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--from", a->from, "Input format of every file (default: detect per file)")
      ->check(CLI::IsMember(input_format_names()))
      ->capture_default_str();
  cmd->footer("\nA progress bar is shown on standard error when it is a terminal.\n"
              "Reports of one agency in consecutive years are compared (across_years.*: "
              "carried_over against last year's carried_forward, in_force); agency and year come "
              "from each report or from --manifest, which may also name summary reports to "
              "check against their members (rollup.sum).\n"
              "Examples:\n"
              "  govdisclose check reports/ --html inspection.html\n"
              "  govdisclose check a.json b.html --format json -j 2\n"
              "  govdisclose check --manifest reports/manifest.csv\n\n"
              "Exit codes:\n"
              "  0  every report was read and passes (warnings allowed)\n"
              "  1  some report has errors, or some file could not be read (listed with the "
              "reason)\n"
              "  2  usage: the command line is wrong\n"
              "  3  nothing could be read (no supported file, or every file unreadable), the "
              "manifest has errors (listed as FILE:LINE), or the HTML page cannot be written\n\n"
              "Documentation: docs/inspection.md, docs/compare.md");
  return {cmd, [a] { return run_check(*a); }};
}

} // namespace govdisclose::cli
