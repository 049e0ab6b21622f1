// The sections of a document: the heading matcher (section_code(), also the extractor's), headings
// run into text, and the section order and missing-section checks (docs/narrative.md).
#include "check/narrative_detail.hpp"
#include "extract/extract_detail.hpp"

#include <govdisclose/catalog.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/document.hpp>
#include <govdisclose/narrative.hpp>

#include <algorithm>
#include <map>

namespace govdisclose {

namespace detail::narrative {
namespace {

// A heading reduced for matching, as row labels are (make_key: width folded, white space,
// punctuation and the list marker `四、` / `（四）` / `4.` dropped), without a `第四部分`
// numbering either.
// `numbered` tells whether the heading had a numbering.
std::u32string heading_key(std::string_view text, bool* numbered = nullptr) {
  const label_key k = make_key(text);
  std::u32string s = to_u32(k.bare);
  bool number = !k.marker.empty();
  if (!s.empty() && s[0] == U'第') {
    std::size_t i = 1;
    while (i < s.size() && (is_chinese_numeral(s[i]) || is_ascii_digit(s[i])))
      ++i;
    if (i > 1 && i <= 4 && s.compare(i, 2, U"部分") == 0) {
      s.erase(0, i + 2);
      number = true;
    }
  }
  if (numbered) *numbered = number;
  return s;
}

// True when a text ends as a sentence does (`无其他需要报告的事项。`), not as a heading.
bool ends_as_sentence(std::string_view text) {
  const std::u32string s = ctext(text).s;
  return !s.empty() && (is_sentence_delim(s.back()) || s.back() == U',');
}

// Every section's heading and catalog variants, keyed.
const std::vector<std::pair<std::u32string, std::string_view>>& heading_keys() {
  static const std::vector<std::pair<std::u32string, std::string_view>> keys = [] {
    std::vector<std::pair<std::u32string, std::string_view>> out;
    for (const auto& sec : catalog(template_id::t2021).sections) {
      out.emplace_back(heading_key(sec.heading), sec.code);
      for (auto v : sec.variants)
        out.emplace_back(heading_key(v), sec.code);
    }
    return out;
  }();
  return keys;
}

// The section index (0 … 5) of a section code.
std::size_t section_index(std::string_view code) {
  const auto& secs = catalog(template_id::t2021).sections;
  for (std::size_t i = 0; i < secs.size(); ++i)
    if (secs[i].code == code) return i;
  return secs.size();
}

// True when a heading run into text is quoted or goes on as a clause: `“二、…”`, `一、总体情况，`.
bool quoted_before(char32_t c) noexcept {
  return c == U'“' || c == U'"' || c == U'《' || c == U'「' || c == U'‘' || c == U'\'';
}
bool continues_after(char32_t c) noexcept {
  return (is_clause_delim(c) && c != U'(') || c == U'”' || c == U'"' || c == U'》' || c == U'」' ||
         c == U'’' || c == U'\'';
}

// The bare key after a numbering at code point `from` of `t` (punctuation dropped, as
// make_key()), at most `limit` code points, with the index in `t` of each.
std::u32string key_after(const ctext& t, std::size_t from, std::size_t limit,
                         std::vector<std::size_t>& at) {
  std::u32string key;
  for (std::size_t k = from; k < t.s.size() && key.size() < limit; ++k) {
    if (is_key_punct(t.s[k])) continue;
    key += t.s[k];
    at.push_back(k);
  }
  return key;
}

// How long a prefix of `key` names heading `h`, and how well: the whole of `h` exactly, else the
// most similar prefix one code point shorter, as long or longer than `h`.
std::pair<std::size_t, double> prefix_match(const std::u32string& key, const std::u32string& h) {
  if (key.compare(0, h.size(), h) == 0) return {h.size(), 1.0};
  std::pair<std::size_t, double> best{0, 0.0};
  for (std::size_t n = h.size() - 1; n <= h.size() + 1 && n <= key.size(); ++n) {
    const double score = similarity_of(std::u32string_view(key).substr(0, n), h);
    if (score > best.second) best = {n, score};
  }
  return best;
}

// A heading run into text whose numbering (`二、`) is at code point `i` of `t` (see
// inline_headings()); `end` is set to the index of its last code point.
std::optional<std::string> heading_at(const ctext& t, std::size_t i, std::size_t& end) {
  const int place = chinese_digit(t.s[i]);
  if (place < 1 || place > 6 || i + 1 >= t.s.size() || t.s[i + 1] != U'、') return std::nullopt;
  if (i > 0 && (is_chinese_numeral(t.s[i - 1]) || quoted_before(t.s[i - 1]))) return std::nullopt;
  std::vector<std::size_t> at;
  const std::u32string key = key_after(t, i + 2, 48, at);
  std::string_view code;
  std::size_t length = 0;
  double top = 0.0;
  bool tie = false;
  for (const auto& [h, c] : heading_keys()) {
    if (h.size() < 4 || section_index(c) != static_cast<std::size_t>(place - 1)) continue;
    const auto [n, score] = prefix_match(key, h);
    if (score > top || (score == top && n > length)) {
      tie = score == top && c != code;
      top = score;
      code = c;
      length = n;
    }
  }
  if (top < 0.9 || tie || length == 0) return std::nullopt;
  end = at[length - 1];
  if (end + 1 < t.s.size() && continues_after(t.s[end + 1])) return std::nullopt;
  return std::string(code);
}

} // namespace
} // namespace detail::narrative

std::vector<inline_heading> inline_headings(std::string_view text) {
  std::vector<inline_heading> out;
  const detail::narrative::ctext t(text);
  std::vector<bool> seen(6, false);
  for (std::size_t i = 0; i < t.s.size(); ++i) {
    std::size_t end = 0;
    const auto code = detail::narrative::heading_at(t, i, end);
    if (!code) continue;
    const std::size_t s = detail::narrative::section_index(*code);
    if (s < seen.size() && !seen[s]) out.push_back({t.bbeg[i], t.bend[end], *code});
    if (s < seen.size()) seen[s] = true;
    i = end;
  }
  return out;
}

// The one heading matcher of the library (the extractor's section boundaries use it too): the
// catalog's heading or a variant, else, for a numbered heading, the single most similar section
// (similarity of the keys, as for row labels, 0.8 or more, no other section as close).
std::optional<std::string> section_code(std::string_view text) {
  bool numbered = false;
  const std::u32string key = detail::narrative::heading_key(text, &numbered);
  if (key.empty() || key.size() > 40) return std::nullopt;
  const auto& keys = detail::narrative::heading_keys();
  for (const auto& [k, code] : keys)
    if (k == key) return std::string(code);
  // A near match only for what looks like a heading: numbered, not ended as a sentence
  // (`无其他需要报告的事项。` is a statement, not the heading of 六).
  if (key.size() < 4 || !numbered || detail::narrative::ends_as_sentence(text)) return std::nullopt;
  std::map<std::string_view, double> best; // by section
  for (const auto& [k, code] : keys)
    best[code] = std::max(best[code], detail::similarity_of(key, k));
  std::string_view winner;
  double top = 0.0;
  bool tie = false;
  for (const auto& [code, score] : best) {
    if (score > top) {
      top = score;
      winner = code;
      tie = false;
    } else if (score == top) {
      tie = true;
    }
  }
  if (top >= 0.8 && !tie) return std::string(winner);
  return std::nullopt;
}

std::vector<found_section> find_sections(const document& doc) {
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, found_section>> found; // (block, byte)
  std::vector<bool> named(6, false);
  std::vector<bool> heading(doc.blocks.size(), false);
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (b.kind == block_kind::table) continue;
    if (auto code = section_code(b.text)) {
      heading[i] = true;
      if (const std::size_t s = detail::narrative::section_index(*code); s < named.size())
        named[s] = true;
      found.push_back({{i, 0}, {*code, source_position{doc.source, b.span.line, b.span.column}}});
    }
  }
  // A section no block names may be run into a paragraph (one-line text).
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (b.kind == block_kind::table || heading[i]) continue;
    for (const inline_heading& h : inline_headings(b.text)) {
      if (named[detail::narrative::section_index(h.code)]) continue;
      named[detail::narrative::section_index(h.code)] = true; // the first counts
      const source_span at = detail::span_in(b, h.begin);
      found.push_back({{i, h.begin}, {h.code, source_position{doc.source, at.line, at.column}}});
    }
  }
  return detail::narrative::in_key_order(std::move(found));
}

std::vector<diagnostic> check_sections(const std::vector<found_section>& found,
                                       std::string_view file) {
  std::vector<diagnostic> out;
  const auto& secs = catalog(template_id::t2021).sections;
  auto index_of = [&](std::string_view code) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < secs.size(); ++i)
      if (secs[i].code == code) return i;
    return std::nullopt;
  };
  std::vector<bool> seen(secs.size(), false);
  std::optional<std::size_t> latest; // the furthest section met so far
  for (const auto& f : found) {
    const auto i = index_of(f.code);
    if (!i || seen[*i]) continue;
    seen[*i] = true;
    if (latest && *i < *latest) {
      const std::string heading(secs[*i].heading), before(secs[*latest].heading);
      out.push_back(
          diagnostic_builder("document.section_order")
              .path("narrative." + f.code)
              .at(f.position)
              .expected(heading + " before " + before)
              .found(heading + " after " + before)
              .message("“" + heading + "”出现在“" + before + "”之后，顺序与年度报告格式不符。")
              .message_en("section " + f.code + " comes after " + std::string(secs[*latest].code) +
                          "; the template puts it before."));
    }
    if (!latest || *i > *latest) latest = *i;
  }
  for (std::size_t i = 0; i < secs.size(); ++i) {
    if (seen[i]) continue;
    const std::string code(secs[i].code), heading(secs[i].heading);
    out.push_back(diagnostic_builder("document.missing_section")
                      .path("narrative." + code)
                      .at(source_position{std::string(file)})
                      .expected(heading)
                      .message("缺少“" + heading + "”部分。")
                      .message_en("section " + code + " (" + heading + ") was not found."));
  }
  return out;
}

std::vector<diagnostic> check_sections(const std::vector<std::string>& found_codes_in_order) {
  std::vector<found_section> found;
  found.reserve(found_codes_in_order.size());
  for (const auto& c : found_codes_in_order)
    found.push_back({c, {}});
  return check_sections(found);
}

std::vector<diagnostic> check_sections(const document& doc) {
  return check_sections(find_sections(doc), doc.source);
}

} // namespace govdisclose
