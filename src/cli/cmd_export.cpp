// `govdisclose export`: a dataset (long or wide CSV, JSON Lines, XLSX) from many reports.
#include "commands.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include <govdisclose/batch.hpp>
#include <govdisclose/dataset.hpp>
#include <govdisclose/manifest.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace govdisclose::cli {
namespace {

struct export_args {
  std::vector<std::string> paths;
  std::string to;
  std::string output;
  unsigned jobs = 0;
  std::string manifest;
};

int run_export(const export_args& a) {
  const auto format = dataset_format_from_name(a.to);
  if (!format) return exit_usage; // CLI11 checked it already
  batch_manifest manifest;
  int exit = exit_clean;
  const auto found = batch_inputs(a.paths, a.manifest, "export", manifest, exit);
  if (!found) return exit;
  const std::vector<batch_input>& inputs = *found;
  std::string error;
  std::unique_ptr<dataset_writer> writer = open_dataset(*format, a.output, error);
  if (!writer) {
    std::cerr << "govdisclose: " << error << '\n';
    return *format == dataset_format::xlsx && (a.output.empty() || a.output == "-")
               ? exit_usage
               : exit_unreadable;
  }
  batch_options o;
  o.jobs = a.jobs;
  o.validate = false; // a dataset holds what the reports say, right or wrong
  o.derive = true;    // with year-over-year figures: last year's report may come later
  o.manifest = a.manifest.empty() ? nullptr : &manifest;
  // Two passes (the first reads ahead to find last year's reports): a bar for each.
  std::unique_ptr<progress_bar> first;
  o.on_read_ahead = [&](std::size_t done, std::size_t total) {
    if (!first) first = std::make_unique<progress_bar>(total, true, "读取（第 1 遍）");
    first->step();
    if (done == total) first.reset(); // erased: the second pass draws its own
  };
  progress_bar bar(inputs.size(), true, "导出（第 2 遍）");
  std::size_t written = 0;
  const batch_summary summary = check_files(inputs, o, [&](batch_item& item) {
    if (item.status == batch_status::unreadable) {
      bar.clear();
      std::cerr << item.path << ": 无法读取，已跳过：" << item.reason << '\n';
      bar.redraw();
    } else {
      writer->add(item.value, item.path, item.derived);
      ++written;
    }
    bar.step();
  });
  bar.clear();
  if (!writer->finish(error)) {
    std::cerr << "govdisclose: " << error << '\n';
    return exit_unreadable;
  }
  writer.reset();
  if (bar.shown() || !a.output.empty())
    std::cerr << "已导出 " << written << " 个报告" << (summary.unreadable ? "，" : "")
              << (summary.unreadable ? std::to_string(summary.unreadable) + " 个文件无法读取"
                                     : std::string())
              << '\n';
  if (written == 0) {
    if (summary.files == 0) std::cerr << "govdisclose: 没有找到可导出的报告文件\n";
    return exit_unreadable;
  }
  return summary.unreadable > 0 ? exit_invalid : exit_clean;
}

} // namespace

command add_export_command(CLI::App& app) {
  auto a = std::make_shared<export_args>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write a dataset from many reports (files and folders): long or wide CSV, JSON "
                "Lines or XLSX");
  cmd->add_option("paths", a->paths, "Report files and folders (searched recursively)");
  cmd->add_option("--manifest", a->manifest,
                  "A CSV file (file,agency,year[,member_of]) listing the reports to export with "
                  "their agency and year (for year-over-year figures); instead of PATH...");
  cmd->add_option("--to", a->to,
                  "csv (one line per cell: source, agency, year, template, table, row, column, "
                  "value, state), csv-wide (one line per report), jsonl (one report per line) "
                  "or xlsx (one sheet per table)")
      ->required()
      ->check(CLI::IsMember({"csv", "csv-wide", "jsonl", "xlsx"}));
  cmd->add_option("-o,--output", a->output,
                  "Output file (default: standard output; xlsx needs a file)");
  cmd->add_option("-j,--jobs", a->jobs, "Worker threads (default: every core)")
      ->check(CLI::Range(1u, 1024u));
  cmd->footer("\nReports are written in input order (folders in name order). Files that cannot "
              "be read are skipped and listed on standard error. On a terminal a progress bar "
              "is shown on standard error in each of the two passes.\n"
              "Each report also gets its derived figures (disclosure rate, correction rates in "
              "review and litigation, and the change of new applications from the same agency's "
              "previous year's report when it is among the inputs); a figure whose denominator "
              "is zero is empty (CSV) or null (JSON), never 0. To find last year's report wherever "
              "it comes, the inputs are read twice (with --manifest, only where needed).\n"
              "Examples:\n"
              "  govdisclose export reports/ --to csv -o cells.csv\n"
              "  govdisclose export reports/ --to xlsx -o reports.xlsx\n\n"
              "Exit codes:\n"
              "  0  every file was read and exported\n"
              "  1  some files could not be read (the others were exported)\n"
              "  2  usage: the command line is wrong (xlsx without -o)\n"
              "  3  nothing could be read, the manifest has errors, or the output cannot be "
              "written\n\n"
              "Documentation: docs/inspection.md");
  return {cmd, [a] { return run_export(*a); }};
}

} // namespace govdisclose::cli
