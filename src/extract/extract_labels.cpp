// Label keys and catalog label indexes for the extractor: how a published label is reduced and
// matched with the template catalog (see docs/extraction.md, "Labels").
#include "extract/extract_detail.hpp"

#include <govdisclose/reflect.hpp>
#include <govdisclose/text.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>

namespace govdisclose::detail {
namespace {

constexpr std::u32string_view chinese_numerals = U"一二三四五六七八九十";

bool is_cn_numeral(char32_t c) noexcept {
  return chinese_numerals.find(c) != std::u32string_view::npos;
}

// Punctuation dropped from bare keys: ASCII punctuation (full-width forms are ASCII after
// normalize_width), CJK symbols and punctuation, general punctuation (curly quotes, dashes),
// CJK compatibility forms and the middle dot.
bool is_punct(char32_t c) noexcept {
  if (c < 0x80) return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
                       (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0xFE30 && c <= 0xFE4F) || c == 0xB7 || c == 0xFF5F || c == 0xFF60 ||
         (c >= 0xFF61 && c <= 0xFF65);
}

std::vector<keyed> keys_of(std::string_view label, const std::vector<std::string_view>& variants) {
  std::vector<keyed> out;
  out.push_back({label, make_key(label)});
  for (auto v : variants) out.push_back({v, make_key(v)});
  return out;
}

bool any_same(const std::vector<keyed>& ks, const label_key& k) {
  return std::any_of(ks.begin(), ks.end(), [&](const keyed& x) { return same_label(x.key, k); });
}

// The corner note is long and its wording varies ("本列数据的勾稽关系为…").
bool loose_header(const label_key& k) { return k.bare.find("勾稽关系") != std::string::npos; }

// An item heading of section 二 in any wording (第二十条第（五）项…).
constexpr std::string_view item_prefix = "第二十条";
bool loose_item(const label_key& k) {
  return k.bare.starts_with(item_prefix) && k.bare.size() <= 40;
}

} // namespace

bool is_key_punct(char32_t c) noexcept { return is_punct(c); }

label_key make_key(std::string_view text) {
  // One pass: width-normalise each code point and drop white space (as normalize_width(trim())
  // then removing spaces would), into a per-thread scratch buffer (no allocation once warm).
  thread_local std::u32string cps;
  cps.clear();
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp = next_code_point(text, pos);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (!is_space(cp)) cps += cp;
  }
  label_key k;
  std::size_t i = 0;
  if (cps.size() > 2 && cps[0] == '(') {
    std::size_t j = 1;
    while (j < cps.size() && (is_cn_numeral(cps[j]) || is_ascii_digit(cps[j]))) ++j;
    if (j > 1 && j < cps.size() && cps[j] == ')') {
      k.marker = to_utf8(cps.substr(0, j + 1));
      i = j + 1;
    }
  } else if (!cps.empty() && is_cn_numeral(cps[0])) {
    std::size_t j = 0;
    while (j < cps.size() && is_cn_numeral(cps[j])) ++j;
    if (j < cps.size() && (cps[j] == U'、' || cps[j] == '.' || cps[j] == U'．')) {
      k.marker = to_utf8(cps.substr(0, j));
      i = j + 1;
    }
  } else if (!cps.empty() && is_ascii_digit(cps[0])) {
    std::size_t j = 0;
    while (j < cps.size() && is_ascii_digit(cps[j])) ++j;
    if (j < cps.size() && (cps[j] == '.' || cps[j] == U'、') &&
        (j + 1 == cps.size() || !is_ascii_digit(cps[j + 1]))) {
      k.marker = to_utf8(cps.substr(0, j));
      i = j + 1;
    }
  }
  k.bare.reserve(3 * (cps.size() - i));
  for (; i < cps.size(); ++i)
    if (!is_punct(cps[i])) append_utf8(k.bare, cps[i]);
  return k;
}

bool same_label(const label_key& a, const label_key& b) noexcept {
  if (a.bare.empty() || a.bare != b.bare) return false;
  if (a.marker.empty() != b.marker.empty()) {
    // A short label without its marker is a different label: "其他" (a column) is not
    // "3.其他" (a row), "总计" (a column) is not "（七）总计" (a row).
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < a.bare.size(); ++n) next_code_point(a.bare, pos);
    return n > 2;
  }
  return a.marker == b.marker;
}

double similarity(std::string_view a, std::string_view b) {
  return similarity_of(to_u32(a), to_u32(b));
}

double similarity_of(std::u32string_view x, std::u32string_view y) {
  if (x.empty() || y.empty()) return 0.0;
  thread_local std::vector<std::size_t> prev, cur; // scratch rows, no allocation once warm
  prev.assign(y.size() + 1, 0);
  cur.assign(y.size() + 1, 0);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    for (std::size_t j = 1; j <= y.size(); ++j)
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[y.size()]) /
         static_cast<double>(std::max(x.size(), y.size()));
}

std::string_view kind_code(table_kind k) noexcept {
  switch (k) {
  case table_kind::proactive: return "proactive";
  case table_kind::applications: return "applications";
  case table_kind::reviews: return "reviews";
  default: return "";
  }
}

label_index::label_index(const table_def& t) : table(&t) {
  for (const auto& r : t.rows) {
    rows.emplace_back(&r, keys_of(r.label, r.variants));
    if (!r.group_label.empty() &&
        std::none_of(groups.begin(), groups.end(),
                     [&](const keyed& g) { return g.label == r.group_label; }))
      groups.push_back({r.group_label, make_key(r.group_label)});
    if (!r.item.empty() && std::none_of(items.begin(), items.end(), [&](const keyed& g) {
          return g.label == r.item;
        }))
      items.push_back({r.item, make_key(r.item)});
    for (const auto& c : r.columns) {
      const bool known = std::any_of(columns.begin(), columns.end(),
                                     [&](const auto& e) { return e.first->code == c.code; });
      if (!known) {
        columns.emplace_back(&c, keys_of(c.label, c.variants));
        // "法人或其他组织商业企业": the group label and the label in one cell.
        column_joined.push_back(c.group_label.empty()
                                    ? label_key{}
                                    : make_key(std::string(c.group_label) + std::string(c.label)));
      }
      if (!c.group_label.empty() &&
          std::none_of(column_groups.begin(), column_groups.end(),
                       [&](const keyed& g) { return g.label == c.group_label; }))
        column_groups.push_back({c.group_label, make_key(c.group_label)});
    }
  }
  for (auto h : t.header_labels) headers.push_back({h, make_key(h)});
  if (!t.corner.empty()) headers.push_back({t.corner, make_key(t.corner)});
  auto add = [&](const std::vector<keyed>& ks) {
    for (const auto& x : ks) bares.insert(x.key.bare);
  };
  for (const auto& r : rows) add(r.second);
  for (const auto& c : columns) add(c.second);
  for (const auto& j : column_joined) bares.insert(j.bare);
  add(groups);
  add(column_groups);
  add(headers);
  add(items);
  for (const auto& [row, ks] : rows) {
    approx_candidate c{row, {}, {}};
    for (const auto& x : ks) c.keys.emplace_back(x.key.marker, to_u32(x.key.bare));
    approx.push_back(std::move(c));
  }
  for (const auto& g : groups)
    approx.push_back({nullptr, g.label, {{g.key.marker, to_u32(g.key.bare)}}});
  // Row, group and header labels as whole forms, for the start of a wrapped label.
  auto form = [&](const std::vector<keyed>& ks) {
    for (const auto& x : ks) forms.push_back(whole_form(x.label));
  };
  for (const auto& r : rows) form(r.second);
  form(groups);
  form(headers);
  std::sort(forms.begin(), forms.end());
  for (const auto* ks : {&groups, &headers})
    for (const auto& x : *ks) group_forms.push_back(whole_form(x.label));
  for (const auto& c : columns)
    for (const auto& x : c.second) column_forms.push_back(whole_form(x.label));
}

std::string whole_form(std::string_view text) {
  // A letter first keeps make_key() from taking the numbering apart as a marker.
  return make_key("x" + std::string(text)).bare.substr(1);
}

bool label_index::starts_label(std::string_view text) const {
  const std::string f = whole_form(text);
  if (f.empty()) return !trim(text).empty(); // punctuation alone ("（" of （一）…) may begin one
  const auto at = std::lower_bound(forms.begin(), forms.end(), f);
  return at != forms.end() && at->starts_with(f);
}

row_match label_index::match_row(const label_key& k, std::string_view group,
                                 bool allow_approx) const {
  row_match m;
  if (k.empty()) return m;
  std::vector<const row_def*> found;
  const bool exact = may_name(k);
  if (exact)
    for (const auto& [row, ks] : rows)
      if (any_same(ks, k)) found.push_back(row);
  if (found.size() > 1) {
    std::vector<const row_def*> in_group;
    for (auto* r : found)
      if (r->group_label == group) in_group.push_back(r);
    if (in_group.size() == 1) found = in_group;
  }
  if (found.size() == 1) {
    m.row = found.front();
    return m;
  }
  if (found.size() > 1) {
    m.ambiguous = true;
    return m;
  }
  if (exact)
    for (const auto& g : groups)
      if (same_label(g.key, k)) {
        m.group = g.label;
        return m;
      }
  if (!allow_approx) return m;
  const std::u32string bare = to_u32(k.bare);
  if (bare.size() < 4) return m;
  // A typo or a converter's slip: the single most similar label, if it is close enough (and
  // no other is as close).
  auto score = [&](const std::string& marker, const std::u32string& cand) {
    if (!k.marker.empty() && !marker.empty() && k.marker != marker) return 0.0;
    // The similarity is at most (shorter length / longer length): below the 0.8 threshold it
    // can neither match nor tie with a match, so it counts as 0 without computing it.
    const std::size_t n = cand.size();
    if (5 * std::min(n, bare.size()) < 4 * std::max(n, bare.size())) return 0.0;
    return similarity_of(bare, cand);
  };
  double best = -1.0;
  std::size_t best_count = 0;
  const approx_candidate* winner = nullptr;
  for (const auto& c : approx) {
    double s = 0.0;
    for (const auto& [marker, cand] : c.keys) s = std::max(s, score(marker, cand));
    if (s > best) {
      best = s;
      best_count = 1;
      winner = &c;
    } else if (s == best) {
      ++best_count;
    }
  }
  if (winner && best >= 0.8 && best_count == 1) {
    m.row = winner->row;
    m.group = winner->group;
    m.approximate = true;
  }
  return m;
}

const column_def* label_index::match_column(const label_key& k) const {
  if (k.empty()) return nullptr;
  if (!may_name(k)) {
    // Header levels a reader joined into one cell (申请人情况 or 第二十条第（一）项 centred over
    // the column below it): a header word, or an item in any wording, then a column label.
    for (const auto& h : headers)
      if (!h.key.bare.empty() && k.bare.size() > h.key.bare.size() &&
          k.bare.starts_with(h.key.bare))
        return match_column(label_key{{}, k.bare.substr(h.key.bare.size())});
    if (k.bare.starts_with(item_prefix)) {
      constexpr std::string_view end = "项";
      const auto at = k.bare.find(end);
      if (at != std::string::npos && at + end.size() < k.bare.size())
        return match_column(label_key{{}, k.bare.substr(at + end.size())});
    }
    return nullptr;
  }
  const column_def* found = nullptr;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const column_def* col = columns[i].first;
    const bool hit = any_same(columns[i].second, k) || same_label(column_joined[i], k);
    if (hit) {
      if (found && found->code != col->code) return nullptr;
      found = col;
    }
  }
  return found;
}

bool label_index::is_column_group(const label_key& k) const {
  return may_name(k) && any_same(column_groups, k);
}

bool label_index::is_header_word(const label_key& k) const {
  if (may_name(k) && any_same(headers, k)) return true;
  return loose_header(k);
}

bool label_index::is_item(const label_key& k) const {
  if (may_name(k) && any_same(items, k)) return true;
  return loose_item(k);
}

bool label_index::knows(const label_key& k) const {
  if (k.empty()) return false;
  if (!may_name(k)) // no exact label: only the loose header and item tests can say yes
    return loose_header(k) || loose_item(k);
  const row_match m = match_row(k, {}, false);
  if (m.row || !m.group.empty() || m.ambiguous) return true;
  return match_column(k) || is_column_group(k) || is_header_word(k) || is_item(k);
}

const label_index& label_index::of(const table_def& t) {
  struct cached {
    std::vector<std::unique_ptr<label_index>> all;
    cached() {
      for (auto id : {template_id::t2019, template_id::t2021})
        for (const auto& def : catalog(id).tables)
          all.push_back(std::make_unique<label_index>(def));
    }
  };
  static const cached catalog_indexes; // function-local static: built once, thread-safe
  for (const auto& idx : catalog_indexes.all)
    if (idx->table == &t) return *idx;
  // Not a catalog table (not used by the extractor): one index per address, kept.
  static std::mutex lock;
  static std::map<const table_def*, std::unique_ptr<label_index>> others;
  const std::lock_guard<std::mutex> guard(lock);
  auto& slot = others[&t];
  if (!slot) slot = std::make_unique<label_index>(t);
  return *slot;
}

std::string_view label_index::group_code(std::string_view group_label) const {
  for (const auto& [row, ks] : rows) {
    (void)ks;
    if (row->group_label == group_label) {
      const auto dot = row->code.find('.');
      if (dot != std::string_view::npos) return row->code.substr(0, dot);
    }
  }
  return {};
}

cell read_cell(std::string_view text, source_span span, std::string* unit) {
  if (unit) unit->clear();
  cell c = classify_cell(text, span);
  if (c.state != cell_state::text) return c;
  std::string n;
  for (char ch : normalize_width(trim(text)))
    if (ch != ' ') n += ch;
  for (auto u : number_units) {
    if (n.size() > u.size() && n.compare(n.size() - u.size(), u.size(), u) == 0) {
      if (auto v = decimal::parse(std::string_view(n).substr(0, n.size() - u.size()))) {
        c.state = cell_state::number;
        c.value = *v;
        if (unit) *unit = std::string(u);
        return c;
      }
    }
  }
  // "22（其中修订 16 件）": a number (with a unit, perhaps) and a note in brackets. The number is
  // the value; the raw text keeps the note (the table reader says so: cell.number_with_note).
  if (const auto open = n.find('('); open != std::string::npos && open > 0 && n.back() == ')') {
    const cell inner = read_cell(std::string_view(n).substr(0, open), span, unit);
    if (inner.state == cell_state::number) {
      c.state = cell_state::number;
      c.value = inner.value;
    }
  }
  return c;
}

bool is_data_text(std::string_view text) {
  return read_cell(text, {}).state != cell_state::text;
}

std::vector<table_cell> paragraph_cells(const block& b) {
  struct token {
    std::size_t begin, end;
    source_span span;
  };
  std::vector<token> tokens;
  const std::string_view s = b.text;
  source_span at = b.span;
  bool in_token = false;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(s, pos);
    if (is_space(cp)) {
      if (in_token) tokens.back().end = start;
      in_token = false;
    } else if (!in_token) {
      tokens.push_back({start, s.size(), at});
      in_token = true;
    }
    if (at.known()) {
      if (cp == '\n') {
        ++at.line;
        at.column = 1;
      } else {
        ++at.column;
      }
    }
  }
  std::size_t first_data = tokens.size();
  while (first_data > 0) {
    const auto& t = tokens[first_data - 1];
    const cell c = read_cell(s.substr(t.begin, t.end - t.begin), {});
    if (c.state != cell_state::number && c.state != cell_state::marker) break;
    --first_data;
  }
  std::vector<table_cell> out;
  if (first_data == tokens.size()) return out;
  if (first_data > 0) {
    table_cell label;
    label.text = std::string(trim(s.substr(0, tokens[first_data].begin)));
    label.span = b.span;
    out.push_back(std::move(label));
  }
  for (std::size_t i = first_data; i < tokens.size(); ++i) {
    table_cell c;
    c.text = std::string(s.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
    c.span = tokens[i].span;
    out.push_back(std::move(c));
  }
  return out;
}

doc_row::doc_row(std::vector<table_cell> c, std::size_t b, std::size_t r, bool paragraph)
    : cells(std::move(c)), block(b), table_row(r), from_paragraph(paragraph) {
  keys.reserve(cells.size());
  states.reserve(cells.size());
  for (const auto& x : cells) {
    keys.push_back(make_key(x.text));
    states.push_back(read_cell(x.text, {}).state);
  }
}

cell_index index_cells(report& r) {
  cell_index idx;
  for_each_cell(r, [&](std::string_view p, cell& c) { idx.emplace(std::string(p), &c); });
  return idx;
}

std::string join_cells(const std::vector<const table_cell*>& cells) {
  std::string s;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) s += " | ";
    s += cells[i]->text;
  }
  return s;
}

} // namespace govdisclose::detail
