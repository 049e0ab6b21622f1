// Derived figures: disclosure and correction rates, and the change in new applications.
#include <govdisclose/compare.hpp>
#include <govdisclose/reflect.hpp>

#include <boost/mp11.hpp>

#include "compare/compare_detail.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <system_error>

namespace govdisclose {
namespace {

using detail::new_received_total;

// A value for a figure: numbers, blanks and markers (as 0); nothing for absent or text.
std::optional<decimal> figure_value(const report& r, std::string_view path) {
  const cell* c = find_cell(r, path);
  if (!c) return std::nullopt;
  switch (c->state) {
  case cell_state::number: return c->value;
  case cell_state::blank:
  case cell_state::marker: return decimal{};
  default: return std::nullopt;
  }
}

std::optional<double> ratio(std::optional<decimal> num, std::optional<decimal> den) {
  if (!num || !den || *den == decimal{}) return std::nullopt;
  return num->to_double() / den->to_double();
}

std::optional<decimal> add(std::optional<decimal> a, std::optional<decimal> b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

} // namespace

derived_figures derive(const report& r) {
  derived_figures f;
  f.disclosure_rate = ratio(add(figure_value(r, "applications.granted.total"),
                                figure_value(r, "applications.partially_granted.total")),
                            figure_value(r, "applications.total_processed.total"));
  f.review_correction_rate = ratio(figure_value(r, "reviews.administrative_review.corrected"),
                                   figure_value(r, "reviews.administrative_review.total"));
  f.litigation_correction_rate =
      ratio(add(figure_value(r, "reviews.litigation_direct.corrected"),
                figure_value(r, "reviews.litigation_after_review.corrected")),
            add(figure_value(r, "reviews.litigation_direct.total"),
                figure_value(r, "reviews.litigation_after_review.total")));
  return f;
}

derived_figures derive(const report& r, const report& last_year) {
  derived_figures f = derive(r);
  const auto now = figure_value(r, new_received_total);
  const auto before = figure_value(last_year, new_received_total);
  if (now && before) {
    f.new_received_change = (*now - *before).to_double();
    f.new_received_growth = ratio(*now - *before, before);
  }
  return f;
}

std::string figure_text(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return {};
  char buffer[400]; // fixed notation of any finite double fits
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *v, std::chars_format::fixed);
  if (ec != std::errc{}) return {};
  std::string s(buffer, end);
  return s == "-0" ? "0" : s;
}

std::string derived_to_json(const derived_figures& f, int indent) {
  // Written by hand so that numbers keep figure_text()'s spelling (0.75, not 7.5E-1).
  std::string out = "{";
  bool first = true;
  using members = boost::describe::describe_members<derived_figures, boost::describe::mod_public>;
  boost::mp11::mp_for_each<members>([&](auto d) {
    out += first ? "" : ",";
    first = false;
    if (indent > 0) out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
    out += '"';
    out += d.name;
    out += indent > 0 ? "\": " : "\":";
    const std::string v = figure_text(f.*d.pointer);
    out += v.empty() ? "null" : v;
  });
  if (indent > 0) out += "\n";
  out += indent > 0 ? "}\n" : "}";
  return out;
}

} // namespace govdisclose
