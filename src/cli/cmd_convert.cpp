// `govdisclose convert`: a report to another format (JSON, or the official layout as HTML, Markdown, text, DOCX).
#include "commands.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/render.hpp>

#include <iostream>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace govdisclose::cli {
namespace {

struct convert_args {
  std::string file;
  std::string to;
  std::string output;
  std::string from = "auto";
  int indent = 2;
};

int run_convert(const convert_args& a) {
  result<report> read = read_input(a.file, input_format_named(a.from));
  print_diagnostics(std::cerr, read.diagnostics, input_name(a.file));
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

} // namespace

command add_convert_command(CLI::App& app) {
  const std::vector<std::string>& format_names = input_format_names();
  auto ca = std::make_shared<convert_args>();
  CLI::App* convert_cmd = app.add_subcommand("convert", "Convert a report to another format");
  convert_cmd->add_option("file", ca->file, "The report to convert (- reads standard input)")
      ->required();
  convert_cmd
      ->add_option("--to", ca->to,
                   "Output format: json (canonical data), html, markdown, text or docx (the "
                   "report laid out in the official template)")
      ->required()
      ->check(CLI::IsMember({"json", "html", "markdown", "text", "docx"}));
  convert_cmd->add_option("-o,--output", ca->output, "Output file (default: standard output)");
  convert_cmd->add_option("--from", ca->from, "Input format (default: detect)")
      ->check(CLI::IsMember(format_names))
      ->capture_default_str();
  convert_cmd->add_option("--indent", ca->indent, "--to json: spaces per level, 0 for one line")
      ->check(CLI::Range(0, 8))
      ->capture_default_str();
  convert_cmd->footer(std::string("\nReader findings go to standard error; the report is written "
                                  "even when they include errors (exit 1).\n"
                                  "Example:\n  govdisclose convert report.json --to json -o "
                                  "copy.json\n\n") +
                      exit_codes_help);
  return {convert_cmd, [ca] { return run_convert(*ca); }};
}

} // namespace govdisclose::cli
