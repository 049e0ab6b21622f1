// What the JSON writer and reader share (src/json/json_*.cpp): traits of described types, and
// the DOM the reader walks (json_dom.cpp), which keeps the source text of every number (so
// `0.0001` comes back exactly) and the byte offset of every key (so diagnostics have a
// line:column). Not installed.
#pragma once

#include <boost/describe.hpp>
#include <boost/json/error.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace govdisclose::detail {

/// The public members of a described struct.
template <class T>
using described_members = boost::describe::describe_members<T, boost::describe::mod_public>;

/// True for a struct described with BOOST_DESCRIBE_STRUCT.
template <class T>
constexpr bool is_described_struct = boost::describe::has_describe_members<T>::value;
/// True for an enum described with BOOST_DESCRIBE_ENUM.
template <class T>
constexpr bool is_described_enum = boost::describe::has_describe_enumerators<T>::value;

// ---- the DOM ------------------------------------------------------------------------------------

/// No byte offset known.
constexpr std::size_t no_offset = std::numeric_limits<std::size_t>::max();

/// The kind of a JSON value.
enum class jkind : std::uint8_t { null, boolean, number, string, array, object };

/// No node: the end of a member list.
constexpr std::uint32_t no_node = std::numeric_limits<std::uint32_t>::max();

/// One value of a flat DOM: children are linked by index, texts are views into the input or into
/// the DOM's own storage (for strings with escapes). Arrays keep no children.
struct jnode {
  jkind kind = jkind::null;
  bool boolean = false;
  std::string_view text;           // a string's value, or a number's source text
  std::string_view key;            // the member name, when the parent is an object
  std::size_t offset = no_offset;  // byte offset of the key's opening quote, when known
  std::uint32_t first = no_node;   // first member of an object
  std::uint32_t next = no_node;    // next member of the parent object
};

/// A parsed document.
struct jdom {
  std::vector<jnode> nodes;        // nodes[0] is the root
  std::deque<std::string> storage; // texts that are not in the input as they are
};

/// Where parsing stopped and why.
struct syntax_failure {
  std::size_t offset;
  boost::json::error_code ec;
};

/// Parse into a DOM; on failure, where parsing stopped and why.
std::variant<jdom, syntax_failure> parse_dom(std::string_view text);

} // namespace govdisclose::detail
