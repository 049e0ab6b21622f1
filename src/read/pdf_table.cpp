// The table rules of the PDF reader (docs/formats.md#formats_pdf): data columns from the
// numbers' positions, header levels, rows from the lines that hold numbers, wrapped labels
// joined to the row above or below.
#include "read/pdf_layout.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace govdisclose::detail {
namespace {

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

bool over(const chunk& c, const column& k) { return overlap(c.x0, c.x1, k.x0, k.x1) > 0; }

// Does a row hold a number in both columns? (Two numbers on one line are two cells.)
bool filled_together(const std::vector<const line*>& rows, const column& a, const column& b) {
  return std::any_of(rows.begin(), rows.end(), [&](const line* l) {
    auto in = [&](const column& k) {
      return std::any_of(l->chunks.begin(), l->chunks.end(),
                         [&](const chunk& c) { return is_data(c.text) && over(c, k); });
    };
    return in(a) && in(b);
  });
}

// The lowest header text over a column (none: nullptr).
const chunk* lowest_header(const std::vector<const line*>& headers, const column& k) {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it)
    for (const auto& c : (*it)->chunks)
      if (over(c, k)) return &c;
  return nullptr;
}

// An extent within a header piece's, give or take the slack of a wrapped piece.
bool within(double x0, double x1, const chunk& outer) {
  const double slack = table_settings::stacked_piece_slack * outer.size;
  return x0 >= outer.x0 - slack && x1 <= outer.x1 + slack;
}

// Numbers set at varying offsets in their cells (a printed web page pads cells unevenly) give
// extents that do not overlap. Neighbouring extents are one column when no row fills both and
// they lie under one header cell: the lowest header text over the first lies over the second
// too, holds the numbers of both, and the second's lowest header text lies within it (the same
// text, or the wrapped line below it: 商业企 / 业). Spanning header text (申请人情况) has
// column labels of its own under it, and columns that one row fills are never one.
void merge_offset_columns(std::vector<column>& cols, const std::vector<const line*>& rows,
                          const std::vector<const line*>& headers) {
  for (std::size_t i = 0; i + 1 < cols.size();) {
    const chunk* cell = lowest_header(headers, cols[i]);
    const chunk* next = lowest_header(headers, cols[i + 1]);
    const bool one = cell && next && over(*cell, cols[i + 1]) &&
                     within(next->x0, next->x1, *cell) &&
                     within(cols[i].x0, cols[i + 1].x1, *cell) &&
                     !filled_together(rows, cols[i], cols[i + 1]);
    if (!one) {
      ++i;
      continue;
    }
    cols[i].x1 = std::max(cols[i].x1, cols[i + 1].x1);
    cols.erase(cols.begin() + static_cast<std::ptrdiff_t>(i + 1));
  }
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

using row = std::vector<table_cell>;

// ---- header rows ----------------------------------------------------------------------------

// Header text over one data column, on line `l`.
struct column_piece {
  std::string text;
  const line* l;
  double size;
};

// Header text over several data columns (or a level above a column's label), at `mid`.
struct spanning {
  std::string text;
  std::size_t first, last; // the columns it spans
  double mid, size;
  source_span span;
};

// A segment's header text sorted by where it lies.
struct header_text {
  std::string corner; // the label-area text, and text over no column, joined
  source_span corner_span{};
  std::vector<std::vector<column_piece>> single; // text over one column each, top to bottom
  std::vector<spanning> spans;
};

// Text over column `k` that is that column's own: it starts at most a character left of the
// column, is about as wide as the room the column has at most, and is centred on it (a
// table-wide caption is centred on the table).
bool own_text(const chunk& c, const std::vector<column>& cols, std::size_t k) {
  const column& col = cols[k];
  return c.x0 >= col.x0 - c.size && c.x1 - c.x0 <= 1.25 * pitch(cols, k) &&
         std::fabs((c.x0 + c.x1) / 2 - (col.x0 + col.x1) / 2) <=
             std::max(c.size, 0.35 * (col.x1 - col.x0));
}

// The label-area text joined as the corner; text over one data column as that column's pieces;
// text over several columns as spanning text.
header_text sort_header_text(const std::vector<const line*>& lines, const std::vector<column>& cols,
                             double label_end) {
  header_text h;
  h.single.resize(cols.size());
  for (const line* l : lines)
    for (const auto& c : l->chunks) {
      const auto over = columns_of(c, cols);
      if (over.empty() && c.x1 <= label_end + 1.0) {
        h.corner = join_text(h.corner, c.text, false);
        if (!h.corner_span.known()) h.corner_span = l->span();
      } else if (over.size() == 1 && own_text(c, cols, over[0])) {
        h.single[over[0]].push_back({c.text, l, c.size});
      } else if (!over.empty()) {
        h.spans.push_back({c.text, over.front(), over.back(), l->mid, c.size, l->span()});
      } else {
        // Text right of the last data column, or between columns: a column of its own.
        h.corner = join_text(h.corner, c.text, false);
      }
    }
  return h;
}

// Where a column's label starts among the pieces over it: the lowest run of them, lines no
// further apart than a wrapped label's (a narrow group label above it, 行政复议, is a level of
// its own).
std::size_t label_start(const std::vector<column_piece>& ps) {
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
  return from;
}

// Each column's label (its text and where it starts; none: blank), its pieces joined top to
// bottom. The pieces above a label are levels of their own: they go to the spanning text.
std::vector<table_cell> column_labels(header_text& h) {
  std::vector<table_cell> labels(h.single.size());
  for (std::size_t k = 0; k < h.single.size(); ++k) {
    const auto& ps = h.single[k];
    const std::size_t from = label_start(ps);
    for (std::size_t j = 0; j < ps.size(); ++j) {
      if (j < from) {
        h.spans.push_back({ps[j].text, k, k, ps[j].l->mid, ps[j].size, ps[j].l->span()});
        continue;
      }
      labels[k].text = join_text(labels[k].text, ps[j].text, false);
      if (!labels[k].span.known()) labels[k].span = ps[j].l->span();
    }
  }
  return labels;
}

// One header row per vertical level of spanning text, top to bottom, each text stated over the
// first column it spans and covering the others.
std::vector<row> spanning_rows(std::vector<spanning> spans, std::size_t columns) {
  std::vector<row> out;
  std::stable_sort(spans.begin(), spans.end(),
                   [](const spanning& a, const spanning& b) { return a.mid < b.mid; });
  std::size_t i = 0;
  while (i < spans.size()) {
    row r(columns + 1);
    r[0].header = true;
    const double level = spans[i].mid;
    for (; i < spans.size() && std::fabs(spans[i].mid - level) <= 0.6 * spans[i].size; ++i) {
      const auto& s = spans[i];
      for (std::size_t k = s.first; k <= s.last; ++k) {
        table_cell& t = r[k + 1];
        t.text = s.text;
        t.span = s.span;
        t.header = true;
        t.covered = k != s.first;
        if (k == s.first) t.col_span = static_cast<std::uint16_t>(s.last - s.first + 1);
      }
    }
    for (auto& c : r) // empty positions are where the level's text is
      if (!c.span.known()) c.span = spans[i - 1].span;
    out.push_back(std::move(r));
  }
  return out;
}

// The lowest header row: the corner and the column labels; an empty position is where the
// header starts (`first_line`).
row label_row(const header_text& h, std::vector<table_cell> labels, source_span first_line) {
  row r(labels.size() + 1);
  r[0].text = h.corner;
  r[0].span = h.corner_span;
  std::move(labels.begin(), labels.end(), r.begin() + 1);
  for (auto& c : r) {
    c.header = true;
    if (!c.span.known()) c.span = first_line;
  }
  return r;
}

// Header rows from header lines: the label-area text joined as the corner; text over one data
// column joined top to bottom as that column's label; text over several columns as spanning
// cells, one header row per vertical level.
std::vector<row> header_rows(const std::vector<const line*>& lines, const std::vector<column>& cols,
                             double label_end) {
  header_text h = sort_header_text(lines, cols, label_end);
  std::vector<table_cell> labels = column_labels(h); // (the levels above them join h.spans)
  std::vector<row> out = spanning_rows(std::move(h.spans), cols.size());
  const source_span first_line = lines.empty() ? source_span{} : lines.front()->span();
  row bottom = label_row(h, std::move(labels), first_line);
  if (!h.corner.empty() && !out.empty()) {
    // The corner spans the header rows: state it in the first, cover it below.
    out.front()[0] = bottom[0];
    for (std::size_t k = 1; k < out.size(); ++k) {
      out[k][0] = bottom[0];
      out[k][0].covered = true;
    }
    bottom[0].covered = true;
  }
  out.push_back(std::move(bottom));
  return out;
}

// A header chunk with another of the same extent on another header line: a character of
// vertical text (结 / 果 / 维 / 持), one column each.
bool stacked(const chunk& c, const line& own, const std::vector<const line*>& headers) {
  const double slack = table_settings::stacked_piece_slack * c.size;
  return std::any_of(headers.begin(), headers.end(), [&](const line* l) {
    return l != &own && std::any_of(l->chunks.begin(), l->chunks.end(), [&](const chunk& o) {
             return std::fabs(o.x0 - c.x0) <= slack && std::fabs(o.x1 - c.x1) <= slack;
           });
  });
}

// A letter-spaced run is one cell's line (justified text spread over the cell) when it lies over
// the numbers of exactly one column and none of its characters is vertical text.
bool one_cell_line(const line& l, std::size_t from, std::size_t to,
                   const std::vector<column>& numbers, const std::vector<const line*>& headers) {
  std::vector<std::size_t> under;
  for (std::size_t k = from; k <= to; ++k) {
    if (stacked(l.chunks[k], l, headers)) return false;
    for (std::size_t i = 0; i < numbers.size(); ++i)
      if (over(l.chunks[k], numbers[i]) && std::find(under.begin(), under.end(), i) == under.end())
        under.push_back(i);
  }
  return under.size() == 1;
}

// The header lines with each letter-spaced run that is one cell's line joined into one chunk
// (本　　年　　新 over one column is 本年新, not two columns blank in every row). Changed lines
// are kept in `owned`.
std::vector<const line*> join_letter_spaced(const std::vector<const line*>& headers,
                                            const std::vector<const line*>& rows,
                                            std::deque<line>& owned) {
  const std::vector<column> numbers = data_columns(rows);
  std::vector<const line*> out;
  for (const line* l : headers) {
    line copy = *l;
    copy.chunks.clear();
    std::size_t next = 0;
    for (const auto& [from, to] : letter_spaced_runs(l->chunks)) {
      if (!one_cell_line(*l, from, to, numbers, headers)) continue;
      copy.chunks.insert(copy.chunks.end(), l->chunks.begin() + static_cast<std::ptrdiff_t>(next),
                         l->chunks.begin() + static_cast<std::ptrdiff_t>(from));
      chunk joined = l->chunks[from];
      for (std::size_t k = from + 1; k <= to; ++k) joined.text += l->chunks[k].text;
      joined.x1 = l->chunks[to].x1;
      joined.space_after = l->chunks[to].space_after;
      copy.chunks.push_back(std::move(joined));
      next = to + 1;
    }
    if (next == 0) {
      out.push_back(l);
      continue;
    }
    copy.chunks.insert(copy.chunks.end(), l->chunks.begin() + static_cast<std::ptrdiff_t>(next),
                       l->chunks.end());
    owned.push_back(std::move(copy));
    out.push_back(&owned.back());
  }
  return out;
}

// Data columns of some rows, plus a column for header text over no number (a column blank in
// every row), left to right.
std::vector<column> columns_for(const std::vector<const line*>& rows,
                                const std::vector<const line*>& headers, double label_end) {
  std::vector<column> cols = data_columns(rows);
  merge_offset_columns(cols, rows, headers);
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

// ---- the stages of pdf_table(), in order ---------------------------------------------------

// The lines that hold numbers (a number or a marker among chunks, or one number alone).
std::vector<const line*> number_lines(const std::vector<const line*>& lines) {
  std::vector<const line*> out;
  for (const line* l : lines)
    if (l->numeric) out.push_back(l);
  return out;
}

// The label area ends at the right edge of the text left of the first numbers (row labels and
// the pieces of wrapped ones, which may be wider than any one-line label): a column blank in
// every row of a small table still lies right of it.
double label_area_end(const std::vector<const line*>& lines, const std::vector<const line*>& rows) {
  const auto cols = data_columns(rows);
  if (cols.empty()) return 0.0;
  // Text ending left of every number on the rows, on lines starting a label, and on any line
  // below the first row (the pieces of wrapped labels); not header text above the rows.
  double end = 0;
  bool below = false;
  for (const line* l : lines) {
    below = below || l->numeric;
    for (const auto& c : l->chunks)
      if (!is_data(c.text) && c.x1 <= cols.front().x0 + 1.0 &&
          (below || starts_with_marker(c.text)))
        end = std::max(end, c.x1);
  }
  if (end > 0) return end;
  // No row labels at all (section 四's one row): everything is data area.
  double left = std::numeric_limits<double>::infinity();
  for (const line* l : lines) left = std::min(left, l->x0);
  return left - 2.0;
}

// The lines of a table that hold numbers, and the label area left of the data area.
struct data_area {
  std::vector<const line*> rows; // number_lines()
  double label_end = 0;          // label_area_end()

  // Text right of the label area (there is none in a table without numbers).
  bool holds(const chunk& c) const { return c.x1 > label_end + 1.0 && !rows.empty(); }
  bool reaches(const line& l) const {
    return std::any_of(l.chunks.begin(), l.chunks.end(),
                       [this](const chunk& c) { return holds(c); });
  }
};

data_area find_data_area(const std::vector<const line*>& lines) {
  data_area area;
  area.rows = number_lines(lines);
  area.label_end = label_area_end(lines, area.rows);
  return area;
}

// The label-area text of a table: what is neither a number nor over the data area.
std::vector<const chunk*> label_pieces(const std::vector<const line*>& lines,
                                       const data_area& area) {
  std::vector<const chunk*> out;
  for (const line* l : lines)
    for (const auto& c : l->chunks)
      if (!is_data(c.text) && !area.holds(c)) out.push_back(&c);
  return out;
}

// Full: about as wide as the widest label-area text aligned with it (same middle or same left
// edge); only a full line can have wrapped onto the next.
bool is_full(const chunk& p, const std::vector<const chunk*>& labels) {
  const double centre = (p.x0 + p.x1) / 2;
  double widest = p.x1 - p.x0;
  for (const chunk* c : labels)
    if (std::fabs((c->x0 + c->x1) / 2 - centre) <= 0.5 * p.size ||
        std::fabs(c->x0 - p.x0) <= 0.5 * p.size)
      widest = std::max(widest, c->x1 - c->x0);
  return p.x1 - p.x0 >= widest - 1.5 * p.size;
}

// A header line whose corner piece is not full ends the corner (信息内容 beside its column
// labels): it has label-area text, none of it full.
bool ends_corner(const line& l, const data_area& area, const std::vector<const chunk*>& labels) {
  const bool has_label =
      std::any_of(l.chunks.begin(), l.chunks.end(), [&](const chunk& c) { return !area.holds(c); });
  return has_label && std::none_of(l.chunks.begin(), l.chunks.end(), [&](const chunk& c) {
           return !area.holds(c) && is_full(c, labels);
         });
}

// A line with text over the data area comes after line `i` before the next row.
bool header_follows(const std::vector<const line*>& lines, std::size_t i, const data_area& area) {
  for (std::size_t k = i + 1; k < lines.size() && !lines[k]->numeric; ++k)
    if (area.reaches(*lines[k])) return true;
  return false;
}

// Which lines are header lines: those with text over the data area. Label text on the lines
// between header lines is the header's corner, unless it starts a label, or no header line
// follows before the next row (the tail of a row a page break split), or the corner was already
// met on the header's last line (信息内容 beside 本年处理决定数量): then it is a row of the table
// above whose data cells are all blank.
std::vector<bool> header_lines(const std::vector<const line*>& lines, const data_area& area) {
  const std::vector<const chunk*> labels = label_pieces(lines, area);
  std::vector<bool> header(lines.size(), false);
  bool corner_done = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const line& l = *lines[i];
    if (l.numeric) {
      corner_done = false;
      continue;
    }
    if (area.reaches(l)) {
      header[i] = true;
      corner_done = ends_corner(l, area, labels);
      continue;
    }
    const bool in_header = i > 0 && header[i - 1];
    const bool marked = std::any_of(l.chunks.begin(), l.chunks.end(),
                                    [](const chunk& c) { return starts_with_marker(c.text); });
    header[i] = in_header && !marked && !corner_done && header_follows(lines, i, area);
  }
  return header;
}

// A part of a table with columns of its own: a run of header lines, the lines up to the next
// run, and the columns found from them.
struct table_segment {
  std::vector<const line*> headers, body;
  std::vector<column> cols;
};

// Each run of header lines starts a segment (section 二 stacks small tables with different
// columns).
std::vector<table_segment> split_segments(const std::vector<const line*>& lines,
                                          const std::vector<bool>& header) {
  std::vector<table_segment> segs(1);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool started = !(segs.back().headers.empty() && segs.back().body.empty());
    if (header[i] && (i == 0 || !header[i - 1]) && started) segs.emplace_back();
    (header[i] ? segs.back().headers : segs.back().body).push_back(lines[i]);
  }
  return segs;
}

// A segment's columns, from the numbers of its rows and its header text (letter-spaced runs
// joined first: the changed header lines are kept in `owned`).
void find_columns(table_segment& seg, double label_end, std::deque<line>& owned) {
  const std::vector<const line*> rows = number_lines(seg.body);
  seg.headers = join_letter_spaced(seg.headers, rows, owned);
  seg.cols = columns_for(rows, seg.headers, label_end);
}

// A row's label cells: every piece of a line without numbers, or a number line's text left of
// the data area, left to right.
row label_cells(const line& l, const data_area& area) {
  row out;
  for (const auto& c : l.chunks) // a line's chunks are left to right, apart
    if (!l.numeric || (!is_data(c.text) && !area.holds(c))) {
      table_cell t;
      t.text = fold_space(c.text);
      t.span = l.span();
      out.push_back(std::move(t));
    }
  return out;
}

// A row's data cells, one per column: a number line's numbers (and data-area text) in the
// columns they lie over; blank where it has none, and on a line without numbers.
row value_cells(const line& l, const std::vector<column>& cols, const data_area& area) {
  row values(cols.size());
  if (l.numeric)
    for (const auto& c : l.chunks) {
      if (!is_data(c.text) && !area.holds(c)) continue;
      const auto over = columns_of(c, cols);
      if (over.empty()) continue;
      table_cell& t = values[over.front()];
      t.text = join_text(t.text, c.text, true);
    }
  for (auto& v : values) v.span = l.span();
  return values;
}

// Every line of a body is a row of its own, in reading order: a number line with its label
// pieces and numbers, a line of label pieces with blank data cells. Which pieces make one
// label, and which numbers belong to it, is the extractor's to decide from the template's
// labels (docs/formats.md: a label may break at any character, its numbers on any of its
// lines); geometry cannot, since where a label breaks depends on the font.
row body_row(const line& l, const std::vector<column>& cols, const data_area& area) {
  row cells = label_cells(l, area);
  if (cells.empty()) { // an unlabelled row keeps the label position
    cells.emplace_back();
    cells.back().span = l.span();
  }
  for (auto& v : value_cells(l, cols, area)) cells.push_back(std::move(v));
  return cells;
}

// A segment's rows: its header rows, then a row for each line of its body with anything on it.
void add_rows(const table_segment& seg, const data_area& area, table_grid& g) {
  if (!seg.headers.empty())
    for (auto& r : header_rows(seg.headers, seg.cols, area.label_end))
      g.rows.push_back(std::move(r));
  for (const line* l : seg.body)
    if (l->numeric || !l->chunks.empty()) g.rows.push_back(body_row(*l, seg.cols, area));
}

} // namespace

// One table from its lines (in reading order, across pages). The lines are header lines (text
// over the data columns, and label text among them), data lines (numbers) and label lines
// (pieces of wrapped labels). Each run of header lines starts a segment with its own columns.
table_grid pdf_table(const std::vector<const line*>& lines) {
  const data_area area = find_data_area(lines);
  std::vector<table_segment> segments = split_segments(lines, header_lines(lines, area));
  std::deque<line> joined_lines; // header lines with letter-spaced runs joined
  for (table_segment& seg : segments) find_columns(seg, area.label_end, joined_lines);
  table_grid g;
  for (const table_segment& seg : segments) add_rows(seg, area, g);
  if (!lines.empty()) g.span = lines.front()->span();
  return g;
}

} // namespace govdisclose::detail
