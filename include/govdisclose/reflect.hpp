/// @file reflect.hpp
/// @brief Generic walks over the described model: every cell with its dotted path.
#pragma once

#include <govdisclose/model.hpp>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace govdisclose {

/// @brief The wire name of a described member: its C++ name without a trailing underscore
/// (`template_` is `template`).
constexpr std::string_view wire_name(std::string_view member) noexcept {
  return !member.empty() && member.back() == '_' ? member.substr(0, member.size() - 1) : member;
}

namespace detail {

template <class T> struct is_variant : std::false_type {};
template <class... Ts> struct is_variant<std::variant<Ts...>> : std::true_type {};
template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

// A cell state's described name (`number`, `blank`…): the wire spelling of JSON, CSV and diffs.
inline std::string_view state_name(cell_state s) noexcept {
  std::string_view name = "absent";
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<cell_state>>([&](auto e) {
    if (e.value == s) name = e.name;
  });
  return name;
}

// True when a T may contain Leaf objects: walks descend only into such members.
template <class Leaf, class T>
constexpr bool may_contain() {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, Leaf>) return true;
  else if constexpr (is_variant<U>::value) return true;
  else if constexpr (boost::describe::has_describe_members<U>::value)
    return !std::is_same_v<U, report_meta> && !std::is_same_v<U, narrative_text>;
  else return false;
}

template <class Leaf, class T, class F>
void walk(T& obj, std::string& path, F& f) {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, Leaf>) {
    f(std::string_view(path), obj);
  } else if constexpr (is_variant<U>::value) {
    std::visit([&](auto& alt) { walk<Leaf>(alt, path, f); }, obj);
  } else if constexpr (may_contain<Leaf, U>()) {
    using members = boost::describe::describe_members<U, boost::describe::mod_public>;
    boost::mp11::mp_for_each<members>([&](auto d) {
      using M = std::remove_cvref_t<decltype(obj.*d.pointer)>;
      if constexpr (may_contain<Leaf, M>()) {
        const std::size_t size = path.size();
        if (!path.empty()) path += '.';
        path += wire_name(d.name);
        walk<Leaf>(obj.*d.pointer, path, f);
        path.resize(size);
      }
    });
  }
}

} // namespace detail

/// @brief Call `f(path, leaf)` for every `Leaf` object inside a model object, in template order.
///
/// Paths are the dotted codes relative to `obj`. For a variant member only the alternative it
/// holds is walked. `for_each<applicant_row>(apps, f)` visits every row of the matrix.
template <class Leaf, class T, class F>
void for_each(T& obj, F&& f) {
  std::string path;
  path.reserve(64);
  detail::walk<Leaf>(obj, path, f);
}

/// @brief Call `f(path, cell)` for every cell of a model object, in template order.
///
/// Paths are the dotted codes relative to `obj` (`applications.withheld.state_secret.total`
/// for a report). Works on const and non-const objects; `f` receives `const cell&` or `cell&`.
template <class T, class F>
void for_each_cell(T& obj, F&& f) {
  for_each<cell>(obj, std::forward<F>(f));
}

/// @brief The six applicant cells of a row (the columns that add up to `total`).
inline std::array<cell*, 6> applicant_cells(applicant_row& r) noexcept {
  return {&r.natural_person,      &r.commercial_enterprise, &r.research_institution,
          &r.social_welfare_organization, &r.legal_service_agency, &r.other_organization};
}

/// @brief Find a cell by its dotted path; nullptr when there is none.
///
/// A linear walk (a report has about 250 cells); index with for_each_cell() for many lookups.
template <class T>
auto find_cell(T& obj, std::string_view path)
    -> std::conditional_t<std::is_const_v<T>, const cell*, cell*> {
  std::conditional_t<std::is_const_v<T>, const cell*, cell*> found = nullptr;
  for_each_cell(obj, [&](std::string_view p, auto& c) {
    if (!found && p == path) found = &c;
  });
  return found;
}

} // namespace govdisclose
