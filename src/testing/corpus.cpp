// make_corpus_file(): generated reports published the way real agencies publish them.
//
// The pipeline: apply the quirks that change what cells say to the expected report (blank
// zeros, total-only rows), render it (render_document), apply the quirks that change only how
// the document is spelled (heading variants, brackets, quotes, full-width digits, a flattened
// table 四, headings as paragraphs), then write it in the layout, with the layout's own quirks
// (shifted rows in text, Word markup in HTML) and encoding (GBK).
#include "write/html_escape.hpp"

#include <govdisclose/testing/corpus.hpp>

#include <govdisclose/catalog.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>

#include <iconv.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose::testing {
namespace {

constexpr quirk every_quirk = static_cast<quirk>((1u << 10) - 1);

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

// ---- quirks on the expected report ---------------------------------------------------------

std::string_view last_code(std::string_view path) { return path.substr(path.rfind('.') + 1); }

void blank_zeros(report& r, random_source& rng) {
  for_each_cell(r, [&](std::string_view path, cell& c) {
    if (c.is_number() && c.value == decimal{} && last_code(path) != "total" &&
        path.find("total_processed") == std::string_view::npos && rng.chance(0.5))
      c = cell::blank();
  });
}

void total_only_rows(report& r, random_source& rng) {
  const table_def& t = *catalog(r.template_).table("applications");
  std::visit(
      [&](auto& apps) {
        std::vector<applicant_row*> candidates;
        for_each<applicant_row>(apps, [&](std::string_view code, applicant_row& row) {
          const row_def* rd = t.row(code);
          if (rd && rd->result && row.total.is_number()) candidates.push_back(&row);
        });
        const auto n = 1 + rng.below(3);
        for (std::int64_t k = 0; k < n && !candidates.empty(); ++k) {
          const auto i = static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(candidates.size())));
          applicant_row& row = *candidates[i];
          for (cell* c : applicant_cells(row)) *c = cell::blank();
          if (row.organization_subtotal.present()) row.organization_subtotal = cell::blank();
          candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(i));
        }
      },
      r.applications);
}

// ---- quirks on the rendered document ------------------------------------------------------

std::string fullwidth_digits(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    if (ch >= '0' && ch <= '9') append_utf8(out, static_cast<char32_t>(0xFF10 + (ch - '0')));
    else if (ch == '-') append_utf8(out, 0xFF0D);
    else out += ch;
  }
  return out;
}

// （一）予以公开 → (一) 予以公开; 第二十条第（一）项 → 第二十条第(一)项.
std::string ascii_brackets(std::string_view s) {
  std::string out = replace_all(replace_all(std::string(s), "（", "("), "）", ")");
  if (out.starts_with("(")) {
    const auto close = out.find(')');
    if (close != std::string::npos && close <= 7 && close + 1 < out.size() && out[close + 1] != ' ')
      out.insert(close + 1, " ");
  }
  return out;
}

std::string transform_cell(std::string text, quirk q) {
  if (has(q, quirk::fullwidth_digits) && classify_cell(text).is_number())
    return fullwidth_digits(text);
  if (has(q, quirk::ascii_brackets)) text = ascii_brackets(text);
  if (has(q, quirk::straight_quotes)) text = replace_all(replace_all(text, "“", "\""), "”", "\"");
  return text;
}

void apply_document_quirks(document& d, quirk q, template_id t, random_source& rng) {
  std::size_t table_index = 0;
  for (block& b : d.blocks) {
    if (b.kind == block_kind::heading && b.level == 2 && has(q, quirk::heading_variants)) {
      for (const section_def& s : catalog(t).sections)
        if (s.heading == b.text && !s.variants.empty())
          b.text = std::string(s.variants[static_cast<std::size_t>(
              rng.below(static_cast<std::int64_t>(s.variants.size())))]);
    }
    if (b.kind == block_kind::heading && has(q, quirk::headings_as_paragraphs)) {
      b.kind = block_kind::paragraph;
      b.level = 0;
    }
    if (b.kind != block_kind::table) continue;
    // Tables come in catalog order: 二, 三, 四.
    if (table_index++ == 2 && has(q, quirk::flat_reviews) && !b.table.rows.empty()) {
      auto last = std::move(b.table.rows.back());
      b.table.rows.assign(1, std::move(last));
    }
    for (auto& row : b.table.rows)
      for (table_cell& c : row) c.text = transform_cell(std::move(c.text), q);
  }
}

// ---- text: a browser copy, rows of 三 shifted ----------------------------------------------

void append_field(std::string& out, std::string_view s) {
  for (const char ch : s) out += ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch;
}

std::string write_text_copy(const document& d, bool shifted, random_source& rng) {
  std::string out;
  std::size_t table_index = 0;
  bool first = true;
  for (const block& b : d.blocks) {
    if (!first) out += '\n';
    first = false;
    if (b.kind != block_kind::table) {
      append_field(out, b.text);
      out += '\n';
      continue;
    }
    const bool matrix = table_index++ == 1;
    for (const auto& row : b.table.rows) {
      // Fields of the row: the text of a top-left cell, empty for covered positions; `padding`
      // marks positions covered by a column span starting in this same row.
      std::vector<std::string_view> fields;
      std::vector<bool> padding(row.size(), false);
      for (std::size_t k = 0; k < row.size(); ++k) {
        fields.push_back(row[k].covered ? std::string_view{} : std::string_view(row[k].text));
        if (!row[k].covered)
          for (std::size_t j = 1; j < row[k].col_span && k + j < row.size(); ++j) padding[k + j] = true;
      }
      int variant = 0;
      if (shifted && matrix) {
        const auto roll = rng.below(100);
        const bool header = !row.empty() && row.back().header;
        // Header rows keep their positions (the seed's do); data rows drop the padding of a
        // label's column span, gain a leading tab or lose a covered leading position, and
        // stay anchored on their last fields.
        variant = header ? 0 : roll < 40 ? 0 : roll < 65 ? 1 : roll < 80 ? 2 : 3;
      }
      std::vector<std::string_view> kept;
      for (std::size_t k = 0; k < fields.size(); ++k)
        if (!(variant == 1 && padding[k])) kept.push_back(fields[k]);
      if (variant == 2) kept.insert(kept.begin(), std::string_view{});
      if (variant == 3 && !row.empty() && row.front().covered && !kept.empty())
        kept.erase(kept.begin());
      for (std::size_t k = 0; k < kept.size(); ++k) {
        if (k) out += '\t';
        append_field(out, kept[k]);
      }
      out += '\n';
    }
  }
  return out;
}

// ---- HTML: Word-exported markup ----------------------------------------------------------

// Word splits text into runs: ASCII digits in a `lang=EN-US` span, the rest in a styled span.
void append_runs(std::string& out, std::string_view text, std::string_view style, random_source& rng) {
  std::size_t i = 0;
  while (i < text.size()) {
    const bool digits = text[i] >= '0' && text[i] <= '9';
    std::size_t j = i;
    while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') == digits)) ++j;
    if (digits) out += "<span lang=EN-US style='";
    else out += rng.chance(0.3) ? "<span\nstyle='" : "<span style='";
    out += style;
    out += "'>";
    detail::append_html_escaped(out, text.substr(i, j - i));
    out += "</span>";
    i = j;
  }
}

void append_word_paragraph(std::string& out, std::string_view text, std::string_view p_attrs,
                           std::string_view style, bool bold, random_source& rng) {
  out += "<p class=MsoNormal";
  out += p_attrs;
  out += '>';
  if (bold) out += "<b>";
  append_runs(out, text, style, rng);
  out += "<span lang=EN-US><o:p></o:p></span>";
  if (bold) out += "</b>";
  out += "</p>\n";
}

std::string write_word_html(const document& d, random_source& rng) {
  std::string out;
  out += "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\n"
         "xmlns:o=\"urn:schemas-microsoft-com:office:office\"\n"
         "xmlns:w=\"urn:schemas-microsoft-com:office:word\"\n"
         "xmlns=\"http://www.w3.org/TR/REC-html40\">\n\n<head>\n"
         "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\n"
         "<meta name=ProgId content=Word.Document>\n"
         "<meta name=Generator content=\"Microsoft Word 15\">\n<title>";
  for (const block& b : d.blocks)
    if (b.kind != block_kind::table) {
      detail::append_html_escaped(out, b.text);
      break;
    }
  out += "</title>\n<style>\n<!--\n p.MsoNormal, li.MsoNormal, div.MsoNormal\n"
         "\t{margin:0cm;text-align:justify;text-justify:inter-ideograph;font-size:10.5pt;"
         "font-family:等线;}\n-->\n</style>\n</head>\n\n"
         "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n\n"
         "<div class=WordSection1 style='layout-grid:15.6pt'>\n\n";
  constexpr std::string_view body_style = "font-size:16.0pt;font-family:仿宋_GB2312";
  for (const block& b : d.blocks) {
    switch (b.kind) {
    case block_kind::heading: {
      const std::string tag = "h" + std::to_string(std::clamp(b.level, 1, 6));
      out += '<' + tag + (b.level == 1 ? " align=center style='text-align:center'>" : ">");
      append_runs(out, b.text, b.level == 1 ? "font-size:22.0pt;font-family:方正小标宋简体"
                                            : "font-size:16.0pt;font-family:黑体",
                  rng);
      out += "</" + tag + ">\n";
      break;
    }
    case block_kind::paragraph:
      // Title-like first paragraphs are centred and bold, as Word exports them.
      append_word_paragraph(out, b.text, " style='text-indent:32.0pt;line-height:28.0pt'",
                            body_style, false, rng);
      if (rng.chance(0.3))
        out += "<p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p>\n";
      break;
    case block_kind::table:
      out += "<div align=center>\n\n<table class=MsoNormalTable border=1 cellspacing=0 "
             "cellpadding=0\n style='border-collapse:collapse;border:none;mso-border-alt:solid "
             "windowtext .5pt'>\n";
      for (const auto& row : b.table.rows) {
        out += " <tr style='height:18.75pt'>\n";
        for (const table_cell& c : row) {
          if (c.covered) continue;
          out += "  <td width=" + std::to_string(64 * c.col_span);
          if (c.row_span > 1) out += " rowspan=" + std::to_string(c.row_span);
          if (c.col_span > 1) out += " colspan=" + std::to_string(c.col_span);
          out += " valign=center style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm "
                 "5.4pt'>\n  <p class=MsoNormal align=center style='text-align:center'>";
          if (c.text.empty()) {
            out += "<span lang=EN-US style='font-size:10.0pt'><o:p>&nbsp;</o:p></span>";
          } else {
            append_runs(out, c.text, "font-size:10.0pt;font-family:宋体", rng);
            out += "<span lang=EN-US style='font-size:10.0pt'><o:p></o:p></span>";
          }
          out += "</p>\n  </td>\n";
        }
        out += " </tr>\n";
      }
      out += "</table>\n\n</div>\n\n";
      break;
    }
  }
  out += "</div>\n\n</body>\n\n</html>\n";
  return out;
}

// ---- GBK ------------------------------------------------------------------------------------

std::optional<std::string> convert(std::string_view utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1))) return std::nullopt;
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

// Declare a Chinese encoding in the page's meta element and encode the page in it.
std::string to_gbk_page(const std::string& utf8_page, random_source& rng) {
  struct choice {
    const char* declared;
    const char* iconv_name;
  };
  static constexpr choice choices[] = {
      {"gbk", "GBK"}, {"GBK", "GBK"}, {"gb2312", "GB2312"}, {"gb18030", "GB18030"}};
  const choice* c = &choices[rng.below(4)];
  const bool http_equiv = rng.chance(0.5);
  auto with_meta = [&](const char* declared) {
    std::string page = utf8_page;
    const std::string meta = http_equiv ? std::string("<meta http-equiv=\"Content-Type\" "
                                                      "content=\"text/html; charset=") +
                                              declared + "\">"
                                        : std::string("<meta charset=\"") + declared + "\">";
    page = replace_all(std::move(page), "<meta charset=\"utf-8\">", meta);
    page = replace_all(std::move(page),
                       "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">", meta);
    return page;
  };
  if (auto bytes = convert(with_meta(c->declared), c->iconv_name)) return *bytes;
  // Not every character is in GB2312: publish as GBK then.
  if (auto bytes = convert(with_meta("gbk"), "GBK")) return *bytes;
  return utf8_page;
}

} // namespace

quirk applicable_quirks(layout l) noexcept {
  switch (l) {
  case layout::text:
    return static_cast<quirk>(static_cast<std::uint32_t>(every_quirk) &
                              ~static_cast<std::uint32_t>(quirk::word_markup |
                                                          quirk::headings_as_paragraphs));
  case layout::markdown:
    return static_cast<quirk>(static_cast<std::uint32_t>(every_quirk) &
                              ~static_cast<std::uint32_t>(quirk::word_markup |
                                                          quirk::shifted_labels));
  case layout::html:
  case layout::html_gbk:
    return static_cast<quirk>(static_cast<std::uint32_t>(every_quirk) &
                              ~static_cast<std::uint32_t>(quirk::shifted_labels));
  }
  return quirk::none;
}

std::string_view layout_name(layout l) noexcept {
  switch (l) {
  case layout::text: return "text";
  case layout::markdown: return "markdown";
  case layout::html: return "html";
  case layout::html_gbk: return "html_gbk";
  }
  return "?";
}

std::string quirk_names(quirk q) {
  static constexpr std::string_view names[] = {
      "shifted_labels",   "total_only_rows",  "word_markup",  "fullwidth_digits",
      "ascii_brackets",   "straight_quotes",  "heading_variants", "blank_zeros",
      "flat_reviews",     "headings_as_paragraphs"};
  std::string s;
  for (std::size_t i = 0; i < std::size(names); ++i)
    if (has(q, all_quirks[i])) {
      if (!s.empty()) s += '|';
      s += names[i];
    }
  return s.empty() ? "none" : s;
}

corpus_file make_corpus_file(const report& r, std::uint64_t seed, const corpus_options& o) {
  random_source rng(seed * 0x9E3779B97F4A7C15ULL + 0x5EED);
  corpus_file f;
  f.format = o.format;
  const quirk allowed = applicable_quirks(o.format);
  if (o.random) {
    quirk picked = quirk::none;
    for (quirk q : all_quirks)
      if (has(allowed, q) && rng.chance(0.4)) picked = picked | q;
    f.quirks = picked;
  } else {
    f.quirks = o.quirks & allowed;
  }

  f.expected = r;
  if (has(f.quirks, quirk::blank_zeros)) blank_zeros(f.expected, rng);
  if (has(f.quirks, quirk::total_only_rows)) total_only_rows(f.expected, rng);

  document d = render_document(f.expected);
  apply_document_quirks(d, f.quirks, r.template_, rng);

  const std::string stem = "report-" + std::to_string(seed);
  switch (o.format) {
  case layout::text:
    f.bytes = write_text_copy(d, has(f.quirks, quirk::shifted_labels), rng);
    f.name = stem + ".txt";
    break;
  case layout::markdown:
    f.bytes = write_markdown(d);
    f.name = stem + ".md";
    break;
  case layout::html:
  case layout::html_gbk: {
    std::string page = has(f.quirks, quirk::word_markup) ? write_word_html(d, rng) : write_html(d);
    f.bytes = o.format == layout::html_gbk ? to_gbk_page(page, rng) : std::move(page);
    f.name = stem + ".html";
    break;
  }
  }
  return f;
}

std::string crawled_text(const report& r, bool pad, std::uint64_t seed) {
  document d = render_document(r);
  random_source rng(seed);
  if (pad)
    for (block& b : d.blocks)
      for (auto& row : b.table.rows)
        for (table_cell& c : row)
          if (!c.header && !c.text.empty() && c.text[0] >= '0' && c.text[0] <= '9' &&
              rng.chance(0.3))
            c.text = rng.chance(0.5) ? "\u00A0" + c.text
                                     : c.text + (rng.chance(0.5) ? " " : "\u00A0");
  const std::string html = write_html(d);
  std::string body;
  bool in_tag = false;
  for (char ch : html) {
    if (ch == '<') in_tag = true;
    else if (ch == '>') in_tag = false;
    else if (!in_tag && ch != '\n') body += ch;
  }
  static const std::pair<std::string_view, std::string_view> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (std::size_t at = body.find(from); at != std::string::npos; at = body.find(from, at)) {
      body.replace(at, from.size(), to);
      at += to.size();
    }
  return "标题: " + r.meta.title + "\n==================== 正文 ====================\n" + body +
         "\n";
}

} // namespace govdisclose::testing
