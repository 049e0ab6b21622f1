// A path-aware JSON reader, generic over Boost.Describe: the DOM (json_detail.hpp) is walked
// against the described model, collecting diagnostics instead of throwing.
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/reflect.hpp>

#include "json/json_detail.hpp"

#include <boost/mp11.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace govdisclose {
namespace detail {
namespace {

constexpr std::string_view kind_name(jkind k) noexcept {
  switch (k) {
  case jkind::null: return "null";
  case jkind::boolean: return "boolean";
  case jkind::number: return "number";
  case jkind::string: return "string";
  case jkind::array: return "array";
  case jkind::object: return "object";
  }
  return "?";
}

constexpr std::string_view kind_name_zh(jkind k) noexcept {
  switch (k) {
  case jkind::null: return "null";
  case jkind::boolean: return "布尔值";
  case jkind::number: return "数字";
  case jkind::string: return "字符串";
  case jkind::array: return "数组";
  case jkind::object: return "对象";
  }
  return "?";
}

// The exact decimal a JSON number's text denotes (`0.0001`, `1.50`, `1e-4`), keeping the scale
// it was written with; nothing when a cell cannot hold it exactly.
std::optional<decimal> json_number_to_decimal(std::string_view s) noexcept {
  std::size_t i = 0;
  const bool negative = i < s.size() && s[i] == '-';
  if (negative) ++i;
  uint128 acc = 0;
  int scale = 0;
  int digits = 0; // significant digits accumulated
  bool point = false, any = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (acc != 0 || c != '0') ++digits;
      if (digits > 36) return std::nullopt;
      acc = acc * 10 + static_cast<unsigned>(c - '0');
      if (point) ++scale;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    int exp = 0;
    bool exp_any = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      exp_any = true;
      if (exp < 100'000) exp = exp * 10 + (s[i] - '0');
    }
    if (!exp_any || i != s.size()) return std::nullopt;
    scale += exp_negative ? exp : -exp;
  }
  if (acc == 0) { // zero, however written (`0e99999`, `0.000`): clamp the scale, skip the loops
    const int clamped = scale < 0 ? 0 : scale > decimal::max_scale ? decimal::max_scale : scale;
    return decimal{0, static_cast<std::uint8_t>(clamped)};
  }
  // Too many decimals: drop trailing zeros (the value stays the same), then give up.
  while (scale > decimal::max_scale && acc % 10 == 0) {
    acc /= 10;
    --scale;
  }
  if (scale > decimal::max_scale) return std::nullopt;
  constexpr auto limit = static_cast<uint128>(std::numeric_limits<std::int64_t>::max());
  while (scale < 0) {
    if (acc > limit / 10) return std::nullopt;
    acc *= 10;
    ++scale;
  }
  while (acc > limit && scale > 0 && acc % 10 == 0) {
    acc /= 10;
    --scale;
  }
  if (acc > limit) return std::nullopt;
  const auto units = static_cast<std::int64_t>(acc);
  return decimal{negative ? -units : units, static_cast<std::uint8_t>(scale)};
}

// ---- reading the DOM into the model ----------------------------------------------------------

void append_pointer_token(std::string& path, std::string_view key) {
  path += '/';
  if (key.find_first_of("~/") == std::string_view::npos) {
    path.append(key);
    return;
  }
  for (const char c : key) {
    if (c == '~') path += "~0";
    else if (c == '/') path += "~1";
    else path += c;
  }
}

struct read_context {
  std::string_view text; // the input after a byte order mark: positions count from here
  const jdom* dom = nullptr;
  std::string source;
  std::vector<diagnostic>& ds;
  std::string path;     // JSON pointer of the value being read
  std::size_t offset = no_offset;
  std::size_t cache_offset = 0;
  std::uint32_t cache_line = 1, cache_column = 1;
  std::size_t dropped = 0;
  bool dropped_error = false;

  static constexpr std::size_t max_diagnostics = 1000;

  // One last diagnostic saying how many were left out.
  void finish() {
    if (dropped == 0) return;
    const std::string n = std::to_string(dropped);
    ds.push_back(diagnostic_builder("json.too_many_diagnostics")
                     .level(dropped_error ? severity::error : severity::warning)
                     .at(source_position{source})
                     .found(n)
                     .message("另有 " + n + " 条诊断信息未列出。")
                     .message_en(n + " more diagnostics not listed."));
  }

  // Line and column of a byte offset. Diagnostics come nearly in input order, so the count
  // goes on from the previous position when it can: reading stays linear in the input size.
  source_position position(std::size_t at) {
    source_position p;
    p.file = source;
    if (at == no_offset) return p;
    if (at > text.size()) at = text.size();
    if (at < cache_offset) cache_offset = 0, cache_line = 1, cache_column = 1;
    for (std::size_t k = cache_offset; k < at; ++k) {
      const auto b = static_cast<unsigned char>(text[k]);
      if (b == '\n') {
        ++cache_line;
        cache_column = 1;
      } else if ((b & 0xC0) != 0x80) {
        ++cache_column;
      }
    }
    cache_offset = at;
    p.line = cache_line;
    p.column = cache_column;
    return p;
  }

  // A diagnostic at the value being read (its path) and at byte offset `at` of the input.
  void add(diagnostic_builder d, std::size_t at) {
    d.path(path);
    if (ds.size() >= max_diagnostics) { // a hostile input must not cost memory without bound
      ++dropped;
      dropped_error = dropped_error || diagnostic(d).level == severity::error;
      return;
    }
    ds.push_back(d.at(position(at)));
  }

  std::string where() const { return path.empty() ? std::string("/") : path; }

  void type_error(std::string_view expected, std::string_view expected_zh, const jnode& v) {
    add(diagnostic_builder("json.type")
            .expected(std::string(expected))
            .found(std::string(kind_name(v.kind)))
            .message("“" + where() + "”应为" + std::string(expected_zh) + "，实为" +
                     std::string(kind_name_zh(v.kind)) + "，已忽略。")
            .message_en(where() + ": expected " + std::string(expected) + ", found " +
                        std::string(kind_name(v.kind)) + "; ignored."),
        offset);
  }

  void number_error(std::string_view expected, std::string_view expected_zh, const jnode& v) {
    add(diagnostic_builder("json.number")
            .expected(std::string(expected))
            .found(std::string(v.text))
            .message("“" + where() + "”的数值 " + std::string(v.text) + " 无法精确表示为" +
                     std::string(expected_zh) + "，已忽略。")
            .message_en(where() + ": the number " + std::string(v.text) + " is not an exact " +
                        std::string(expected) + "; ignored."),
        offset);
  }
};

template <class T>
void read_value(const jnode& v, T& out, read_context& cx);

// Members of a described struct. `skip` names a member already read by the caller; `ignore`
// a member that is not the struct's but is expected and left out without a word.
template <class T>
void read_struct(const jnode& v, T& out, read_context& cx, std::string_view skip = {},
                 std::string_view ignore = {}) {
  if (v.kind != jkind::object) {
    cx.type_error("object", "对象", v);
    return;
  }
  using members = described_members<T>;
  std::array<bool, boost::mp11::mp_size<members>::value> seen{};
  const std::size_t path_size = cx.path.size();
  const std::size_t object_offset = cx.offset;
  for (std::uint32_t i = v.first; i != no_node; i = cx.dom->nodes[i].next) {
    const jnode& m = cx.dom->nodes[i];
    append_pointer_token(cx.path, m.key);
    cx.offset = m.offset;
    bool matched = false;
    std::size_t index = 0;
    boost::mp11::mp_for_each<members>([&](auto d) {
      const std::size_t k = index++;
      if (matched || wire_name(d.name) != m.key) return;
      matched = true;
      if (seen[k]) {
        cx.add(diagnostic_builder("json.duplicate_member")
                   .found(std::string(m.key))
                   .message("成员“" + cx.path + "”重复出现，以最后一次为准。")
                   .message_en(cx.path + ": member given more than once; the last one counts."),
               m.offset);
      }
      seen[k] = true;
      if (m.key == skip) return;
      read_value(m, out.*d.pointer, cx);
    });
    if (!matched && (ignore.empty() || m.key != ignore)) {
      cx.add(diagnostic_builder("json.unknown_member")
                 .found(std::string(m.key))
                 .message("未知成员“" + cx.path + "”，已忽略。")
                 .message_en(cx.path + ": unknown member; ignored."),
             m.offset);
    }
    cx.path.resize(path_size);
  }
  cx.offset = object_offset;
}

void read_cell(const jnode& v, cell& out, read_context& cx) {
  switch (v.kind) {
  case jkind::null: out = cell::blank(); return;
  case jkind::number:
    if (auto d = json_number_to_decimal(v.text)) out = cell::number(*d);
    else cx.number_error("decimal", "小数位不超过9位的数", v);
    return;
  case jkind::string: {
    const cell c = classify_cell(v.text);
    out = cell{};
    out.raw = v.text;
    out.state = c.state == cell_state::blank    ? cell_state::blank
                : c.state == cell_state::marker ? cell_state::marker
                                                : cell_state::text;
    if (out.state == cell_state::blank) out.raw.clear();
    return;
  }
  default: cx.type_error("number, string or null", "数字、字符串或 null", v); return;
  }
}

template <class T>
void read_value(const jnode& v, T& out, read_context& cx) {
  if constexpr (std::is_same_v<T, cell>) {
    read_cell(v, out, cx);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (v.kind == jkind::string) out = v.text;
    else if (v.kind == jkind::null) out.clear();
    else cx.type_error("string", "字符串", v);
  } else if constexpr (is_optional<T>::value) {
    if (v.kind == jkind::null) {
      out.reset();
    } else {
      typename T::value_type inner{};
      const std::size_t before = cx.ds.size();
      read_value(v, inner, cx);
      if (cx.ds.size() == before) out = std::move(inner);
    }
  } else if constexpr (is_variant<T>::value) {
    std::visit([&](auto& alt) { read_value(v, alt, cx); }, out);
  } else if constexpr (std::is_same_v<T, template_id>) {
    const auto t = v.kind == jkind::string ? template_from_code(v.text) : std::nullopt;
    if (t) out = *t;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (v.kind == jkind::boolean) out = v.boolean;
    else cx.type_error("boolean", "布尔值", v);
  } else if constexpr (is_described_enum<T>) {
    bool found = false;
    if (v.kind == jkind::string) {
      boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>([&](auto e) {
        if (!found && v.text == e.name) {
          out = e.value;
          found = true;
        }
      });
    }
    if (!found) {
      std::string names;
      boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>([&](auto e) {
        names += names.empty() ? "" : ", ";
        names += e.name;
      });
      cx.add(diagnostic_builder("json.type")
                 .expected("one of " + names)
                 .found(v.kind == jkind::string ? std::string(v.text)
                                                : std::string(kind_name(v.kind)))
                 .message("“" + cx.where() + "”应为 " + names + " 之一，已忽略。")
                 .message_en(cx.where() + ": expected one of " + names + "; ignored."),
             cx.offset);
    }
  } else if constexpr (std::is_integral_v<T>) {
    if (v.kind != jkind::number) {
      cx.type_error("integer", "整数", v);
      return;
    }
    const auto d = json_number_to_decimal(v.text);
    if (!d || !d->is_integer() || d->whole_part() < std::numeric_limits<T>::min() ||
        d->whole_part() > std::numeric_limits<T>::max()) {
      cx.number_error("integer", "整数", v);
      return;
    }
    out = static_cast<T>(d->whole_part());
  } else if constexpr (is_described_struct<T>) {
    read_struct(v, out, cx);
  } else {
    static_assert(sizeof(T) == 0, "no JSON reading for this type");
  }
}

void syntax_diagnostic(read_context& cx, const syntax_failure& f) {
  namespace je = boost::json;
  std::string rule = "json.syntax", zh = "JSON 语法错误";
  if (f.ec == je::error::too_deep) {
    rule = "json.depth";
    zh = "JSON 嵌套层数超过 " + std::to_string(json_max_depth) + " 层";
  } else if (f.ec == je::error::incomplete) {
    zh = "JSON 内容不完整";
  } else if (f.ec == je::error::syntax && f.offset < cx.text.size() &&
             static_cast<unsigned char>(cx.text[f.offset]) >= 0x80) {
    zh = "JSON 含有无效的 UTF-8 字节或非法字符";
  } else if (f.ec == je::error::extra_data) {
    zh = "JSON 文档之后还有多余内容";
  } else if (f.ec == je::error::object_too_large || f.ec == je::error::string_too_large ||
             f.ec == je::error::key_too_large || f.ec == je::error::array_too_large) {
    rule = "json.too_large";
    zh = "JSON 中的对象、字符串或键过大";
  }
  const source_position p = cx.position(f.offset);
  std::string where = "第" + std::to_string(p.line) + "行第" + std::to_string(p.column) + "列";
  cx.add(diagnostic_builder(rule)
             .expected("JSON")
             .found(f.ec.message())
             .message(zh + "（" + where + "），无法继续读取。")
             .message_en("invalid JSON at line " + std::to_string(p.line) + ", column " +
                         std::to_string(p.column) + ": " + f.ec.message()),
         f.offset);
}

// The template a report's JSON names; the 2021 template (and a diagnostic) when it names none.
template_id read_template(const jnode& root, read_context& cx) {
  const jnode* tm = nullptr;
  for (std::uint32_t i = root.first; i != no_node; i = cx.dom->nodes[i].next)
    if (cx.dom->nodes[i].key == "template") tm = &cx.dom->nodes[i];
  const auto code = tm && tm->kind == jkind::string ? template_from_code(tm->text) : std::nullopt;
  if (code) return *code;
  cx.path = "/template";
  if (!tm) {
    cx.add(diagnostic_builder("json.template")
               .expected("\"2019\" or \"2021\"")
               .message("缺少“template”（模板：\"2019\" 或 \"2021\"），按 2021 年模板读取。")
               .message_en("/template: missing (\"2019\" or \"2021\"); read as the 2021 template."),
           no_offset);
  } else {
    const std::string found = tm->kind == jkind::string ? "\"" + std::string(tm->text) + "\""
                                                        : std::string(kind_name(tm->kind));
    cx.add(diagnostic_builder("json.template")
               .expected("\"2019\" or \"2021\"")
               .found(found)
               .message("“template”应为 \"2019\" 或 \"2021\"，实为 " + found + "，按 2021 年模板读取。")
               .message_en("/template: expected \"2019\" or \"2021\", found " + found +
                           "; read as the 2021 template."),
           tm->offset);
  }
  cx.path.clear();
  return template_id::t2021;
}

} // namespace
} // namespace detail

result<report> report_from_json(std::string_view text, std::string_view source) {
  using namespace detail;
  result<report> res;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  read_context cx{text, nullptr, std::string(source), res.diagnostics, {}, 0};
  if (text.size() > json_max_input_bytes) {
    cx.add(diagnostic_builder("json.too_large")
               .expected("at most " + std::to_string(json_max_input_bytes) + " bytes")
               .found(std::to_string(text.size()) + " bytes")
               .message("JSON 输入过大（" + std::to_string(text.size()) + " 字节），未读取。")
               .message_en("the JSON input is too large (" + std::to_string(text.size()) +
                           " bytes); not read."),
           0);
    return res;
  }
  auto parsed = parse_dom(text);
  if (auto* f = std::get_if<syntax_failure>(&parsed)) {
    syntax_diagnostic(cx, *f);
    return res;
  }
  const jdom& dom = std::get<jdom>(parsed);
  cx.dom = &dom;
  const jnode& root = dom.nodes.front();
  if (root.kind != jkind::object) {
    cx.type_error("object", "对象", root);
    return res;
  }
  // The template first: it decides which alternatives the rest is read into.
  res.value = make_report(read_template(root, cx));
  // `derived`: the derived figures a dataset's JSON Lines add to each report (dataset.hpp);
  // they are computed from the tables, not read.
  read_struct(root, res.value, cx, "template", "derived");
  cx.finish();
  return res;
}

} // namespace govdisclose
