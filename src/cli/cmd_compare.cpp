// `govdisclose diff A B` and `govdisclose rollup FILES...`: comparing reports (compare.hpp).
#include "commands.hpp"
#include "output.hpp"

#include <govdisclose/compare.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace govdisclose::cli {
namespace {

// Read a report, printing reader findings on standard error; false when it cannot be used.
bool read_for_compare(const std::string& file, report& out) {
  result<report> r = read_report_file(file);
  print_diagnostics(std::cerr, r.diagnostics, file);
  if (is_unreadable(r)) {
    std::cerr << "govdisclose: " << file << ": 无法读取\n";
    return false;
  }
  if (r.value.meta.source.empty()) r.value.meta.source = file;
  out = std::move(r.value);
  return true;
}

struct diff_args {
  std::string a, b;
  std::string format = "text";
  bool provenance = false;
};

int run_diff(const diff_args& a) {
  report x, y;
  if (!read_for_compare(a.a, x) || !read_for_compare(a.b, y)) return exit_unreadable;
  const report_diff d = diff(x, y, diff_options{a.provenance});
  std::string text;
  if (a.format == "json")
    text = diff_to_json(d);
  else if (a.format == "csv")
    text = diff_to_csv(d);
  else
    text = diff_to_text(d);
  if (!write_output("", text)) return exit_unreadable;
  return d.empty() ? exit_clean : exit_invalid;
}

struct rollup_args {
  std::vector<std::string> files;
  std::string to = "json";
  std::string output;
  std::string check;
};

int run_rollup(const rollup_args& a) {
  std::vector<report> members;
  for (const auto& f : a.files) {
    report r;
    if (!read_for_compare(f, r)) return exit_unreadable;
    members.push_back(std::move(r));
  }
  if (!a.check.empty()) {
    report summary;
    if (!read_for_compare(a.check, summary)) return exit_unreadable;
    const auto ds = check_rollup(summary, members);
    print_diagnostics(std::cout, ds, a.check);
    std::cout << a.check << ": " << (ds.empty() ? "汇总一致" : "汇总不一致") << "（"
              << ds.size() << " 项）\n";
    return ds.empty() ? exit_clean : exit_invalid;
  }
  result<report> sum = rollup(members);
  print_diagnostics(std::cerr, sum.diagnostics, "");
  if (!sum.ok()) return exit_invalid;
  return write_output(a.output, to_json(sum.value)) ? exit_clean : exit_unreadable;
}

constexpr const char* compare_exit_codes = "Exit codes:\n"
                                           "  0  equal (diff) / consistent or written (rollup)\n"
                                           "  1  different (diff) / members of different "
                                           "templates, or the summary disagrees (rollup --check)\n"
                                           "  2  usage: the command line is wrong\n"
                                           "  3  an input cannot be read, or the output written";

} // namespace

command add_diff_command(CLI::App& app) {
  auto a = std::make_shared<diff_args>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "Compare two reports cell by cell: changed cells, narrative sections and meta");
  cmd->add_option("a", a->a, "The first (before) report")->required();
  cmd->add_option("b", a->b, "The second (after) report")->required();
  cmd->add_option("--format", a->format, "Output: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  cmd->add_flag("--provenance", a->provenance,
                "Also compare meta.source and meta.format (where the reports were read from)");
  cmd->footer(std::string("\nExamples:\n  govdisclose diff 2022.json 2022-corrected.json\n"
                          "  govdisclose diff a.html b.json --format csv > changes.csv\n\n") +
              compare_exit_codes + "\n\nDocumentation: docs/compare.md");
  return {cmd, [a] { return run_diff(*a); }};
}

command add_rollup_command(CLI::App& app) {
  auto a = std::make_shared<rollup_args>();
  CLI::App* cmd = app.add_subcommand(
      "rollup", "Sum member reports cell by cell into a summary report (JSON), or check a "
                "published summary against them (--check)");
  cmd->add_option("files", a->files, "Member reports (same template)")->required();
  cmd->add_option("--to", a->to, "Output format of the summary")
      ->check(CLI::IsMember({"json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", a->output, "Output file (default: standard output)");
  cmd->add_option("--check", a->check,
                  "A published summary report: print rollup.sum findings instead of writing");
  cmd->footer(std::string("\nBlanks count as 0; markers (/, —, 无) and text are not summed "
                          "and are listed on standard error.\n"
                          "Examples:\n  govdisclose rollup county/*.json -o county-sum.json\n"
                          "  govdisclose rollup county/*.json --check county-summary.json\n\n") +
              compare_exit_codes + "\n\nDocumentation: docs/compare.md");
  return {cmd, [a] { return run_rollup(*a); }};
}

} // namespace govdisclose::cli
