// The plain-text reader: tab-separated copies of web pages and `pdftotext -layout` output.
//
// Lines are classified (blank, page number, table row, text) and grouped: a run of table rows is
// one table block, every other non-blank line one paragraph. See docs/formats.md for the rules.
#include "read/reader_common.hpp"

#include <govdisclose/cell.hpp>

#include <govdisclose/readers.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace govdisclose {
namespace detail {
namespace {

// Text lines between two rows of space-aligned text that stay in the table (the pieces of
// wrapped labels, a group label on a line of its own): a label over three or four lines, and a
// group label beside it.
constexpr std::size_t max_wrapped_lines = 6;

// Lines of one number each, one after another (blank lines aside), that mark a table printed
// one cell per line: a row of the template has seven cells.
constexpr std::size_t cells_per_line_run = 6;

enum class line_kind : std::uint8_t { blank, page_number, row, text };

struct classified_line {
  const text_line* line = nullptr;
  line_kind kind = line_kind::text;
  std::vector<table_cell> cells; // for rows
};

// Cells of a tab-separated line: every tab separates, empty and trailing empty cells are kept.
std::vector<table_cell> tab_cells(const text_line& l) {
  std::vector<table_cell> cells;
  std::size_t pos = 0;
  std::uint32_t column = l.column;
  while (true) {
    std::size_t end = l.text.find('\t', pos);
    if (end == std::string_view::npos) end = l.text.size();
    const std::string_view piece = l.text.substr(pos, end - pos);
    table_cell c;
    c.text = fold_space(piece);
    const std::size_t lead = first_non_space(piece);
    c.span = {l.number, column + (lead < piece.size() ? code_points(piece.substr(0, lead)) : 0)};
    cells.push_back(std::move(c));
    if (end == l.text.size()) break;
    column += code_points(piece) + 1;
    pos = end + 1;
  }
  return cells;
}

// Cells of a space-aligned line: runs of two or more spaces separate (empty cells cannot be seen).
std::vector<table_cell> space_cells(const text_line& l) {
  std::vector<table_cell> cells;
  const std::string_view t = l.text;
  std::size_t pos = 0;
  std::uint32_t column = l.column;
  while (pos < t.size()) {
    while (pos < t.size() && t[pos] == ' ') {
      ++pos;
      ++column;
    }
    if (pos >= t.size()) break;
    const std::size_t start = pos;
    const std::uint32_t start_column = column;
    while (pos < t.size()) {
      if (t[pos] == ' ' && (pos + 1 >= t.size() || t[pos + 1] == ' ')) break;
      if ((static_cast<unsigned char>(t[pos]) & 0xC0) != 0x80) ++column;
      ++pos;
    }
    table_cell c;
    c.text = fold_space(t.substr(start, pos - start));
    c.span = {l.number, start_column};
    if (!c.text.empty()) cells.push_back(std::move(c));
  }
  return cells;
}

source_span line_start(const text_line& l) {
  const std::size_t lead = first_non_space(l.text);
  return {l.number, l.column + code_points(l.text.substr(0, lead))};
}

// A table printed one cell per line (pdftotext without -layout, a copy from a PDF viewer): a
// run of lines each holding one number alone. Its rows cannot be rebuilt from the text; it is
// said once, at the first of them, so that no reading of it passes for a table.
std::optional<diagnostic> one_cell_per_line(const std::vector<classified_line>& cl,
                                            std::string_view source) {
  std::size_t run = 0, start = 0;
  for (std::size_t i = 0; i < cl.size(); ++i) {
    if (cl[i].kind == line_kind::blank) continue;
    const bool lone = cl[i].kind == line_kind::text &&
                      classify_cell(cl[i].line->text).state == cell_state::number;
    if (!lone) {
      run = 0;
      continue;
    }
    if (run++ == 0) start = i;
    if (run == cells_per_line_run) {
      const source_span at = line_start(*cl[start].line);
      return diagnostic_builder("text.cell_per_line")
          .at(std::string(source), at)
          .found(std::to_string(cells_per_line_run) + " lines of one number each")
          .message("表格按“一行一个单元格”排列（如不带 -layout 的 pdftotext 输出），无法还原表格"
                   "各行；请使用 pdftotext -layout 的输出或原PDF")
          .message_en("the tables are printed one cell per line (pdftotext without -layout, a "
                      "copy from a PDF viewer): their rows cannot be rebuilt; use pdftotext "
                      "-layout text or the PDF");
    }
  }
  return std::nullopt;
}

bool ends_sentence(std::string_view text) {
  const std::string_view t = trim(text);
  return t.ends_with("。") || t.ends_with("；") || t.ends_with("：");
}

// The blocks of a plain text (read_text()).
void read_text_blocks(std::string_view utf8, result<document>& out) {
  const std::vector<text_line> lines = split_lines(utf8);
  const bool tab_mode = utf8.find('\t') != std::string_view::npos;

  std::vector<classified_line> cl(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    cl[i].line = &lines[i];
    const std::string_view t = lines[i].text;
    if (first_non_space(t) == t.size()) {
      cl[i].kind = line_kind::blank;
    } else if (tab_mode && t.find('\t') != std::string_view::npos) {
      cl[i].kind = line_kind::row;
      cl[i].cells = tab_cells(lines[i]);
    } else if (!tab_mode) {
      cl[i].cells = space_cells(lines[i]);
      cl[i].kind = cl[i].cells.size() >= 2 ? line_kind::row : line_kind::text;
    }
  }
  if (!tab_mode)
    if (auto d = one_cell_per_line(cl, out.value.source)) out.diagnostics.push_back(std::move(*d));

  // Page numbers: patterns anywhere, bare numbers only on the last non-blank line before a page
  // break or the first one after it.
  for (std::size_t i = 0; i < cl.size(); ++i) {
    if (cl[i].kind == line_kind::blank) continue;
    bool next_to_break = cl[i].line->page_break;
    for (std::size_t k = i; !next_to_break && k > 0 && cl[k - 1].kind == line_kind::blank; --k)
      next_to_break = cl[k - 1].line->page_break;
    if (!next_to_break) {
      std::size_t k = i + 1;
      while (k < cl.size() && cl[k].kind == line_kind::blank && !cl[k].line->page_break) ++k;
      next_to_break = k < cl.size() && cl[k].line->page_break;
    }
    const std::string_view t = cl[i].line->text;
    if (t.find('\t') == std::string_view::npos && looks_like_page_number(t, next_to_break))
      cl[i].kind = line_kind::page_number;
  }

  auto& blocks = out.value.blocks;
  auto paragraph = [&](const classified_line& c) {
    block b;
    b.kind = block_kind::paragraph;
    b.text = fold_space(c.line->text);
    b.span = line_start(*c.line);
    blocks.push_back(std::move(b));
  };

  std::size_t i = 0;
  while (i < cl.size()) {
    if (cl[i].kind == line_kind::blank || cl[i].kind == line_kind::page_number) {
      ++i;
      continue;
    }
    if (cl[i].kind == line_kind::text) {
      paragraph(cl[i]);
      ++i;
      continue;
    }
    // A table: rows, continued over page breaks, page numbers, a single blank line whose next
    // row has about as many cells (tab mode), or up to two blank lines (space mode); in space
    // mode up to max_wrapped_lines text lines between rows are wrapped labels and become
    // one-cell rows.
    std::vector<std::size_t> members{i};
    std::size_t last_row = i;
    std::size_t k = i + 1;
    while (k < cl.size()) {
      std::size_t blanks = 0;
      bool page_break = false;
      std::size_t j = k;
      while (j < cl.size() &&
             (cl[j].kind == line_kind::blank || cl[j].kind == line_kind::page_number)) {
        if (cl[j].kind == line_kind::blank) ++blanks;
        page_break = page_break || cl[j].line->page_break || cl[j].kind == line_kind::page_number;
        ++j;
      }
      if (j < cl.size() && cl[j].line->page_break) page_break = true;
      if (j >= cl.size()) break;
      if (cl[j].kind == line_kind::row) {
        const auto prev = static_cast<long>(cl[last_row].cells.size());
        const auto next = static_cast<long>(cl[j].cells.size());
        const bool fits = tab_mode ? (blanks == 0 || (blanks == 1 && std::labs(prev - next) <= 2))
                                   : blanks <= 2;
        if (!fits && !page_break) break;
        members.push_back(j);
        last_row = j;
        k = j + 1;
        continue;
      }
      // A text line: wrapped label lines in space mode, when a row follows closely.
      if (tab_mode || blanks > 0) break;
      std::size_t m = j;
      while (m < cl.size() && m < j + max_wrapped_lines && cl[m].kind == line_kind::text &&
             !ends_sentence(cl[m].line->text))
        ++m;
      if (m == j) break;
      if (m >= cl.size() || cl[m].kind != line_kind::row) {
        // No row follows: the wrapped tail of the last row (继续办理 under 四、结转下年度), up to
        // a line that starts a numbered heading or paragraph of its own.
        for (std::size_t t = j; t < m && !leading_marker(cl[t].line->text); ++t)
          members.push_back(t);
        break;
      }
      for (std::size_t t = j; t < m; ++t) members.push_back(t);
      members.push_back(m);
      last_row = m;
      k = m + 1;
    }
    std::size_t row_count = 0, widest = 0;
    for (std::size_t m : members)
      if (cl[m].kind == line_kind::row) {
        ++row_count;
        widest = std::max(widest, cl[m].cells.size());
      }
    if (!tab_mode && row_count < 2 && widest < 3) {
      for (std::size_t m : members) paragraph(cl[m]);
      i = members.back() + 1;
      continue;
    }
    block b;
    b.kind = block_kind::table;
    b.span = line_start(*cl[i].line);
    b.table.span = b.span;
    for (std::size_t m : members) {
      if (cl[m].kind == line_kind::row) {
        b.table.rows.push_back(std::move(cl[m].cells));
      } else {
        table_cell c;
        c.text = fold_space(cl[m].line->text);
        c.span = line_start(*cl[m].line);
        b.table.rows.push_back({std::move(c)});
      }
    }
    blocks.push_back(std::move(b));
    i = members.back() + 1;
  }
}

} // namespace
} // namespace detail

result<document> read_text(std::string_view utf8, std::string_view source) {
  return detail::read_text_input("text", utf8, source, detail::read_text_blocks);
}

} // namespace govdisclose
