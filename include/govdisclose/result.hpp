/// @file result.hpp
/// @brief What parsing returns: a value (possibly partial) plus diagnostics; never a throw.
#pragma once

#include <govdisclose/diagnostic.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace govdisclose {

/// @brief A value and the diagnostics met while producing it.
///
/// Parsers never throw on bad input: they return what they could read and say what they could
/// not. `ok()` is false when any diagnostic is an error.
template <class T>
struct result {
  T value{};                            ///< The (possibly partial) value.
  std::vector<diagnostic> diagnostics;  ///< What went wrong or looks wrong, in input order.

  /// @brief True when no diagnostic is an error.
  bool ok() const noexcept { return !has_errors(diagnostics); }
};

/// @brief Thrown by the throwing wrappers (`*_or_throw`) when a result has errors.
class input_error : public std::runtime_error {
public:
  /// @brief Build from the diagnostics; the message is the first error's.
  explicit input_error(std::vector<diagnostic> ds)
      : std::runtime_error(first_message(ds)), diagnostics_(std::move(ds)) {}
  /// @brief All diagnostics of the failed call.
  const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
  static std::string first_message(const std::vector<diagnostic>& ds) {
    for (const auto& d : ds)
      if (d.level == severity::error) {
        std::string where = d.position.to_string();
        return (where.empty() ? "" : where + ": ") + d.rule + ": " + d.message_en;
      }
    return "input error";
  }
  std::vector<diagnostic> diagnostics_;
};

/// @brief The value of a result, or throw input_error when it has errors.
template <class T>
T value_or_throw(result<T> r) {
  if (!r.ok()) throw input_error(std::move(r.diagnostics));
  return std::move(r.value);
}

} // namespace govdisclose
