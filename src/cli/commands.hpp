// Subcommands of the govdisclose program that live in their own files (check, export), and the
// progress bar they share.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <unistd.h>

namespace govdisclose::cli {

/// The exit codes, for the help texts.
inline constexpr const char* exit_codes_help = R"(Exit codes:
  0  clean: every input was read and has no errors (warnings allowed)
  1  errors: at least one input has validation (or reading) errors
  2  usage: the command line is wrong
  3  unreadable: an input is missing, unreadable or unparseable (or an output cannot be written))";

/// A registered subcommand: run it when it was parsed.
struct command {
  CLI::App* app = nullptr;  ///< The subcommand.
  std::function<int()> run; ///< Runs it; returns the exit code.
};

/// `govdisclose validate FILE...` (cmd_validate.cpp).
command add_validate_command(CLI::App& app);

/// `govdisclose convert FILE --to FORMAT` (cmd_convert.cpp).
command add_convert_command(CLI::App& app);

/// `govdisclose generate` (cmd_generate.cpp).
command add_generate_command(CLI::App& app);

/// `govdisclose check PATH...`: batch inspection (cmd_check.cpp).
command add_check_command(CLI::App& app);

/// `govdisclose export PATH... --to FORMAT`: datasets (cmd_export.cpp).
command add_export_command(CLI::App& app);

/// `govdisclose diff A B` and `govdisclose rollup FILES...` (cmd_compare.cpp).
command add_diff_command(CLI::App& app);
/// See add_diff_command().
command add_rollup_command(CLI::App& app);

/// A progress bar on standard error, shown only when it is a terminal (nothing on a pipe).
class progress_bar {
public:
  /// Start for `total` items; `enabled` false shows nothing; `label` precedes the bar.
  progress_bar(std::size_t total, bool enabled, std::string label = {})
      : total_(total), on_(enabled && ::isatty(STDERR_FILENO) == 1),
        start_(std::chrono::steady_clock::now()), label_(std::move(label)) {}
  ~progress_bar() { clear(); }
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;

  /// True when the bar is drawn.
  bool shown() const noexcept { return on_; }

  /// One more item done; redraws at most ten times a second.
  void step() {
    ++done_;
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done_ != total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    draw(now);
  }

  /// Erase the bar (before printing a line, and at the end).
  void clear() {
    if (on_ && drawn_) std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }

  /// Draw it again after a line was printed.
  void redraw() {
    if (on_) draw(std::chrono::steady_clock::now());
  }

private:
  void draw(std::chrono::steady_clock::time_point now) {
    constexpr std::size_t width = 30;
    const std::size_t filled = total_ ? done_ * width / total_ : width;
    std::string bar(filled, '#');
    bar.append(width - filled, '.');
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0.0;
    std::fprintf(stderr, "\r\033[K%s[%s] %zu/%zu  %.0f 个/秒", label_.c_str(), bar.c_str(), done_,
                 total_, rate);
    std::fflush(stderr);
    drawn_ = true;
  }

  std::size_t total_ = 0;
  std::size_t done_ = 0;
  bool on_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
  std::string label_;
};

} // namespace govdisclose::cli
