// Wrapped labels: a row label broken over several lines at any character, with the row's
// numbers on any of them (the first, the last, a middle line, or a line of their own between
// the pieces). Readers of laid-out text (pdftotext -layout, PDF) give each visual line as a row;
// here the pieces are joined into the template's labels by the catalog, the one place that knows
// them (docs/extraction.md, "Wrapped labels").
#include "extract/extract_detail.hpp"

#include <algorithm>

namespace govdisclose::detail {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

/// The tolerances of the rule, named.
struct wrap_settings {
  /// The most lines (label pieces and number lines) one label may take: the longest label
  /// (（六）2., 36 characters) one character a line, its numbers, and group label pieces beside.
  static constexpr std::size_t max_tokens = 48;
  /// Cost of leaving a piece out of every label (a piece of a group label on a line of its own).
  static constexpr unsigned skip_piece = 1;
  /// Cost of leaving a line of numbers without a label: worse than any number of stray pieces
  /// a label of max_tokens could hold.
  static constexpr unsigned skip_numbers = 64;
  /// Cost of parting a line's label piece from the numbers beside it: what stands on one line
  /// belongs together unless the labels say otherwise.
  static constexpr unsigned split_line = 1;
  /// Cost of numbers above every piece of their label: a row's numbers stand beside or below
  /// its first line (top or middle aligned), so a line of numbers under a complete label is
  /// that label's unless the labels say otherwise.
  static constexpr unsigned numbers_first = 1;
};

// A line holding nothing but a marker that is a word rather than a sign (无, unlike / or —): a
// character of labels too — 无 alone is the piece of （四）无法提供 or 4.无正当理由… standing one
// character a line, not a row of data.
bool is_lone_word(const doc_row& r) {
  std::size_t filled = 0, at = 0;
  for (std::size_t i = 0; i < r.cells.size(); ++i)
    if (r.states[i] != cell_state::blank) {
      ++filled;
      at = i;
    }
  if (filled != 1 || r.states[at] != cell_state::marker) return false;
  const std::string_view t = trim(r.cells[at].text);
  std::size_t pos = 0;
  const char32_t first = t.empty() ? 0 : next_code_point(t, pos);
  return first >= 0x4E00 && first <= 0x9FFF; // a CJK ideograph
}

bool has_numbers(const doc_row& r) {
  return !is_lone_word(r) && std::any_of(r.states.begin(), r.states.end(), [](cell_state s) {
    return s == cell_state::number || s == cell_state::marker;
  });
}

// Do two rows of numbers fill a cell at the same grid position (or are they no grid's rows)?
bool overlap(const doc_row& a, const doc_row& b) {
  auto value = [](cell_state st) { return st != cell_state::blank && st != cell_state::text; };
  // Counted from the right: a grid's rows end at its last column.
  for (std::size_t j = 0; j < std::min(a.cells.size(), b.cells.size()); ++j)
    if (value(a.states[a.cells.size() - 1 - j]) && value(b.states[b.cells.size() - 1 - j]))
      return true;
  return false;
}

// The row's own label: its rightmost text cell (group labels stand left of it); none when the
// row has no text, or when that cell is a covered position (a merged cell of a true grid).
std::size_t own_label(const doc_row& r) {
  for (std::size_t i = r.cells.size(); i-- > 0;)
    if (r.states[i] == cell_state::text || (r.states[i] == cell_state::marker && is_lone_word(r)))
      return r.cells[i].covered ? none : i;
  return none;
}

// Header rows, item rows and rows of a true grid's merged cells bound the runs of rows whose
// labels may have wrapped.
bool is_barrier(const doc_row& r, const label_index& idx) {
  if (std::any_of(r.cells.begin(), r.cells.end(), [](const table_cell& c) { return c.covered; }))
    return true;
  if (has_numbers(r)) return false;
  // A header names two columns or more (one word alone, 总计 or 其他, may be a label's piece:
  // （七） / 总计), or is an item or header word (第二十条第（一）项, 申请人情况).
  std::size_t columns = 0;
  bool heading = false;
  for (const auto& k : r.keys) {
    if (k.empty()) continue;
    if (idx.match_row(k, {}, false)) return false;
    if (idx.match_column(k) || idx.is_column_group(k)) ++columns;
    heading = heading || idx.is_item(k) || idx.is_header_word(k);
  }
  return heading || columns >= 2;
}

// Is the text part of a group label or of the header's corner (三、本年度办理结果 standing one or
// two characters a line in its merged cell, beside the rows it groups)?
bool is_fragment(std::string_view text, const label_index& idx) {
  auto part_of = [](const std::vector<std::string>& forms, const std::string& f) {
    return std::any_of(forms.begin(), forms.end(),
                       [&](const std::string& form) { return form.find(f) != std::string::npos; });
  };
  const std::string f = whole_form(text);
  if (f.empty()) return false;
  if (part_of(idx.group_forms, f)) return true;
  // Column labels stacked a few characters a line, several columns on one line with single
  // spaces between them (商业 科研 / 企业 机构 under 法人或其他组织): every word a part of one.
  bool any = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t space = std::min(text.find(' ', pos), text.size());
    const std::string w = whole_form(text.substr(pos, space - pos));
    pos = space + 1;
    if (w.empty()) continue;
    if (!part_of(idx.column_forms, w)) return false;
    any = true;
  }
  return any;
}

// Is the text a label of the table: a row, a group, or (without numbers) the header's corner?
bool is_label(std::string_view text, bool numbers, const label_index& idx) {
  if (text.empty()) return false;
  const label_key k = make_key(text);
  const row_match m = idx.match_row(k, {}, false);
  if (!m.row && !m.group.empty())
    // A group label with numbers is a collapsed group ((六)其他处理 as one row); a label over
    // groups (三、本年度办理结果) has no numbers of its own.
    return !numbers || !idx.group_code(m.group).empty();
  return m.row || m.ambiguous || (!numbers && idx.is_header_word(k));
}

struct token {
  std::size_t row = 0;
  bool numbers = false; // the row's numbers; else the row's own label piece
};

// A label growing token by token. A piece joins the text while the text still begins a label;
// a piece of a group label that does not fit is set aside (it stands beside the label in its
// own merged cell); anything else ends the label. Replayed by merge(), so both agree.
struct label_builder {
  const std::vector<doc_row>& rows;
  const label_index& idx;
  std::string text;
  std::size_t numbers = 0;
  bool last_aside = false;
  std::vector<bool> filled; // the grid positions the label's lines of numbers fill

  std::size_t first_cell = none; // the row's first cell the last piece was made of

  enum class step { joined, aside, stop };
  step add(const token& t) {
    last_aside = false;
    if (t.numbers) return add_numbers(rows[t.row]) ? step::joined : step::stop;
    const doc_row& r = rows[t.row];
    const std::size_t own = own_label(r);
    // A line's piece may stand in two cells where a space fell inside a word and a reader
    // parted them (只计这一情 | 形，不): the text cells next to each other, joined, when they
    // continue the label; else the rightmost one (group labels stand left of it).
    std::size_t from = own;
    while (from > 0 && r.states[from - 1] == cell_state::text) --from;
    for (std::size_t k = from; k <= own; ++k) {
      std::string piece;
      for (std::size_t i = k; i <= own; ++i) piece += r.cells[i].text;
      if (idx.starts_label(text + piece)) {
        text += piece;
        first_cell = k;
        return step::joined;
      }
    }
    first_cell = own;
    // Set aside only when all the line's text is a group label's piece.
    std::string piece;
    for (std::size_t i = from; i <= own; ++i) piece += r.cells[i].text;
    if (!text.empty() && is_fragment(piece, idx)) {
      last_aside = true;
      return step::aside;
    }
    return step::stop;
  }
  // A label ends on a piece or its numbers, never on a piece set aside.
  bool complete() const { return !last_aside && is_label(text, numbers != 0, idx); }

  // A second line of numbers joins only where the grid says it fills other cells of the same
  // row (a cell's number set higher than its neighbours': 442 above 行政许可 396 · 278).
  // Positions count from the right: rows of one grid end at its last column, whatever label
  // cells they have on the left.
  bool add_numbers(const doc_row& r) {
    const std::size_t own = own_label(r);
    const std::size_t n = r.cells.size();
    if (filled.size() < n) filled.resize(n, false);
    for (std::size_t i = own == none ? 0 : own + 1; i < n; ++i) {
      if (r.states[i] == cell_state::blank) continue;
      if (filled[n - 1 - i]) return false;
      filled[n - 1 - i] = true;
    }
    ++numbers;
    return true;
  }
};

// One row made of a label's rows: the group label cells (and pieces set aside), the joined
// label, then the data cells of its numbers' row (or the first row's blank cells).
doc_row merge(const std::vector<doc_row>& rows, const std::vector<token>& ts, std::size_t from,
              std::size_t to, const label_index& idx) {
  label_builder b{rows, idx, {}, 0, false, {}, none};
  std::vector<table_cell> cells;
  table_cell label;
  std::vector<const doc_row*> numbers;
  for (std::size_t t = from; t < to; ++t) {
    const doc_row& r = rows[ts[t].row];
    if (ts[t].numbers) {
      numbers.push_back(&r);
      b.add(ts[t]);
      continue;
    }
    const std::size_t own = own_label(r);
    const bool aside = b.add(ts[t]) == label_builder::step::aside;
    const std::size_t first = aside ? own : b.first_cell;
    for (std::size_t i = 0; i < first; ++i)
      if (r.states[i] == cell_state::text) cells.push_back(r.cells[i]);
    if (aside) {
      cells.push_back(r.cells[own]);
    } else {
      if (label.text.empty()) label.span = r.cells[first].span;
      for (std::size_t i = first; i <= own; ++i) label.text += r.cells[i].text;
    }
  }
  cells.push_back(std::move(label));
  const doc_row& data = numbers.empty() ? rows[ts[from].row] : *numbers.front();
  const std::size_t own = own_label(data);
  // A line of numbers alone keeps its grid: the label takes the place of its blank label cells.
  std::size_t start = own == none ? 0 : own + 1;
  if (own == none)
    while (start < cells.size() && start < data.cells.size() &&
           data.states[start] == cell_state::blank)
      ++start;
  for (std::size_t i = start; i < data.cells.size(); ++i) {
    table_cell c = data.cells[i];
    // The grid position filled by another line of the label's numbers (from the right).
    const std::size_t from_right = data.cells.size() - 1 - i;
    for (std::size_t k = 1; k < numbers.size(); ++k) {
      const doc_row& other = *numbers[k];
      if (from_right < other.cells.size()) {
        const std::size_t at = other.cells.size() - 1 - from_right;
        if (other.states[at] != cell_state::blank && other.states[at] != cell_state::text)
          c = other.cells[at];
      }
    }
    cells.push_back(std::move(c));
  }
  const doc_row& first = rows[ts[from].row];
  return doc_row{std::move(cells), first.block, first.table_row, first.from_paragraph};
}

struct best_path {
  unsigned cost = static_cast<unsigned>(-1);
  double ways = 0;       // optimal segmentations of the prefix (only whether it is 1 matters)
  std::size_t from = 0;  // where the last part starts
  bool joined = false;   // the last part is a label (else one token left out)
};

// Join the wrapped labels of one run of rows (into `out`). Every way of cutting the run's
// tokens into labels and left-out tokens is weighed; the cheapest is taken when it is the only
// cheapest one, and the run stays as it is otherwise: a guess would put numbers on a wrong row.
void join_run(const std::vector<doc_row>& rows, const label_index& idx, std::vector<doc_row>& out) {
  std::vector<token> ts;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    // Only rows of tables: a paragraph is a line the reader saw outside any table (a number
    // alone in raw-order text is one cell, not a row's numbers).
    if (rows[r].from_paragraph) continue;
    if (own_label(rows[r]) != none) ts.push_back({r, false});
    if (has_numbers(rows[r])) ts.push_back({r, true});
  }
  const std::size_t n = ts.size();
  std::vector<best_path> best(n + 1);
  best[0] = {0, 1, 0, false};
  auto offer = [&](std::size_t to, unsigned cost, double ways, std::size_t from, bool joined) {
    best_path& b = best[to];
    if (cost < b.cost) b = {cost, ways, from, joined};
    else if (cost == b.cost) b.ways += ways;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (best[i].ways == 0) continue;
    const unsigned cost =
        best[i].cost + (i > 0 && ts[i - 1].row == ts[i].row ? wrap_settings::split_line : 0);
    offer(i + 1, cost + (ts[i].numbers ? wrap_settings::skip_numbers : wrap_settings::skip_piece),
          best[i].ways, i, false);
    label_builder b{rows, idx, {}, 0, false, {}, none};
    for (std::size_t j = i; j < n && j - i < wrap_settings::max_tokens; ++j) {
      if (b.add(ts[j]) == label_builder::step::stop) break;
      if (b.complete())
        offer(j + 1, cost + (ts[i].numbers ? wrap_settings::numbers_first : 0), best[i].ways, i,
              true);
    }
  }
  if (best[n].ways != 1) {
    out.insert(out.end(), rows.begin(), rows.end());
    return;
  }
  std::vector<std::pair<std::size_t, std::size_t>> labels; // token ranges joined into a label
  for (std::size_t at = n; at > 0; at = best[at].from)
    if (best[at].joined) labels.emplace_back(best[at].from, at);
  std::reverse(labels.begin(), labels.end());
  std::vector<std::size_t> label_of(rows.size(), none);
  for (std::size_t l = 0; l < labels.size(); ++l)
    for (std::size_t t = labels[l].first; t < labels[l].second; ++t) label_of[ts[t].row] = l;
  // Rows in order: a label's rows become one row where its first row stood.
  std::size_t done = none;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::size_t l = label_of[r];
    if (l == none) {
      // A piece of a group label on a line of its own belongs to no row: dropped.
      const std::size_t own = own_label(rows[r]);
      if (has_numbers(rows[r]) || own == none || !is_fragment(rows[r].cells[own].text, idx))
        out.push_back(rows[r]);
    } else if (l != done) {
      const auto [from, to] = labels[l];
      out.push_back(merge(rows, ts, from, to, idx));
      done = l;
    }
  }
}

} // namespace

std::vector<bool> header_block(const std::vector<doc_row>& rows) {
  auto all_header = [](const doc_row& r) {
    const auto& cs = r.cells;
    return !r.from_paragraph &&
           std::any_of(cs.begin(), cs.end(), [](const table_cell& c) { return !c.text.empty(); }) &&
           std::all_of(cs.begin(), cs.end(),
                       [](const table_cell& c) { return c.header || c.text.empty(); });
  };
  std::vector<bool> out(rows.size(), false);
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t end = i;
    while (end < rows.size() && all_header(rows[end]) &&
           (end == i || rows[end].block == rows[i].block))
      ++end;
    const bool first = i == 0 || rows[i - 1].block != rows[i].block;
    if (end - i >= 2 || (end > i && first)) std::fill(out.begin() + i, out.begin() + end, true);
    i = std::max(end, i + 1);
  }
  return out;
}

std::vector<doc_row> join_wrapped_labels(const std::vector<doc_row>& rows, const label_index& idx) {
  std::vector<doc_row> out;
  out.reserve(rows.size());
  std::vector<std::vector<std::string>> headers; // the barrier rows met, by their texts
  std::vector<doc_row> run, repeated;             // the current run; headers repeated inside it
  auto texts = [](const doc_row& r) {
    std::vector<std::string> t;
    for (const auto& c : r.cells) t.push_back(c.text);
    return t;
  };
  auto flush = [&] {
    join_run(run, idx, out);
    // A header repeated at the top of a page names the same columns: after the run is as good.
    for (auto& h : repeated) out.push_back(std::move(h));
    run.clear();
    repeated.clear();
  };
  const std::vector<bool> heads = header_block(rows);
  for (std::size_t n = 0; n < rows.size(); ++n) {
    const doc_row& r = rows[n];
    if (heads[n] || is_barrier(r, idx)) {
      auto t = texts(r);
      if (!run.empty() && std::find(headers.begin(), headers.end(), t) != headers.end()) {
        repeated.push_back(r); // a header repeated at a page top: the run goes on past it
        continue;
      }
      flush();
      out.push_back(r);
      headers.push_back(std::move(t));
      continue;
    }
    // A run ends between two rows that both hold numbers in the same cells: no label holds
    // two numbers in one cell.
    if (!run.empty() && has_numbers(r) && has_numbers(run.back()) && overlap(r, run.back()))
      flush();
    run.push_back(r);
  }
  flush();
  return out;
}

} // namespace govdisclose::detail
