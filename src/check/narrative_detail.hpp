// What the narrative checks' files (src/check/narrative*.cpp) share: numerals, the text compacted
// and the phrases found in it, whose count a number is, and the comparison with the tables.
// Not installed; see docs/narrative.md.
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/narrative.hpp>
#include <govdisclose/text.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govdisclose::detail::narrative {

// ---- numerals (narrative_numerals.cpp) ------------------------------------------

/// The value of a Chinese digit (`〇`, `两` …), or -1.
int chinese_digit(char32_t c) noexcept;
/// A Chinese digit or unit (`十`, `万`, `亿` …).
bool is_chinese_numeral(char32_t c) noexcept;
/// A numeral of Chinese digits and units (`三千零五`, `二〇二二`), or nothing.
std::optional<std::int64_t> parse_chinese(std::u32string_view s);

// ---- the text, compacted (narrative_phrases.cpp) --------------------------------

/// A section's text without white space, full-width forms folded to ASCII for matching, with
/// each code point's place in the original.
struct ctext {
  std::string_view src;
  std::u32string s;              // folded, no spaces
  std::u32string orig;           // the original code points
  std::vector<std::size_t> cp;   // original code point index
  std::vector<std::size_t> bbeg; // original byte range
  std::vector<std::size_t> bend;
  std::vector<int> depth; // parenthesis depth before each code point

  explicit ctext(std::string_view text);
  std::size_t size() const noexcept { return s.size(); }
  std::string quote(std::size_t b, std::size_t e) const {
    return to_utf8(std::u32string_view(orig).substr(b, e - b));
  }
  bool at(std::size_t i, std::u32string_view w) const noexcept {
    return i <= s.size() && s.size() - i >= w.size() &&
           std::u32string_view(s).substr(i, w.size()) == w;
  }
};

/// What ends a clause in compacted text (`，`, `、`, `。`, brackets …).
bool is_clause_delim(char32_t c) noexcept;
/// What ends a sentence in compacted text (`。`, `；`, `！`, `？`).
bool is_sentence_delim(char32_t c) noexcept;
/// Where the sentence holding code point `i` of `t` begins.
std::size_t sentence_start(const ctext& t, std::size_t i);

// ---- phrases (narrative_phrases.cpp) ----------------------------------------------

/// What a phrase of the table (docs/narrative.md) says: what a count is about (volume …
/// normative), a verb, a word that makes a count another one (block), a unit acting for
/// another (proxy), a "none" statement (negator), or a word that only looks like one (neutral).
enum class kind : std::uint8_t {
  volume,
  carried_over,
  carried_forward,
  granted,
  partially,
  withheld,
  unavailable,
  not_processed,
  other_processing,
  review,
  litigation,
  regulations,
  normative,
  verb_new,
  verb_received,
  verb_handled,
  verb_issue,
  verb_publish,
  verb_repeal,
  verb_in_force,
  block,
  block_docs,
  proxy,
  negator,
  negator_receive,
  neutral,
};

/// A phrase found: code points [b, e) of the compacted text.
struct match {
  std::size_t b = 0, e = 0;
  kind k = kind::neutral;
};

/// Longest phrase at each position, left to right, without overlaps.
std::vector<match> scan_phrases(const ctext& t);

// ---- whose count it is (narrative_subject.cpp) --------------------------------------

/// True when the count whose number starts at `number` (in the clause from `cb`, the sentence
/// from `sb`) is stated for another unit than the reporting agency: a unit acting for it
/// (`代表` in the sentence before the number: `区政府办代表区政府受理…17件`, the office's share),
/// or a named subject of the clause that is not the agency (`其中区发改委受理…3件`,
/// `区司法局办理行政复议…`).
bool other_subject(const ctext& t, const std::vector<match>& ms, std::size_t cb, std::size_t sb,
                   std::size_t number, std::u32string_view agency);

// ---- comparing with the tables (narrative_compare.cpp) ------------------------------

/// The stated counts of section `code` (titled `heading`) that no table quantity they may name
/// matches, as narrative.count_mismatch warnings with their character offsets.
void check_counts(const report& r, std::string_view code, const std::string& heading,
                  const narrative_statements& st, const std::map<std::string, const cell*>& cells,
                  std::vector<std::pair<std::size_t, diagnostic>>& out);
/// The stated sums of section `code` whose parts do not add up to their total, as
/// narrative.sum_mismatch warnings with their character offsets.
void check_sums(const report& r, std::string_view code, const std::string& heading,
                const narrative_statements& st,
                std::vector<std::pair<std::size_t, diagnostic>>& out);

// ---- findings in order --------------------------------------------------------------

/// The values of (key, value) pairs in the order of their keys; equal keys keep their order.
template <class Key, class Value>
std::vector<Value> in_key_order(std::vector<std::pair<Key, Value>> keyed) {
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Value> out;
  out.reserve(keyed.size());
  for (auto& k : keyed)
    out.push_back(std::move(k.second));
  return out;
}

} // namespace govdisclose::detail::narrative
