// The govdisclose command-line program: the subcommands (one file each, cmd_<command>.cpp),
// parsed and run.
#include "commands.hpp"
#include "output.hpp"

#include <govdisclose/version.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>

namespace govdisclose::cli {

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

  // One file a command (cmd_<command>.cpp).
  const command commands[] = {add_validate_command(app), add_convert_command(app),
                              add_generate_command(app), add_check_command(app),
                              add_export_command(app),   add_diff_command(app),
                              add_rollup_command(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? exit_clean : exit_usage;
  }
  try {
    for (const command& c : commands)
      if (c.app->parsed()) return c.run();
  } catch (const std::exception& e) {
    // The library does not throw on bad input; this is a last resort for the unexpected.
    std::cerr << "govdisclose: internal error: " << e.what() << '\n';
    return exit_unreadable;
  }
  return exit_usage;
}

} // namespace govdisclose::cli

int main(int argc, char** argv) { return govdisclose::cli::run(argc, argv); }
