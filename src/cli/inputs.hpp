// What the govdisclose commands read: format names, and the inputs of a batch (PATHs or a
// manifest).
#pragma once

#include <govdisclose/batch.hpp>
#include <govdisclose/manifest.hpp>
#include <govdisclose/read.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose::cli {

/// The names --from accepts (`auto`, `json`, `text`, `markdown`, `html`, `docx`, `pdf`).
const std::vector<std::string>& input_format_names();

/// The format a --from name names (automatic for `auto` and unknown names).
input_format input_format_named(std::string_view name);

/// The name of an input in messages: `<stdin>` for "-", else the file as given.
std::string input_name(const std::string& file);

/// Read FILE, or standard input for "-".
result<report> read_input(const std::string& file, input_format format);

/// The inputs of a batch command: the files under `paths`, or the files the manifest at
/// `manifest_file` lists (read into `manifest`). Exactly one of the two must be given. On a
/// problem it prints it (the manifest's findings as `FILE:LINE:COLUMN` lines, `command` naming
/// the subcommand) and returns nothing, with the exit code in `exit`.
std::optional<std::vector<batch_input>> batch_inputs(const std::vector<std::string>& paths,
                                                     const std::string& manifest_file,
                                                     std::string_view command,
                                                     batch_manifest& manifest, int& exit);

} // namespace govdisclose::cli
