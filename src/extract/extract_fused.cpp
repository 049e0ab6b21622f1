// Fused text: tables whose cells a crawler concatenated with no separator (`713000074` is
// `71 | 3 | 0 | 0 | 0 | 0 | 74`). The template's row labels are found in order inside a long
// paragraph, the digits after each label are that row's cells, fused; the splits the digit count
// allows (fused_splits()) are narrowed by the template's sum rules (sum_rules(), solve()). A cell
// is filled only when one split remains; otherwise it stays absent with its candidates listed.
// See docs/extraction.md, "Fused text".
#include "extract/extract_detail.hpp"

#include <govdisclose/solve.hpp>
#include <govdisclose/text.hpp>
#include <govdisclose/validate.hpp>

#include <algorithm>
#include <map>
#include <optional>

namespace govdisclose::detail {
namespace {

// A paragraph as normalised code points (full-width forms as ASCII, every space ' ', curly
// quotes straight), with the column of each in the source.
struct cp_text {
  std::u32string cps;
  std::vector<std::uint32_t> columns;
  std::uint32_t line = 0;
};

char32_t fold(char32_t cp) {
  if (cp == U'\u201C' || cp == U'\u201D') return U'"';
  return fold_width(cp);
}

std::u32string label_cps(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = fold(next_code_point(s, pos));
    if (cp != U' ') out += cp;
  }
  return out;
}

cp_text make_text(const block& b) {
  cp_text t;
  t.line = b.span.line;
  std::uint32_t col = b.span.column;
  for (std::size_t pos = 0; pos < b.text.size();) {
    t.cps += fold(next_code_point(b.text, pos));
    t.columns.push_back(col++);
  }
  return t;
}

// The end of `label` matched at `i` (spaces in the text skipped), or npos.
std::size_t match_at(const std::u32string& t, std::size_t i, const std::u32string& label) {
  std::size_t j = i;
  for (std::size_t k = 0; k < label.size(); ++k) {
    while (k > 0 && j < t.size() && t[j] == U' ') ++j;
    if (j >= t.size() || t[j] != label[k]) return std::u32string::npos;
    ++j;
  }
  return j;
}

struct found_label {
  std::size_t begin = std::u32string::npos, end = 0;
  explicit operator bool() const { return begin != std::u32string::npos; }
};

// The first place in [from, to) where one of `labels` starts (the longest at that place).
found_label find_label(const std::u32string& t, std::size_t from, std::size_t to,
                       const std::vector<std::u32string>& labels) {
  to = std::min(to, t.size());
  for (std::size_t i = from; i < to; ++i) {
    if (t[i] == U' ') continue;
    found_label best;
    for (const auto& l : labels) {
      if (l.empty() || t[i] != l[0]) continue;
      const std::size_t e = match_at(t, i, l);
      if (e != std::u32string::npos && (!best || e > best.end)) best = {i, e};
    }
    if (best) return best;
  }
  return {};
}

// The model paths of a row's cells in the catalog's column order, local columns left out (the
// cells a fused run of published numbers stands for).
std::vector<std::string> row_paths(const table_def& table, const row_def& row) {
  std::vector<std::string> out;
  for (const column_def& c : row.columns)
    if (!c.local)
      out.push_back(std::string(table.code) + "." + std::string(row.code) + "." +
                    std::string(c.code));
  return out;
}

std::vector<std::u32string> labels_of(const row_def& r) {
  std::vector<std::u32string> out{label_cps(r.label)};
  for (auto v : r.variants) out.push_back(label_cps(v));
  return out;
}

// The data run at the start of [from, to): digits and spaces (and `-` `.` when asked), trimmed.
struct run {
  std::string text;                   // ASCII digits and spaces
  std::vector<std::uint32_t> columns; // column of each non-space character
  std::size_t begin = 0, end = 0;     // code point range in the paragraph
  std::size_t digits() const { return columns.size(); }
};

run data_run(const cp_text& t, std::size_t from, std::size_t to, bool signs_and_points) {
  run r;
  std::size_t i = from;
  while (i < to && t.cps[i] == U' ') ++i;
  r.begin = i;
  for (; i < to; ++i) {
    const char32_t c = t.cps[i];
    const bool data =
        is_ascii_digit(c) || c == U' ' || (signs_and_points && (c == U'-' || c == U'.'));
    if (!data) break;
    r.text += static_cast<char>(c);
    if (c != U' ') r.columns.push_back(t.columns[i]);
  }
  while (!r.text.empty() && r.text.back() == ' ') r.text.pop_back();
  r.end = i;
  return r;
}

// One table row found in the text: its catalog row, its run and where the row ends.
struct fused_row {
  const row_def* row = nullptr;
  run data;
  std::size_t label_begin = 0;
};

// The rows of the application matrix in template order, found one after the other.
std::vector<fused_row> find_applications(const cp_text& t, const template_def& tmpl,
                                         std::size_t& table_begin, std::size_t& table_end) {
  const table_def& table = *tmpl.table("applications");
  std::vector<const row_def*> rows;
  for (const row_def& r : table.rows)
    if (!r.local) rows.push_back(&r);
  std::vector<std::vector<std::u32string>> labels;
  for (const row_def* r : rows) labels.push_back(labels_of(*r));
  constexpr std::size_t window = 800; // code points between one row's label and the next
  std::vector<fused_row> out;
  // The first row: its label followed by digits.
  std::size_t pos = 0;
  found_label first;
  while (true) {
    first = find_label(t.cps, pos, t.cps.size(), labels[0]);
    if (!first) return out;
    std::size_t k = first.end;
    while (k < t.cps.size() && t.cps[k] == U' ') ++k;
    if (k < t.cps.size() && is_ascii_digit(t.cps[k])) break;
    pos = first.begin + 1;
  }
  table_begin = first.begin;
  std::vector<std::pair<std::size_t, found_label>> found{{0, first}};
  pos = first.end;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const found_label f = find_label(t.cps, pos, pos + window, labels[r]);
    if (!f) continue; // a row not published (or not found): the others still count
    found.emplace_back(r, f);
    pos = f.end;
  }
  table_end = pos;
  for (std::size_t k = 0; k < found.size(); ++k) {
    const auto& [r, f] = found[k];
    const bool last = k + 1 == found.size();
    const std::size_t to = last ? std::min(t.cps.size(), f.end + 200) : found[k + 1].second.begin;
    fused_row fr{rows[r], data_run(t, f.end, to, false), f.begin};
    if (fr.data.text.empty()) continue;
    // Digits further on before the next label: the region is not one run of cells; leave it.
    bool stray = false;
    if (!last)
      for (std::size_t i = fr.data.end; i < to && !stray; ++i)
        stray = is_ascii_digit(t.cps[i]);
    if (stray) continue;
    if (last) table_end = std::max(table_end, fr.data.end);
    out.push_back(std::move(fr));
  }
  return out;
}

// Section 四: a run of the review table's labels (blocks and columns), then its fused cells.
std::optional<fused_row> find_reviews(const cp_text& t, const template_def& tmpl,
                                      std::size_t from) {
  const table_def& table = *tmpl.table("reviews");
  std::vector<std::u32string> labels;
  for (const row_def& r : table.rows) {
    for (auto& l : labels_of(r)) labels.push_back(l);
    if (!r.group_label.empty()) labels.push_back(label_cps(r.group_label));
    for (const column_def& c : r.columns) {
      labels.push_back(label_cps(c.label));
      for (auto v : c.variants) labels.push_back(label_cps(v));
    }
  }
  const std::vector<std::u32string> start = {label_cps(table.rows.front().label)};
  std::size_t pos = from;
  while (true) {
    const found_label f = find_label(t.cps, pos, t.cps.size(), start);
    if (!f) return std::nullopt;
    std::size_t i = f.begin, matched = 0;
    while (true) {
      while (i < t.cps.size() && t.cps[i] == U' ') ++i;
      std::size_t best = std::u32string::npos;
      for (const auto& l : labels) {
        const std::size_t e = match_at(t.cps, i, l);
        if (e != std::u32string::npos && (best == std::u32string::npos || e > best)) best = e;
      }
      if (best == std::u32string::npos) break;
      i = best;
      ++matched;
    }
    if (matched >= 5) {
      run r = data_run(t, i, t.cps.size(), false);
      if (!r.text.empty()) return fused_row{nullptr, std::move(r), f.begin};
    }
    pos = f.begin + 1;
  }
}

std::string list_values(const std::vector<std::int64_t>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "、" : "") + std::to_string(v[i]);
  return s;
}

// One fused run of cells handed to the solver.
struct pending_run {
  std::vector<std::string> paths;
  run data;
  std::vector<std::vector<std::string>> splits;
};

class fused_reader {
public:
  fused_reader(const template_def& tmpl, const cp_text& t, report& r, sink& diags)
      : tmpl_(tmpl), t_(t), cells_(index_cells(r)), diags_(diags) {}

  void proactive(std::size_t from, std::size_t to) {
    const cp_text& t = t_;
    const table_def& table = *tmpl_.table("proactive");
    std::size_t pos = from;
    for (const row_def& row : table.rows) {
      const found_label f = find_label(t.cps, pos, to, labels_of(row));
      if (!f) continue;
      pos = f.end;
      run r = data_run(t, f.end, to, true);
      if (r.text.empty()) continue;
      const std::vector<std::string> paths = row_paths(table, row);
      std::vector<split_cell> kinds;
      for (const column_def& c : row.columns)
        if (!c.local)
          kinds.push_back({c.kind == value_kind::signed_count, c.kind == value_kind::amount});
      const auto splits = fused_splits(r.text, kinds, 64);
      if (splits && splits->size() == 1) {
        std::size_t digit = 0;
        for (std::size_t i = 0; i < paths.size(); ++i) {
          const std::string& piece = (*splits)[0][i];
          fill(paths[i], classify_cell(piece, span_at(t, r, digit)));
          digit += piece.size();
        }
        continue;
      }
      // No equation ties section 二's cells: several splits stay several.
      const std::string n = splits ? std::to_string(splits->size()) : "64+";
      for (const auto& p : paths)
        diags_.add(diagnostic_builder("extract.split_ambiguous")
                       .path(p)
                       .at(diags_.file, span_at(t, r, 0))
                       .expected("one split of the fused digits")
                       .found(r.text)
                       .message("“" + std::string(row.label) + "”一行的数字连在一起（" + r.text +
                                "），可拆分为" + n + "种，没有勾稽关系可以确定，未读取")
                       .message_en("the row's digits are fused (" + r.text + ") and split " + n +
                                   " ways; no sum rule decides, so the cell is left absent"));
    }
  }

  void add_run(std::vector<std::string> paths, run data, std::string_view label) {
    std::vector<split_cell> kinds(paths.size());
    auto splits = fused_splits(data.text, kinds, 20000);
    if (!splits) {
      diags_.add(diagnostic_builder("extract.split_bound")
                     .path(paths.front())
                     .at(diags_.file, span_at(t_, data, 0))
                     .expected("at most 20000 splits")
                     .found(data.text)
                     .message("“" + std::string(label) + "”一行的数字（" + data.text +
                              "）拆分方式过多，未读取")
                     .message_en("the row's fused digits (" + data.text +
                                 ") have too many splits to consider; the row is left absent"));
      return;
    }
    if (splits->empty()) {
      diags_.add(diagnostic_builder("extract.split_none")
                     .path(paths.front())
                     .at(diags_.file, span_at(t_, data, 0))
                     .expected(std::to_string(paths.size()) + " numbers")
                     .found(data.text)
                     .message("“" + std::string(label) + "”一行的数字（" + data.text +
                              "）无法拆分为" + std::to_string(paths.size()) +
                              "个数（可能有空白单元格），未读取")
                     .message_en("the row's fused digits (" + data.text +
                                 ") cannot be split into " + std::to_string(paths.size()) +
                                 " numbers (a blank cell, perhaps); the row is left absent"));
      return;
    }
    runs_.push_back({std::move(paths), std::move(data), std::move(*splits)});
  }

  void solve_runs() {
    const cp_text& t = t_;
    // The cells: every path of the report; groups: the runs; equations: the catalog's.
    std::map<std::string, std::size_t, std::less<>> index;
    for (const auto& [path, c] : cells_) index.emplace(path, index.size());
    solve_problem p;
    p.cell_count = index.size();
    for (const pending_run& r : runs_) {
      solve_group g;
      for (const auto& path : r.paths) g.cells.push_back(index.at(path));
      for (const auto& split : r.splits) {
        g.candidates.emplace_back();
        for (const auto& v : split) g.candidates.back().push_back(std::stoll(v));
      }
      p.groups.push_back(std::move(g));
    }
    const std::vector<sum_rule> rules = sum_rules(tmpl_.id);
    for (const sum_rule& s : rules) {
      solve_equation e{std::string(s.rule), s.lhs.empty() ? "" : s.lhs.front(), {}, {}};
      for (const auto& path : s.lhs) e.lhs.push_back(index.at(path));
      for (const auto& path : s.rhs) e.rhs.push_back(index.at(path));
      p.equations.push_back(std::move(e));
    }
    solve_result res = solve(p);
    if (res.status == solve_status::infeasible) {
      std::string which_zh = "勾稽关系", which_en = "the sum rules";
      if (res.failing_equation) {
        const solve_equation& e = p.equations[*res.failing_equation];
        which_zh = e.rule + "（" + tmpl_.describe(e.path) + "）";
        which_en = e.rule + " at " + e.path;
      }
      diags_.add(
          diagnostic_builder("extract.split_infeasible")
              .path("applications")
              .at(diags_.file, {t.line, 0})
              .expected("a split that satisfies every sum rule")
              .found(which_en)
              .message("表格数字连在一起，没有任何拆分能满足全部勾稽关系：" + which_zh +
                       "无法成立（原表可能有误）；各行仅按本行的勾稽关系拆分")
              .message_en("the tables' digits are fused and no split satisfies every sum rule: " +
                          which_en +
                          " cannot hold (the original may be wrong); each row is split "
                          "by its own rules only"));
      // Keep the rules within one run (a row's total, a review block's total).
      std::vector<std::ptrdiff_t> group_of(p.cell_count, -1);
      for (std::size_t g = 0; g < p.groups.size(); ++g)
        for (std::size_t c : p.groups[g].cells) group_of[c] = static_cast<std::ptrdiff_t>(g);
      std::vector<solve_equation> local;
      for (auto& e : p.equations) {
        std::ptrdiff_t g = -2;
        bool one = true;
        for (const auto* side : {&e.lhs, &e.rhs})
          for (std::size_t c : *side) {
            if (g == -2) g = group_of[c];
            one = one && group_of[c] == g && g >= 0;
          }
        if (one) local.push_back(e);
      }
      p.equations = std::move(local);
      res = solve(p);
    }
    if (res.status == solve_status::bounded)
      diags_.add(
          diagnostic_builder("extract.split_bound")
              .path("applications")
              .at(diags_.file, {t.line, 0})
              .expected("a search within bounds")
              .found(std::to_string(res.nodes) + " nodes")
              .message("拆分连在一起的数字时搜索超出上限，只读取可以确定的单元格")
              .message_en(
                  "splitting the fused digits reached the search bound; only certain cells are "
                  "read"));
    for (std::size_t g = 0; g < runs_.size(); ++g) {
      const pending_run& r = runs_[g];
      std::size_t digit = 0;
      bool aligned = true, none = false;
      for (std::size_t c : p.groups[g].cells) none = none || (!res.values[c] && res.candidates[c].empty());
      if (none) {
        // Not even the row's own rules hold for any split (the original row may be wrong).
        diags_.add(
            diagnostic_builder("extract.split_infeasible")
                .path(r.paths.front())
                .at(diags_.file, span_at(t, r.data, 0))
                .expected("a split that satisfies the row's sum rules")
                .found(r.data.text)
                .message(tmpl_.describe(r.paths.front()) + " 所在行的数字连在一起（" + r.data.text +
                         "），没有任何拆分满足本行的勾稽关系，整行未读取")
                .message_en("the row's digits are fused (" + r.data.text +
                            ") and no split satisfies its sum rules; the row is left absent"));
        continue;
      }
      for (std::size_t i = 0; i < r.paths.size(); ++i) {
        const std::size_t c = p.groups[g].cells[i];
        const source_span at = aligned ? span_at(t, r.data, digit) : span_at(t, r.data, 0);
        if (res.values[c]) {
          const std::string text = std::to_string(*res.values[c]);
          fill(r.paths[i], classify_cell(text, at));
          digit += text.size();
          if (r.splits.size() > 1)
            diags_.add(diagnostic_builder("extract.split_by_equations")
                           .path(r.paths[i])
                           .at(diags_.file, at)
                           .found(text)
                           .message(tmpl_.describe(r.paths[i]) + " 由连在一起的数字“" +
                                    r.data.text + "”按勾稽关系拆分得出：" + text)
                           .message_en("split from the fused digits \"" + r.data.text +
                                       "\" by the template's sum rules: " + text));
        } else {
          aligned = false;
          const std::string cands = list_values(res.candidates[c]);
          diags_.add(diagnostic_builder("extract.split_ambiguous")
                         .path(r.paths[i])
                         .at(diags_.file, at)
                         .expected("one split of the fused digits")
                         .found(cands)
                         .message(tmpl_.describe(r.paths[i]) + " 所在行的数字连在一起（" +
                                  r.data.text + "），勾稽关系不能唯一确定拆分，可能为 " + cands +
                                  "，未读取")
                         .message_en("the row's digits are fused (" + r.data.text +
                                     ") and the sum rules leave several splits; candidates " +
                                     cands + "; the cell is left absent"));
        }
      }
    }
  }

private:
  const template_def& tmpl_;
  const cp_text& t_;
  cell_index cells_;
  sink& diags_;
  std::vector<pending_run> runs_;

  void fill(const std::string& path, cell c) {
    if (auto it = cells_.find(path); it != cells_.end()) *it->second = std::move(c);
  }

  static source_span span_at(const cp_text& t, const run& r, std::size_t digit) {
    if (r.columns.empty()) return {t.line, 0};
    return {t.line, r.columns[std::min(digit, r.columns.size() - 1)]};
  }
};

} // namespace

bool read_fused(const document& doc, std::optional<int> year, report& out, sink& diags) {
  // The paragraph and template with the most application rows.
  std::size_t best_rows = 0, best_block = 0;
  template_id best_id = template_id::t2021;
  std::vector<cp_text> texts(doc.blocks.size());
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    if (doc.blocks[b].kind == block_kind::table || doc.blocks[b].text.size() < 60) continue;
    texts[b] = make_text(doc.blocks[b]);
    for (template_id id : {template_id::t2021, template_id::t2019}) {
      std::size_t begin = 0, end = 0;
      const std::size_t n = find_applications(texts[b], catalog(id), begin, end).size();
      const bool better = n > best_rows || (n == best_rows && n > 0 && id == template_id::t2019 &&
                                            year && *year <= 2020);
      if (better) {
        best_rows = n;
        best_block = b;
        best_id = id;
      }
    }
  }
  if (best_rows < 2) return false;
  const template_def& tmpl = catalog(best_id);
  const cp_text& t = texts[best_block];
  out = make_report(best_id);
  fused_reader reader(tmpl, t, out, diags);
  std::size_t begin = 0, end = 0;
  const table_def& applications = *tmpl.table("applications");
  for (const fused_row& r : find_applications(t, tmpl, begin, end))
    reader.add_run(row_paths(applications, *r.row), r.data, r.row->label);
  if (auto rv = find_reviews(t, tmpl, end)) {
    const table_def& reviews = *tmpl.table("reviews");
    std::vector<std::string> paths; // the three blocks, one after the other
    for (const row_def& row : reviews.rows)
      for (auto& p : row_paths(reviews, row)) paths.push_back(std::move(p));
    reader.add_run(std::move(paths), rv->data, reviews.title);
  }
  reader.solve_runs();
  // Section 二: before the application matrix, from its heading on.
  const std::vector<std::u32string> heading = {label_cps(tmpl.table("proactive")->title)};
  std::size_t from = begin > 4000 ? begin - 4000 : 0;
  for (std::size_t pos = from;;) {
    const found_label f = find_label(t.cps, pos, begin, heading);
    if (!f) break;
    from = f.end;
    pos = f.begin + 1;
  }
  reader.proactive(from, begin);
  return true;
}

} // namespace govdisclose::detail
