// The PDF reader: poppler's text layer (words with their boxes) rebuilt into a document.
//
// Words → lines (by vertical position) → chunks (words closer than half a character) → running
// headers, footers and page numbers dropped → tables (runs of lines that hold numbers, joined
// across pages) and paragraphs. In a table, the numbers' horizontal positions give the data
// columns, the lines that hold numbers give the rows, and the label pieces on the lines between
// them (wrapped labels) are joined to the row above or below. The rules are in docs/formats.md.
#include "reader_common.hpp"

#include <govdisclose/cell.hpp>
#include <govdisclose/readers.hpp>

#ifdef GOVDISCLOSE_HAVE_PDF
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#endif

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>

namespace govdisclose {

#ifndef GOVDISCLOSE_HAVE_PDF

bool pdf_supported() noexcept { return false; }

result<document> read_pdf(std::string_view, std::string_view source) {
  result<document> out;
  out.value.source = std::string(source);
  out.value.format = "pdf";
  out.diagnostics.push_back(detail::reader_diagnostic(
      "input.unsupported_format", severity::error, source, 0, 0, "pdf",
      "此版本未包含PDF读取功能（构建时未找到poppler-cpp）",
      "this build has no PDF reader (built without poppler-cpp)"));
  return out;
}

#else

bool pdf_supported() noexcept { return true; }

namespace detail {
namespace {

// Limits: a report has a few dozen pages; anything far beyond is refused, not read for minutes.
constexpr int max_pages = 2000;
constexpr std::size_t max_words = 2'000'000;

// A piece of text on one line: one word, or neighbouring words joined.
struct chunk {
  std::string text;
  double x0 = 0, x1 = 0; // horizontal extent, points
  double mid = 0;        // vertical middle of the glyphs, points from the page top
  double size = 0;       // estimated font size, points
  bool space_after = false;
};

struct line {
  std::vector<chunk> chunks; // left to right
  int page = 0;              // 0-based
  std::uint32_t number = 0;  // 1-based line on its page
  double mid = 0, size = 0;
  double x0 = 0, x1 = 0;
  bool numeric = false; // holds a number or a marker among two or more chunks
  bool dropped = false; // running header, footer or page number
  source_span span() const { return {static_cast<std::uint32_t>(page + 1), number}; }
};

bool is_cjk(char32_t cp) noexcept {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x3000 && cp <= 0x303F);
}

char32_t first_cp(std::string_view s) {
  std::size_t pos = 0;
  return s.empty() ? 0 : next_code_point(s, pos);
}

char32_t last_cp(std::string_view s) {
  std::size_t pos = s.size();
  while (pos > 0 && (static_cast<unsigned char>(s[pos - 1]) & 0xC0) == 0x80) --pos;
  if (pos > 0) --pos;
  std::size_t p = pos;
  return s.empty() ? 0 : next_code_point(s, p);
}

// A number (optionally with a unit: 251000元, 3件, 12%) or a marker (— / 无).
bool is_data(std::string_view text) {
  const cell c = classify_cell(text);
  if (c.state == cell_state::number || c.state == cell_state::marker) return true;
  if (c.state != cell_state::text) return false;
  for (std::string_view unit : {"万元", "元", "件", "个", "%", "％"})
    if (c.raw.size() > unit.size() && std::string_view(c.raw).ends_with(unit)) {
      const cell n = classify_cell(std::string_view(c.raw).substr(0, c.raw.size() - unit.size()));
      if (n.state == cell_state::number) return true;
    }
  return false;
}

// An enumeration marker starts the text: 一、 （一） (一) 1. 1、 （1）. Wrapped labels that start
// with one begin a new label; pieces without one continue a label.
bool starts_with_marker(std::string_view text) {
  std::u32string c;
  for (std::size_t pos = 0; pos < text.size() && c.size() < 8;) {
    const char32_t cp = next_code_point(text, pos);
    if (!is_space(cp)) c += cp;
  }
  auto numeral = [](char32_t cp) {
    return std::u32string_view(U"一二三四五六七八九十").find(cp) != std::u32string_view::npos ||
           (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
  };
  std::size_t i = 0;
  const bool open = !c.empty() && (c[0] == U'（' || c[0] == U'(');
  if (open) ++i;
  const std::size_t start = i;
  while (i < c.size() && numeral(c[i])) ++i;
  if (i == start || i >= c.size()) return false;
  if (open) return c[i] == U'）' || c[i] == U')';
  return c[i] == U'、' || c[i] == U'.' || c[i] == U'．' || c[i] == U'，';
}

std::string join_text(const std::string& a, const std::string& b, bool space) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  const bool cjk = is_cjk(last_cp(a)) || is_cjk(first_cp(b));
  return space && !cjk ? a + " " + b : a + b;
}

// ---- words → lines ------------------------------------------------------------------------------

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
    // Words closer than half a character are one chunk.
    std::vector<chunk> merged;
    for (auto& c : cs) {
      if (!merged.empty()) {
        chunk& m = merged.back();
        const double gap = c.x0 - m.x1;
        if (gap <= 0.5 * std::min(m.size, c.size)) {
          m.text = join_text(m.text, c.text, m.space_after || gap > 0.2 * m.size);
          m.x1 = std::max(m.x1, c.x1);
          m.size = std::max(m.size, c.size);
          m.space_after = c.space_after;
          continue;
        }
      }
      merged.push_back(std::move(c));
    }
    cs = std::move(merged);
    l.x0 = cs.front().x0;
    l.x1 = cs.back().x1;
    double size = 0;
    std::size_t numbers = 0;
    for (const auto& c : cs) {
      size = std::max(size, c.size);
      if (is_data(c.text)) ++numbers;
    }
    l.size = size;
    l.numeric = numbers > 0 && cs.size() >= 2;
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

// ---- tables -------------------------------------------------------------------------------------

struct geometry {
  double body = 12;                   // body font size
  std::vector<double> left, right;    // text area per page
  bool heading(const line& l) const { return l.size > 1.2 * body; }
  // A line of running text: wide, or ending a sentence.
  bool prose(const line& l) const {
    if (l.chunks.size() != 1) return false;
    const auto p = static_cast<std::size_t>(l.page);
    const std::string& t = l.chunks.front().text;
    return (l.x1 - l.x0) > 0.7 * (right[p] - left[p]) || t.ends_with("。") ||
           t.ends_with("；") || t.ends_with("！") || t.ends_with("？");
  }
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// Vertical distance between two lines, or "far" across pages.
double distance(const line& a, const line& b) {
  return a.page == b.page ? std::fabs(a.mid - b.mid) : std::numeric_limits<double>::infinity();
}

struct column {
  double x0, x1;
};

// Data columns: the horizontal extents of the numbers, overlapping extents merged.
std::vector<column> data_columns(const std::vector<const line*>& rows) {
  std::vector<column> cols;
  for (const line* l : rows)
    for (const auto& c : l->chunks)
      if (is_data(c.text)) cols.push_back({c.x0, c.x1});
  std::sort(cols.begin(), cols.end(), [](const column& a, const column& b) { return a.x0 < b.x0; });
  std::vector<column> out;
  for (const auto& c : cols) {
    if (!out.empty() && c.x0 <= out.back().x1 + 1.0)
      out.back().x1 = std::max(out.back().x1, c.x1);
    else
      out.push_back(c);
  }
  return out;
}

double overlap(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) - std::max(a0, b0);
}

// The room a data column has: the distance between its neighbours' middles, halved (or the
// distance to its one neighbour). Header text wider than that spans several columns.
double pitch(const std::vector<column>& cols, std::size_t i) {
  auto centre = [&](std::size_t k) { return (cols[k].x0 + cols[k].x1) / 2; };
  if (cols.size() < 2) return std::numeric_limits<double>::infinity();
  if (i == 0) return centre(1) - centre(0);
  if (i + 1 == cols.size()) return centre(i) - centre(i - 1);
  return (centre(i + 1) - centre(i - 1)) / 2;
}

// The data columns a chunk lies over.
std::vector<std::size_t> columns_of(const chunk& c, const std::vector<column>& cols) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const double w = std::min(cols[i].x1 - cols[i].x0, c.x1 - c.x0);
    if (overlap(c.x0, c.x1, cols[i].x0, cols[i].x1) > std::max(0.3 * w, 0.5)) out.push_back(i);
  }
  return out;
}

// A label cell of a row being built: its pieces (top to bottom) and horizontal extent.
struct label_cell {
  std::string text;
  double x0, x1;
  const line* last = nullptr; // the lowest line holding a piece of it
  source_span span;
};

struct row_build {
  const line* data = nullptr; // the line with the numbers
  std::vector<label_cell> labels;
  bool header = false;
  bool page_top = false;         // a header row repeated at the top of a page
  std::vector<table_cell> cells; // for header rows: built directly
};

// Add a label piece to the row: to the label cell it lies under, or as a new cell.
void add_piece(row_build& r, const chunk& c, const line& l) {
  label_cell* best = nullptr;
  double best_overlap = 0;
  for (auto& lc : r.labels) {
    const double o = overlap(c.x0, c.x1, lc.x0, lc.x1);
    if (o > best_overlap) {
      best_overlap = o;
      best = &lc;
    }
  }
  if (best) { // pieces arrive in reading order: append
    best->text = join_text(best->text, c.text, false);
    best->x0 = std::min(best->x0, c.x0);
    best->x1 = std::max(best->x1, c.x1);
    best->last = &l;
    return;
  }
  label_cell lc{c.text, c.x0, c.x1, &l, {l.span().line, l.span().column}};
  auto at = std::find_if(r.labels.begin(), r.labels.end(),
                         [&](const label_cell& o) { return o.x0 > c.x0; });
  r.labels.insert(at, std::move(lc));
}

// Header rows from header lines: the label-area text joined as the corner; text over one data
// column joined top to bottom as that column's label; text over several columns as spanning
// cells, one header row per vertical level.
std::vector<row_build> header_rows(const std::vector<const line*>& lines,
                                   const std::vector<column>& cols, double label_end) {
  std::string corner;
  source_span corner_span{};
  std::vector<std::string> leaf(cols.size());
  std::vector<source_span> leaf_span(cols.size());
  struct spanning {
    std::string text;
    std::size_t first, last;
    double mid, size;
    source_span span;
  };
  std::vector<spanning> spans;
  struct piece {
    std::string text;
    const line* l;
    double size;
  };
  std::vector<std::vector<piece>> single(cols.size()); // text over one column, top to bottom
  for (const line* l : lines)
    for (const auto& c : l->chunks) {
      const auto over = columns_of(c, cols);
      if (over.empty() && c.x1 <= label_end + 1.0) {
        corner = join_text(corner, c.text, false);
        if (!corner_span.known()) corner_span = l->span();
      } else if (over.size() == 1 && c.x0 >= cols[over[0]].x0 - c.size &&
                 c.x1 - c.x0 <= 1.25 * pitch(cols, over[0]) &&
                 // centred on its column (a table-wide caption is centred on the table)
                 std::fabs((c.x0 + c.x1) / 2 - (cols[over[0]].x0 + cols[over[0]].x1) / 2) <=
                     std::max(c.size, 0.35 * (cols[over[0]].x1 - cols[over[0]].x0))) {
        single[over[0]].push_back({c.text, l, c.size});
      } else if (!over.empty()) {
        spans.push_back({c.text, over.front(), over.back(), l->mid, c.size, l->span()});
      } else {
        // Text right of the last data column, or between columns: a column of its own.
        corner = join_text(corner, c.text, false);
      }
    }
  // A column's label is the lowest run of its text, lines no further apart than a wrapped
  // label's (a narrow group label above it, 行政复议, is a level of its own).
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const auto& ps = single[k];
    std::size_t from = ps.size();
    while (from > 0) {
      if (from < ps.size()) {
        const line& a = *ps[from - 1].l;
        const line& b = *ps[from].l;
        // (A header row split by a page break goes on over it.)
        if (a.page == b.page && b.mid - a.mid > 2.2 * std::max(ps[from - 1].size, ps[from].size))
          break;
      }
      --from;
    }
    for (std::size_t j = 0; j < ps.size(); ++j) {
      if (j < from) {
        spans.push_back({ps[j].text, k, k, ps[j].l->mid, ps[j].size, ps[j].l->span()});
        continue;
      }
      leaf[k] = join_text(leaf[k], ps[j].text, false);
      if (!leaf_span[k].known()) leaf_span[k] = ps[j].l->span();
    }
  }
  std::vector<row_build> out;
  std::stable_sort(spans.begin(), spans.end(),
                   [](const spanning& a, const spanning& b) { return a.mid < b.mid; });
  std::size_t i = 0;
  while (i < spans.size()) {
    row_build r;
    r.header = true;
    r.cells.resize(cols.size() + 1);
    r.cells[0].header = true;
    const double level = spans[i].mid;
    for (; i < spans.size() && std::fabs(spans[i].mid - level) <= 0.6 * spans[i].size; ++i) {
      const auto& s = spans[i];
      for (std::size_t k = s.first; k <= s.last; ++k) {
        table_cell& t = r.cells[k + 1];
        t.text = s.text;
        t.span = s.span;
        t.header = true;
        t.covered = k != s.first;
        if (k == s.first) t.col_span = static_cast<std::uint16_t>(s.last - s.first + 1);
      }
    }
    for (auto& c : r.cells) // empty positions are where the level's text is
      if (!c.span.known()) c.span = spans[i - 1].span;
    out.push_back(std::move(r));
  }
  row_build r;
  r.header = true;
  r.cells.resize(cols.size() + 1);
  r.cells[0].text = corner;
  r.cells[0].span = corner_span;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    r.cells[k + 1].text = leaf[k];
    r.cells[k + 1].span = leaf_span[k];
  }
  const source_span first_line = lines.empty() ? source_span{} : lines.front()->span();
  for (auto& c : r.cells) {
    c.header = true;
    if (!c.span.known()) c.span = first_line; // an empty position: where the header starts
  }
  if (!corner.empty() && !out.empty()) {
    // The corner spans the header rows: state it in the first, cover it below.
    out.front().cells[0] = r.cells[0];
    for (std::size_t k = 1; k < out.size(); ++k) {
      out[k].cells[0] = r.cells[0];
      out[k].cells[0].covered = true;
    }
    r.cells[0].covered = true;
  }
  out.push_back(std::move(r));
  return out;
}

// Data columns of some rows, plus a column for header text over no number (a column blank in
// every row), left to right.
std::vector<column> columns_for(const std::vector<const line*>& rows,
                                const std::vector<const line*>& headers, double label_end) {
  std::vector<column> cols = data_columns(rows);
  auto by_x = [](const column& a, const column& b) { return a.x0 < b.x0; };
  // Only text about one column wide makes a column (not a caption over several).
  std::vector<double> gaps;
  for (std::size_t i = 1; i < cols.size(); ++i)
    gaps.push_back((cols[i].x0 + cols[i].x1) / 2 - (cols[i - 1].x0 + cols[i - 1].x1) / 2);
  const double widest = gaps.empty() ? std::numeric_limits<double>::infinity() : 1.25 * median(gaps);
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) // the lowest header text first
    for (const auto& c : (*it)->chunks)
      if (c.x0 > label_end && c.x1 - c.x0 <= widest &&
          std::none_of(cols.begin(), cols.end(), [&](const column& k) {
            return overlap(c.x0, c.x1, k.x0, k.x1) > 0;
          })) {
        cols.push_back({c.x0, c.x1});
        std::sort(cols.begin(), cols.end(), by_x);
      }
  // A column's own header text (the lowest header text over it alone) widens it to about the
  // cell's width.
  const std::vector<column> numbers = cols;
  std::vector<bool> widened(cols.size(), false);
  for (auto it = headers.rbegin(); it != headers.rend(); ++it)
    for (const auto& c : (*it)->chunks) {
      std::size_t touched = 0, at = 0;
      for (std::size_t i = 0; i < numbers.size(); ++i)
        if (overlap(c.x0, c.x1, numbers[i].x0, numbers[i].x1) > 0) {
          ++touched;
          at = i;
        }
      if (touched != 1 || widened[at] || c.x1 - c.x0 > 1.25 * pitch(numbers, at)) continue;
      widened[at] = true;
      cols[at].x0 = std::min(cols[at].x0, c.x0);
      cols[at].x1 = std::max(cols[at].x1, c.x1);
    }
  return cols;
}

// One table from its lines (in reading order, across pages).
//
// The lines are header lines (text over the data columns, and label text among them), data
// lines (numbers) and label lines (pieces of wrapped labels). Each run of header lines starts a
// segment with its own columns (section 二 stacks small tables with different columns).
table_grid build_table(const std::vector<const line*>& lines) {
  std::vector<const line*> data;
  for (const line* l : lines)
    if (l->numeric) data.push_back(l);
  // The label area ends at the right edge of the rows' labels (left of the first numbers; with
  // wrapped labels that start with a marker): a column blank in every row of a small table
  // still lies right of it.
  const double label_end = [&] {
    const auto cols = data_columns(data);
    if (cols.empty()) return 0.0;
    double end = 0;
    for (const line* l : lines) // labels on rows, and labels that start with a marker
      for (const auto& c : l->chunks)
        if (!is_data(c.text) && c.x1 <= cols.front().x0 + 1.0 &&
            (l->numeric || starts_with_marker(c.text)))
          end = std::max(end, c.x1);
    if (end > 0) return end;
    // No row labels at all (section 四's one row): everything is data area.
    double left = std::numeric_limits<double>::infinity();
    for (const line* l : lines) left = std::min(left, l->x0);
    return left - 2.0;
  }();
  auto in_data_area = [&](const chunk& c) { return c.x1 > label_end + 1.0 && !data.empty(); };
  auto any_data_area = [&](const line& l) {
    return std::any_of(l.chunks.begin(), l.chunks.end(), in_data_area);
  };

  // Header lines: text over the data area; label text between such lines is the header's corner,
  // unless it starts a label or no header line follows before the next row (the tail of a row
  // a page break split).
  // Label text on the lines between header lines is the header's corner, unless it starts a
  // label, or no header line follows before the next row (the tail of a row a page break
  // split), or the corner was already met on the header's last line (信息内容 beside
  // 本年处理决定数量): then it is a row of the table above whose data cells are all blank.
  // Full: about as wide as the widest label-area text aligned with it (same middle or same left
  // edge); only a full line can have wrapped onto the next.
  std::vector<const chunk*> labels;
  for (const line* l : lines)
    for (const auto& c : l->chunks)
      if (!is_data(c.text) && !in_data_area(c)) labels.push_back(&c);
  auto full = [&](const chunk& p) {
    const double centre = (p.x0 + p.x1) / 2;
    double widest = p.x1 - p.x0;
    for (const chunk* c : labels)
      if (std::fabs((c->x0 + c->x1) / 2 - centre) <= 0.5 * p.size ||
          std::fabs(c->x0 - p.x0) <= 0.5 * p.size)
        widest = std::max(widest, c->x1 - c->x0);
    return p.x1 - p.x0 >= widest - 1.5 * p.size;
  };

  std::vector<bool> header(lines.size(), false);
  bool corner_done = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const line& l = *lines[i];
    if (l.numeric) {
      corner_done = false;
      continue;
    }
    const bool has_label = std::any_of(l.chunks.begin(), l.chunks.end(),
                                       [&](const chunk& c) { return !in_data_area(c); });
    if (any_data_area(l)) {
      header[i] = true;
      // A corner piece that is not full ends the corner (信息内容 beside its column labels).
      corner_done = has_label && std::none_of(l.chunks.begin(), l.chunks.end(),
                                              [&](const chunk& c) {
                                                return !in_data_area(c) && full(c);
                                              });
      continue;
    }
    const bool in_header = i > 0 && header[i - 1];
    const bool marked = std::any_of(l.chunks.begin(), l.chunks.end(),
                                    [](const chunk& c) { return starts_with_marker(c.text); });
    bool follows = false;
    for (std::size_t k = i + 1; k < lines.size() && !lines[k]->numeric && !follows; ++k)
      follows = any_data_area(*lines[k]);
    header[i] = in_header && !marked && follows && !corner_done;
  }

  // Segments: a run of header lines and the lines up to the next run.
  struct segment {
    std::vector<const line*> headers, body;
    std::vector<column> cols;
    bool page_top = false; // the header repeated at the top of a new page
  };
  std::vector<segment> segs(1);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (header[i] && (i == 0 || !header[i - 1]) && !(segs.back().headers.empty() &&
                                                     segs.back().body.empty()))
      segs.emplace_back();
    (header[i] ? segs.back().headers : segs.back().body).push_back(lines[i]);
  }
  for (std::size_t k = 0; k < segs.size(); ++k) {
    auto& sg = segs[k];
    std::vector<const line*> rows;
    for (const line* l : sg.body)
      if (l->numeric) rows.push_back(l);
    sg.cols = columns_for(rows, sg.headers, label_end);
    if (k > 0 && !sg.headers.empty()) {
      const line* before = nullptr;
      for (const line* l : segs[k - 1].body)
        if (l->numeric) before = l;
      sg.page_top = before && before->page < sg.headers.front()->page &&
                    (rows.empty() || rows.front()->page == sg.headers.front()->page);
    }
  }

  // The pitch of single-line rows: the least distance between two data lines. A label line
  // that far from the row above and the row below is a row of its own whose data cells are all
  // blank (wrapped label lines are closer together than rows).
  double row_pitch = std::numeric_limits<double>::infinity();
  for (std::size_t i = 1; i < data.size(); ++i)
    if (data[i]->page == data[i - 1]->page)
      row_pitch = std::min(row_pitch, data[i]->mid - data[i - 1]->mid);
  // Rows without padding are as close as wrapped lines: then the pitch tells nothing, and a
  // label line is a row of its own when the line above it is not full (only a full line wraps).
  const bool compact = !data.empty() && row_pitch < 1.4 * 1.2 * data.front()->size;
  if (compact) row_pitch = std::numeric_limits<double>::infinity();

  std::vector<row_build> rows;
  std::vector<std::size_t> row_segment;
  // Pieces waiting for the next data row (marked labels and pieces nearer to it).
  struct pending_piece {
    chunk c;
    const line* l;
  };
  std::vector<pending_piece> pending;

  // The nearest row above holding a label cell over the piece, and its distance.
  auto up_row = [&](const chunk& c, const line& l) -> std::pair<row_build*, double> {
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
      if (it->header && it->page_top) continue; // look past a header repeated on a new page
      if (it->header) return {nullptr, 0};
      // The distance to the label's lowest line or to the row's numbers, whichever is nearer.
      for (const auto& lc : it->labels)
        if (overlap(c.x0, c.x1, lc.x0, lc.x1) > 0)
          return {&*it, std::min(lc.last ? distance(*lc.last, l)
                                         : std::numeric_limits<double>::infinity(),
                                 it->data ? distance(*it->data, l)
                                          : std::numeric_limits<double>::infinity())};
      if (it->data && it->data->page != l.page) break;
    }
    return {nullptr, 0};
  };

  for (std::size_t k = 0; k < segs.size(); ++k) {
    const segment& sg = segs[k];
    if (!sg.headers.empty())
      for (auto& r : header_rows(sg.headers, sg.cols, label_end)) {
        r.page_top = sg.page_top;
        rows.push_back(std::move(r));
        row_segment.push_back(k);
      }
    for (std::size_t i = 0; i < sg.body.size(); ++i) {
      const line& l = *sg.body[i];
      if (l.numeric) {
        row_build r;
        r.data = &l;
        for (const auto& p : pending) add_piece(r, p.c, *p.l);
        pending.clear();
        for (const auto& c : l.chunks)
          if (!is_data(c.text) && !in_data_area(c)) add_piece(r, c, l);
        rows.push_back(std::move(r));
        row_segment.push_back(k);
        continue;
      }
      // A line of label pieces between data rows: each piece goes to the row above or below.
      const line* next_data = nullptr;
      for (std::size_t m = i + 1; m < sg.body.size() && !next_data; ++m)
        if (sg.body[m]->numeric) next_data = sg.body[m];
      for (std::size_t m = k + 1; m < segs.size() && !next_data; ++m)
        for (const line* x : segs[m].body)
          if (x->numeric) {
            next_data = x;
            break;
          }
      for (const auto& c : l.chunks) {
        auto [up, d_up] = up_row(c, l);
        const double d_down = next_data ? distance(*next_data, l)
                                        : std::numeric_limits<double>::infinity();
        // A piece at the top of a page continues the row the page break split.
        const bool continues = up && up->data && up->data->page != l.page;
        const bool marked = starts_with_marker(c.text);
        // Only a piece under the row's own label (its last label cell, not a group label
        // left of it) can be a row of its own.
        const bool under_own = up && !up->labels.empty() &&
                               overlap(c.x0, c.x1, up->labels.back().x0, up->labels.back().x1) > 0;
        bool own_row = !marked && (under_own || !up) && !continues && std::isfinite(row_pitch) &&
                       (!up || d_up >= 0.9 * row_pitch) && d_down >= 0.9 * row_pitch &&
                       pending.empty();
        if (compact && !marked && under_own && !continues && !full(c)) {
          const chunk* last = nullptr; // the lowest piece of the row's own label
          const label_cell& own = up->labels.back();
          if (own.last)
            for (const auto& x : own.last->chunks)
              if (overlap(x.x0, x.x1, c.x0, c.x1) > 0) last = &x;
          own_row = last && !full(*last);
        }
        // A piece under a label that waits for the next row goes on with that label.
        const bool under_pending =
            std::any_of(pending.begin(), pending.end(), [&](const pending_piece& p) {
              return overlap(c.x0, c.x1, p.c.x0, p.c.x1) > 0;
            });
        if (under_pending && next_data) {
          pending.push_back({c, &l});
        } else if (up && !marked && !own_row && (continues || d_up <= d_down || !next_data)) {
          add_piece(*up, c, l);
        } else if (next_data && !own_row &&
                   (marked || full(c) || !compact || [&] {
                     // The next row's own label: the rightmost label text on its line.
                     const chunk* own = nullptr;
                     for (const auto& x : next_data->chunks)
                       if (!is_data(x.text) && !in_data_area(x)) own = &x;
                     return !own || overlap(own->x0, own->x1, c.x0, c.x1) <= 0;
                   }())) {
          // (Where rows are as close as lines, a short label line right above a row whose own
          // label is on its line, under it, is a row of its own, not the first line of that
          // label.)
          pending.push_back({c, &l}); // the first lines of the next row's label
        } else {
          // A label on its own: a row whose data cells are all blank.
          row_build r;
          add_piece(r, c, l);
          rows.push_back(std::move(r));
          row_segment.push_back(k);
        }
      }
    }
  }

  table_grid g;
  for (std::size_t n = 0; n < rows.size(); ++n) {
    auto& r = rows[n];
    if (r.header) {
      g.rows.push_back(std::move(r.cells));
      continue;
    }
    const auto& cols = segs[row_segment[n]].cols;
    const source_span where = r.data ? r.data->span() : r.labels.front().span;
    std::vector<table_cell> cells;
    for (auto& lc : r.labels) {
      table_cell t;
      t.text = fold_space(lc.text);
      t.span = lc.span;
      cells.push_back(std::move(t));
    }
    if (cells.empty()) { // an unlabelled row keeps the label position
      cells.emplace_back();
      cells.back().span = where;
    }
    std::vector<table_cell> values(cols.size());
    for (const auto& c : r.data ? r.data->chunks : std::vector<chunk>{}) {
      if (!is_data(c.text) && !in_data_area(c)) continue;
      const auto over = columns_of(c, cols);
      if (over.empty()) continue;
      table_cell& t = values[over.front()];
      t.text = join_text(t.text, c.text, true);
      t.span = where;
    }
    for (auto& v : values) {
      if (!v.span.known()) v.span = where;
      cells.push_back(std::move(v));
    }
    g.rows.push_back(std::move(cells));
  }
  if (!lines.empty()) g.span = lines.front()->span();
  return g;
}

// ---- the document ---------------------------------------------------------------------------

void build_blocks(const std::vector<line>& lines, const geometry& geo, document& doc) {
  // Tables: runs of lines around the lines that hold numbers.
  std::vector<int> table_of(lines.size(), -1);
  int tables = 0;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (!lines[i].numeric) {
      ++i;
      continue;
    }
    std::size_t first = i, last = i;
    // Up: header lines close above (not headings, not running text).
    while (first > 0 && i - first < 24) {
      const line& above = lines[first - 1];
      const line& below = lines[first];
      if (table_of[first - 1] >= 0 || geo.heading(above) || geo.prose(above) || above.numeric)
        break;
      if (above.page == below.page && below.mid - above.mid > 3.0 * geo.body) break;
      --first;
    }
    // Down: the next number line within 8 lines of table text, across pages.
    std::size_t k = i + 1;
    while (k < lines.size()) {
      std::size_t j = k;
      while (j < lines.size() && j - k < 24 && !lines[j].numeric && !geo.heading(lines[j]) &&
             !geo.prose(lines[j]))
        ++j;
      if (j < lines.size() && lines[j].numeric) {
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
      b.table = build_table(members);
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

void quiet_poppler(const std::string&, void*) {}

} // namespace
} // namespace detail

result<document> read_pdf(std::string_view bytes, std::string_view source) {
  using namespace detail;
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(quiet_poppler, nullptr); });

  result<document> out;
  out.value.source = std::string(source);
  out.value.format = "pdf";
  auto error = [&](std::string rule, std::uint32_t page, std::string found, std::string zh,
                   std::string en) {
    out.diagnostics.push_back(reader_diagnostic(std::move(rule), severity::error, source, page, 0,
                                                std::move(found), std::move(zh), std::move(en)));
  };
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    error("pdf.too_large", 0, std::to_string(bytes.size()) + " bytes", "PDF文件过大，未读取",
          "the PDF is too large to read");
    return out;
  }
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) {
    error("pdf.broken", 0, {}, "PDF文件已损坏或不是PDF，无法读取",
          "the PDF is broken (or not a PDF) and cannot be read");
    return out;
  }
  if (pdf->is_locked()) {
    error("pdf.encrypted", 0, {}, "PDF文件已加密（需要密码），无法读取",
          "the PDF is encrypted (needs a password) and cannot be read");
    return out;
  }
  const int pages = pdf->pages();
  if (pages > max_pages) {
    error("pdf.too_large", 0, std::to_string(pages) + " pages",
          "PDF共" + std::to_string(pages) + "页，超过上限" + std::to_string(max_pages) + "页，未读取",
          "the PDF has " + std::to_string(pages) + " pages, over the limit of " +
              std::to_string(max_pages));
    return out;
  }

  std::vector<line> lines;
  std::vector<double> heights;
  std::vector<int> empty_pages;
  std::size_t words = 0, rotated = 0;
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(pdf->create_page(p));
    heights.push_back(page ? page->page_rect().height() : 0);
    if (!page) {
      empty_pages.push_back(p);
      continue;
    }
    std::vector<chunk> ws;
    for (const auto& box : page->text_list()) {
      const poppler::byte_array utf8 = box.text().to_utf8();
      std::string text = fold_space(std::string_view(utf8.data(), utf8.size()));
      if (text.empty()) continue;
      if (box.rotation() != 0) {
        ++rotated;
        continue;
      }
      const poppler::rectf r = box.bbox();
      chunk c;
      c.x0 = r.x();
      c.x1 = r.x() + r.width();
      // Synthetic bold fonts report boxes twice too tall, their glyphs at the bottom; 0.55 of
      // the box height is the glyphs' middle for them and for ordinary fonts alike.
      c.mid = r.y() + 0.55 * r.height();
      c.size = r.height() / 1.2;
      const std::uint32_t n = code_points(text);
      if (n > 0 && is_cjk(first_cp(text)) && is_cjk(last_cp(text)))
        c.size = std::min(c.size, r.width() / n);
      if (!(c.size > 0.5)) c.size = 0.5;
      c.space_after = box.has_space_after();
      c.text = std::move(text);
      ws.push_back(std::move(c));
    }
    words += ws.size();
    if (words > max_words) {
      error("pdf.too_large", static_cast<std::uint32_t>(p + 1), std::to_string(words) + " words",
            "PDF文字过多（超过" + std::to_string(max_words) + "个词），未读取",
            "the PDF holds too many words (over " + std::to_string(max_words) + ")");
      return out;
    }
    if (ws.empty()) {
      empty_pages.push_back(p);
      continue;
    }
    for (auto& l : page_lines(std::move(ws), p)) lines.push_back(std::move(l));
  }
  if (lines.empty()) {
    error("pdf.no_text_layer", 0, std::to_string(pages) + " pages",
          "PDF没有文字层（可能是扫描件），无法读取；请使用原始文档或先进行文字识别（OCR）",
          "the PDF has no text layer (a scan?); read the original document, or run OCR first");
    return out;
  }
  for (int p : empty_pages)
    out.diagnostics.push_back(reader_diagnostic(
        "pdf.page_without_text", severity::warning, source, static_cast<std::uint32_t>(p + 1), 0,
        {}, "第" + std::to_string(p + 1) + "页没有文字层（可能是扫描页），该页内容未读取",
        "page " + std::to_string(p + 1) + " has no text layer (a scanned page?); not read"));
  if (rotated > 0)
    out.diagnostics.push_back(reader_diagnostic(
        "pdf.rotated_text", severity::warning, source, 0, 0, std::to_string(rotated) + " words",
        "PDF中有" + std::to_string(rotated) + "个旋转的词，未读取",
        std::to_string(rotated) + " rotated words were not read"));

  drop_running_lines(lines, heights);
  geometry geo;
  std::vector<double> sizes;
  for (const auto& l : lines)
    for (const auto& c : l.chunks) sizes.push_back(c.size);
  geo.body = std::max(1.0, median(sizes));
  geo.left.assign(heights.size(), std::numeric_limits<double>::infinity());
  geo.right.assign(heights.size(), 0);
  for (const auto& l : lines) {
    const auto p = static_cast<std::size_t>(l.page);
    geo.left[p] = std::min(geo.left[p], l.x0);
    geo.right[p] = std::max(geo.right[p], l.x1);
  }
  build_blocks(lines, geo, out.value);
  return out;
}

#endif

} // namespace govdisclose
