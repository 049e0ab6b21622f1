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

struct row_build {
  const line* data = nullptr;     // the line with the numbers
  std::vector<table_cell> labels; // the line's label pieces, left to right
  bool header = false;
  std::vector<table_cell> cells;  // for header rows: built directly
};

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

// One table from its lines (in reading order, across pages).
//
// The lines are header lines (text over the data columns, and label text among them), data
// lines (numbers) and label lines (pieces of wrapped labels). Each run of header lines starts a
// segment with its own columns (section 二 stacks small tables with different columns).
} // namespace

table_grid pdf_table(const std::vector<const line*>& lines) {
  std::vector<const line*> data;
  for (const line* l : lines)
    if (l->numeric) data.push_back(l);
  // The label area ends at the right edge of the text left of the first numbers (row labels and
  // the pieces of wrapped ones, which may be wider than any one-line label): a column blank in
  // every row of a small table still lies right of it.
  const double label_end = [&] {
    const auto cols = data_columns(data);
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
  };
  std::vector<segment> segs(1);
  std::deque<line> joined_lines; // header lines with letter-spaced runs joined
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
    sg.headers = join_letter_spaced(sg.headers, rows, joined_lines);
    sg.cols = columns_for(rows, sg.headers, label_end);
  }

  // Rows: every line of the body is a row of its own, in reading order: a number line with its
  // label pieces and numbers, a line of label pieces with blank data cells. Which pieces make
  // one label, and which numbers belong to it, is the extractor's to decide from the template's
  // labels (docs/formats.md: a label may break at any character, its numbers on any of its
  // lines); geometry cannot, since where a label breaks depends on the font.
  std::vector<row_build> rows;
  std::vector<std::size_t> row_segment;
  for (std::size_t k = 0; k < segs.size(); ++k) {
    const segment& sg = segs[k];
    if (!sg.headers.empty())
      for (auto& r : header_rows(sg.headers, sg.cols, label_end)) {
        rows.push_back(std::move(r));
        row_segment.push_back(k);
      }
    for (const line* l : sg.body) {
      row_build r;
      if (l->numeric) r.data = l;
      for (const auto& c : l->chunks) // a line's chunks are left to right, apart
        if (!l->numeric || (!is_data(c.text) && !in_data_area(c))) {
          table_cell t;
          t.text = fold_space(c.text);
          t.span = l->span();
          r.labels.push_back(std::move(t));
        }
      if (!r.data && r.labels.empty()) continue;
      rows.push_back(std::move(r));
      row_segment.push_back(k);
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
    std::vector<table_cell> cells = std::move(r.labels);
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

} // namespace govdisclose::detail
