// The govdisclose command-line program.
#include <govdisclose/version.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"govdisclose: read, check and write annual reports on open government information"};
  app.set_version_flag("--version", std::string(govdisclose::version()));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::cout << app.help();
  return 0;
}
