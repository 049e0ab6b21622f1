/// @file corpus.hpp
/// @brief Quirky published files made from generated reports, for tests and benchmarks.
///
/// make_corpus_file() renders a report (render.hpp) in a published layout — tab-separated text
/// copied from a web page, Markdown, HTML, HTML in GBK — and adds the quirks of real published
/// reports (shared/spec/TEMPLATE.md, "Quirks"), each an option so that a test can pick them, or a
/// random selection per seed. It returns the file's bytes together with the report that reading
/// them back must give: quirks that change what a cell says (blank cells instead of 0, rows where
/// only the total is filled) are applied to that expected report too.
#pragma once

#include <govdisclose/model.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose::testing {

/// @brief The file format of a corpus file.
enum class layout : std::uint8_t {
  text,     ///< Plain text, tables tab-separated as copied from a browser (the seed's shape).
  markdown, ///< Markdown with pipe tables.
  html,     ///< HTML in UTF-8 with rowspan/colspan.
  html_gbk, ///< HTML encoded in GBK, declared by `<meta charset>` (gbk, GBK, gb2312, gb18030).
};

/// @brief One quirk of real published reports; combine with `|`.
enum class quirk : std::uint32_t {
  none = 0,                         ///< No quirk.
  shifted_labels = 1u << 0,         ///< Text: rows of 三 shifted by dropped or extra leading tabs.
  total_only_rows = 1u << 1,        ///< One to three rows of 三 fill only the total (others blank).
  word_markup = 1u << 2,            ///< HTML: Word-exported `<p class=MsoNormal><span style=…>`, `&nbsp;`, `<o:p>`.
  fullwidth_digits = 1u << 3,       ///< Numbers in full-width digits (`１２`).
  ascii_brackets = 1u << 4,         ///< Table labels with ASCII brackets: `(一) 予以公开`.
  straight_quotes = 1u << 5,        ///< `3.危及"三安全一稳定"` with straight quotes.
  heading_variants = 1u << 6,       ///< Section headings in a variant spelling (四、因政府信息公开工作…).
  blank_zeros = 1u << 7,            ///< Some zeros outside total columns published blank.
  flat_reviews = 1u << 8,           ///< Table 四 flattened to one line of 15 numbers.
  headings_as_paragraphs = 1u << 9, ///< HTML/Markdown: title and headings as plain paragraphs.
};

/// @brief The union of two quirk sets.
constexpr quirk operator|(quirk a, quirk b) noexcept {
  return static_cast<quirk>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
/// @brief The intersection of two quirk sets.
constexpr quirk operator&(quirk a, quirk b) noexcept {
  return static_cast<quirk>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
/// @brief True when the set `s` contains every quirk of `q` (and `q` is not none).
constexpr bool has(quirk s, quirk q) noexcept {
  return q != quirk::none && (s & q) == q;
}

/// @brief Every single quirk, in declaration order.
inline constexpr quirk all_quirks[] = {
    quirk::shifted_labels,   quirk::total_only_rows, quirk::word_markup,
    quirk::fullwidth_digits, quirk::ascii_brackets,  quirk::straight_quotes,
    quirk::heading_variants, quirk::blank_zeros,     quirk::flat_reviews,
    quirk::headings_as_paragraphs};

/// @brief Every layout, in declaration order.
inline constexpr layout all_layouts[] = {layout::text, layout::markdown, layout::html,
                                         layout::html_gbk};

/// @brief The quirks that mean something in a layout (word_markup only in HTML, and so on).
quirk applicable_quirks(layout l) noexcept;

/// @brief The layout's name: `text`, `markdown`, `html`, `html_gbk`.
std::string_view layout_name(layout l) noexcept;

/// @brief The names of the quirks in a set, joined by `|` (`none` for the empty set).
std::string quirk_names(quirk q);

/// @brief Choices for make_corpus_file().
struct corpus_options {
  layout format = layout::html; ///< The file format.
  quirk quirks = quirk::none;   ///< Quirks to apply (those not applicable to the format are ignored).
  bool random = false;          ///< Ignore #quirks and pick several applicable quirks from the seed.
};

/// @brief A published file made from a report, and what reading it back must give.
struct corpus_file {
  std::string bytes;           ///< The file as published.
  std::string name;            ///< A file name with the format's extension (`report-7.html`).
  report expected;             ///< The report the file says (quirks that blank cells applied).
  layout format = layout::html; ///< The file format.
  quirk quirks = quirk::none;  ///< The quirks actually applied.
};

/// @brief Render a report as a published file with quirks; deterministic in `seed`.
/// @param r the report (typically from generate_report()).
/// @param seed drives every random choice (which rows, which cells, which variants).
/// @param o the format and quirks.
/// @return the bytes, a file name, the expected report and the quirks applied.
corpus_file make_corpus_file(const report& r, std::uint64_t seed, const corpus_options& o = {});

/// @brief What a crawler keeps of a report's web page: write_html() with every tag removed and
/// no separator (entities decoded, the body on one line after a `标题:` header line), so adjacent
/// table cells fuse (`713000074`). With `pad`, about a third of the number cells get a space or
/// a no-break space (`&nbsp;`) before or after them, as Word-pasted pages have. Not every cell can
/// be recovered from such text: it has no expected report, only the report it was made from.
/// @param r the report.
/// @param pad add white-space padding to some number cells.
/// @param seed drives the padding.
std::string crawled_text(const report& r, bool pad, std::uint64_t seed);

} // namespace govdisclose::testing
