// The govdisclose command-line program: validate, convert and generate reports.
#include "commands.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/validate.hpp>
#include <govdisclose/version.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <unistd.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace govdisclose::cli {
namespace {

constexpr const char* exit_codes_help = R"(Exit codes:
  0  clean: every input was read and has no errors (warnings allowed)
  1  errors: at least one input has validation (or reading) errors
  2  usage: the command line is wrong
  3  unreadable: an input is missing, unreadable or unparseable (or an output cannot be written))";

// Read FILE, or standard input for "-".
result<report> read_input(const std::string& file, input_format format) {
  if (file != "-") return read_report_file(file, format);
  std::cin >> std::noskipws;
  const std::string bytes{std::istreambuf_iterator<char>(std::cin),
                          std::istreambuf_iterator<char>()};
  return read_report(bytes, read_options{"<stdin>", format});
}

// Write text to FILE, or standard output when FILE is empty or "-"; false when it cannot.
struct validate_args {
  std::vector<std::string> files;
  std::string format = "text";
  std::string from = "auto";
  std::string lang = "zh";
  bool quiet = false;
  bool no_warnings = false;
  std::vector<std::string> skip;
};

int run_validate(const validate_args& a) {
  const language lang = a.lang == "en" ? language::en : language::zh;
  std::vector<file_outcome> outcomes;
  for (const auto& file : a.files) {
    file_outcome o;
    o.file = file == "-" ? "<stdin>" : file;
    result<report> read = read_input(file, input_format_named(a.from));
    o.unreadable = is_unreadable(read);
    o.diagnostics = std::move(read.diagnostics);
    // An unread report would only repeat "missing table" for every table: skip it.
    if (!o.unreadable) {
      validate_options vo;
      vo.warnings = !a.no_warnings;
      vo.skip_rules = a.skip;
      std::vector<diagnostic> found = validate(read.value, o.diagnostics, vo);
      o.diagnostics.insert(o.diagnostics.end(), found.begin(), found.end());
    }
    // Findings about the report itself carry no file: they belong to this one.
    for (auto& d : o.diagnostics)
      if (d.position.file.empty()) d.position.file = o.file;
    outcomes.push_back(std::move(o));
  }

  if (a.format == "json") {
    std::cout << pretty_json(outcomes_to_json(outcomes));
  } else {
    for (const auto& o : outcomes) {
      if (!a.quiet)
        for (const auto& d : o.diagnostics)
        {
          std::cout << format_diagnostic(d, o.file, lang) << '\n';
          // The hint on its own line, after the finding it explains: 提示：…
          if (d.hint) std::cout << format_hint(*d.hint, lang) << '\n';
        }
      std::cout << format_summary(o, lang) << '\n';
    }
    if (outcomes.size() > 1) std::cout << format_total(outcomes, lang) << '\n';
  }

  int code = exit_clean;
  for (const auto& o : outcomes) {
    if (o.unreadable) return exit_unreadable;
    if (has_errors(o.diagnostics)) code = exit_invalid;
  }
  return code;
}

struct convert_args {
  std::string file;
  std::string to;
  std::string output;
  std::string from = "auto";
  int indent = 2;
};

int run_convert(const convert_args& a) {
  result<report> read = read_input(a.file, input_format_named(a.from));
  for (const auto& d : read.diagnostics)
    std::cerr << format_diagnostic(d, a.file == "-" ? "<stdin>" : a.file, language::zh) << '\n';
  if (is_unreadable(read)) return exit_unreadable;
  std::string text;
  if (a.to == "json")
    text = to_json(read.value, json_options{a.indent});
  else if (a.to == "html")
    text = write_html(render_document(read.value));
  else if (a.to == "markdown")
    text = write_markdown(render_document(read.value));
  else if (a.to == "text")
    text = write_text(render_document(read.value));
  else if (a.to == "docx")
    text = write_docx(render_document(read.value));
  if (a.to != "docx" && !text.empty() && text.back() != '\n') text += '\n';
  if (a.to == "docx" && (a.output.empty() || a.output == "-") && isatty(1)) {
    std::cerr << "govdisclose: --to docx writes a binary file: give -o FILE\n";
    return exit_usage;
  }
  if (!write_output(a.output, text)) return exit_unreadable;
  return read.ok() ? exit_clean : exit_invalid;
}

struct generate_args {
  std::uint64_t seed = 1;
  std::string template_code = "2021";
  double blank_rate = 0.0;
  bool local_additions = false;
  std::string output;
};

int run_generate(const generate_args& a) {
  generate_options o;
  o.template_ = *template_from_code(a.template_code);
  o.blank_zero_rate = a.blank_rate;
  o.local_additions = a.local_additions;
  std::string text = to_json(generate_report(a.seed, o));
  if (!text.empty() && text.back() != '\n') text += '\n';
  return write_output(a.output, text) ? exit_clean : exit_unreadable;
}

} // namespace

int run(int argc, char** argv) {
  CLI::App app{"govdisclose " + std::string(version()) +
                   ": read, check and write annual reports on open government information\n"
                   "(政府信息公开工作年度报告), national templates of 2019 and 2021.",
               "govdisclose"};
  app.set_version_flag("--version", std::string(version()), "Print the version and exit");
  app.require_subcommand(1);
  app.footer(std::string("\nExamples:\n"
                         "  govdisclose validate report.json\n"
                         "  govdisclose validate --format json a.json b.json\n"
                         "  govdisclose convert report.json --to json -o copy.json\n"
                         "  govdisclose convert report.json --to html -o report.html\n"
                         "  govdisclose generate --seed 7 -o sample.json\n\n") +
             exit_codes_help + "\n\nDocumentation: docs/cli.md");

  const std::vector<std::string>& format_names = input_format_names();

  validate_args va;
  CLI::App* validate_cmd = app.add_subcommand(
      "validate", "Check reports against the template's rules (勾稽关系) and print the findings");
  validate_cmd->add_option("files", va.files, "Report files to check (- reads standard input)")
      ->required();
  validate_cmd->add_option("--format", va.format, "Output: text (one line per finding) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  validate_cmd->add_option("--from", va.from, "Input format (default: detect)")
      ->check(CLI::IsMember(format_names))
      ->capture_default_str();
  validate_cmd->add_option("--lang", va.lang, "Language of text output: zh (中文) or en")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  validate_cmd->add_flag("-q,--quiet", va.quiet, "Text output: print only each file's summary");
  validate_cmd->add_flag("--no-warnings", va.no_warnings,
                         "Check the rules that give errors only (no cell.blank and the like)");
  validate_cmd
      ->add_option("--skip", va.skip,
                   "Leave out a rule: an id (cell.blank) or a prefix (cell); repeatable")
      ->allow_extra_args(false);
  validate_cmd->footer(
      std::string("\nEach finding: file:line:column: 错误|警告 [rule] path: message"
                  "（应为 expected，实为 found）\n"
                  "then one summary line per file: 通过 (pass) or 不通过 (fail).\n"
                  "Example:\n  govdisclose validate report.json\n\n") +
      exit_codes_help);

  convert_args ca;
  CLI::App* convert_cmd = app.add_subcommand("convert", "Convert a report to another format");
  convert_cmd->add_option("file", ca.file, "The report to convert (- reads standard input)")
      ->required();
  convert_cmd
      ->add_option("--to", ca.to,
                   "Output format: json (canonical data), html, markdown, text or docx (the "
                   "report laid out in the official template)")
      ->required()
      ->check(CLI::IsMember({"json", "html", "markdown", "text", "docx"}));
  convert_cmd->add_option("-o,--output", ca.output, "Output file (default: standard output)");
  convert_cmd->add_option("--from", ca.from, "Input format (default: detect)")
      ->check(CLI::IsMember(format_names))
      ->capture_default_str();
  convert_cmd->add_option("--indent", ca.indent, "--to json: spaces per level, 0 for one line")
      ->check(CLI::Range(0, 8))
      ->capture_default_str();
  convert_cmd->footer(std::string("\nReader findings go to standard error; the report is written "
                                  "even when they include errors (exit 1).\n"
                                  "Example:\n  govdisclose convert report.json --to json -o "
                                  "copy.json\n\n") +
                      exit_codes_help);

  generate_args ga;
  CLI::App* generate_cmd = app.add_subcommand(
      "generate", "Write a random report that satisfies every rule (test and demo data) as JSON");
  generate_cmd->add_option("--seed", ga.seed, "Random seed; the same seed gives the same report")
      ->capture_default_str();
  generate_cmd->add_option("--template", ga.template_code, "National template: 2019 or 2021")
      ->check(CLI::IsMember({"2019", "2021"}))
      ->capture_default_str();
  generate_cmd
      ->add_option("--blank-rate", ga.blank_rate,
                   "Chance that a zero is published blank (gives cell.blank warnings)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  generate_cmd->add_flag("--local-additions", ga.local_additions,
                         "Fill the local 法人或其他组织小计 column and group 小计 rows");
  generate_cmd->add_option("-o,--output", ga.output, "Output file (default: standard output)");
  generate_cmd->footer("\nExample:\n  govdisclose generate --seed 7 --template 2019 -o "
                       "sample.json");

  // Batch inspection and datasets (cmd_check.cpp, cmd_export.cpp).
  const command check_cmd = add_check_command(app);
  const command export_cmd = add_export_command(app);
  const command compare_cmds[] = {add_diff_command(app), add_rollup_command(app)}; // cmd_compare.cpp

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? exit_clean : exit_usage;
  }
  try {
    if (validate_cmd->parsed()) return run_validate(va);
    if (convert_cmd->parsed()) return run_convert(ca);
    if (generate_cmd->parsed()) return run_generate(ga);
    if (check_cmd.app->parsed()) return check_cmd.run();
    if (export_cmd.app->parsed()) return export_cmd.run();
    for (const command& c : compare_cmds) if (c.app->parsed()) return c.run();
  } catch (const std::exception& e) {
    // The library does not throw on bad input; this is a last resort for the unexpected.
    std::cerr << "govdisclose: internal error: " << e.what() << '\n';
    return exit_unreadable;
  }
  return exit_usage;
}

} // namespace govdisclose::cli

int main(int argc, char** argv) { return govdisclose::cli::run(argc, argv); }
