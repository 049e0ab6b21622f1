/// @file diagnostic_builder.hpp
/// @brief Making a diagnostic with named setters: a Chinese and an English message cannot be
/// swapped silently, and the severity comes from the rule table.
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/rules.hpp>
#include <govdisclose/source.hpp>

#include <string>
#include <utility>

namespace govdisclose {

/// @brief Builds a diagnostic one named part at a time.
///
/// ```cpp
/// diagnostic d = diagnostic_builder("rollup.sum")
///                    .path("applications.granted.total")
///                    .at("summary.json", cell.span)
///                    .expected("12")
///                    .found("13")
///                    .message("汇总报告……")
///                    .message_en("cell … of summary …");
/// ```
/// The severity is the one the rule table gives the rule (rules.hpp); level() overrides it for
/// the few rules reported at either.
class diagnostic_builder {
public:
  /// @brief Start a diagnostic of `rule`, at the severity the rule table gives it (an error for
  /// an id the table lacks).
  /// @param rule the rule id.
  explicit diagnostic_builder(std::string rule) {
    const rule_info* r = find_rule(rule);
    d_.level = r != nullptr ? r->level : severity::error;
    d_.rule = std::move(rule);
  }

  /// @brief The severity, where it is not the rule's own.
  diagnostic_builder& level(severity s) {
    d_.level = s;
    return *this;
  }
  /// @brief The model path (`applications.granted.total`) or JSON path.
  diagnostic_builder& path(std::string p) {
    d_.path = std::move(p);
    return *this;
  }
  /// @brief Where in the input.
  diagnostic_builder& at(source_position p) {
    d_.position = std::move(p);
    return *this;
  }
  /// @brief Where in the input: a file and a span in it.
  diagnostic_builder& at(std::string file, source_span span) {
    return at(source_position{std::move(file), span.line, span.column});
  }
  /// @brief What the rule expected, as text.
  diagnostic_builder& expected(std::string v) {
    d_.expected = std::move(v);
    return *this;
  }
  /// @brief What the input holds, as text.
  diagnostic_builder& found(std::string v) {
    d_.found = std::move(v);
    return *this;
  }
  /// @brief The Chinese message.
  diagnostic_builder& message(std::string zh) {
    d_.message = std::move(zh);
    return *this;
  }
  /// @brief The English message.
  diagnostic_builder& message_en(std::string en) {
    d_.message_en = std::move(en);
    return *this;
  }

  /// @brief The diagnostic built.
  operator diagnostic() const { return d_; } // NOLINT(google-explicit-constructor): a builder

private:
  diagnostic d_;
};

} // namespace govdisclose
