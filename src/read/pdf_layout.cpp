// The layout rules of the PDF reader (docs/formats.md#formats_pdf): words → lines → chunks,
// running headers and footers dropped, tables found and built (pdf_table.cpp), paragraphs and
// headings joined.
#include "read/pdf_layout.hpp"

#include <govdisclose/cell.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace govdisclose::detail {

// A number (optionally with a unit: 251000元, 3件, 12%) or a marker (— / 无).
bool is_data(std::string_view text) {
  const cell c = classify_cell(text);
  if (c.state == cell_state::number || c.state == cell_state::marker) return true;
  if (c.state != cell_state::text) return false;
  const std::string_view raw = c.raw;
  auto number_with = [raw](std::string_view unit) {
    return raw.size() > unit.size() && raw.ends_with(unit) &&
           classify_cell(raw.substr(0, raw.size() - unit.size())).state == cell_state::number;
  };
  return std::any_of(number_units.begin(), number_units.end(), number_with) || number_with("%") ||
         number_with("％");
}

std::vector<std::pair<std::size_t, std::size_t>> letter_spaced_runs(const std::vector<chunk>& cs) {
  auto single = [&](std::size_t k) {
    return code_points(cs[k].text) == 1 && is_cjk(first_cp(cs[k].text));
  };
  auto gap = [&](std::size_t k) { return cs[k].x0 - cs[k - 1].x1; }; // before chunk k
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  std::size_t i = 0;
  while (i < cs.size()) {
    std::size_t j = i + 1;
    if (single(i))
      while (j < cs.size() && single(j) &&
             gap(j) >= table_settings::word_gap * cs[j].size &&
             std::fabs(gap(j) - gap(i + 1)) <= table_settings::letter_gap_tolerance * cs[j].size)
        ++j;
    if (j - i >= table_settings::letter_run) runs.emplace_back(i, j - 1);
    i = j;
  }
  return runs;
}

namespace {

// For each chunk: is it the first after, or the last before, letter-spaced text at a gap other
// than the text's own? Such neighbours are not one word with it, however close.
std::vector<bool> letter_spacing_ends(const std::vector<chunk>& cs) {
  std::vector<bool> apart(cs.size(), false);
  for (const auto& [from, to] : letter_spaced_runs(cs)) {
    const double spacing = cs[from + 1].x0 - cs[from].x1;
    auto other = [&](std::size_t k) { // the gap before chunk k is not the run's
      return std::fabs(cs[k].x0 - cs[k - 1].x1 - spacing) >
             table_settings::letter_gap_tolerance * cs[k].size;
    };
    if (from > 0 && other(from)) apart[from] = true;
    if (to + 1 < cs.size() && other(to + 1)) apart[to + 1] = true;
  }
  return apart;
}

} // namespace

// The text is an enumeration marker and nothing else: "4." "（三）" "一、".
bool is_marker_only(std::string_view text) {
  const list_marker m = leading_marker(text);
  return m && trim(text.substr(m.end)).empty();
}

// An enumeration marker starts the text: 一、 （一） (一) 1. 1、 （1）. Wrapped labels that start
// with one begin a new label; pieces without one continue a label.
bool starts_with_marker(std::string_view text) { return static_cast<bool>(leading_marker(text)); }

std::string join_text(const std::string& a, const std::string& b, bool space) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  const bool cjk = is_cjk(last_cp(a)) || is_cjk(first_cp(b));
  return space && !cjk ? a + " " + b : a + b;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

double distance(const line& a, const line& b) {
  return a.page == b.page ? std::fabs(a.mid - b.mid) : std::numeric_limits<double>::infinity();
}

namespace {

// A word as a chunk: its glyphs' middle and an estimate of its font size.
chunk chunk_of(const pdf_word& w) {
  chunk c;
  c.text = w.text;
  c.x0 = w.x;
  c.x1 = w.x + w.width;
  // Synthetic bold fonts report boxes twice too tall, their glyphs at the bottom; 0.55 of the
  // box height is the glyphs' middle for them and for ordinary fonts alike.
  c.mid = w.y + 0.55 * w.height;
  c.size = w.height / 1.2;
  const std::uint32_t n = code_points(w.text);
  if (n > 0 && is_cjk(first_cp(w.text)) && is_cjk(last_cp(w.text)))
    c.size = std::min(c.size, w.width / n);
  if (!(c.size > 0.5)) c.size = 0.5;
  c.space_after = w.space_after;
  return c;
}


// A line of running text set letter-spaced to fill the line (justified: 邮 编 ： 350400 ；…):
// every gap between its words the same, narrower than a character. No table row is that even
// and that dense.
bool evenly_spaced(const std::vector<chunk>& cs) {
  if (cs.size() <= table_settings::letter_run) return false;
  const double spacing = cs[1].x0 - cs[0].x1;
  for (std::size_t k = 1; k < cs.size(); ++k) {
    const double gap = cs[k].x0 - cs[k - 1].x1;
    if (gap >= table_settings::letter_spacing_max * cs[k].size ||
        std::fabs(gap - spacing) > table_settings::letter_gap_tolerance * cs[k].size)
      return false;
  }
  return true;
}

// A line's words (left to right) as chunks: words closer than half a character are one chunk,
// but not across the end of letter-spaced text (新 ends one cell's justified line, 本 starts the
// next one's closer by); an evenly spaced line of running text is one chunk.
std::vector<chunk> merge_words(std::vector<chunk> cs) {
  const std::vector<bool> apart_before = letter_spacing_ends(cs);
  const bool running_text = evenly_spaced(cs);
  std::vector<chunk> merged;
  for (std::size_t n = 0; n < cs.size(); ++n) {
    chunk& c = cs[n];
    if (!merged.empty() && (running_text || !apart_before[n])) {
      chunk& m = merged.back();
      const double gap = c.x0 - m.x1;
      const bool space = m.space_after || gap > 0.2 * m.size;
      // A number after a space is a cell of its own when it follows another number or a bare
      // list marker ("4." then "1" in a narrow column is the marker of 4.无正当理由… and the
      // count 1, not "4. 1"); in running text ("某县 2025 年") it joins.
      auto is_number = [](const std::string& t) {
        return classify_cell(t).state == cell_state::number;
      };
      const bool apart =
          space && is_number(c.text) && (is_number(m.text) || is_marker_only(m.text));
      if (running_text ||
          (gap <= table_settings::word_gap * std::min(m.size, c.size) && !apart)) {
        m.text = join_text(m.text, c.text, space);
        m.x1 = std::max(m.x1, c.x1);
        m.size = std::max(m.size, c.size);
        m.space_after = c.space_after;
        continue;
      }
    }
    merged.push_back(std::move(c));
  }
  return merged;
}

std::vector<line> page_lines(std::vector<chunk> words, int page) {
  // Vertical order, then greedy lines: a word joins the line when its middle is within 0.4 of a
  // character of the line's first word (cells of one table row centred differently are lines of
  // their own; the table rules put them together).
  std::stable_sort(words.begin(), words.end(),
                   [](const chunk& a, const chunk& b) { return a.mid < b.mid; });
  std::vector<line> lines;
  for (auto& w : words) {
    if (!lines.empty() &&
        std::fabs(w.mid - lines.back().mid) <= 0.4 * std::min(w.size, lines.back().size)) {
      lines.back().chunks.push_back(std::move(w));
      continue;
    }
    line l;
    l.page = page;
    l.mid = w.mid;
    l.size = w.size;
    l.chunks.push_back(std::move(w));
    lines.push_back(std::move(l));
  }
  std::uint32_t number = 0;
  for (auto& l : lines) {
    l.number = ++number;
    auto& cs = l.chunks;
    std::stable_sort(cs.begin(), cs.end(), [](const chunk& a, const chunk& b) { return a.x0 < b.x0; });
    cs = merge_words(std::move(cs));
    l.x0 = cs.front().x0;
    l.x1 = cs.back().x1;
    double size = 0;
    std::size_t numbers = 0;
    for (const auto& c : cs) {
      size = std::max(size, c.size);
      if (is_data(c.text)) ++numbers;
    }
    l.size = size;
    // A number among other chunks, or a line of one number alone: the numbers of a row whose
    // label wrapped around them (行政事业 / 417.5971 / 性收费). A lone marker is no row.
    l.lone_number = cs.size() == 1 && classify_cell(cs.front().text).state == cell_state::number;
    l.numeric = numbers > 0 && (cs.size() >= 2 || l.lone_number);
  }
  return lines;
}

std::string line_text(const line& l) {
  std::string s;
  for (const auto& c : l.chunks) s = s.empty() ? c.text : s + " " + c.text;
  return s;
}

// Running headers and footers: lines in the top or bottom 8% of a page that repeat on other
// pages (digits aside), and page numbers there.
void drop_running_lines(std::vector<line>& lines, const std::vector<double>& heights) {
  // Candidates: the first two and last two lines of a page, in its margins, not table rows.
  std::vector<std::uint32_t> last_line(heights.size(), 0);
  for (const auto& l : lines)
    last_line[static_cast<std::size_t>(l.page)] =
        std::max(last_line[static_cast<std::size_t>(l.page)], l.number);
  auto in_margin = [&](const line& l) {
    const double h = heights[static_cast<std::size_t>(l.page)];
    const bool edge = l.number <= 2 || l.number + 2 > last_line[static_cast<std::size_t>(l.page)];
    return edge && l.chunks.size() < 3 && (l.mid < 0.08 * h || l.mid > 0.92 * h);
  };
  auto key = [](const line& l) {
    std::string k;
    for (char ch : line_text(l)) k += (ch >= '0' && ch <= '9') ? '#' : ch;
    return k;
  };
  std::vector<std::pair<std::string, int>> seen; // margin line keys with their page
  for (const auto& l : lines)
    if (in_margin(l)) seen.emplace_back(key(l), l.page);
  for (auto& l : lines) {
    if (!in_margin(l)) continue;
    const std::string k = key(l);
    const bool repeats = std::any_of(seen.begin(), seen.end(), [&](const auto& s) {
      return s.first == k && s.second != l.page;
    });
    if (repeats || looks_like_page_number(line_text(l), true)) l.dropped = true;
  }
  std::erase_if(lines, [](const line& l) { return l.dropped; });
}

// A line that is one chunk numbered at the top level: 一、 … 十、 (a section title, or the first
// line of a row label such as 一、本年新收政府信息公开申请数量).
bool top_numbered(const line& l) {
  return l.chunks.size() == 1 && leading_marker(l.chunks.front().text).kind == list_marker::top;
}

struct geometry {
  double body = 12;                   // body font size
  std::vector<double> left, right;    // text area per page
  bool heading(const line& l) const { return l.size > 1.2 * body; }
  // A line of running text with a number in it (2020 年，某市…; a title with its year): a few
  // chunks, one of them a sentence's worth of text. No row label is that long beside so few
  // numbers.
  static bool sentence_with_number(const line& l) {
    if (l.chunks.size() > 3) return false;
    return std::any_of(l.chunks.begin(), l.chunks.end(),
                       [](const chunk& c) {
                         return code_points(c.text) >= table_settings::sentence_chars &&
                                !is_data(c.text);
                       });
  }
  // Where a table may start: a line of numbers beside other text, not a heading, not a
  // sentence; a number alone on its line (a page number, a year) only goes on a table.
  bool starts_table(const line& l) const {
    return l.numeric && !l.lone_number && !heading(l) && !sentence_with_number(l);
  }
  // A line of running text: wide, or ending a sentence.
  bool prose(const line& l) const {
    if (l.chunks.size() != 1) return false;
    const auto p = static_cast<std::size_t>(l.page);
    const std::string& t = l.chunks.front().text;
    return (l.x1 - l.x0) > 0.7 * (right[p] - left[p]) || t.ends_with("。") ||
           t.ends_with("；") || t.ends_with("！") || t.ends_with("？");
  }
};


void build_blocks(const std::vector<line>& lines, const geometry& geo, document& doc) {
  // Tables: runs of lines around the lines that hold numbers.
  std::vector<int> table_of(lines.size(), -1);
  int tables = 0;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (!geo.starts_table(lines[i])) {
      ++i;
      continue;
    }
    std::size_t first = i, last = i;
    // Up: header lines close above (not headings, not running text).
    while (first > 0 && i - first < 24) {
      const line& above = lines[first - 1];
      const line& below = lines[first];
      if (table_of[first - 1] >= 0 || geo.heading(above) || geo.prose(above) ||
          (above.numeric && !above.lone_number))
        break;
      // A section title set like body text (二、主动公开政府信息情况 over the table's header):
      // a top-level numbered line with header lines between it and the numbers. (The first
      // line of a wrapped row label stands right above its numbers.)
      if (top_numbered(above) && i - (first - 1) >= table_settings::title_lines_above) break;
      if (above.page == below.page && below.mid - above.mid > 3.0 * geo.body) break;
      --first;
    }
    // Down: the next number line within 8 lines of table text, across pages.
    std::size_t k = i + 1;
    while (k < lines.size()) {
      std::size_t j = k;
      while (j < lines.size() && j - k < 24 && !lines[j].numeric && !geo.heading(lines[j]) &&
             !geo.prose(lines[j]) &&
             !(top_numbered(lines[j]) && [&] {
               const std::size_t below = table_settings::title_lines_below;
               if (j + below >= lines.size()) return false;
               for (std::size_t n = 1; n <= below; ++n)
                 if (lines[j + n].numeric) return false;
               return true;
             }()))
        ++j;
      // A number alone goes on the table only close under the table's last line and away from
      // the left margin (the one number of a row whose label wrapped around it), not a year or
      // a figure further down the page.
      const bool goes_on =
          j < lines.size() && lines[j].numeric &&
          (!lines[j].lone_number ||
           (j > 0 && lines[j].page == lines[j - 1].page &&
            lines[j].mid - lines[j - 1].mid <= table_settings::lone_number_gap * geo.body &&
            lines[j].x0 > geo.left[static_cast<std::size_t>(lines[j].page)] +
                              table_settings::lone_number_indent * geo.body));
      if (goes_on) {
        last = j;
        k = j + 1;
        continue;
      }
      break;
    }
    // Then the wrapped tail of the last row: close lines of label text.
    while (last + 1 < lines.size()) {
      const line& below = lines[last + 1];
      if (below.numeric || geo.heading(below) || geo.prose(below) ||
          below.page != lines[last].page || below.mid - lines[last].mid > 1.6 * geo.body)
        break;
      ++last;
    }
    for (std::size_t m = first; m <= last; ++m) table_of[m] = tables;
    ++tables;
    i = last + 1;
  }

  i = 0;
  while (i < lines.size()) {
    if (table_of[i] >= 0) {
      std::vector<const line*> members;
      const int t = table_of[i];
      while (i < lines.size() && table_of[i] == t) members.push_back(&lines[i++]);
      block b;
      b.kind = block_kind::table;
      b.table = pdf_table(members);
      b.span = b.table.span;
      doc.blocks.push_back(std::move(b));
      continue;
    }
    const line& l = lines[i];
    block b;
    b.span = l.span();
    b.text = line_text(l);
    if (geo.heading(l)) {
      b.kind = block_kind::heading;
      b.level = l.size > 1.6 * geo.body ? 1 : 2;
      doc.blocks.push_back(std::move(b));
      ++i;
      continue;
    }
    // A paragraph: following lines join while the line before runs to the right margin and the
    // next is not indented, not a heading and not far below.
    b.kind = block_kind::paragraph;
    std::size_t k = i + 1;
    for (; k < lines.size() && table_of[k] < 0; ++k) {
      const line& prev = lines[k - 1];
      const line& next = lines[k];
      const auto p = static_cast<std::size_t>(prev.page);
      const bool full = prev.x1 >= geo.right[p] - 2.0 * prev.size;
      const bool indented = next.x0 > geo.left[static_cast<std::size_t>(next.page)] + 1.5 * next.size;
      const bool close = next.page != prev.page || next.mid - prev.mid <= 2.0 * prev.size;
      if (!full || indented || !close || geo.heading(next) ||
          starts_with_marker(next.chunks.front().text))
        break;
      b.text = join_text(b.text, line_text(next), true);
    }
    b.text = fold_space(b.text);
    doc.blocks.push_back(std::move(b));
    i = k;
  }
}

// The body font size: the size most characters are set in. Counted by character, not by chunk:
// a table of one-digit cells set smaller than the text holds more chunks than the paragraphs
// (a printed web page), and its header text, set like the body, is no heading.
double body_size(const std::vector<line>& lines) {
  std::vector<double> sizes;
  for (const auto& l : lines)
    for (const auto& c : l.chunks) sizes.insert(sizes.end(), code_points(c.text), c.size);
  return std::max(1.0, median(std::move(sizes)));
}

} // namespace

void layout_pdf(const std::vector<pdf_page>& pages, document& doc) {
  std::vector<line> lines;
  std::vector<double> heights;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    heights.push_back(pages[p].height);
    if (pages[p].words.empty()) continue;
    std::vector<chunk> ws;
    ws.reserve(pages[p].words.size());
    for (const auto& w : pages[p].words) ws.push_back(chunk_of(w));
    for (auto& l : page_lines(std::move(ws), static_cast<int>(p))) lines.push_back(std::move(l));
  }
  drop_running_lines(lines, heights);
  geometry geo;
  geo.body = body_size(lines);
  geo.left.assign(heights.size(), std::numeric_limits<double>::infinity());
  geo.right.assign(heights.size(), 0);
  for (const auto& l : lines) {
    const auto p = static_cast<std::size_t>(l.page);
    geo.left[p] = std::min(geo.left[p], l.x0);
    geo.right[p] = std::max(geo.right[p], l.x1);
  }
  build_blocks(lines, geo, doc);
}

} // namespace govdisclose::detail
