// Parsing JSON into the DOM of json_detail.hpp with Boost.JSON's SAX parser (basic_parser).
#include <govdisclose/json.hpp>

#include "json/json_detail.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <functional>
#include <new>

namespace govdisclose::detail {
namespace {

// SAX handler building the DOM. Arrays never occur in a report, so their contents are only
// counted (a type error names them), which also keeps hostile inputs from costing memory.
struct dom_handler {
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_object_size = 100'000;
  static constexpr std::size_t max_string_size = json_max_input_bytes;
  static constexpr std::size_t max_key_size = 100'000;

  const char* begin = nullptr;
  const char* end = nullptr;
  jdom dom;
  std::vector<std::uint32_t> stack; // open objects
  std::vector<std::uint32_t> last;  // their last member so far
  std::size_t skip_depth = 0;       // > 0 inside an array
  std::string_view key;
  std::size_t key_offset = no_offset;
  std::string key_buffer, buffer;   // parts of a key, of a string or number
  bool key_parts = false, value_parts = false;

  std::size_t offset_of(const char* p) const noexcept {
    const std::less<const char*> less;
    if (!p || less(p, begin) || less(end, p)) return no_offset;
    return static_cast<std::size_t>(p - begin);
  }

  // A view that outlives the parser: into the input when the text is there as it is.
  std::string_view keep(std::string_view s) {
    if (offset_of(s.data()) != no_offset && offset_of(s.data() + s.size()) != no_offset) return s;
    return dom.storage.emplace_back(s);
  }

  jnode& emplace(jkind k) {
    const auto index = static_cast<std::uint32_t>(dom.nodes.size());
    dom.nodes.emplace_back();
    jnode& n = dom.nodes.back();
    n.kind = k;
    if (!stack.empty()) {
      n.key = key;
      n.offset = key_offset;
      if (last.back() == no_node) dom.nodes[stack.back()].first = index;
      else dom.nodes[last.back()].next = index;
      last.back() = index;
    }
    key = {};
    key_offset = no_offset;
    return n;
  }

  void text(jkind k, boost::json::string_view s) {
    if (skip_depth > 0) return;
    std::string_view t(s.data(), s.size());
    if (value_parts) {
      buffer.append(t);
      t = buffer;
      value_parts = false;
    }
    const std::string_view kept = keep(t);
    emplace(k).text = kept;
    buffer.clear();
  }

  void part(boost::json::string_view s) {
    if (skip_depth > 0) return;
    buffer.append(s.data(), s.size());
    value_parts = true;
  }

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_array_begin(boost::json::error_code&) {
    if (skip_depth++ == 0) emplace(jkind::array);
    return true;
  }
  bool on_array_end(std::size_t, boost::json::error_code&) {
    --skip_depth;
    return true;
  }
  bool on_object_begin(boost::json::error_code&) {
    if (skip_depth > 0) {
      ++skip_depth;
      return true;
    }
    emplace(jkind::object);
    stack.push_back(static_cast<std::uint32_t>(dom.nodes.size() - 1));
    last.push_back(no_node);
    return true;
  }
  bool on_object_end(std::size_t, boost::json::error_code&) {
    if (skip_depth > 0) {
      --skip_depth;
    } else {
      stack.pop_back();
      last.pop_back();
    }
    return true;
  }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    part(s);
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    text(jkind::string, s);
    return true;
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (skip_depth > 0) return true;
    if (!key_parts) key_offset = quote_offset(s.data());
    key_parts = true;
    key_buffer.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (skip_depth > 0) return true;
    if (key_parts) {
      key_buffer.append(s.data(), s.size());
      key = keep(key_buffer);
      key_buffer.clear();
      key_parts = false;
    } else {
      key_offset = quote_offset(s.data());
      key = keep(std::string_view(s.data(), s.size()));
    }
    return true;
  }
  std::size_t quote_offset(const char* p) const noexcept {
    const std::size_t at = offset_of(p);
    return at == no_offset || at == 0 ? no_offset : at - 1;
  }
  bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
    part(s);
    return true;
  }
  bool on_int64(std::int64_t, boost::json::string_view s, boost::json::error_code&) {
    text(jkind::number, s);
    return true;
  }
  bool on_uint64(std::uint64_t, boost::json::string_view s, boost::json::error_code&) {
    text(jkind::number, s);
    return true;
  }
  bool on_double(double, boost::json::string_view s, boost::json::error_code&) {
    text(jkind::number, s);
    return true;
  }
  bool on_bool(bool b, boost::json::error_code&) {
    if (skip_depth == 0) emplace(jkind::boolean).boolean = b;
    return true;
  }
  bool on_null(boost::json::error_code&) {
    if (skip_depth == 0) emplace(jkind::null);
    return true;
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};

} // namespace

std::variant<jdom, syntax_failure> parse_dom(std::string_view text) {
  boost::json::parse_options opt;
  opt.max_depth = json_max_depth;
  boost::json::basic_parser<dom_handler> parser(opt);
  parser.handler().begin = text.data();
  parser.handler().end = text.data() + text.size();
  boost::json::error_code ec;
  std::size_t consumed = 0;
  try {
    consumed = parser.write_some(false, text.data(), text.size(), ec);
  } catch (const std::bad_alloc&) {
    ec = boost::json::error::exception;
  }
  if (ec) return syntax_failure{consumed, ec};
  // basic_parser stops at the end of the document; anything but white space after it is wrong.
  for (std::size_t k = consumed; k < text.size(); ++k) {
    const char c = text[k];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      return syntax_failure{k, boost::json::error::extra_data};
  }
  return std::move(parser.handler().dom);
}

} // namespace govdisclose::detail
