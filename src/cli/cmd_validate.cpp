// `govdisclose validate`: check reports against the rules and print the findings.
#include "commands.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include "json/json_text.hpp"

#include <govdisclose/read.hpp>
#include <govdisclose/validate.hpp>

#include <iostream>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace govdisclose::cli {
namespace {

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
    o.file = input_name(file);
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
    std::cout << detail::json_text(outcomes_to_json(outcomes), 2);
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

} // namespace

command add_validate_command(CLI::App& app) {
  const std::vector<std::string>& format_names = input_format_names();
  auto va = std::make_shared<validate_args>();
  CLI::App* validate_cmd = app.add_subcommand(
      "validate", "Check reports against the template's rules (勾稽关系) and print the findings");
  validate_cmd->add_option("files", va->files, "Report files to check (- reads standard input)")
      ->required();
  validate_cmd->add_option("--format", va->format, "Output: text (one line per finding) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  validate_cmd->add_option("--from", va->from, "Input format (default: detect)")
      ->check(CLI::IsMember(format_names))
      ->capture_default_str();
  validate_cmd->add_option("--lang", va->lang, "Language of text output: zh (中文) or en")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  validate_cmd->add_flag("-q,--quiet", va->quiet, "Text output: print only each file's summary");
  validate_cmd->add_flag("--no-warnings", va->no_warnings,
                         "Check the rules that give errors only (no cell.blank and the like)");
  validate_cmd
      ->add_option("--skip", va->skip,
                   "Leave out a rule: an id (cell.blank) or a prefix (cell); repeatable")
      ->allow_extra_args(false);
  validate_cmd->footer(
      std::string("\nEach finding: file:line:column: 错误|警告 [rule] path: message"
                  "（应为 expected，实为 found）\n"
                  "then one summary line per file: 通过 (pass) or 不通过 (fail).\n"
                  "Example:\n  govdisclose validate report.json\n\n") +
      exit_codes_help);
  return {validate_cmd, [va] { return run_validate(*va); }};
}

} // namespace govdisclose::cli
