#include "inputs.hpp"

#include "output.hpp"

#include <array>
#include <iostream>
#include <utility>

namespace govdisclose::cli {
namespace {

constexpr std::array<std::pair<std::string_view, input_format>, 7> formats{{
    {"auto", input_format::automatic},
    {"json", input_format::json},
    {"text", input_format::text},
    {"markdown", input_format::markdown},
    {"html", input_format::html},
    {"docx", input_format::docx},
    {"pdf", input_format::pdf},
}};

} // namespace

const std::vector<std::string>& input_format_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, format] : formats) out.emplace_back(name);
    return out;
  }();
  return names;
}

input_format input_format_named(std::string_view name) {
  for (const auto& [n, format] : formats)
    if (n == name) return format;
  return input_format::automatic;
}

std::optional<std::vector<batch_input>> batch_inputs(const std::vector<std::string>& paths,
                                                     const std::string& manifest_file,
                                                     std::string_view command,
                                                     batch_manifest& manifest, int& exit) {
  if (paths.empty() == manifest_file.empty()) {
    std::cerr << "govdisclose " << command
              << ": give PATH... or --manifest FILE (the files it lists), not both\n";
    exit = exit_usage;
    return std::nullopt;
  }
  if (manifest_file.empty()) return collect_inputs(paths);
  result<batch_manifest> m = read_manifest(manifest_file);
  print_diagnostics(std::cerr, m.diagnostics, manifest_file);
  if (!m.ok()) {
    std::cerr << "govdisclose: 清单 " << manifest_file << " 有错误，未读取任何报告\n";
    exit = exit_unreadable;
    return std::nullopt;
  }
  manifest = std::move(m.value);
  std::vector<batch_input> inputs;
  for (const manifest_entry& e : manifest.entries) inputs.push_back({e.file, {}});
  return inputs;
}

std::string input_name(const std::string& file) { return file == "-" ? "<stdin>" : file; }

// Read FILE, or standard input for "-".
result<report> read_input(const std::string& file, input_format format) {
  if (file != "-") return read_report_file(file, format);
  std::cin >> std::noskipws;
  const std::string bytes{std::istreambuf_iterator<char>(std::cin),
                          std::istreambuf_iterator<char>()};
  return read_report(bytes, read_options{input_name(file), format});
}

} // namespace govdisclose::cli
