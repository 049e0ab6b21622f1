/// @file binder.hpp
/// @brief The generic binder: Python classes for every described model type, driven by
/// Boost.Describe metadata (fields as properties, keyword construction, `__repr__`, `__eq__`,
/// pickling with a versioned state, copy/deepcopy, canonical `to_dict`/`from_dict`).
///
/// Nothing here names a model member: adding a member to a described struct adds the property,
/// its place in `repr`, pickling and the dict form.
#pragma once

#include <govdisclose/cell.hpp>
#include <govdisclose/decimal.hpp>
#include <govdisclose/diagnostic.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/reflect.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace govdisclose::python {

namespace py = pybind11;

/// @brief True for enums described with BOOST_DESCRIBE_ENUM: they cross to Python as `str`.
template <class E>
constexpr bool is_described_enum_v =
    std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value;

/// @brief True for structs described with BOOST_DESCRIBE_STRUCT (decimal excepted: it is a value).
template <class T>
constexpr bool is_described_struct_v =
    boost::describe::has_describe_members<T>::value && !std::is_same_v<T, decimal>;

using detail::is_optional; // reflect.hpp
using detail::is_variant;
template <class T> struct is_struct_vector : std::false_type {};
template <class T, class A>
struct is_struct_vector<std::vector<T, A>> : std::bool_constant<is_described_struct_v<T>> {};

/// @brief The Python spelling of an enumerator: its name, except templates ("2019", "2021").
template <class E>
std::string_view enum_wire_name(E e) {
  if constexpr (std::is_same_v<E, template_id>) {
    return template_code(e);
  } else {
    std::string_view name = "unknown";
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      if (d.value == e) name = d.name;
    });
    return name;
  }
}

/// @brief The enumerator spelled `s` in Python, if there is one.
template <class E>
std::optional<E> enum_from_wire(std::string_view s) {
  if constexpr (std::is_same_v<E, template_id>) {
    return template_from_code(s);
  } else {
    std::optional<E> out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      if (s == d.name) out = d.value;
    });
    return out;
  }
}

/// @brief The names an enum may take in Python, comma-separated, for error messages.
template <class E>
std::string enum_choices() {
  std::string s;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!s.empty()) s += ", ";
    s += '\'';
    s += enum_wire_name<E>(d.value);
    s += '\'';
  });
  return s;
}

/// @brief `decimal.Decimal`, imported once and kept for the life of the process.
inline py::handle decimal_class() {
  static py::handle cls = py::object(py::module_::import("decimal").attr("Decimal")).release();
  return cls;
}

/// @brief A decimal as Python: `int` when it has no decimals, else an exact `decimal.Decimal`
/// keeping its scale (`Decimal('12.3400')`).
inline py::object decimal_to_python(const decimal& d) {
  if (d.scale == 0) return py::int_(d.units);
  return decimal_class()(d.to_string());
}

/// @brief Read an `int` or `decimal.Decimal` (or, with `allow_str`, a numeric `str`) exactly.
inline std::optional<decimal> decimal_from_python(py::handle h, bool allow_str) {
  if (PyBool_Check(h.ptr())) return std::nullopt;
  if (PyLong_Check(h.ptr())) {
    int overflow = 0;
    const long long n = PyLong_AsLongLongAndOverflow(h.ptr(), &overflow);
    if (overflow != 0 || (n == -1 && PyErr_Occurred())) {
      PyErr_Clear();
      return std::nullopt;
    }
    return decimal::whole(n);
  }
  std::string text;
  if (py::isinstance(h, decimal_class())) {
    // 'f' never uses an exponent, so decimal::parse reads it.
    text = py::str(py::module_::import("builtins").attr("format")(h, "f"));
  } else if (allow_str && PyUnicode_Check(h.ptr())) {
    text = h.cast<std::string>();
  } else {
    return std::nullopt;
  }
  return decimal::parse(text);
}

} // namespace govdisclose::python

namespace pybind11::detail {

/// Described enums are `str` in Python (StrEnum members are accepted as they are `str`).
template <class E>
struct type_caster<E, std::enable_if_t<govdisclose::python::is_described_enum_v<E>>> {
  PYBIND11_TYPE_CASTER(E, const_name("str"));

  bool load(handle src, bool) {
    if (!PyUnicode_Check(src.ptr())) return false;
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(src.ptr(), &size);
    if (!data) {
      PyErr_Clear();
      return false;
    }
    auto e = govdisclose::python::enum_from_wire<E>(
        std::string_view(data, static_cast<std::size_t>(size)));
    if (!e) return false;
    value = *e;
    return true;
  }

  static handle cast(const E& e, return_value_policy, handle) {
    const std::string_view s = govdisclose::python::enum_wire_name(e);
    return PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
  }
};

/// Exact decimals are `int` or `decimal.Decimal` in Python, never `float`.
template <>
struct type_caster<govdisclose::decimal> {
  PYBIND11_TYPE_CASTER(govdisclose::decimal, const_name("int | decimal.Decimal"));

  bool load(handle src, bool convert) {
    auto d = govdisclose::python::decimal_from_python(src, convert);
    if (!d) return false;
    value = *d;
    return true;
  }

  static handle cast(const govdisclose::decimal& d, return_value_policy, handle) {
    return govdisclose::python::decimal_to_python(d).release();
  }
};

} // namespace pybind11::detail

namespace govdisclose::python {

/// @brief The version of the pickled state; bump it when a state can no longer be read as is.
inline constexpr int pickle_version = 1;

/// @brief The Python class name of a bound type.
template <class T>
std::string class_name() {
  return py::type::of<T>().attr("__name__").template cast<std::string>();
}

/// @brief `Cell(5)`, `Cell(Decimal('1.5000'))`, `Cell(None)` (blank), `Cell('/')`, `Cell()` (absent).
inline std::string cell_repr(const cell& c) {
  switch (c.state) {
  case cell_state::absent: return "Cell()";
  case cell_state::blank: return "Cell(None)";
  case cell_state::number:
    return "Cell(" + py::repr(decimal_to_python(c.value)).cast<std::string>() + ")";
  default: return "Cell(" + py::repr(py::str(c.raw)).cast<std::string>() + ")";
  }
}

template <class T> std::string repr_of(const T& v);

/// @brief `Name(field=value, ...)`, leaving out fields that hold their default value.
template <class T>
std::string struct_repr(const T& obj) {
  std::string s = class_name<T>() + "(";
  bool first = true;
  const T defaults{};
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        if constexpr (std::is_same_v<T, cell>) {
          return;
        } else {
          if (obj.*d.pointer == defaults.*d.pointer) return;
          if (!first) s += ", ";
          first = false;
          s += wire_name(d.name);
          s += '=';
          s += repr_of(obj.*d.pointer);
        }
      });
  return s + ")";
}

/// @brief A readable repr for any field value.
template <class T>
std::string repr_of(const T& v) {
  if constexpr (std::is_same_v<T, cell>) {
    return cell_repr(v);
  } else if constexpr (is_variant<T>::value) {
    return std::visit([](const auto& alt) { return repr_of(alt); }, v);
  } else if constexpr (is_described_struct_v<T>) {
    return struct_repr(v);
  } else {
    return py::repr(py::cast(v)).template cast<std::string>();
  }
}

// ---- the canonical dict form (the same shape as the canonical JSON) ---------------------------

/// @brief Raised by from_dict with the dotted path of the offending member.
struct dict_error {
  std::string path;    ///< Where.
  std::string message; ///< What.
};

/// @brief A cell in the canonical form: the number, None when blank, the raw text otherwise.
inline py::object cell_to_python(const cell& c) {
  switch (c.state) {
  case cell_state::number: return decimal_to_python(c.value);
  case cell_state::blank:
  case cell_state::absent: return py::none();
  default: return py::str(c.raw);
  }
}

/// @brief A canonical value back to a cell: a number, None (blank) or a marker/text string
/// (read as report_from_json() reads it: a marker string is a marker, any other a text cell).
inline cell cell_from_python(py::handle h, const std::string& path) {
  if (h.is_none()) return cell::blank();
  if (auto d = decimal_from_python(h, false)) return cell::number(*d);
  if (PyUnicode_Check(h.ptr())) {
    const std::string text = h.cast<std::string>();
    const cell c = classify_cell(text);
    if (c.state == cell_state::blank) return cell::blank();
    cell out;
    out.state = c.state == cell_state::marker ? cell_state::marker : cell_state::text;
    out.raw = text;
    return out;
  }
  throw dict_error{path, "expected a number, None or a str, found " +
                             py::repr(py::type::handle_of(h)).cast<std::string>()};
}

/// @brief True for the report model's types, whose dict form leaves out what is empty (as the
/// canonical JSON does); diagnostics keep every member.
template <class T>
constexpr bool omits_empty_v = !std::is_same_v<T, diagnostic> && !std::is_same_v<T, source_position>;

/// @brief True when a canonical value is left out: None, an empty str or an empty dict.
inline bool is_empty_value(const py::object& v) {
  if (v.is_none()) return true;
  if (PyUnicode_Check(v.ptr())) return PyUnicode_GET_LENGTH(v.ptr()) == 0;
  if (PyDict_Check(v.ptr())) return PyDict_Size(v.ptr()) == 0;
  return false;
}

template <class T> py::object to_python(const T& v);

/// @brief A described struct as a dict keyed by wire names; absent cells are left out.
template <class T>
py::dict struct_to_python(const T& obj) {
  py::dict out;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        using M = std::remove_cvref_t<decltype(obj.*d.pointer)>;
        const std::string key(wire_name(d.name));
        if constexpr (std::is_same_v<M, cell>) {
          if ((obj.*d.pointer).present()) out[py::str(key)] = cell_to_python(obj.*d.pointer);
        } else if constexpr (std::is_same_v<M, source_span>) {
          return; // provenance, not content
        } else if constexpr (is_optional<M>::value) {
          // An absent optional object (a diagnostic's hint) is left out, as in JSON.
          if constexpr (is_described_struct_v<typename M::value_type>) {
            if (!(obj.*d.pointer)) return;
          }
          py::object v = to_python(obj.*d.pointer);
          if (!omits_empty_v<T> || !is_empty_value(v)) out[py::str(key)] = std::move(v);
        } else {
          py::object v = to_python(obj.*d.pointer);
          if (!omits_empty_v<T> || !is_empty_value(v)) out[py::str(key)] = std::move(v);
        }
      });
  return out;
}

/// @brief Any field value in the canonical form.
template <class T>
py::object to_python(const T& v) {
  if constexpr (std::is_same_v<T, cell>) {
    return cell_to_python(v);
  } else if constexpr (is_variant<T>::value) {
    return std::visit([](const auto& alt) { return to_python(alt); }, v);
  } else if constexpr (is_described_struct_v<T>) {
    return struct_to_python(v);
  } else if constexpr (is_optional<T>::value) {
    if (!v) return py::none();
    return to_python(*v);
  } else if constexpr (is_struct_vector<T>::value) {
    py::list out;
    for (const auto& e : v)
      out.append(to_python(e));
    return out;
  } else {
    return py::cast(v);
  }
}

template <class T> void from_python(py::handle h, T& out, std::string& path);

/// @brief Fill a described struct from a mapping; unknown keys and wrong types raise dict_error.
template <class T>
void struct_from_python(py::handle h, T& obj, std::string& path) {
  if (!PyDict_Check(h.ptr()))
    throw dict_error{path, "expected a dict, found " +
                               py::repr(py::type::handle_of(h)).cast<std::string>()};
  for (auto item : py::reinterpret_borrow<py::dict>(h)) {
    if (!PyUnicode_Check(item.first.ptr()))
      throw dict_error{path, "keys must be str"};
    const std::string key = item.first.cast<std::string>();
    bool found = false;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto d) {
          if (found || key != wire_name(d.name)) return;
          found = true;
          const std::size_t size = path.size();
          if (!path.empty()) path += '.';
          path += key;
          from_python(item.second, obj.*d.pointer, path);
          path.resize(size);
        });
    if (!found)
      throw dict_error{path.empty() ? key : path + "." + key, "unknown member"};
  }
}

/// @brief Read any field value from its canonical form.
template <class T>
void from_python(py::handle h, T& out, std::string& path) {
  if constexpr (std::is_same_v<T, cell>) {
    out = cell_from_python(h, path);
  } else if constexpr (is_variant<T>::value) {
    // The alternative is chosen by the report's template before its members are read.
    std::visit([&](auto& alt) { from_python(h, alt, path); }, out);
  } else if constexpr (is_described_struct_v<T>) {
    struct_from_python(h, out, path);
  } else if constexpr (is_struct_vector<T>::value) {
    if (!PyList_Check(h.ptr()) && !PyTuple_Check(h.ptr()))
      throw dict_error{path, "expected a list, found " + py::repr(h).cast<std::string>()};
    out.clear();
    std::size_t i = 0;
    for (auto e : h) {
      const std::size_t size = path.size();
      path += "[" + std::to_string(i++) + "]";
      typename T::value_type v{};
      from_python(e, v, path);
      out.push_back(std::move(v));
      path.resize(size);
    }
  } else if constexpr (is_optional<T>::value) {
    if (h.is_none()) {
      out.reset();
    } else {
      typename T::value_type v{};
      from_python(h, v, path);
      out = v;
    }
  } else {
    try {
      out = h.cast<T>();
    } catch (const py::cast_error&) {
      std::string expected = "a value of the right type";
      if constexpr (is_described_enum_v<T>) expected = "one of " + enum_choices<T>();
      else if constexpr (std::is_same_v<T, std::string>) expected = "a str";
      else if constexpr (std::is_integral_v<T>) expected = "an int";
      throw dict_error{path, "expected " + expected + ", found " +
                                 py::repr(h).cast<std::string>()};
    }
  }
}

/// @brief Build a T from its dict form; raises ValueError naming the path on bad input.
template <class T>
T from_dict(py::handle h, T obj = T{}) {
  std::string path;
  try {
    from_python(h, obj, path);
  } catch (const dict_error& e) {
    throw py::value_error((e.path.empty() ? std::string("<root>") : e.path) + ": " + e.message);
  }
  return obj;
}

// ---- the class binder ---------------------------------------------------------------------------

/// @brief Add one property per described member: nested structs and the held alternative of a
/// variant are returned by reference (so `report.applications.granted.total.value` reads and
/// writes in place), other members by value through their casters.
template <class T, class Class>
void bind_fields(Class& cls) {
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
        const auto ptr = d.pointer;
        const std::string name(wire_name(d.name));
        const std::string doc = "The `" + name + "` member (a template code; see TEMPLATE.md).";
        if constexpr (is_described_struct_v<M>) {
          cls.def_property(
              name.c_str(), [ptr](T& self) -> M& { return self.*ptr; },
              [ptr](T& self, const M& v) { self.*ptr = v; }, py::return_value_policy::reference_internal,
              doc.c_str());
        } else if constexpr (is_variant<M>::value) {
          cls.def_property(
              name.c_str(),
              [ptr](py::object self) {
                T& obj = self.cast<T&>();
                return std::visit(
                    [&](auto& alt) {
                      return py::cast(&alt, py::return_value_policy::reference_internal, self);
                    },
                    obj.*ptr);
              },
              [ptr](T& self, const M& v) { self.*ptr = v; }, doc.c_str());
        } else {
          cls.def_property(
              name.c_str(), [ptr](const T& self) { return self.*ptr; },
              [ptr](T& self, const M& v) { self.*ptr = v; }, doc.c_str());
        }
      });
}

/// @brief The tuple of a type's member (wire) names, in declaration order.
template <class T>
py::tuple field_names() {
  py::list names;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) { names.append(py::str(std::string(wire_name(d.name)))); });
  return py::tuple(names);
}

/// @brief False for the types whose constructors say more than their members (Cell, Report).
template <class T>
constexpr bool has_generic_init_v = !std::is_same_v<T, cell> && !std::is_same_v<T, report>;

/// @brief Bind a described struct as a Python class with the generic protocol.
///
/// Gives: a keyword constructor (`ApplicantRow(total=Cell(3))`), a property per member,
/// `_fields`, `__repr__`, `__eq__`/`__ne__` (the C++ equality), `__copy__`/`__deepcopy__`,
/// pickling with the state `(version, {member: value})` and, for containers, `to_dict` and
/// `from_dict` in the canonical (JSON-shaped) form.
/// @param m the module.
/// @param name the Python class name.
/// @param doc the class docstring.
/// @return the class, for type-specific additions.
template <class T>
py::class_<T> bind_described(py::module_& m, const char* name, const char* doc) {
  py::class_<T> cls(m, name, doc);
  if constexpr (has_generic_init_v<T>) {
  cls.def(py::init<>(), "An empty value (every cell absent).");
  cls.def(py::init([](const py::kwargs& kw) {
            T obj{};
            for (auto item : kw) {
              const std::string key = item.first.cast<std::string>();
              bool found = false;
              boost::mp11::mp_for_each<
                  boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto d) {
                using M = std::remove_cvref_t<decltype(obj.*d.pointer)>;
                if (found || key != wire_name(d.name)) return;
                found = true;
                obj.*d.pointer = item.second.template cast<M>();
              });
              if (!found) throw py::type_error("unexpected keyword argument '" + key + "'");
            }
            return obj;
          }),
          "Build from keyword arguments named after the members.");
  }
  bind_fields<T>(cls);
  cls.attr("_fields") = field_names<T>();
  cls.def("__repr__", [](const T& self) { return repr_of(self); });
  cls.def(
      "__eq__",
      [](const T& self, py::object other) -> py::object {
        if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(self == other.cast<const T&>());
      },
      py::is_operator(), "Equal content (the C++ equality).");
  cls.def(
      "__ne__",
      [](const T& self, py::object other) -> py::object {
        if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(!(self == other.cast<const T&>()));
      },
      py::is_operator(), "Different content.");
  cls.attr("__hash__") = py::none(); // mutable
  cls.def("__copy__", [](const T& self) { return T(self); }, "A copy.");
  cls.def("__deepcopy__", [](const T& self, py::handle) { return T(self); }, py::arg("memo"),
          "A copy (the value owns all its parts).");
  // Pickling: __reduce_ex__ gives (cls, (), state) for every protocol, so unpickling calls the
  // default constructor and then __setstate__ on a constructed object.
  cls.def(
      "__getstate__",
      [](const T& self) {
        py::dict state;
        boost::mp11::mp_for_each<
            boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto d) {
          state[py::str(std::string(wire_name(d.name)))] = py::cast(self.*d.pointer);
        });
        return py::make_tuple(pickle_version, state);
      },
      "The pickled state: (version, {member: value}).");
  // Named _set_state and aliased: a method *named* __setstate__ is taken by pybind11 for an
  // old-style placement-new constructor, which skips constructed objects.
  cls.def(
      "_set_state",
      [](T& self, const py::handle& h) {
        if (!PyTuple_Check(h.ptr()) || PyTuple_Size(h.ptr()) != 2)
          throw py::value_error("not a govdisclose pickle state");
        const auto t = py::reinterpret_borrow<py::tuple>(h);
        if (!PyLong_Check(t[0].ptr()) || !PyDict_Check(t[1].ptr()))
          throw py::value_error("not a govdisclose pickle state");
        const int version = t[0].cast<int>();
        if (version > pickle_version)
          throw py::value_error("pickle state version " + std::to_string(version) +
                                " is newer than this govdisclose reads (" +
                                std::to_string(pickle_version) + ")");
        const auto state = t[1].cast<py::dict>();
        T obj{};
        // Members missing from an older state keep their defaults; unknown ones are ignored.
        boost::mp11::mp_for_each<
            boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto d) {
          using M = std::remove_cvref_t<decltype(obj.*d.pointer)>;
          const py::str key(std::string(wire_name(d.name)));
          if (state.contains(key)) obj.*d.pointer = state[key].template cast<M>();
        });
        self = std::move(obj);
      },
      py::arg("state"), "Restore from a pickled state; refuses states newer than PICKLE_VERSION.");
  cls.attr("__setstate__") = cls.attr("_set_state");
  cls.def(
      "__reduce_ex__",
      [](py::object self, int) {
        return py::make_tuple(py::type::handle_of(self), py::tuple(),
                              self.attr("__getstate__")());
      },
      py::arg("protocol"), "Pickle support: (class, (), state).");
  if constexpr (!std::is_same_v<T, cell>) {
    cls.def("to_dict", [](const T& self) { return to_python(self); },
            "The canonical dict form (the shape of the canonical JSON): a cell is its number, "
            "None when blank or its text; absent cells are left out.");
    cls.def_static(
        "from_dict", [](py::handle d) { return from_dict<T>(d); }, py::arg("data"),
        "Build from the canonical dict form; raises ValueError naming the bad member's path.");
  }
  return cls;
}

} // namespace govdisclose::python
