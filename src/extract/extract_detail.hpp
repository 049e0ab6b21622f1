// Internals of the extractor (src/extract*.cpp): label keys, catalog label indexes, row streams,
// cell reading and the diagnostic sink. Not installed; see docs/extraction.md.
#pragma once

#include <govdisclose/catalog.hpp>
#include <govdisclose/cell.hpp>
#include <govdisclose/diagnostic.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/document.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/text.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace govdisclose::detail {

// ---- label keys -------------------------------------------------------------------------------

/// A label reduced for matching: its list marker ("(一)", "一", "1") and its bare text (width
/// normalised, without spaces, quotes, brackets or punctuation).
struct label_key {
  std::string marker; // canonical list marker, empty when none
  std::string bare;   // the rest, reduced
  bool empty() const noexcept { return bare.empty(); }
};

/// Reduce a label for matching (see label_key).
label_key make_key(std::string_view text);

/// Where byte `offset` of a block's text is in the source: its line and column counted on from
/// the block's start (code points; a line break in the text starts a new line).
inline source_span span_in(const block& b, std::size_t offset) {
  source_span at = b.span;
  if (!at.known()) return at;
  for (std::size_t pos = 0; pos < offset && pos < b.text.size();) {
    if (next_code_point(b.text, pos) == U'\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

/// True for the punctuation make_key() drops from bare keys (full-width forms folded first).
bool is_key_punct(char32_t c) noexcept;

/// True when two keys name the same label: equal bare text and compatible markers (equal, or
/// one of them without a marker).
bool same_label(const label_key& a, const label_key& b) noexcept;

/// A label as one string, its numbering kept (width normalised, without spaces and
/// punctuation): "（三）不予公开" → "三不予公开", so that a piece of it ("（三" → "三") is a prefix.
std::string whole_form(std::string_view text);

/// Similarity of two bare keys in [0, 1] (longest common subsequence over code points).
double similarity(std::string_view a, std::string_view b);
/// similarity() of two keys already decoded to code points.
double similarity_of(std::u32string_view a, std::u32string_view b);

// ---- catalog indexes ----------------------------------------------------------------------------

/// Which template table a table or a row belongs to.
enum class table_kind : std::uint8_t { none, proactive, applications, reviews };

/// The table code of a kind ("proactive"…), empty for none.
std::string_view kind_code(table_kind k) noexcept;

/// A catalog label with its key.
struct keyed {
  std::string_view label;
  label_key key;
};

/// How a cell's text matched a row.
struct row_match {
  const row_def* row = nullptr; // the row, when one matched
  std::string_view group;       // a group label, when the text is a group label (no row)
  bool approximate = false;     // matched by similarity only
  bool ambiguous = false;       // several rows matched and the context did not decide
  explicit operator bool() const noexcept { return row != nullptr; }
};

/// The labels of one catalog table, keyed for matching.
struct label_index {
  const table_def* table = nullptr;
  std::vector<std::pair<const row_def*, std::vector<keyed>>> rows;
  std::vector<keyed> groups;                  // row group labels
  std::vector<std::pair<const column_def*, std::vector<keyed>>> columns; // distinct column codes
  std::vector<label_key> column_joined;       // per column: key of group label + label (or empty)
  std::vector<keyed> column_groups;           // 法人或其他组织
  std::vector<keyed> headers;                 // header words and the corner text
  std::vector<keyed> items;                   // 第二十条第（一）项…
  std::unordered_set<std::string> bares;      // every bare key above: no exact match without one
  /// A row (or a group label) with its keys as code points, for approximate matching.
  struct approx_candidate {
    const row_def* row = nullptr;                              // the row, or nullptr for a group
    std::string_view group;                                    // the group label, for a group
    std::vector<std::pair<std::string, std::u32string>> keys;  // marker and bare key of each label
  };
  std::vector<approx_candidate> approx;       // rows, then group labels
  std::vector<std::string> forms;             // whole_form() of row, group and header labels, sorted
  std::vector<std::string> group_forms;       // whole_form() of group labels and header words
  std::vector<std::string> column_forms;      // whole_form() of column labels and variants

  /// True when some label of this table has the bare key of `k` (a cheap filter: same_label()
  /// needs equal bare keys).
  bool may_name(const label_key& k) const { return bares.count(k.bare) != 0; }

  explicit label_index(const table_def& t);
  /// Not copied: the indexes are built once and shared (see of()).
  label_index(const label_index&) = delete;
  /// Not assigned.
  label_index& operator=(const label_index&) = delete;

  /// The index of a catalog table, built once on first use (thread-safe) and shared; `t` must be
  /// a table of catalog() (any other table gets an index built once per address, under a lock).
  static const label_index& of(const table_def& t);

  /// Match a label against the rows (then the group labels); `group` is the current group
  /// label, used to decide between rows of the same label (小计).
  row_match match_row(const label_key& k, std::string_view group, bool allow_approx = true) const;
  /// The column whose label matches, or nullptr.
  const column_def* match_column(const label_key& k) const;
  /// True for a column group label (法人或其他组织).
  bool is_column_group(const label_key& k) const;
  /// True for a header word or the corner text.
  bool is_header_word(const label_key& k) const;
  /// True for an item heading of section 二 (第二十条第（一）项).
  bool is_item(const label_key& k) const;
  /// True when the text begins a row, group or header label of this table (the first lines of
  /// a wrapped label).
  bool starts_label(std::string_view text) const;
  /// True when the text is any label of this table.
  bool knows(const label_key& k) const;
  /// The row code prefix of a group label (`withheld` for （三）不予公开), empty when none.
  std::string_view group_code(std::string_view group_label) const;
};

// ---- cells -------------------------------------------------------------------------------------

/// Classify a published cell, accepting a trailing unit ("251000元", "3件"): the number is read,
/// the raw text kept. `unit` receives the unit, or is cleared.
cell read_cell(std::string_view text, source_span span, std::string* unit = nullptr);

/// True when the cell's text reads as data (a number, a marker or blank), not as a label.
bool is_data_text(std::string_view text);

// ---- rows of a document -------------------------------------------------------------------------

/// One row in reading order: a table row, or a paragraph read as a row ("行政许可 97").
struct doc_row {
  std::vector<table_cell> cells;
  std::size_t block = 0;        // index of the block it came from
  std::size_t table_row = 0;    // row index within the table
  bool from_paragraph = false;
  std::vector<label_key> keys;     // make_key() of each cell's text, computed once
  std::vector<cell_state> states;  // read_cell() state of each cell, computed once

  /// A row of `c` (from block `b`, table row `r`), its cells' keys and states computed.
  doc_row(std::vector<table_cell> c, std::size_t b, std::size_t r, bool paragraph);
  /// The key of one of this row's cells (`c` points into #cells).
  const label_key& key_of(const table_cell* c) const {
    return keys[static_cast<std::size_t>(c - cells.data())];
  }
};

/// Split a paragraph into a label and trailing number tokens ("行政许可 97" → ["行政许可",
/// "97"]); empty when it does not end in at least one number or marker token.
std::vector<table_cell> paragraph_cells(const block& b);

// ---- diagnostics -------------------------------------------------------------------------------

/// Collects diagnostics with the document's file name: each is made with diagnostic_builder,
/// its parts named, at a span of #file
/// (`diags.add(diagnostic_builder("cell.spanned").path(p).at(diags.file, span)…)`).
struct sink {
  std::string file;
  std::vector<diagnostic> out;

  void add(diagnostic d) { out.push_back(std::move(d)); }
};

/// The cells of a report indexed by model path.
using cell_index = std::map<std::string, cell*, std::less<>>;

/// Build the index of every cell of a report (paths as in for_each_cell).
cell_index index_cells(report& r);

/// Everything the table readers share.
struct table_context {
  const template_def* tmpl = nullptr;
  cell_index* cells = nullptr;
  sink* diags = nullptr;
};

/// The rows with wrapped labels joined: consecutive rows whose label pieces join into one label
/// of the table (and hold at most one line of numbers) become one row with that label and those
/// numbers, wherever the numbers stood among the pieces. A run of rows that no segmentation, or
/// more than one equally good, explains is left as it is (docs/extraction.md).
std::vector<doc_row> join_wrapped_labels(const std::vector<doc_row>& rows, const label_index& idx);

/// Which rows are a header a reader marked: runs of rows whose non-empty cells are all header
/// cells, two rows or more, or at the start of a table block (a column label wrapped over two
/// header rows is still the header; one header-looking row among data rows is not).
std::vector<bool> header_block(const std::vector<doc_row>& rows);

/// Read section 二 rows (their wrapped labels joined, join_wrapped_labels()) into the report.
/// @return how many cells were filled.
std::size_t read_proactive(const std::vector<doc_row>& rows, const table_context& ctx);
/// Read section 三 rows (their wrapped labels joined, join_wrapped_labels()) into the report.
/// @return how many rows were matched with data.
std::size_t read_applications(const std::vector<doc_row>& rows, const table_context& ctx);
/// Read section 四 rows into the report. @return how many cells were filled.
std::size_t read_reviews(const std::vector<doc_row>& rows, const table_context& ctx);

/// Read the tables of crawled text whose cells were fused with no separator
/// (extract_fused.cpp): fills `out` (a fresh report of the template found) and returns true when
/// at least two rows of the application matrix were found in one paragraph.
bool read_fused(const document& doc, std::optional<int> year, report& out, sink& diags);

/// Join the texts of cells for messages ("2 | 0 | 0").
std::string join_cells(const std::vector<const table_cell*>& cells);

} // namespace govdisclose::detail
