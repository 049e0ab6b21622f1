// The narrative checks: numerals, stated counts and sums, the year, the 信息处理费 statement,
// and the sections found in a document. See include/govdisclose/narrative.hpp and
// docs/narrative.md.
#include "extract/extract_detail.hpp"

#include <govdisclose/catalog.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/narrative.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govdisclose {

namespace detail {
namespace {

// ---- numerals -------------------------------------------------------------------

int chinese_digit(char32_t c) noexcept {
  switch (c) {
  case U'零':
  case U'〇': return 0;
  case U'一': return 1;
  case U'二':
  case U'两': return 2;
  case U'三': return 3;
  case U'四': return 4;
  case U'五': return 5;
  case U'六': return 6;
  case U'七': return 7;
  case U'八': return 8;
  case U'九': return 9;
  default: return -1;
  }
}

int chinese_small_unit(char32_t c) noexcept {
  return c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0;
}

bool is_chinese_numeral(char32_t c) noexcept {
  return chinese_digit(c) >= 0 || chinese_small_unit(c) != 0 || c == U'万' || c == U'亿';
}

// A section below 10 000 (`三千零五`, `二十三`, `十五`). `at_start`: the section begins the
// numeral (only then may 十 stand without a digit); `after_big`: a higher section precedes it.
std::optional<std::int64_t> parse_small(std::u32string_view s, bool at_start, bool after_big) {
  if (s.empty()) return std::nullopt;
  std::int64_t value = 0;
  int pending = -1; // a digit waiting for its unit
  bool pending_liang = false;
  int last_unit = 100000;
  bool zero_seen = false;
  bool any_unit = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    const int d = chinese_digit(c);
    const int u = chinese_small_unit(c);
    if (d == 0) {
      // 零 marks a gap: after a unit (or at the start of a lower section), before a digit.
      if (pending >= 0 || zero_seen) return std::nullopt;
      if (!any_unit && !(after_big && i == 0)) return std::nullopt;
      zero_seen = true;
    } else if (d > 0) {
      if (pending >= 0) return std::nullopt;
      pending = d;
      pending_liang = c == U'两';
    } else if (u != 0) {
      if (u >= last_unit) return std::nullopt;
      if (pending < 0) {
        if (u == 10 && i == 0 && at_start)
          pending = 1;
        else
          return std::nullopt;
      }
      if (pending_liang && u == 10) return std::nullopt; // 两十 is not written
      value += pending * u;
      pending = -1;
      pending_liang = false;
      last_unit = u;
      zero_seen = false;
      any_unit = true;
    } else {
      return std::nullopt;
    }
  }
  if (chinese_digit(s.back()) == 0) return std::nullopt; // a trailing 零
  if (pending >= 0) {
    if (pending_liang && s.size() > 1) return std::nullopt; // 十两, 一百零两
    // A final digit needs 零 before it unless it follows 十 (一百五 is colloquial for 150).
    if (any_unit && last_unit != 10) {
      const bool had_zero = s.size() >= 2 && chinese_digit(s[s.size() - 2]) == 0;
      if (!had_zero) return std::nullopt;
    }
    value += pending;
  }
  return value;
}

std::optional<std::int64_t> parse_chinese(std::u32string_view s) {
  if (s.empty()) return std::nullopt;
  bool has_unit = false;
  for (char32_t c : s) {
    if (!is_chinese_numeral(c)) return std::nullopt;
    if (chinese_digit(c) < 0) has_unit = true;
  }
  if (!has_unit) {
    if (s.size() == 1) return chinese_digit(s[0]);
    // Positional digits (二〇二二, 一〇五); 两 is never written this way, and without 〇 two or
    // three digits mean an estimate (二三件 is "two or three").
    if (s.find(U'〇') == std::u32string_view::npos && s.size() < 4) return std::nullopt;
    std::int64_t v = 0;
    for (char32_t c : s) {
      if (c == U'两' || s.size() > 12) return std::nullopt;
      v = v * 10 + chinese_digit(c);
    }
    if (chinese_digit(s[0]) == 0) return std::nullopt;
    return v;
  }
  // Split at 亿 and 万 (each at most once, 亿 first).
  std::int64_t total = 0;
  std::u32string_view rest = s;
  bool at_start = true, after_big = false;
  const std::array<std::pair<char32_t, std::int64_t>, 2> bigs = {
      {{U'亿', 100000000}, {U'万', 10000}}};
  for (const auto& [ch, mult] : bigs) {
    const auto p = rest.find(ch);
    if (p == std::u32string_view::npos) continue;
    const std::u32string_view head = rest.substr(0, p);
    std::optional<std::int64_t> h;
    if (ch == U'亿' || head.find(U'亿') == std::u32string_view::npos)
      h = parse_small(head, at_start, after_big);
    if (!h || *h == 0) return std::nullopt;
    total += *h * mult;
    rest = rest.substr(p + 1);
    at_start = false;
    after_big = true;
  }
  if (rest.empty()) return total;
  if (after_big) {
    // A lower section after 万/亿: 零 first unless it reaches the next unit down (一万五千).
    const auto low = parse_small(rest, false, true);
    if (!low) return std::nullopt;
    const bool leading_zero = chinese_digit(rest[0]) == 0;
    if (!leading_zero && *low < 1000) return std::nullopt;
    if (leading_zero && *low >= 1000) return std::nullopt;
    return total + *low;
  }
  return parse_small(rest, true, false);
}

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();)
    out += next_code_point(s, pos);
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s)
    append_utf8(out, c);
  return out;
}

std::string small_numeral(int n, bool leading) {
  static constexpr std::array<const char*, 10> digits = {"零", "一", "二", "三", "四",
                                                         "五", "六", "七", "八", "九"};
  static constexpr std::array<const char*, 4> units = {"千", "百", "十", ""};
  const std::array<int, 4> d = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
  std::string out;
  bool started = false, gap = false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (d[i] == 0) {
      if (started) gap = true;
      continue;
    }
    if (gap) out += "零";
    gap = false;
    if (!(leading && !started && i == 2 && d[i] == 1))
      out += digits[static_cast<std::size_t>(d[i])];
    out += units[i];
    started = true;
  }
  return out;
}

// ---- the text, compacted --------------------------------------------------------

// A section's text without white space, full-width forms folded to ASCII for matching, with
// each code point's place in the original.
struct ctext {
  std::string_view src;
  std::u32string s;              // folded, no spaces
  std::u32string orig;           // the original code points
  std::vector<std::size_t> cp;   // original code point index
  std::vector<std::size_t> bbeg; // original byte range
  std::vector<std::size_t> bend;
  std::vector<int> depth; // parenthesis depth before each code point

  explicit ctext(std::string_view text) : src(text) {
    std::size_t index = 0;
    for (std::size_t pos = 0; pos < text.size(); ++index) {
      const std::size_t start = pos;
      char32_t c = next_code_point(text, pos);
      if (is_space(c)) continue;
      const char32_t o = c;
      if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
      if (c == U'【' || c == U'〔' || c == U'［') c = U'(';
      if (c == U'】' || c == U'〕' || c == U'］') c = U')';
      s += c;
      orig += o;
      cp.push_back(index);
      bbeg.push_back(start);
      bend.push_back(pos);
    }
    int d = 0;
    depth.reserve(s.size());
    for (char32_t c : s) {
      depth.push_back(d);
      if (c == U'(')
        ++d;
      else if (c == U')' && d > 0)
        --d;
    }
  }
  std::size_t size() const noexcept { return s.size(); }
  std::string quote(std::size_t b, std::size_t e) const {
    return encode(std::u32string_view(orig).substr(b, e - b));
  }
  bool at(std::size_t i, std::u32string_view w) const noexcept {
    return i <= s.size() && s.size() - i >= w.size() &&
           std::u32string_view(s).substr(i, w.size()) == w;
  }
};

bool is_clause_delim(char32_t c) noexcept {
  return c == U',' || c == U'、' || c == U'。' || c == U';' || c == U':' || c == U'!' ||
         c == U'?' || c == U'(' || c == U')' || c == U'．' || c == U'﹐';
}
bool is_strong_delim(char32_t c) noexcept { return is_clause_delim(c) && c != U'、'; }
bool is_sentence_delim(char32_t c) noexcept {
  return c == U'。' || c == U';' || c == U'!' || c == U'?';
}

// ---- phrase table -----------------------------------------------------------------

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

bool is_keyword(kind k) noexcept { return k <= kind::normative; }
bool is_application_verb(kind k) noexcept {
  return k == kind::verb_new || k == kind::verb_received || k == kind::verb_handled;
}
bool is_doc_verb(kind k) noexcept {
  return k == kind::verb_issue || k == kind::verb_publish || k == kind::verb_repeal ||
         k == kind::verb_in_force;
}

struct phrase {
  std::u32string_view text;
  kind k;
};

// Longest match wins at each position; see docs/narrative.md for the list in prose.
const std::vector<phrase>& phrases() {
  static const std::vector<phrase> table = [] {
    std::vector<phrase> p = {
        // what the count is about
        {U"政府信息公开申请", kind::volume},
        {U"信息公开申请", kind::volume},
        {U"依申请公开", kind::volume},
        {U"公开申请", kind::volume},
        {U"申请公开", kind::volume},
        {U"上年结转", kind::carried_over},
        {U"上年度结转", kind::carried_over},
        {U"上一年度结转", kind::carried_over},
        {U"上一年结转", kind::carried_over},
        {U"上年转入", kind::carried_over},
        {U"上年度转入", kind::carried_over},
        {U"上年度未办结", kind::carried_over},
        {U"上年未办结", kind::carried_over},
        {U"结转下", kind::carried_forward},
        {U"结转至下", kind::carried_forward},
        {U"结转到下", kind::carried_forward},
        {U"转下一", kind::carried_forward},
        {U"转下年", kind::carried_forward},
        {U"转入下", kind::carried_forward},
        {U"转至下", kind::carried_forward},
        {U"结转至次年", kind::carried_forward},
        {U"结转次年", kind::carried_forward},
        {U"转入次年", kind::carried_forward},
        {U"下年度继续办理", kind::carried_forward},
        {U"下一年度继续办理", kind::carried_forward},
        {U"尚未办结", kind::carried_forward},
        {U"未办结", kind::carried_forward},
        {U"予以公开", kind::granted},
        {U"同意公开", kind::granted},
        {U"全部公开", kind::granted},
        {U"部分公开", kind::partially},
        {U"部分予以公开", kind::partially},
        {U"不予公开", kind::withheld},
        {U"不予以公开", kind::withheld},
        {U"不同意公开", kind::withheld},
        {U"无法提供", kind::unavailable},
        {U"不予处理", kind::not_processed},
        {U"其他处理", kind::other_processing},
        {U"行政复议", kind::review},
        {U"行政诉讼", kind::litigation},
        {U"规章", kind::regulations},
        {U"规范性文件", kind::normative},
        // verbs
        {U"新收", kind::verb_new},
        {U"新收到", kind::verb_new},
        {U"收到", kind::verb_received},
        {U"受理", kind::verb_received},
        {U"接收", kind::verb_received},
        {U"接到", kind::verb_received},
        {U"办理", kind::verb_handled},
        {U"办结", kind::verb_handled},
        {U"答复", kind::verb_handled},
        {U"处理", kind::verb_handled},
        {U"处置", kind::verb_handled},
        {U"制发", kind::verb_issue},
        {U"印发", kind::verb_issue},
        {U"出台", kind::verb_issue},
        {U"制定", kind::verb_issue},
        {U"发布", kind::verb_issue},
        {U"新制发", kind::verb_issue},
        {U"新制作", kind::verb_issue},
        {U"制作", kind::verb_issue},
        {U"公开", kind::verb_publish},
        {U"新公开", kind::verb_publish},
        {U"废止", kind::verb_repeal},
        {U"废除", kind::verb_repeal},
        {U"宣布失效", kind::verb_repeal},
        {U"现行有效", kind::verb_in_force},
        // words that make a count something else than the table's
        {U"较上年", kind::block},
        {U"比上年", kind::block},
        {U"较去年", kind::block},
        {U"比去年", kind::block},
        {U"同比", kind::block},
        {U"环比", kind::block},
        {U"增加", kind::block},
        {U"减少", kind::block},
        {U"增长", kind::block},
        {U"下降", kind::block},
        {U"上升", kind::block},
        {U"提高", kind::block},
        {U"降低", kind::block},
        {U"累计", kind::block},
        {U"历年", kind::block},
        {U"去年", kind::block},
        {U"上年", kind::block},
        {U"上一年", kind::block},
        {U"全市", kind::block},
        {U"全区", kind::block},
        {U"全县", kind::block},
        {U"全省", kind::block},
        {U"全州", kind::block},
        {U"全盟", kind::block},
        {U"全旗", kind::block},
        {U"全国", kind::block},
        {U"各级", kind::block},
        {U"各部门", kind::block},
        {U"各单位", kind::block},
        {U"各地", kind::block},
        {U"各乡镇", kind::block},
        {U"各县", kind::block},
        {U"各街道", kind::block},
        {U"系统内", kind::block},
        {U"全系统", kind::block},
        {U"所属", kind::block},
        {U"下属", kind::block},
        {U"平均", kind::block},
        {U"分别", kind::block},
        {U"以上", kind::block},
        {U"左右", kind::block},
        {U"以内", kind::block},
        {U"以下", kind::block},
        {U"超过", kind::block},
        {U"不足", kind::block},
        {U"约", kind::block},
        {U"近", kind::block},
        {U"逾", kind::block},
        {U"规章制度", kind::block},
        {U"纠错", kind::block},
        {U"纠正", kind::block},
        {U"败诉", kind::block},
        {U"撤销", kind::block},
        {U"维持", kind::block},
        {U"审结", kind::block},
        {U"驳回", kind::block},
        {U"确认违法", kind::block},
        {U"咨询", kind::block},
        {U"投诉", kind::block},
        {U"来电", kind::block},
        {U"留言", kind::block},
        {U"热线", kind::block},
        {U"来信", kind::block},
        {U"信件", kind::block},
        {U"建议", kind::block},
        {U"提案", kind::block},
        {U"占", kind::block},
        {U"比例", kind::block},
        {U"率", kind::block},
        {U"清理", kind::block_docs},
        {U"审查", kind::block_docs},
        {U"审核", kind::block_docs},
        {U"备案", kind::block_docs},
        {U"解读", kind::block_docs},
        {U"征求", kind::block_docs},
        {U"修订", kind::block_docs},
        {U"修改", kind::block_docs},
        {U"起草", kind::block_docs},
        {U"评估", kind::block_docs},
        {U"合法性", kind::block_docs},
        {U"信息", kind::block_docs}, // 规范性文件类信息223条: items of information, not documents
        {U"依申请公开信息", kind::block},
        {U"依申请公开的信息", kind::block},
        // a unit acting for another: its share is not the report's count
        {U"代表", kind::proxy},
        // "none" statements
        {U"无", kind::negator},
        {U"未发生", kind::negator},
        {U"没有发生", kind::negator},
        {U"未产生", kind::negator},
        {U"未出现", kind::negator},
        {U"未有", kind::negator},
        {U"没有", kind::negator},
        {U"未收到", kind::negator_receive},
        {U"未接到", kind::negator_receive},
        {U"没有收到", kind::negator_receive},
        {U"未受理", kind::negator_receive},
        // words that contain the above but are something else
        {U"无法", kind::neutral},
        {U"无正当理由", kind::neutral},
        {U"无需", kind::neutral},
        {U"无须", kind::neutral},
        {U"无关", kind::neutral},
        {U"无论", kind::neutral},
        {U"无误", kind::neutral},
        {U"无缝", kind::neutral},
        {U"无纸化", kind::neutral},
        {U"无障碍", kind::neutral},
        {U"并无", kind::neutral},
    };
    std::stable_sort(p.begin(), p.end(), [](const phrase& a, const phrase& b) {
      return a.text.size() > b.text.size();
    });
    return p;
  }();
  return table;
}

struct match {
  std::size_t b = 0, e = 0;
  kind k = kind::neutral;
};

// Longest phrase at each position, left to right, without overlaps.
std::vector<match> scan_phrases(const ctext& t) {
  // The phrases by first code point, longest first.
  static const std::map<char32_t, std::vector<const phrase*>> by_first = [] {
    std::map<char32_t, std::vector<const phrase*>> m;
    for (const auto& p : phrases())
      m[p.text.front()].push_back(&p);
    return m;
  }();
  std::vector<match> out;
  for (std::size_t i = 0; i < t.size();) {
    const phrase* best = nullptr;
    const auto it = by_first.find(t.s[i]);
    if (it != by_first.end()) {
      for (const phrase* p : it->second) {
        if (t.at(i, p->text)) {
          best = p;
          break; // sorted longest first
        }
      }
    }
    if (best) {
      out.push_back({i, i + best->text.size(), best->k});
      i += best->text.size();
    } else {
      ++i;
    }
  }
  return out;
}

// ---- numbers with units -------------------------------------------------------------

struct mention {
  std::size_t nb = 0, ne = 0, ue = 0; // number [nb, ne), unit [ne, ue)
  std::int64_t value = 0;
  std::u32string unit;
};

constexpr std::array<std::u32string_view, 11> count_units = {
    U"人次", U"件", U"条", U"次", U"篇", U"项", U"个", U"份", U"宗", U"起", U"场"};

bool is_ascii_digit(char32_t c) noexcept { return c >= U'0' && c <= U'9'; }

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
std::size_t sentence_start(const ctext& t, std::size_t i) {
  while (i > 0 && !is_sentence_delim(t.s[i - 1]))
    --i;
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

// ---- whose count it is ---------------------------------------------------------------

// True when `a` is a subsequence of `b`.
bool subsequence(std::u32string_view a, std::u32string_view b) {
  std::size_t i = 0;
  for (char32_t c : b)
    if (i < a.size() && a[i] == c) ++i;
  return i == a.size();
}

// The unit named as the subject of a count: the text of its clause before the first verb or
// keyword, without time words and adverbs around it (`2024年，区政府办受理` → 区政府办,
// `其中区发改委共办理` → 区发改委), when it ends as the name of a unit does (`units`, listed in
// docs/narrative.md, "Whose count it is"); empty otherwise. The word lists are sized by their
// contents: an empty word would strip nothing forever.
std::u32string subject_unit(std::u32string_view s) {
  static constexpr std::u32string_view leading[] = {
      U"其中",     U"此外",   U"另外", U"同时", U"本年度", U"本年",     U"全年", U"今年",
      U"年内",     U"年度",   U"度",   U"年",   U"期间",   U"截至目前", U"目前", U"当年",
      U"报告期内", U"该年度", U"其",   U"由",   U"经",     U"并"};
  static constexpr std::u32string_view trailing[] = {
      U"本年度", U"本年", U"全年", U"今年", U"年内", U"共计", U"一共", U"总共", U"合计",
      U"共",     U"依法", U"依规", U"主动", U"已经", U"已",   U"均",   U"先后", U"陆续",
      U"及时",   U"认真", U"积极", U"规范", U"妥善", U"按时", U"按期", U"严格", U"全部",
      U"统一",   U"集中", U"累计", U"总计", U"新",   U"还",   U"又",   U"也",   U"都"};
  static constexpr std::u32string_view units[] = {
      U"委员会", U"管委会", U"办公室", U"办事处", U"政府", U"中心", U"街道",
      U"机关",   U"部门",   U"单位",   U"公司",   U"分局", U"支队", U"大队",
      U"局",     U"委",     U"办",     U"厅",     U"院",   U"署",   U"镇"};
  std::u32string_view x = s;
  for (bool again = true; again && !x.empty();) {
    again = false;
    std::size_t d = 0;
    while (d < x.size() && is_ascii_digit(x[d]))
      ++d;
    if (d > 0 && d < x.size() && x[d] == U'年') {
      x.remove_prefix(d);
      again = true;
    }
    for (auto w : leading)
      if (x.starts_with(w)) {
        x.remove_prefix(w.size());
        again = true;
        break;
      }
    for (auto w : trailing)
      if (x.ends_with(w) && x.size() > w.size()) {
        x.remove_suffix(w.size());
        again = true;
        break;
      }
  }
  for (auto u : units)
    if (x.ends_with(u)) return std::u32string(x);
  return {};
}

// The administrative level a name ends at (`淮安市洪泽区人民政府` → 区), or 0.
char32_t last_level(std::u32string_view name) {
  static constexpr std::u32string_view levels = U"省市区县州盟旗镇乡";
  for (std::size_t i = name.size(); i-- > 0;)
    if (levels.find(name[i]) != std::u32string_view::npos) return name[i];
  return 0;
}

// True when the unit is the reporting agency: no unit named, `我局`, `本机关`; or, the agency
// being known, a name with the agency's last character and administrative level of which one
// is an abbreviation of the other (`区政府` of 淮安市洪泽区人民政府, `郑州市大数据管理局` of
// 郑州市大数据局).
bool is_own_unit(std::u32string_view unit, std::u32string_view agency) {
  if (unit.empty()) return true;
  if (unit[0] == U'我' || unit[0] == U'本') return true;
  if (agency.empty() || unit.back() != agency.back() || unit.size() < 2) return false;
  // `市政府` in a district's report is the city's government, not the district's.
  const char32_t a = last_level(agency), u = last_level(unit);
  if (a != 0 && u != 0 && a != u) return false;
  return subsequence(unit, agency) || subsequence(agency, unit);
}

// True when the count whose number starts at `number` (in the clause from `cb`, the sentence
// from `sb`) is stated for another unit than the reporting agency: a unit acting for it
// (`代表` in the sentence before the number: `区政府办代表区政府受理…17件`, the office's share), or
// a named subject of the clause that is not the agency (`其中区发改委受理…3件`,
// `区司法局办理行政复议…`).
bool other_subject(const ctext& t, const std::vector<match>& ms, std::size_t cb, std::size_t sb,
                   std::size_t number, std::u32string_view agency) {
  std::size_t first = number;
  for (const auto& x : ms) {
    if (x.b < sb || x.e > number) continue;
    if (x.k == kind::proxy) return true;
    if (x.b >= cb && x.k != kind::block && x.k != kind::block_docs && x.k != kind::neutral)
      first = std::min(first, x.b);
  }
  const std::u32string unit =
      subject_unit(std::u32string_view(t.s).substr(cb, first - cb));
  return !is_own_unit(unit, agency);
}

count_topic classify(const ctext& t, const std::vector<match>& ms, const mention& m,
                     std::optional<int> year, std::u32string_view agency,
                     std::size_t& phrase_begin, std::size_t& phrase_end) {
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
                          std::vector<std::pair<stated_count, std::size_t>>& out) {
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
      out.push_back({std::move(c), neg.b});
    }
  }
}

stated_count make_count(const ctext& t, const mention& m, count_topic topic, std::size_t pb,
                        std::size_t pe) {
  stated_count c;
  c.value = m.value;
  c.unit = encode(m.unit);
  c.topic = topic;
  c.offset = t.cp[m.nb];
  if (m.nb - pb > 40) pb = m.nb - 40;
  c.phrase = t.quote(pb, pe);
  c.number_begin = t.bbeg[m.nb];
  c.number_end = t.bend[m.ne - 1];
  return c;
}

// `223条，其中119条、72条、32条` and nested lists in brackets.
std::vector<std::pair<std::size_t, std::vector<std::size_t>>>
scan_lists(const ctext& t, const std::vector<match>& ms, const std::vector<mention>& mentions) {
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> out;
  const std::u32string& s = t.s;
  for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
    const mention& total = mentions[mi];
    std::size_t j = total.ue;
    if (j < s.size() && (s[j] == U',' || s[j] == U':' || s[j] == U'(')) ++j;
    if (!t.at(j, U"其中")) continue;
    j += 2;
    bool including = false;
    if (j < s.size() && s[j] == U':') ++j;
    if (t.at(j, U"包括")) {
      j += 2;
      including = true;
    }
    if (j < s.size() && s[j] == U':') ++j;
    const int base = j < s.size() ? t.depth[j] : 0;
    std::vector<std::size_t> parts;
    bool abort = false;
    char32_t before = U',';
    while (j < s.size() && !abort) {
      const std::size_t seg = j;
      char32_t stop = U'\0';
      for (; j < s.size(); ++j) {
        const char32_t c = s[j];
        const int d = t.depth[j];
        if (c == U')' && d == base) {
          stop = c;
          break;
        }
        if (d != base) continue;
        if (c == U'、' || c == U',' || c == U';' || c == U'。' || c == U'!' || c == U'?' ||
            c == U':') {
          stop = c;
          break;
        }
      }
      std::vector<std::size_t> top;
      for (std::size_t k = 0; k < mentions.size(); ++k)
        if (mentions[k].nb >= seg && mentions[k].ue <= j && t.depth[mentions[k].nb] == base)
          top.push_back(k);
      const bool itemised = before == U'、' || before == U';' || including;
      if (top.size() != 1 || mentions[top[0]].unit != total.unit) {
        // A number without a unit (`不予公开信息数1402`) may be a part written carelessly.
        bool digits = false;
        for (std::size_t k = seg; k < j; ++k)
          digits = digits || is_ascii_digit(s[k]);
        if (itemised || top.size() > 1 || parts.empty() || digits) abort = true;
        break;
      }
      // After the count only a bracketed remark may follow; `等` means the list is not whole.
      const mention& part = mentions[top[0]];
      std::size_t after = part.ue;
      if (after < j && s[after] == U'(') {
        while (after < j && !(s[after] == U')' && t.depth[after] == base + 1))
          ++after;
        if (after < j) ++after;
      }
      if (after != j) {
        abort = true;
        break;
      }
      parts.push_back(top[0]);
      if (stop == U'\0' || stop == U')' || stop == U'。' || stop == U'!' || stop == U'?' ||
          stop == U':')
        break;
      before = stop;
      ++j;
    }
    (void)ms;
    if (!abort && parts.size() >= 2) out.push_back({mi, std::move(parts)});
  }
  return out;
}

// ---- comparing with the tables ------------------------------------------------------

struct candidate {
  std::vector<std::string> paths; // summed
  std::string label;              // Chinese
  std::string fallback;           // a group's 小计 total, when its rows are not all carried
};

std::vector<std::string> group_total_paths(const template_def& cat, std::string_view group) {
  std::vector<std::string> out;
  const table_def* t = cat.table("applications");
  if (!t) return out;
  for (const auto& row : t->rows) {
    if (row.local) continue;
    const std::string_view c = row.code;
    if (c == group ||
        (c.size() > group.size() && c.substr(0, group.size()) == group && c[group.size()] == '.'))
      out.push_back("applications." + std::string(c) + ".total");
  }
  return out;
}

std::vector<candidate> candidates(count_topic topic, template_id tid) {
  const template_def& cat = catalog(tid);
  const bool t2021 = tid == template_id::t2021;
  auto one = [&](std::string path) {
    candidate c;
    c.label = cat.describe(path);
    c.paths.push_back(std::move(path));
    return c;
  };
  auto sum = [&](std::vector<std::string> paths, std::string label) {
    return candidate{std::move(paths), std::move(label), {}};
  };
  const std::string n = "applications.new_received.total", co = "applications.carried_over.total",
                    pr = "applications.total_processed.total";
  const candidate new_only = one(n), processed = one(pr);
  const candidate new_and_over = sum({n, co}, cat.describe(n) + " + " + cat.describe(co));
  auto group = [&](std::string_view g, std::string_view label) {
    candidate c = sum(group_total_paths(cat, g), std::string(label) + "（各项之和）/ 总计");
    const std::string sub = "applications." + std::string(g) + ".subtotal.total";
    if (cat.locate(sub)) c.fallback = sub;
    return c;
  };
  switch (topic) {
  case count_topic::none: return {};
  case count_topic::applications_new: return {new_only};
  case count_topic::applications_received: return {new_only, new_and_over};
  case count_topic::applications_any:
  case count_topic::applications_handled: return {new_only, new_and_over, processed};
  case count_topic::carried_over: return {one(co)};
  case count_topic::carried_forward: return {one("applications.carried_forward.total")};
  case count_topic::granted: return {one("applications.granted.total")};
  case count_topic::partially_granted: return {one("applications.partially_granted.total")};
  case count_topic::withheld: return {group("withheld", "（三）不予公开")};
  case count_topic::unavailable: return {group("unavailable", "（四）无法提供")};
  case count_topic::not_processed: return {group("not_processed", "（五）不予处理")};
  case count_topic::other_processing: return {group("other", "（六）其他处理")};
  case count_topic::administrative_review: return {one("reviews.administrative_review.total")};
  case count_topic::litigation: {
    const std::string d = "reviews.litigation_direct.total",
                      a = "reviews.litigation_after_review.total";
    return {sum({d, a}, "行政诉讼 / 总计（未经复议直接起诉 + 复议后起诉）"), one(d), one(a)};
  }
  case count_topic::regulations_issued:
  case count_topic::normative_issued: {
    const std::string r = topic == count_topic::regulations_issued
                              ? "proactive.regulations."
                              : "proactive.normative_documents.";
    if (t2021) return {one(r + "issued")};
    return {one(r + "produced"), one(r + "published")};
  }
  case count_topic::regulations_published:
  case count_topic::normative_published: {
    const std::string r = topic == count_topic::regulations_published
                              ? "proactive.regulations."
                              : "proactive.normative_documents.";
    if (t2021) return {one(r + "issued"), one(r + "in_force")};
    return {one(r + "published"), one(r + "produced")};
  }
  case count_topic::regulations_repealed:
    return t2021 ? std::vector<candidate>{one("proactive.regulations.repealed")}
                 : std::vector<candidate>{};
  case count_topic::normative_repealed:
    return t2021 ? std::vector<candidate>{one("proactive.normative_documents.repealed")}
                 : std::vector<candidate>{};
  case count_topic::regulations_in_force:
    return t2021 ? std::vector<candidate>{one("proactive.regulations.in_force")}
                 : std::vector<candidate>{};
  case count_topic::normative_in_force:
    return t2021 ? std::vector<candidate>{one("proactive.normative_documents.in_force")}
                 : std::vector<candidate>{};
  }
  return {};
}

// A cell's count: a whole number, or 0 for a "none" marker; nothing for blank, absent or text.
std::optional<std::int64_t> count_of(const cell* c) {
  if (!c) return std::nullopt;
  if (c->state == cell_state::marker) return 0;
  if (c->state != cell_state::number || !c->value.is_integer()) return std::nullopt;
  return c->value.whole_part();
}

// A table count by path: the cell's count, or, for a total left blank or not read whose addends
// (the catalog's column equation: the six applicant columns, a review block's four results) are
// carried with at least one number, their sum (blank addends count as 0, as in the sums).
struct table_count {
  std::int64_t value = 0;
  bool derived = false;
};

std::optional<table_count> count_at(const template_def& cat, const std::string& path,
                                    const std::map<std::string, const cell*>& cells) {
  const auto it = cells.find(path);
  const cell* c = it == cells.end() ? nullptr : it->second;
  if (const auto v = count_of(c)) return table_count{*v, false};
  if (c && c->state != cell_state::blank && c->state != cell_state::absent) return std::nullopt;
  const cell_location loc = cat.locate(path);
  if (!loc) return std::nullopt;
  for (const column_equation& e : loc.table->column_equations) {
    if (e.total != loc.column->code) continue;
    const std::string row = path.substr(0, path.rfind('.') + 1);
    std::int64_t sum = 0;
    bool number = false;
    for (auto a : e.addends) {
      const auto at = cells.find(row + std::string(a));
      const cell* x = at == cells.end() ? nullptr : at->second;
      if (!x || x->state == cell_state::absent || x->state == cell_state::text) return std::nullopt;
      if (x->state == cell_state::blank) continue;
      const auto v = count_of(x);
      if (!v) return std::nullopt;
      sum += *v;
      number = number || x->state == cell_state::number;
    }
    if (number) return table_count{sum, true};
  }
  return std::nullopt;
}

std::string join_paths(const std::vector<std::string>& ps) {
  std::string s;
  for (const auto& p : ps)
    s += (s.empty() ? "" : " + ") + p;
  return s;
}

struct section_ref {
  std::string_view code;
  const std::string* text;
};

std::string section_heading(const template_def& cat, std::string_view code) {
  for (const auto& s : cat.sections)
    if (s.code == code) return std::string(s.heading);
  return std::string(code);
}

void check_counts(const report& r, std::string_view code, const std::string& heading,
                  const narrative_statements& st, const std::map<std::string, const cell*>& cells,
                  std::vector<std::pair<std::size_t, diagnostic>>& out) {
  for (const auto& sc : st.counts) {
    if (sc.topic == count_topic::none) continue;
    struct evaluated {
      const candidate* c;
      std::int64_t v;
      std::vector<std::string> paths; // what was summed
      std::vector<std::string> derived; // totals taken from their addends
    };
    const template_def& cat = catalog(r.template_);
    const auto cands = candidates(sc.topic, r.template_);
    std::vector<evaluated> ev;
    bool all = !cands.empty();
    for (const auto& c : cands) {
      auto sum_of = [&](const std::vector<std::string>& paths) -> std::optional<evaluated> {
        evaluated e{&c, 0, paths, {}};
        if (paths.empty()) return std::nullopt;
        for (const auto& p : paths) {
          const auto x = count_at(cat, p, cells);
          if (!x) return std::nullopt;
          e.v += x->value;
          if (x->derived) e.derived.push_back(p);
        }
        return e;
      };
      auto e = sum_of(c.paths);
      if (!e && !c.fallback.empty()) e = sum_of({c.fallback});
      if (e)
        ev.push_back(std::move(*e));
      else
        all = false;
    }
    // Every quantity the phrase may name must be carried by the table: with one of them blank
    // or not read, the text may state that one, so comparing with the others proves nothing.
    if (!all) continue;
    if (std::any_of(ev.begin(), ev.end(), [&](const evaluated& e) { return e.v == sc.value; }))
      continue;
    std::string expected, zh, en;
    for (const auto& e : ev) {
      const source_span span = cells.at(e.paths.front())->span;
      const std::string where =
          span.known() ? source_position{r.meta.source, span.line, span.column}.to_string() : "";
      const evaluated* first_ev = ev.data();
      if (std::none_of(first_ev, &e, [&](const evaluated& x) { return x.v == e.v; }))
        expected += (expected.empty() ? "" : " | ") + std::to_string(e.v);
      const std::string label =
          e.paths == e.c->paths ? e.c->label : cat.describe(e.paths.front());
      std::string derived_zh, derived_en;
      if (!e.derived.empty()) {
        derived_zh = "，总计栏空白，按本行各栏之和推算";
        derived_en = " (derived: the blank total " + join_paths(e.derived) +
                     " taken as the sum of its row's cells)";
      }
      zh += (zh.empty() ? "" : "；或") + label + "（" + join_paths(e.paths) +
            (where.empty() ? "" : "，" + where) + derived_zh + "）为" + std::to_string(e.v);
      en += (en.empty() ? "" : ", nor ") + join_paths(e.paths) +
            (where.empty() ? "" : " (" + where + ")") + " = " + std::to_string(e.v) + derived_en;
    }
    const std::string said = sc.unit.empty() ? "为零" : std::to_string(sc.value) + sc.unit;
    const std::string message = "“" + heading + "”第" + std::to_string(sc.offset + 1) + "字处“" +
                                sc.phrase + "”称" + said + "，与表格不符：" + zh + "。";
    const std::string message_en = "narrative." + std::string(code) + " at character " +
                                   std::to_string(sc.offset + 1) + ": \"" + sc.phrase +
                                   "\" states " + std::to_string(sc.value) +
                                   ", but the table has " + en + ".";
    const cell* first = cells.at(ev.front().paths.front());
    out.push_back({sc.offset, diagnostic_builder("narrative.count_mismatch")
                                  .path("narrative." + std::string(code))
                                  .at(r.meta.source, first->span)
                                  .expected(expected)
                                  .found(std::to_string(sc.value))
                                  .message(message)
                                  .message_en(message_en)});
  }
}

void check_sums(const report& r, std::string_view code, const std::string& heading,
                const narrative_statements& st,
                std::vector<std::pair<std::size_t, diagnostic>>& out) {
  for (const auto& sum : st.sums) {
    std::int64_t total = 0;
    std::string parts;
    for (const auto& p : sum.parts) {
      total += p.value;
      parts += (parts.empty() ? "" : " + ") + std::to_string(p.value);
    }
    if (total == sum.total.value) continue;
    const std::string expected = std::to_string(sum.total.value);
    const std::string found = parts + " = " + std::to_string(total);
    const std::string message = "“" + heading + "”第" + std::to_string(sum.total.offset + 1) +
                                "字处“" + sum.total.phrase + "”所列各项之和（" + found +
                                sum.total.unit + "）与所称总数" + expected + sum.total.unit +
                                "不符。";
    const std::string message_en = "narrative." + std::string(code) + " at character " +
                                   std::to_string(sum.total.offset + 1) +
                                   ": the parts listed after \"" + sum.total.phrase +
                                   "\" add up to " + found + ", not " + expected + ".";
    out.push_back({sum.total.offset, diagnostic_builder("narrative.sum_mismatch")
                                         .path("narrative." + std::string(code))
                                         .at(source_position{r.meta.source})
                                         .expected(expected)
                                         .found(found)
                                         .message(message)
                                         .message_en(message_en)});
  }
}

// ---- year -------------------------------------------------------------------------------

// The first year written before 年 (`2022年`, `二〇二二年`).
std::optional<int> first_year(std::string_view text) {
  const ctext t(text);
  for (std::size_t i = 0; i + 4 < t.size(); ++i) {
    if (t.s[i + 4] != U'年') continue;
    if (i > 0 && (is_ascii_digit(t.s[i - 1]) || chinese_digit(t.s[i - 1]) >= 0)) continue;
    int v = 0;
    bool ok = true;
    for (std::size_t k = 0; k < 4; ++k) {
      const char32_t c = t.s[i + k];
      const int d =
          is_ascii_digit(c) ? static_cast<int>(c - U'0') : (c == U'两' ? -1 : chinese_digit(c));
      if (d < 0)
        ok = false;
      else
        v = v * 10 + d;
    }
    if (ok && v >= 1990 && v <= 2100) return v;
  }
  return std::nullopt;
}

struct period {
  int year;
  std::size_t offset;
  std::string phrase;
};

// `统计期限为2022年1月1日至12月31日`, `自2018年1月1日起至2018年12月31日止`.
std::vector<period> find_periods(std::string_view text) {
  std::vector<period> out;
  const ctext t(text);
  const std::u32string_view s(t.s);
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (i > 0 && is_ascii_digit(s[i - 1])) continue;
    if (!(is_ascii_digit(s[i]) && is_ascii_digit(s[i + 1]) && is_ascii_digit(s[i + 2]) &&
          is_ascii_digit(s[i + 3])))
      continue;
    const int y = static_cast<int>((s[i] - U'0') * 1000 + (s[i + 1] - U'0') * 100 +
                                   (s[i + 2] - U'0') * 10 + (s[i + 3] - U'0'));
    std::size_t j = i + 4;
    if (!t.at(j, U"年1月1日")) continue;
    j += 5;
    if (t.at(j, U"起")) ++j;
    if (j < s.size() && (s[j] == U'至' || s[j] == U'到' || s[j] == U'-' || s[j] == U'—' ||
                         s[j] == U'~' || s[j] == U'～' || s[j] == U'－'))
      ++j;
    else
      continue;
    if (j + 4 < s.size() && is_ascii_digit(s[j]) && s[j + 4] == U'年') {
      const int y2 = static_cast<int>((s[j] - U'0') * 1000 + (s[j + 1] - U'0') * 100 +
                                      (s[j + 2] - U'0') * 10 + (s[j + 3] - U'0'));
      if (y2 != y) continue;
      j += 5;
    }
    if (!t.at(j, U"12月31日")) continue;
    j += 6;
    const std::size_t sb = sentence_start(t, i);
    const std::u32string_view sentence = s.substr(sb, j - sb);
    if (sentence.find(U"统计") == std::u32string_view::npos &&
        sentence.find(U"数据") == std::u32string_view::npos)
      continue;
    out.push_back({y, t.cp[i], t.quote(sb, j)});
  }
  return out;
}

bool states_processing_fee(std::string_view text) {
  std::u32string s = ctext(text).s;
  // 行政事业性收费 (二（八）) is another matter: take it out first.
  for (std::size_t p; (p = s.find(U"行政事业性收费")) != std::u32string::npos;)
    s.erase(p, 7);
  if (s.find(U"处理费") != std::u32string::npos) return true;
  const bool fee =
      s.find(U"收费") != std::u32string::npos || s.find(U"费用") != std::u32string::npos;
  const bool ogi =
      s.find(U"信息公开") != std::u32string::npos || s.find(U"依申请") != std::u32string::npos;
  return fee && ogi;
}

} // namespace
} // namespace detail

// ---- public functions ---------------------------------------------------------------

std::optional<std::int64_t> parse_count(std::string_view text) noexcept {
  try {
    if (text.empty()) return std::nullopt;
    const std::string norm = normalize_width(text);
    bool arabic = true;
    for (char c : norm)
      if (!((c >= '0' && c <= '9') || c == ',')) arabic = false;
    if (arabic) {
      const auto d = decimal::parse(norm);
      if (!d || d->scale != 0 || d->units < 0) return std::nullopt;
      return d->units;
    }
    return detail::parse_chinese(detail::decode(text));
  } catch (...) {
    return std::nullopt;
  }
}

std::string chinese_numeral(std::int64_t n) {
  if (n <= 0) return "零";
  std::string out;
  const std::array<std::pair<std::int64_t, const char*>, 3> bigs = {
      {{100000000, "亿"}, {10000, "万"}, {1, ""}}};
  bool started = false;
  std::int64_t rest = n;
  bool gap = false;
  for (const auto& [mult, name] : bigs) {
    const auto sec = static_cast<int>(rest / mult % 10000);
    const std::int64_t higher = rest / mult / 10000;
    if (mult == 100000000 && higher > 0) {
      // Beyond 9999亿: write the 亿 part recursively.
      out += chinese_numeral(rest / mult);
      out += name;
      started = true;
      rest %= mult;
      continue;
    }
    if (sec == 0) {
      if (started) gap = true;
      continue;
    }
    if (started && (gap || sec < 1000)) out += "零";
    out += detail::small_numeral(sec, !started);
    out += name;
    started = true;
    gap = false;
    rest %= mult;
  }
  return out;
}

narrative_statements find_statements(std::string_view text, std::optional<int> year,
                                     std::string_view agency) {
  narrative_statements st;
  const detail::ctext t(text);
  const std::u32string own = detail::ctext(agency).s;
  const auto ms = detail::scan_phrases(t);
  const auto mentions = detail::scan_mentions(t);
  std::vector<std::pair<stated_count, std::size_t>> found;
  std::vector<stated_count> by_mention;
  by_mention.reserve(mentions.size());
  for (const auto& m : mentions) {
    std::size_t pb = 0, pe = 0;
    const count_topic topic = detail::classify(t, ms, m, year, own, pb, pe);
    by_mention.push_back(detail::make_count(t, m, topic, pb, pe));
    found.push_back({by_mention.back(), m.nb});
  }
  detail::scan_none_statements(t, ms, mentions, year, own, found);
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  for (auto& f : found)
    st.counts.push_back(std::move(f.first));

  for (const auto& [total, parts] : detail::scan_lists(t, ms, mentions)) {
    stated_sum sum;
    sum.total = by_mention[total];
    bool applications = false;
    for (std::size_t p : parts) {
      // A count of applications received or carried, or of cases, is not a part of a list of
      // results or kinds: the list ended before it (`…其他处理14件；结转下年度1件`).
      const count_topic pt = by_mention[p].topic;
      if (pt == count_topic::applications_any || pt == count_topic::applications_received ||
          pt == count_topic::applications_new || pt == count_topic::applications_handled ||
          pt == count_topic::carried_over || pt == count_topic::carried_forward ||
          pt == count_topic::administrative_review || pt == count_topic::litigation)
        break;
      sum.parts.push_back(by_mention[p]);
      applications = applications || detail::is_application_topic(pt);
    }
    if (sum.parts.size() < 2) continue;
    // `收到申请34件，其中予以公开9件…结转下年度1件`: the results add up to new plus carried over,
    // not to what was received; the parts are checked against their cells instead.
    if (applications && detail::is_application_topic(sum.total.topic)) continue;
    st.sums.push_back(std::move(sum));
  }
  return st;
}

std::vector<diagnostic> check_narrative(const report& r, const narrative_options& o) {
  std::vector<diagnostic> out;
  const template_def& cat = catalog(r.template_);
  std::map<std::string, const cell*> cells;
  for_each_cell(r, [&](std::string_view p, const cell& c) { cells.emplace(std::string(p), &c); });

  const std::array<detail::section_ref, 6> sections = {{
      {"overview", &r.narrative.overview},
      {"proactive", &r.narrative.proactive},
      {"applications", &r.narrative.applications},
      {"reviews", &r.narrative.reviews},
      {"problems", &r.narrative.problems},
      {"other_matters", &r.narrative.other_matters},
  }};
  const std::optional<int> title_year = detail::first_year(r.meta.title);
  const std::optional<int> year = r.meta.year ? r.meta.year : title_year;

  if (o.year && title_year && r.meta.year && *title_year != *r.meta.year) {
    const std::string expected = std::to_string(*r.meta.year);
    const std::string found = std::to_string(*title_year);
    out.push_back(diagnostic_builder("document.year_mismatch")
                      .path("meta.title")
                      .at(source_position{r.meta.source})
                      .expected(expected)
                      .found(found)
                      .message("标题“" + r.meta.title + "”中的年份" + found + "年与报告年度" +
                               expected + "年不符。")
                      .message_en("the title \"" + r.meta.title + "\" names the year " + found +
                                  ", but the report year is " + expected + "."));
  }

  bool any_text = false;
  for (const auto& sec : sections) {
    if (sec.text->empty()) continue;
    any_text = true;
    const std::string heading = detail::section_heading(cat, sec.code);
    std::vector<std::pair<std::size_t, diagnostic>> found;
    if (o.year && year) {
      for (const auto& p : detail::find_periods(*sec.text)) {
        if (p.year == *year) continue;
        const std::string expected = std::to_string(*year);
        const std::string stated = std::to_string(p.year);
        const std::string message = "“" + heading + "”第" + std::to_string(p.offset + 1) + "字处“" +
                                    p.phrase + "”所述统计期限为" + stated + "年，与报告年度" +
                                    expected + "年不符。";
        const std::string message_en = "narrative." + std::string(sec.code) + " at character " +
                                       std::to_string(p.offset + 1) + ": the data period \"" +
                                       p.phrase + "\" is the year " + stated +
                                       ", but the report year is " + expected + ".";
        found.push_back({p.offset, diagnostic_builder("document.year_mismatch")
                                       .path("narrative." + std::string(sec.code))
                                       .at(source_position{r.meta.source})
                                       .expected(expected)
                                       .found(stated)
                                       .message(message)
                                       .message_en(message_en)});
      }
    }
    if (o.counts || o.sums) {
      const narrative_statements st = find_statements(*sec.text, year, r.meta.agency);
      if (o.counts) detail::check_counts(r, sec.code, heading, st, cells, found);
      if (o.sums) detail::check_sums(r, sec.code, heading, st, found);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& f : found)
      out.push_back(std::move(f.second));
  }

  if (o.processing_fee && any_text && r.template_ == template_id::t2021 &&
      !detail::states_processing_fee(r.narrative.other_matters)) {
    out.push_back(
        diagnostic_builder("other_matters.processing_fee_silent")
            .path("narrative.other_matters")
            .at(source_position{r.meta.source})
            .expected("信息处理费")
            .found(r.narrative.other_matters.empty() ? "" : "no statement")
            .message("“六、其他需要报告的事项”未说明本年度是否收取信息处理费（国办公开办函〔2021〕"
                     "30号要求说明）。")
            .message_en("section 六 (other_matters) does not say whether 信息处理费 (processing "
                        "fees for applications) were charged, as the 2021 template asks."));
  }
  return out;
}

// ---- sections -------------------------------------------------------------------------

namespace detail {
namespace {

// A heading reduced for matching, as row labels are (make_key: width folded, white space,
// punctuation and the list marker `四、` / `（四）` / `4.` dropped), without a `第四部分`
// numbering either.
// `numbered` tells whether the heading had a numbering.
std::u32string heading_key(std::string_view text, bool* numbered = nullptr) {
  const label_key k = make_key(text);
  std::u32string s = decode(k.bare);
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
  return (is_clause_delim(c) && c != U'(') || c == U'”' || c == U'"' || c == U'》' ||
         c == U'」' || c == U'’' || c == U'\'';
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
} // namespace detail

std::vector<inline_heading> inline_headings(std::string_view text) {
  std::vector<inline_heading> out;
  const detail::ctext t(text);
  std::vector<bool> seen(6, false);
  for (std::size_t i = 0; i < t.s.size(); ++i) {
    std::size_t end = 0;
    const auto code = detail::heading_at(t, i, end);
    if (!code) continue;
    const std::size_t s = detail::section_index(*code);
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
  const std::u32string key = detail::heading_key(text, &numbered);
  if (key.empty() || key.size() > 40) return std::nullopt;
  const auto& keys = detail::heading_keys();
  for (const auto& [k, code] : keys)
    if (k == key) return std::string(code);
  // A near match only for what looks like a heading: numbered, not ended as a sentence
  // (`无其他需要报告的事项。` is a statement, not the heading of 六).
  if (key.size() < 4 || !numbered || detail::ends_as_sentence(text)) return std::nullopt;
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
      if (const std::size_t s = detail::section_index(*code); s < named.size()) named[s] = true;
      found.push_back({{i, 0}, {*code, source_position{doc.source, b.span.line, b.span.column}}});
    }
  }
  // A section no block names may be run into a paragraph (one-line text).
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (b.kind == block_kind::table || heading[i]) continue;
    for (const inline_heading& h : inline_headings(b.text)) {
      if (named[detail::section_index(h.code)]) continue;
      named[detail::section_index(h.code)] = true; // the first counts
      const source_span at = detail::span_in(b, h.begin);
      found.push_back({{i, h.begin}, {h.code, source_position{doc.source, at.line, at.column}}});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<found_section> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
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
