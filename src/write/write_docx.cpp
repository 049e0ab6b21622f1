// write_docx(): a document as a minimal Word 2007+ file, and detail::write_zip(), the in-memory
// ZIP writer (libzip) it uses.
//
// The package holds only what Word and LibreOffice need: [Content_Types].xml, _rels/.rels,
// word/document.xml, word/_rels/document.xml.rels and word/styles.xml (Normal, heading 1–9,
// Table Grid). Merged cells are written the way Word writes them: the top-left cell carries
// w:gridSpan and w:vMerge="restart", each row below it a w:vMerge continuation cell.
#include "zip.hpp"
#include <govdisclose/render.hpp>
#include <govdisclose/text.hpp>

#include <zip.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {
namespace detail {

std::string write_zip(const std::vector<zip_entry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (buffer == nullptr) return {};
  zip_error_init(&error);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (za == nullptr) {
    zip_source_free(buffer);
    return {};
  }
  zip_source_keep(buffer); // it outlives the archive: the bytes are read from it after zip_close
  bool ok = true;
  for (const zip_entry& e : entries) {
    zip_source_t* s = zip_source_buffer(za, e.data.data(), e.data.size(), 0);
    const zip_int64_t index =
        s == nullptr ? -1 : zip_file_add(za, e.name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      if (s != nullptr) zip_source_free(s);
      ok = false;
      break;
    }
    const auto i = static_cast<zip_uint64_t>(index);
    zip_set_file_compression(za, i, e.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    zip_file_set_mtime(za, i, 946684800, 0); // 2000-01-01: reproducible bytes
  }
  if (!ok || zip_close(za) != 0) {
    zip_discard(za); // not written, or zip_close failed and left it open
    zip_source_free(buffer);
    return {};
  }
  std::string out;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buffer, &st) == 0 && (st.valid & ZIP_STAT_SIZE) != 0 &&
      zip_source_open(buffer) == 0) {
    out.resize(static_cast<std::size_t>(st.size));
    const zip_int64_t n = zip_source_read(buffer, out.data(), out.size());
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) out.clear();
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

namespace {

// Text for an XML text node or attribute: escaped, valid UTF-8 (invalid bytes become U+FFFD),
// characters XML 1.0 forbids dropped.
void append_xml(std::string& out, std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      ++pos;
      switch (b) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (b >= 0x20 || b == '\t' || b == '\n' || b == '\r') out += static_cast<char>(b);
      }
      continue;
    }
    const char32_t cp = next_code_point(s, pos);
    if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
    append_utf8(out, cp);
  }
}

// The runs of a paragraph: text with tabs as w:tab and line breaks as w:br.
void append_runs(std::string& out, std::string_view text) {
  if (text.empty()) return;
  out += "<w:r>";
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    if (end > start) {
      out += "<w:t xml:space=\"preserve\">";
      append_xml(out, text.substr(start, end - start));
      out += "</w:t>";
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\t') continue;
    flush(i);
    out += text[i] == '\n' ? "<w:br/>" : "<w:tab/>";
    start = i + 1;
  }
  flush(text.size());
  out += "</w:r>";
}

void append_paragraph(std::string& out, std::string_view text, int level) {
  out += "<w:p>";
  if (level > 0) {
    out += "<w:pPr><w:pStyle w:val=\"Heading";
    out += std::to_string(std::clamp(level, 1, 9));
    out += "\"/></w:pPr>";
  }
  append_runs(out, text);
  out += "</w:p>";
}

constexpr int text_width = 9026; // twips between the margins of an A4 page

void append_table(std::string& out, const table_grid& g) {
  std::size_t width = 0;
  for (const auto& row : g.rows) width = std::max(width, row.size());
  if (width == 0) return;

  // Which top-left cell covers each position: spans are trusted only where the positions they
  // claim are marked covered, so a sloppy grid still writes a valid table.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  struct origin {
    std::size_t row = none, col = none;
  };
  std::vector<std::vector<origin>> owner(g.rows.size());
  for (std::size_t r = 0; r < g.rows.size(); ++r) owner[r].resize(g.rows[r].size());
  for (std::size_t r = 0; r < g.rows.size(); ++r)
    for (std::size_t c = 0; c < g.rows[r].size(); ++c) {
      const table_cell& cell = g.rows[r][c];
      if (cell.covered) continue;
      owner[r][c] = {r, c};
      std::size_t cols = 1;
      while (cols < cell.col_span && c + cols < g.rows[r].size() && g.rows[r][c + cols].covered &&
             owner[r][c + cols].row == none)
        ++cols;
      for (std::size_t k = 1; k < cols; ++k) owner[r][c + k] = {r, c};
      for (std::size_t rr = r + 1; rr < r + cell.row_span && rr < g.rows.size(); ++rr) {
        bool fits = c + cols <= g.rows[rr].size();
        for (std::size_t k = 0; fits && k < cols; ++k)
          fits = g.rows[rr][c + k].covered && owner[rr][c + k].row == none;
        if (!fits) break;
        for (std::size_t k = 0; k < cols; ++k) owner[rr][c + k] = {r, c};
      }
    }

  // Widths in multiples of 72 twips (= 127 hundredths of a millimetre): LibreOffice converts
  // every cell width to 1/100 mm, and rounding would split grid columns where rows merge
  // different numbers of cells.
  const int col_width =
      std::max(72, text_width / static_cast<int>(std::min<std::size_t>(width, 63)) / 72 * 72);
  out += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>"
         "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
         "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
         "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
         "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
         "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
         "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
         "</w:tblBorders><w:tblLook w:val=\"04A0\"/></w:tblPr><w:tblGrid>";
  for (std::size_t c = 0; c < width; ++c)
    out += "<w:gridCol w:w=\"" + std::to_string(col_width) + "\"/>";
  out += "</w:tblGrid>";

  for (std::size_t r = 0; r < g.rows.size(); ++r) {
    const auto& row = g.rows[r];
    if (row.empty()) continue; // Word refuses a row without cells
    out += "<w:tr>";
    if (std::all_of(row.begin(), row.end(), [](const table_cell& c) { return c.header; }))
      out += "<w:trPr><w:tblHeader/></w:trPr>";
    for (std::size_t c = 0; c < row.size();) {
      const origin o = owner[r][c];
      std::size_t cols = 1;
      while (c + cols < row.size() && o.row != none && owner[r][c + cols].row == o.row &&
             owner[r][c + cols].col == o.col)
        ++cols;
      const bool top_left = o.row == r && o.col == c;
      const bool continuation = o.row != none && o.row < r && o.col == c;
      if (!top_left && !continuation) cols = 1;
      const bool restart =
          top_left && r + 1 < g.rows.size() && c < owner[r + 1].size() &&
          owner[r + 1][c].row == r && owner[r + 1][c].col == c;
      out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(col_width * static_cast<int>(cols)) +
             "\" w:type=\"dxa\"/>";
      if (cols > 1) out += "<w:gridSpan w:val=\"" + std::to_string(cols) + "\"/>";
      if (restart) out += "<w:vMerge w:val=\"restart\"/>";
      if (continuation) out += "<w:vMerge/>";
      out += "</w:tcPr>";
      append_paragraph(out, continuation ? std::string_view{} : std::string_view(row[c].text), 0);
      out += "</w:tc>";
      c += cols;
    }
    out += "</w:tr>";
  }
  out += "</w:tbl>";
}

constexpr std::string_view content_types =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(</Types>)";

constexpr std::string_view package_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

constexpr std::string_view document_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

std::string styles_xml() {
  std::string s =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/>)"
      R"(<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)"
      R"(<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
      R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>)";
  const int sizes[9] = {36, 32, 30, 28, 28, 24, 24, 24, 24};
  for (int level = 1; level <= 9; ++level) {
    const std::string n = std::to_string(level);
    s += R"(<w:style w:type="paragraph" w:styleId="Heading)" + n + R"("><w:name w:val="heading )" +
         n + R"("/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>)" +
         R"(<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val=")" +
         std::to_string(level - 1) + R"("/></w:pPr><w:rPr><w:b/><w:sz w:val=")" +
         std::to_string(sizes[level - 1]) + R"("/></w:rPr></w:style>)";
  }
  s += R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>)"
       R"(<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>)"
       R"(<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>)"
       R"(</w:tblCellMar></w:tblPr></w:style>)"
       R"(<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>)"
       R"(<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>)"
       R"(<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>)"
       R"(<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>)"
       R"(<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>)"
       R"(<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>)"
       R"(</w:styles>)";
  return s;
}

} // namespace
} // namespace detail

std::string write_docx(const document& d) {
  using namespace detail;
  std::string body;
  body.reserve(65536);
  body += R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
          "\n"
          R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)";
  bool after_table = false;
  for (const block& b : d.blocks) {
    switch (b.kind) {
    case block_kind::heading:
      append_paragraph(body, b.text, std::max(b.level, 1));
      after_table = false;
      break;
    case block_kind::paragraph:
      append_paragraph(body, b.text, 0);
      after_table = false;
      break;
    case block_kind::table:
      if (b.table.rows.empty()) break;
      // Word joins tables that touch: an empty paragraph keeps them apart.
      if (after_table) body += "<w:p/>";
      append_table(body, b.table);
      after_table = true;
      break;
    }
  }
  // A body ends with a paragraph (Word needs one after a final table), then the page: A4.
  body += "<w:p/><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
          "<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" "
          "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";

  // Only the body is deflated: each deflate stream costs zlib ~300 KB of fresh, zeroed memory,
  // more than the few kilobytes the small parts would save.
  std::vector<zip_entry> entries;
  entries.push_back({"[Content_Types].xml", std::string(content_types), false});
  entries.push_back({"_rels/.rels", std::string(package_rels), false});
  entries.push_back({"word/document.xml", std::move(body), true});
  entries.push_back({"word/_rels/document.xml.rels", std::string(document_rels), false});
  entries.push_back({"word/styles.xml", styles_xml(), false});
  return write_zip(entries);
}

} // namespace govdisclose
