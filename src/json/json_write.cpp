// Canonical JSON out, generic over Boost.Describe: a small writer of our own, so numbers go out
// as decimal::to_string(), never through double. Also json_text() for any Boost.JSON value.
#include <govdisclose/json.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/text.hpp>

#include "json/json_detail.hpp"
#include "json/json_text.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11.hpp>

#include <array>
#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace govdisclose {
namespace detail {
namespace {

template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};

// True when a value is left out of canonical report JSON: an absent cell, an empty string, an
// unknown optional, or an object all of whose members are left out.
template <class T>
bool is_empty(const T& v) {
  if constexpr (std::is_same_v<T, cell>) {
    return !v.present();
  } else if constexpr (std::is_same_v<T, std::string>) {
    return v.empty();
  } else if constexpr (is_optional<T>::value) {
    return !v.has_value();
  } else if constexpr (is_variant<T>::value) {
    return std::visit([](const auto& alt) { return is_empty(alt); }, v);
  } else if constexpr (is_vector<T>::value) {
    return v.empty();
  } else if constexpr (std::is_same_v<T, decimal>) {
    return false;
  } else if constexpr (is_described_struct<T>) {
    bool empty = true;
    boost::mp11::mp_for_each<described_members<T>>(
        [&](auto d) { empty = empty && is_empty(v.*d.pointer); });
    return empty;
  } else {
    return false;
  }
}

class json_writer {
public:
  json_writer(int indent, bool omit_empty) : indent_(indent < 0 ? 0 : indent), omit_(omit_empty) {}

  std::string finish() {
    if (indent_ > 0) out_ += '\n';
    return std::move(out_);
  }

  template <class T>
  void value(const T& v) {
    if constexpr (std::is_same_v<T, cell>) {
      switch (v.state) {
      case cell_state::number: out_ += v.value.to_string(); break;
      case cell_state::marker:
      case cell_state::text: string(v.raw); break;
      default: out_ += "null"; break;
      }
    } else if constexpr (std::is_same_v<T, decimal>) {
      out_ += v.to_string();
    } else if constexpr (std::is_same_v<T, std::string>) {
      string(v);
    } else if constexpr (is_optional<T>::value) {
      if (v) value(*v);
      else out_ += "null";
    } else if constexpr (is_variant<T>::value) {
      std::visit([&](const auto& alt) { value(alt); }, v);
    } else if constexpr (std::is_same_v<T, template_id>) {
      string(template_code(v));
    } else if constexpr (std::is_same_v<T, bool>) {
      out_ += v ? "true" : "false";
    } else if constexpr (is_described_enum<T>) {
      const char* name = boost::describe::enum_to_string(v, nullptr);
      if (name) string(name);
      else integer(static_cast<std::underlying_type_t<T>>(v));
    } else if constexpr (std::is_integral_v<T>) {
      integer(v);
    } else if constexpr (is_vector<T>::value) {
      out_ += '[';
      ++level_;
      bool first = true;
      for (const auto& e : v) {
        if (!first) out_ += ',';
        first = false;
        newline();
        value(e);
      }
      --level_;
      if (!first) newline();
      out_ += ']';
    } else if constexpr (is_described_struct<T>) {
      out_ += '{';
      ++level_;
      bool first = true;
      boost::mp11::mp_for_each<described_members<T>>([&](auto d) {
        const auto& m = v.*d.pointer;
        using member_type = std::decay_t<decltype(m)>;
        if (omit_ && is_empty(m)) return;
        // An absent optional object (a diagnostic's hint) is left out rather than written null.
        if constexpr (is_optional<member_type>::value) {
          if constexpr (is_described_struct<typename member_type::value_type>)
            if (!m) return;
        }
        if (!first) out_ += ',';
        first = false;
        newline();
        string(wire_name(d.name));
        out_ += indent_ > 0 ? ": " : ":";
        value(m);
      });
      --level_;
      if (!first) newline();
      out_ += '}';
    } else {
      static_assert(sizeof(T) == 0, "no JSON form for this type");
    }
  }

private:
  template <class I>
  void integer(I v) {
    std::array<char, 32> buf{};
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    out_.append(buf.data(), r.ptr);
  }

  void newline() {
    if (indent_ == 0) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(indent_) * level_, ' ');
  }

  // A JSON string: quotes, backslashes and control characters escaped; invalid UTF-8 becomes
  // U+FFFD so the output is always valid UTF-8.
  void string(std::string_view s) {
    out_ += '"';
    std::size_t run = 0; // start of bytes copied as they are
    for (std::size_t pos = 0; pos < s.size();) {
      const auto byte = static_cast<unsigned char>(s[pos]);
      if (byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\') {
        ++pos;
        continue;
      }
      if (byte >= 0x80) {
        const std::size_t start = pos;
        const char32_t cp = next_code_point(s, pos);
        const std::size_t len = pos - start;
        // next_code_point() lets overlong forms and surrogates through; JSON readers do not.
        const bool valid = len == 2 ||
                           (len == 3 && cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ||
                           (len == 4 && cp >= 0x10000 && cp <= 0x10FFFF);
        if (valid) continue;
        pos = start + 1;
        out_.append(s.substr(run, start - run));
        out_ += "\xEF\xBF\xBD";
        run = pos;
        continue;
      }
      out_.append(s.substr(run, pos - run));
      run = ++pos;
      switch (byte) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default: {
        static constexpr char hex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += hex[byte >> 4];
        out_ += hex[byte & 0xF];
      }
      }
    }
    out_.append(s.substr(run));
    out_ += '"';
  }

  std::string out_;
  int indent_;
  bool omit_;
  std::size_t level_ = 0;
};

// Any Boost.JSON value as text (json_text.hpp): the diff's JSON and the program's.
void write_json(std::string& out, const boost::json::value& v, int indent, int level) {
  const auto newline = [&](int l) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * l), ' ');
  };
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += '{';
    bool first = true;
    for (const auto& kv : o) {
      if (!first) out += ',';
      first = false;
      newline(level + 1);
      out += boost::json::serialize(boost::json::string(kv.key()));
      out += indent > 0 ? ": " : ":";
      write_json(out, kv.value(), indent, level + 1);
    }
    newline(level);
    out += '}';
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    bool first = true;
    for (const auto& e : a) {
      if (!first) out += ',';
      first = false;
      newline(level + 1);
      write_json(out, e, indent, level + 1);
    }
    newline(level);
    out += ']';
  } else {
    out += boost::json::serialize(v);
  }
}

} // namespace

std::string json_text(const boost::json::value& v, int indent) {
  std::string out;
  write_json(out, v, indent, 0);
  if (indent > 0) out += '\n';
  return out;
}

} // namespace detail

std::string to_json(const report& r, const json_options& o) {
  detail::json_writer w(o.indent, true);
  w.value(r);
  return w.finish();
}

std::string diagnostics_to_json(const std::vector<diagnostic>& ds, const json_options& o) {
  detail::json_writer w(o.indent, false);
  w.value(ds);
  return w.finish();
}

} // namespace govdisclose
