// The counts and sums a narrative states (find_statements()): numbers with a unit, what each
// counts and for whom, "none" statements, and lists of parts (docs/narrative.md).
#include "check/narrative_detail.hpp"

#include <govdisclose/narrative.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace govdisclose {

namespace detail::narrative {
namespace {

bool is_strong_delim(char32_t c) noexcept { return is_clause_delim(c) && c != U'、'; }

bool is_keyword(kind k) noexcept { return k <= kind::normative; }
bool is_application_verb(kind k) noexcept {
  return k == kind::verb_new || k == kind::verb_received || k == kind::verb_handled;
}
bool is_doc_verb(kind k) noexcept {
  return k == kind::verb_issue || k == kind::verb_publish || k == kind::verb_repeal ||
         k == kind::verb_in_force;
}

// ---- numbers with units -------------------------------------------------------------

struct mention {
  std::size_t nb = 0, ne = 0, ue = 0; // number [nb, ne), unit [ne, ue)
  std::int64_t value = 0;
  std::u32string unit;
};

constexpr std::array<std::u32string_view, 11> count_units = {
    U"人次", U"件", U"条", U"次", U"篇", U"项", U"个", U"份", U"宗", U"起", U"场"};

std::vector<mention> scan_mentions(const ctext& t) {
  std::vector<mention> out;
  const std::u32string& s = t.s;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    std::optional<std::int64_t> v;
    if (is_ascii_digit(s[i])) {
      while (j < s.size() && (is_ascii_digit(s[j]) || (s[j] == U',' && j + 1 < s.size() &&
                                                       is_ascii_digit(s[j + 1]) && j > i)))
        ++j;
      // A decimal point or a digit run glued to letters is not a count.
      const bool decimal_point = j + 1 < s.size() && s[j] == U'.' && is_ascii_digit(s[j + 1]);
      const bool glued = i > 0 && (s[i - 1] == U'.' || s[i - 1] == U'-' || s[i - 1] == U'/' ||
                                   (s[i - 1] < 0x80 && std::isalnum(static_cast<int>(s[i - 1]))));
      if (!decimal_point && !glued) {
        std::string ascii;
        for (std::size_t k = i; k < j; ++k)
          ascii += static_cast<char>(s[k]);
        if (ascii.back() == ',') {
          ascii.pop_back();
          --j;
        }
        v = parse_count(ascii);
      }
    } else if (is_chinese_numeral(s[i])) {
      while (j < s.size() && is_chinese_numeral(s[j]))
        ++j;
      v = parse_chinese(std::u32string_view(s).substr(i, j - i));
    } else {
      ++i;
      continue;
    }
    if (v && i > 0) {
      const char32_t before = s[i - 1];
      if (before == U'第' || before == U'每' || before == U'逐' || before == U'统' ||
          before == U'唯' || before == U'单' || before == U'之' || before == U'其' ||
          before == U'初' || before == U'周' || before == U'星' || before == U'万')
        v.reset();
    }
    if (v) {
      for (auto u : count_units) {
        if (!t.at(j, u)) continue;
        const std::size_t ue = j + u.size();
        const char32_t next = ue < s.size() ? s[ue] : U'\0';
        const bool word =
            (u == U"件" && next == U'事') || (u == U"条" && (next == U'例' || next == U'款')) ||
            (u == U"次" && (next == U'年' || next == U'日')) || (u == U"项" && next == U'目');
        if (!word) out.push_back({i, j, ue, *v, std::u32string(u)});
        break;
      }
    }
    i = j;
  }
  return out;
}

// ---- what a count is about ---------------------------------------------------------

std::size_t clause_start(const ctext& t, std::size_t i) {
  while (i > 0 && !is_clause_delim(t.s[i - 1]))
    --i;
  return i;
}
std::size_t clause_end(const ctext& t, std::size_t i) {
  while (i < t.size() && !is_clause_delim(t.s[i]))
    ++i;
  return i;
}

// True when [b, e) names a four-digit year other than `year` (`2021年`).
bool mentions_other_year(const ctext& t, std::size_t b, std::size_t e, std::optional<int> year) {
  if (!year) return false;
  for (std::size_t i = b; i + 4 < e + 1 && i + 4 < t.size(); ++i) {
    if (i > b && is_ascii_digit(t.s[i - 1])) continue;
    bool four = true;
    int v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      four = four && is_ascii_digit(t.s[i + k]);
      if (four) v = v * 10 + static_cast<int>(t.s[i + k] - U'0');
    }
    if (four && t.s[i + 4] == U'年' && v >= 1990 && v <= 2100 && v != *year) return true;
  }
  return false;
}

count_topic topic_of(kind k, kind verb) {
  switch (k) {
  case kind::volume:
    return verb == kind::verb_new        ? count_topic::applications_new
           : verb == kind::verb_received ? count_topic::applications_received
           : verb == kind::verb_handled  ? count_topic::applications_handled
                                         : count_topic::applications_any;
  case kind::carried_over: return count_topic::carried_over;
  case kind::carried_forward: return count_topic::carried_forward;
  case kind::granted: return count_topic::granted;
  case kind::partially: return count_topic::partially_granted;
  case kind::withheld: return count_topic::withheld;
  case kind::unavailable: return count_topic::unavailable;
  case kind::not_processed: return count_topic::not_processed;
  case kind::other_processing: return count_topic::other_processing;
  case kind::review: return count_topic::administrative_review;
  case kind::litigation: return count_topic::litigation;
  case kind::regulations:
  case kind::normative: {
    const bool regs = k == kind::regulations;
    switch (verb) {
    case kind::verb_issue:
      return regs ? count_topic::regulations_issued : count_topic::normative_issued;
    case kind::verb_publish:
      return regs ? count_topic::regulations_published : count_topic::normative_published;
    case kind::verb_repeal:
      return regs ? count_topic::regulations_repealed : count_topic::normative_repealed;
    case kind::verb_in_force:
      return regs ? count_topic::regulations_in_force : count_topic::normative_in_force;
    default: return count_topic::none;
    }
  }
  default: return count_topic::none;
  }
}

bool is_application_topic(count_topic c) noexcept {
  return c >= count_topic::applications_any && c <= count_topic::other_processing;
}

// The one keyword kind of a range: volume only when nothing more specific is there; nothing
// when two specific kinds compete.
std::optional<kind> keyword_of(const std::vector<match>& ms, std::size_t b, std::size_t e,
                               bool& ambiguous) {
  std::optional<kind> specific;
  bool volume = false;
  for (const auto& m : ms) {
    if (m.b < b || m.e > e || !is_keyword(m.k)) continue;
    if (m.k == kind::volume) {
      volume = true;
    } else if (!specific) {
      specific = m.k;
    } else if (*specific != m.k) {
      ambiguous = true;
    }
  }
  if (specific) return specific;
  if (volume) return kind::volume;
  return std::nullopt;
}

// The nearest verb of a family before `e` in [b, e).
kind nearest_verb(const std::vector<match>& ms, std::size_t b, std::size_t e, bool docs) {
  kind v = kind::neutral;
  for (const auto& m : ms) {
    if (m.b < b || m.e > e) continue;
    if (docs ? is_doc_verb(m.k) : is_application_verb(m.k)) v = m.k;
  }
  return v;
}

count_topic classify(const ctext& t, const std::vector<match>& ms, const mention& m,
                     std::optional<int> year, std::u32string_view agency, std::size_t& phrase_begin,
                     std::size_t& phrase_end) {
  const std::size_t cb = clause_start(t, m.nb), ce = clause_end(t, m.ue);
  const std::size_t sb = sentence_start(t, m.nb);
  phrase_begin = cb;
  phrase_end = m.ue;
  if (m.nb > 0 && (t.s[m.nb - 1] == U'各')) return count_topic::none;
  bool blocked = false, blocked_docs = false;
  for (const auto& x : ms) {
    if (x.b < cb || x.e > ce) continue;
    if (x.k == kind::block) blocked = true;
    if (x.k == kind::block_docs) blocked_docs = true;
  }
  if (blocked || mentions_other_year(t, sb, m.nb, year)) return count_topic::none;
  bool ambiguous = false;
  std::optional<kind> k = keyword_of(ms, cb, m.nb, ambiguous);
  if (!k && !ambiguous) {
    k = keyword_of(ms, m.ue, ce, ambiguous);
    if (k) phrase_end = ce;
  }
  if (!k || ambiguous) return count_topic::none;
  if (other_subject(t, ms, cb, sb, m.nb, agency)) return count_topic::none;
  const bool docs = *k == kind::regulations || *k == kind::normative;
  if (docs && blocked_docs) return count_topic::none;
  // Verbs: the clause first, then the sentence before it.
  kind verb = nearest_verb(ms, cb, m.nb, docs);
  if (verb == kind::neutral) verb = nearest_verb(ms, sb, m.nb, docs);
  return topic_of(*k, verb);
}

// `本年度无行政诉讼`, `未发生行政复议和行政诉讼案件`, `未收到政府信息公开申请`.
void scan_none_statements(const ctext& t, const std::vector<match>& ms,
                          const std::vector<mention>& mentions, std::optional<int> year,
                          std::u32string_view agency,
                          std::vector<std::pair<std::size_t, stated_count>>& out) {
  for (std::size_t n = 0; n < ms.size(); ++n) {
    const match& neg = ms[n];
    if (neg.k != kind::negator && neg.k != kind::negator_receive) continue;
    std::size_t end = neg.e;
    while (end < t.size() && !is_strong_delim(t.s[end]))
      ++end;
    const std::size_t cb = clause_start(t, neg.b);
    bool bad = false;
    for (const auto& mm : mentions)
      if (mm.nb < end && mm.ue > cb) bad = true;
    for (const auto& x : ms)
      if (x.b >= cb && x.e <= end && x.k == kind::block) bad = true;
    for (const auto& x : ms)
      if (x.b >= cb && x.e <= neg.b && is_keyword(x.k) && x.k != kind::volume) bad = true;
    if (bad || mentions_other_year(t, sentence_start(t, neg.b), end, year) ||
        other_subject(t, ms, cb, sentence_start(t, neg.b), neg.b, agency))
      continue;
    std::vector<const match*> kws;
    bool cases = false; // 行政复议/行政诉讼: a 政府信息公开申请 before them is context
    for (std::size_t k = n + 1; k < ms.size() && ms[k].e <= end; ++k)
      if (ms[k].k == kind::review || ms[k].k == kind::litigation) cases = true;
    for (std::size_t k = n + 1; k < ms.size() && ms[k].e <= end; ++k)
      if (is_keyword(ms[k].k) && !(cases && ms[k].k == kind::volume)) kws.push_back(&ms[k]);
    if (kws.empty() || kws.front()->b - neg.e > 16) continue;
    bool ok = true;
    for (std::size_t k = 0; k < kws.size(); ++k) {
      const kind kk = kws[k]->k;
      if (kk != kind::review && kk != kind::litigation && kk != kind::volume) ok = false;
      if (kk == kind::volume && neg.k != kind::negator_receive && t.s[neg.b] != U'无') ok = false;
      if (kk != kind::volume && neg.k == kind::negator_receive) ok = false;
      if (k > 0 && kws[k]->b - kws[k - 1]->e > 6) ok = false;
    }
    if (!ok) continue;
    const std::u32string_view tail =
        std::u32string_view(t.s).substr(kws.back()->e, end - kws.back()->e);
    static constexpr std::array<std::u32string_view, 12> tails = {
        U"",       U"的情况", U"情况", U"案件",   U"的案件", U"事项",
        U"的事项", U"等情况", U"发生", U"的情形", U"情形",   U"工作"};
    if (std::find(tails.begin(), tails.end(), tail) == tails.end()) continue;
    for (const match* kw : kws) {
      stated_count c;
      c.value = 0;
      c.topic = kw->k == kind::review       ? count_topic::administrative_review
                : kw->k == kind::litigation ? count_topic::litigation
                                            : count_topic::applications_received;
      c.offset = t.cp[neg.b];
      c.phrase = t.quote(cb, end);
      c.number_begin = c.number_end = t.bbeg[neg.b];
      out.push_back({neg.b, std::move(c)});
    }
  }
}

stated_count make_count(const ctext& t, const mention& m, count_topic topic, std::size_t pb,
                        std::size_t pe) {
  stated_count c;
  c.value = m.value;
  c.unit = to_utf8(m.unit);
  c.topic = topic;
  c.offset = t.cp[m.nb];
  if (m.nb - pb > 40) pb = m.nb - 40;
  c.phrase = t.quote(pb, pe);
  c.number_begin = t.bbeg[m.nb];
  c.number_end = t.bend[m.ne - 1];
  return c;
}

// Where a list of parts opens after a count whose unit ends at `j` (`，其中：`, `（其中包括`), and
// whether 包括 introduces it; nothing without 其中.
struct list_opening {
  std::size_t at = 0;
  bool including = false;
};

std::optional<list_opening> opening_at(const ctext& t, std::size_t j) {
  const std::u32string& s = t.s;
  if (j < s.size() && (s[j] == U',' || s[j] == U':' || s[j] == U'(')) ++j;
  if (!t.at(j, U"其中")) return std::nullopt;
  j += 2;
  bool including = false;
  if (j < s.size() && s[j] == U':') ++j;
  if (t.at(j, U"包括")) {
    j += 2;
    including = true;
  }
  if (j < s.size() && s[j] == U':') ++j;
  return list_opening{j, including};
}

// The end of the list item from `j`, and what ends it: a delimiter at the list's bracket depth
// `base`, the bracket closing the list, or the end of the text (U'\0').
std::pair<std::size_t, char32_t> item_end(const ctext& t, std::size_t j, int base) {
  for (; j < t.size(); ++j) {
    const char32_t c = t.s[j];
    const int d = t.depth[j];
    if (c == U')' && d == base) return {j, c};
    if (d != base) continue;
    if (c == U'、' || c == U',' || c == U';' || c == U'。' || c == U'!' || c == U'?' || c == U':')
      return {j, c};
  }
  return {j, U'\0'};
}

// The mentions in [b, e) at bracket depth `base`.
std::vector<std::size_t> mentions_at_depth(const ctext& t, const std::vector<mention>& mentions,
                                           std::size_t b, std::size_t e, int base) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < mentions.size(); ++k)
    if (mentions[k].nb >= b && mentions[k].ue <= e && t.depth[mentions[k].nb] == base)
      out.push_back(k);
  return out;
}

// Where the bracketed remark after a count ending at `from` ends (`32条（含…）`), or `from`.
std::size_t remark_end(const ctext& t, std::size_t from, std::size_t end, int base) {
  std::size_t after = from;
  if (after < end && t.s[after] == U'(') {
    while (after < end && !(t.s[after] == U')' && t.depth[after] == base + 1))
      ++after;
    if (after < end) ++after;
  }
  return after;
}

// The parts (indices in `mentions`) of the list opening at `o` after `total`: one count in
// `total`'s unit per item; nothing when an item is something else.
std::optional<std::vector<std::size_t>> list_parts(const ctext& t,
                                                   const std::vector<mention>& mentions,
                                                   const mention& total, list_opening o) {
  const std::u32string& s = t.s;
  std::size_t j = o.at;
  const int base = j < s.size() ? t.depth[j] : 0;
  std::vector<std::size_t> parts;
  char32_t before = U',';
  while (j < s.size()) {
    const std::size_t seg = j;
    const auto [end, stop] = item_end(t, j, base);
    j = end;
    const std::vector<std::size_t> top = mentions_at_depth(t, mentions, seg, j, base);
    const bool itemised = before == U'、' || before == U';' || o.including;
    if (top.size() != 1 || mentions[top[0]].unit != total.unit) {
      // A number without a unit (`不予公开信息数1402`) may be a part written carelessly.
      bool digits = false;
      for (std::size_t k = seg; k < j; ++k)
        digits = digits || is_ascii_digit(s[k]);
      if (itemised || top.size() > 1 || parts.empty() || digits) return std::nullopt;
      break;
    }
    // After the count only a bracketed remark may follow; `等` means the list is not whole.
    if (remark_end(t, mentions[top[0]].ue, j, base) != j) return std::nullopt;
    parts.push_back(top[0]);
    if (stop == U'\0' || stop == U')' || stop == U'。' || stop == U'!' || stop == U'?' ||
        stop == U':')
      break;
    before = stop;
    ++j;
  }
  return parts;
}

// `223条，其中119条、72条、32条` and nested lists in brackets: each total (an index in
// `mentions`) with its parts.
std::vector<std::pair<std::size_t, std::vector<std::size_t>>>
scan_lists(const ctext& t, const std::vector<mention>& mentions) {
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> out;
  for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
    const auto opening = opening_at(t, mentions[mi].ue);
    if (!opening) continue;
    auto parts = list_parts(t, mentions, mentions[mi], *opening);
    if (parts && parts->size() >= 2) out.push_back({mi, std::move(*parts)});
  }
  return out;
}

// True when a count of `topic` cannot be a part of a list of results or kinds: applications
// received or carried, or cases (`…其他处理14件；结转下年度1件`: the list ended before it).
bool ends_a_list(count_topic topic) noexcept {
  return topic == count_topic::applications_any || topic == count_topic::applications_received ||
         topic == count_topic::applications_new || topic == count_topic::applications_handled ||
         topic == count_topic::carried_over || topic == count_topic::carried_forward ||
         topic == count_topic::administrative_review || topic == count_topic::litigation;
}

// The sums the lists of `t` state, of the counts `by_mention` (one per mention).
std::vector<stated_sum> stated_sums(const ctext& t, const std::vector<mention>& mentions,
                                    const std::vector<stated_count>& by_mention) {
  std::vector<stated_sum> out;
  for (const auto& [total, parts] : scan_lists(t, mentions)) {
    stated_sum sum;
    sum.total = by_mention[total];
    bool applications = false;
    for (std::size_t p : parts) {
      const count_topic pt = by_mention[p].topic;
      if (ends_a_list(pt)) break;
      sum.parts.push_back(by_mention[p]);
      applications = applications || is_application_topic(pt);
    }
    if (sum.parts.size() < 2) continue;
    // `收到申请34件，其中予以公开9件…结转下年度1件`: the results add up to new plus carried over,
    // not to what was received; the parts are checked against their cells instead.
    if (applications && is_application_topic(sum.total.topic)) continue;
    out.push_back(std::move(sum));
  }
  return out;
}

} // namespace
} // namespace detail::narrative

narrative_statements find_statements(std::string_view text, std::optional<int> year,
                                     std::string_view agency) {
  narrative_statements st;
  const detail::narrative::ctext t(text);
  const std::u32string own = detail::narrative::ctext(agency).s;
  const auto ms = detail::narrative::scan_phrases(t);
  const auto mentions = detail::narrative::scan_mentions(t);
  std::vector<std::pair<std::size_t, stated_count>> found; // by where in the text
  std::vector<stated_count> by_mention;
  by_mention.reserve(mentions.size());
  for (const auto& m : mentions) {
    std::size_t pb = 0, pe = 0;
    const count_topic topic = detail::narrative::classify(t, ms, m, year, own, pb, pe);
    by_mention.push_back(detail::narrative::make_count(t, m, topic, pb, pe));
    found.push_back({m.nb, by_mention.back()});
  }
  detail::narrative::scan_none_statements(t, ms, mentions, year, own, found);
  st.counts = detail::narrative::in_key_order(std::move(found));
  st.sums = detail::narrative::stated_sums(t, mentions, by_mention);
  return st;
}

} // namespace govdisclose
