// `govdisclose generate`: a random report that satisfies every rule, as JSON.
#include "commands.hpp"
#include "output.hpp"

#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>

#include <cstdint>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace govdisclose::cli {
namespace {

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

command add_generate_command(CLI::App& app) {
  auto ga = std::make_shared<generate_args>();
  CLI::App* generate_cmd = app.add_subcommand(
      "generate", "Write a random report that satisfies every rule (test and demo data) as JSON");
  generate_cmd->add_option("--seed", ga->seed, "Random seed; the same seed gives the same report")
      ->capture_default_str();
  generate_cmd->add_option("--template", ga->template_code, "National template: 2019 or 2021")
      ->check(CLI::IsMember({"2019", "2021"}))
      ->capture_default_str();
  generate_cmd
      ->add_option("--blank-rate", ga->blank_rate,
                   "Chance that a zero is published blank (gives cell.blank warnings)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  generate_cmd->add_flag("--local-additions", ga->local_additions,
                         "Fill the local 法人或其他组织小计 column and group 小计 rows");
  generate_cmd->add_option("-o,--output", ga->output, "Output file (default: standard output)");
  generate_cmd->footer("\nExample:\n  govdisclose generate --seed 7 --template 2019 -o "
                       "sample.json");
  return {generate_cmd, [ga] { return run_generate(*ga); }};
}

} // namespace govdisclose::cli
