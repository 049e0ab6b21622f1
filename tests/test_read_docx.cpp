// The DOCX reader and writer: the real blank 2021 template (written with WPS), hand-made
// WordprocessingML for each rule, the round trip through write_docx(), and hostile archives.
#include "zip.hpp"
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <libxml/globals.h>
#include <libxml/xmlerror.h>

#include <iconv.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

namespace {

constexpr const char* w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string template_bytes() {
  return slurp(std::string(GOVDISCLOSE_TEST_DATA) + "/real/template-2021-blank.docx");
}

// A package with the given body (the content of w:body) and, when not empty, styles.xml.
std::string docx_with(const std::string& body, const std::string& styles = {}) {
  std::vector<detail::zip_entry> e;
  e.push_back({"[Content_Types].xml",
               "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/"
               "2006/content-types\"/>",
               true});
  e.push_back({"word/document.xml",
               std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"") +
                   w_ns +
                   "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
                   "<w:body>" +
                   body + "</w:body></w:document>",
               true});
  if (!styles.empty())
    e.push_back({"word/styles.xml",
                 std::string("<?xml version=\"1.0\"?><w:styles xmlns:w=\"") + w_ns + "\">" +
                     styles + "</w:styles>",
                 true});
  return detail::write_zip(e);
}

std::string p(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }
std::string tc(const std::string& text, const std::string& props = {}) {
  return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + p(text) + "</w:tc>";
}

bool has_rule(const std::vector<diagnostic>& ds, const std::string& rule) {
  return std::any_of(ds.begin(), ds.end(), [&](const diagnostic& d) { return d.rule == rule; });
}

// Blocks equal in what a document says (kind, text, level, grids), positions aside.
std::vector<std::string> grid_differences(const document& a, const document& b) {
  std::vector<std::string> out;
  if (a.blocks.size() != b.blocks.size()) {
    out.push_back("block count " + std::to_string(a.blocks.size()) + " vs " +
                  std::to_string(b.blocks.size()));
    return out;
  }
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    const block& x = a.blocks[i];
    const block& y = b.blocks[i];
    const std::string at = "block " + std::to_string(i) + ": ";
    if (x.kind != y.kind || x.text != y.text || x.level != y.level)
      out.push_back(at + "'" + x.text + "' vs '" + y.text + "'");
    if (x.table.rows.size() != y.table.rows.size()) {
      out.push_back(at + "row count");
      continue;
    }
    for (std::size_t r = 0; r < x.table.rows.size(); ++r) {
      if (x.table.rows[r].size() != y.table.rows[r].size()) {
        out.push_back(at + "row " + std::to_string(r) + " width");
        continue;
      }
      for (std::size_t c = 0; c < x.table.rows[r].size(); ++c) {
        const table_cell& u = x.table.rows[r][c];
        const table_cell& v = y.table.rows[r][c];
        if (u.text != v.text || u.covered != v.covered || u.row_span != v.row_span ||
            u.col_span != v.col_span)
          out.push_back(at + "cell " + std::to_string(r) + "," + std::to_string(c) + " '" +
                        u.text + "' vs '" + v.text + "'");
      }
    }
  }
  return out;
}

report sample(std::uint64_t seed) {
  generate_options o;
  o.template_ = seed % 2 ? template_id::t2019 : template_id::t2021;
  o.local_additions = seed % 3 == 0;
  o.blank_zero_rate = seed % 4 == 0 ? 0.3 : 0.0;
  o.max_count = seed % 5 == 0 ? 4000 : 40;
  return generate_report(seed, o);
}

// What differs between a report and the one read back: template, title, narrative, cells.
std::vector<std::string> report_differences(const report& e, const report& a) {
  std::vector<std::string> out;
  if (e.template_ != a.template_) out.push_back("template");
  if (e.meta.title != a.meta.title) out.push_back("title '" + a.meta.title + "'");
  boost::mp11::mp_for_each<
      boost::describe::describe_members<narrative_text, boost::describe::mod_public>>([&](auto d) {
    if (e.narrative.*d.pointer != a.narrative.*d.pointer)
      out.push_back(std::string("narrative.") + d.name);
  });
  std::map<std::string, const cell*> read;
  for_each_cell(a, [&](std::string_view path, const cell& c) { read.emplace(std::string(path), &c); });
  for_each_cell(e, [&](std::string_view path, const cell& c) {
    const auto it = read.find(std::string(path));
    if (it == read.end() || !(*it->second == c))
      out.push_back(std::string(path) + " '" + c.raw + "' read as '" +
                    (it == read.end() ? std::string("nothing") : it->second->raw) + "'");
  });
  return out;
}

// A package whose word/document.xml declares `encoding` and holds `body` as given (any bytes).
std::string docx_declaring(const std::string& encoding, const std::string& body) {
  return detail::write_zip(
      {{"word/document.xml",
        "<?xml version=\"1.0\" encoding=\"" + encoding + "\" standalone=\"yes\"?><w:document xmlns:w=\"" +
            w_ns + "\"><w:body>" + body + "</w:body></w:document>",
        true}});
}

std::string to_gb2312(const std::string& utf8) { return encode(utf8, "GB2312"); }

// The encodings the fuzzers found libxml2 printing about (issue 19).
const std::vector<std::string> misdeclared = {"GB2312",      "BIG5",      "SHIFT_JIS", "EUC-JP",
                                               "ISO-2022-JP", "UCS-4"};

} // namespace

TEST_SUITE("read_docx") {

TEST_CASE("the blank 2021 template reads into its three tables with their merged cells") {
  const auto r = read_docx(template_bytes(), "template-2021-blank.docx");
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
  CHECK(r.value.format == "docx");
  const auto tables = of_kind(r.value, block_kind::table);
  REQUIRE(tables.size() == 3);

  // 二: four item tables stacked in one Word table, 4 grid columns.
  const auto& t2 = tables[0]->table.rows;
  REQUIRE(t2.size() == 14);
  for (const auto& row : t2) CHECK(row.size() == 4);
  CHECK(t2[0][0].text == "第二十条第（一）项");
  CHECK(t2[0][0].col_span == 4);
  CHECK(covered(t2[0]) == std::vector<bool>{false, true, true, true});
  CHECK(texts(t2[1]) == std::vector<std::string>{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"});
  CHECK(t2[3][0].text == "行政规范性文件");
  CHECK(t2[5][1].text == "本年处理决定数量");
  CHECK(t2[5][1].col_span == 3);
  CHECK(t2[13][0].text == "行政事业性收费");
  // Data cells (full-width spaces only in the file) are empty.
  for (std::size_t r2 : {2u, 3u, 6u, 9u, 10u, 13u})
    for (std::size_t c = 1; c < 4; ++c) CHECK(t2[r2][c].text.empty());

  // 三: 28 rows × 10 grid columns; the corner spans 3×3, 三、本年度办理结果 22 rows.
  const auto& t3 = tables[1]->table.rows;
  REQUIRE(t3.size() == 28);
  for (const auto& row : t3) CHECK(row.size() == 10);
  CHECK(t3[0][0].text.starts_with("（本列数据的勾稽关系为"));
  CHECK(t3[0][0].row_span == 3);
  CHECK(t3[0][0].col_span == 3);
  CHECK(t3[2][2].covered);
  CHECK(t3[2][2].text == t3[0][0].text);
  CHECK(t3[0][3].text == "申请人情况");
  CHECK(t3[0][3].col_span == 7);
  CHECK(t3[1][3].text == "自然人");
  CHECK(t3[1][3].row_span == 2);
  CHECK(t3[2][3].covered);
  CHECK(t3[2][4].text == "商业 企业"); // two paragraphs in the cell, joined with a space
  CHECK(t3[1][9].text == "总计");
  CHECK(t3[5][0].text == "三、本年度办理结果");
  CHECK(t3[5][0].row_span == 22);
  CHECK(t3[26][0].covered);
  CHECK(t3[26][0].text == "三、本年度办理结果");
  CHECK(t3[7][1].text == "（三）不予公开");
  CHECK(t3[7][1].row_span == 8);
  CHECK(t3[7][2].text == "1.属于国家秘密");
  CHECK(t3[26][1].text == "（七）总计");
  CHECK(t3[26][1].col_span == 2);
  CHECK(t3[27][0].text == "四、结转下年度继续办理");
  for (std::size_t r3 = 3; r3 < 28; ++r3)
    for (std::size_t c = 3; c < 10; ++c) {
      CAPTURE(r3);
      CAPTURE(c);
      CHECK(t3[r3][c].text.empty());
      CHECK_FALSE(t3[r3][c].covered);
    }

  // 四: 4 rows × 15 columns, 行政复议 over 5 and 行政诉讼 over 10, an empty data row.
  const auto& t4 = tables[2]->table.rows;
  REQUIRE(t4.size() == 4);
  for (const auto& row : t4) CHECK(row.size() == 15);
  CHECK(t4[0][0].text == "行政复议");
  CHECK(t4[0][0].col_span == 5);
  CHECK(t4[0][5].text == "行政诉讼");
  CHECK(t4[0][5].col_span == 10);
  CHECK(t4[1][0].text == "结果维持");
  CHECK(t4[1][0].row_span == 2);
  CHECK(t4[1][1].text == "结果 纠正"); // a w:br inside a cell is a space
  CHECK(t4[2][4].covered);
  CHECK(t4[1][10].text == "复议后起诉");
  CHECK(t4[2][14].text == "总计");
  for (const auto& c : t4[3]) CHECK(c.text.empty());

  // The prose: WPS marks no heading styles, so the six headings are paragraphs.
  std::vector<std::string> paragraphs;
  for (const block* b : of_kind(r.value, block_kind::paragraph)) paragraphs.push_back(b->text);
  CHECK(of_kind(r.value, block_kind::heading).empty());
  REQUIRE(paragraphs.size() == 10);
  CHECK(paragraphs[0] == "政府信息公开工作年度报告格式模板");
  CHECK(paragraphs[1] == "一、总体情况");
  CHECK(paragraphs[9] == "（文字描述，收取信息处理费情况在此处报告。）");
}

TEST_CASE("positions count the body's paragraphs and the tables' rows") {
  const auto r = read_docx(template_bytes(), "t.docx");
  // 一、总体情况 is the fourth paragraph of the body (the first and third are empty).
  const auto paragraphs = of_kind(r.value, block_kind::paragraph);
  REQUIRE(paragraphs.size() > 1);
  CHECK(paragraphs[1]->span == source_span{4, 1});
  const auto tables = of_kind(r.value, block_kind::table);
  REQUIRE(tables.size() == 3);
  // Rows follow one another; a cell's column is its grid column.
  const auto& t3 = tables[1]->table;
  CHECK(t3.rows[1][3].span.line == t3.span.line + 1);
  CHECK(t3.rows[1][3].span.column == 4);
  CHECK(t3.rows[27][9].span == source_span{t3.span.line + 27, 10});
  // A covered position keeps the position of its cell.
  CHECK(t3.rows[26][0].span == t3.rows[5][0].span);
  for (const auto& b : r.value.blocks) {
    CHECK(b.span.known());
    for (const auto& row : b.table.rows)
      for (const auto& c : row) CHECK(c.span.known());
  }
}

TEST_CASE("the blank template extracts as a 2021 report with blank application and proactive cells") {
  const auto d = read_docx(template_bytes(), "t.docx");
  const auto r = extract_report(d.value);
  CHECK(r.value.template_ == template_id::t2021);
  CHECK_FALSE(has_errors(r.diagnostics));
  std::size_t blank = 0;
  for_each_cell(r.value, [&](std::string_view path, const cell& c) {
    if (!path.starts_with("applications") && !path.starts_with("proactive")) return;
    // The template has no local additions: 小计 rows and columns are absent, the rest blank.
    if (path.find("subtotal") != std::string_view::npos) {
      CHECK(c.state == cell_state::absent);
      return;
    }
    CAPTURE(path);
    CHECK(c.state == cell_state::blank);
    ++blank;
  });
  CHECK(blank == 25 * 7 + 10);
}

// Section 四's data row of the blank template has no number at all: a row of blank cells as wide
// as the table is read as its data, 15 blank cells.
TEST_CASE("the blank template's review cells extract as blank") {
  const auto r = extract_report(read_docx(template_bytes(), "t.docx").value);
  for_each_cell(r.value, [&](std::string_view path, const cell& c) {
    if (!path.starts_with("reviews")) return;
    CAPTURE(path);
    CHECK(c.state == cell_state::blank);
  });
}

TEST_CASE("text split across runs is joined, tabs and breaks become spaces or new paragraphs") {
  const std::string body =
      "<w:p><w:r><w:t>（一）</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>予以</w:t></w:r>"
      "<w:r><w:t xml:space=\"preserve\">公开 </w:t></w:r></w:p>"
      "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
      "<w:p/>"
      "<w:p><w:r><w:t>x&amp;y&#x4E00;</w:t></w:r></w:p>";
  const auto r = read_docx(docx_with(body), "b.docx");
  CHECK(r.ok());
  REQUIRE(r.value.blocks.size() == 5);
  CHECK(r.value.blocks[0].text == "（一）予以公开");
  CHECK(r.value.blocks[1].text == "a b");
  CHECK(r.value.blocks[2].text == "第一行");
  CHECK(r.value.blocks[3].text == "第二行");
  CHECK(r.value.blocks[2].span == r.value.blocks[3].span);
  CHECK(r.value.blocks[2].span == source_span{3, 1});
  CHECK(r.value.blocks[4].text == "x&y一");
  CHECK(r.value.blocks[4].span == source_span{5, 1}); // the empty paragraph counts
}

TEST_CASE("headings come from the paragraph style's name, its outline level or the paragraph's") {
  // Chinese Word and WPS name styles by number: the name tells the level.
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"zt\"><w:name w:val=\"标题 3\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"ol\"><w:name w:val=\"My section\"/>"
      "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"inherit\"><w:name w:val=\"Mine\"/>"
      "<w:basedOn w:val=\"ol\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"Body\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"t\"><w:name w:val=\"Title\"/></w:style>";
  auto styled = [](const std::string& id, const std::string& text) {
    return "<w:p><w:pPr><w:pStyle w:val=\"" + id + "\"/></w:pPr><w:r><w:t>" + text +
           "</w:t></w:r></w:p>";
  };
  const std::string body =
      styled("t", "2022年度报告") + styled("2", "一、总体情况") + styled("zt", "（一）小节") +
      styled("ol", "大纲") + styled("inherit", "继承") + styled("Heading1", "正文") +
      "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>直接</w:t></w:r></w:p>" +
      "<w:p><w:pPr><w:pStyle w:val=\"2\"/><w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>正文级别</w:t></w:r></w:p>" +
      "<w:p><w:pPr><w:pStyle w:val=\"2\"/></w:pPr><w:r><w:t>标题</w:t><w:br/><w:t>续行</w:t></w:r></w:p>";
  const auto r = read_docx(docx_with(body, styles));
  REQUIRE(r.value.blocks.size() == 9);
  const std::vector<std::pair<block_kind, int>> expected = {
      {block_kind::heading, 1}, {block_kind::heading, 2},   {block_kind::heading, 3},
      {block_kind::heading, 1}, {block_kind::heading, 1},   {block_kind::paragraph, 0},
      {block_kind::heading, 2}, {block_kind::paragraph, 0}, {block_kind::heading, 2}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(r.value.blocks[i].text);
    CHECK(r.value.blocks[i].kind == expected[i].first);
    CHECK(r.value.blocks[i].level == expected[i].second);
  }
  CHECK(r.value.blocks[8].text == "标题 续行"); // a heading keeps its lines together

  // Without styles.xml the style id itself may name the heading.
  const auto bare = read_docx(docx_with(styled("Heading3", "三级"))).value;
  REQUIRE(bare.blocks.size() == 1);
  CHECK(bare.blocks[0].kind == block_kind::heading);
  CHECK(bare.blocks[0].level == 3);
}

TEST_CASE("gridSpan, vMerge, hMerge and gridBefore expand into a true grid") {
  const std::string body =
      "<w:tbl>"
      "<w:tr>" + tc("角", "<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>") + tc("A") + tc("B") + "</w:tr>"
      "<w:tr>" + tc("", "<w:gridSpan w:val=\"2\"/><w:vMerge/>") + tc("1") + tc("2") + "</w:tr>"
      "<w:tr>" + tc("横", "<w:hMerge w:val=\"restart\"/>") + tc("", "<w:hMerge/>") + tc("3") + tc("4") + "</w:tr>"
      "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" + tc("5") + tc("6") + "</w:tr>"
      "<w:tr>" + tc("x") + tc("", "<w:vMerge/>") + tc("7") + tc("8") + "</w:tr>"
      "</w:tbl>";
  const auto r = read_docx(docx_with(body));
  CHECK(r.ok());
  const auto tables = of_kind(r.value, block_kind::table);
  REQUIRE(tables.size() == 1);
  const auto& rows = tables[0]->table.rows;
  REQUIRE(rows.size() == 5);
  CHECK(texts(rows[0]) == std::vector<std::string>{"角", "角", "A", "B"});
  CHECK(covered(rows[0]) == std::vector<bool>{false, true, false, false});
  CHECK(rows[0][0].row_span == 2);
  CHECK(rows[0][0].col_span == 2);
  CHECK(texts(rows[1]) == std::vector<std::string>{"角", "角", "1", "2"});
  CHECK(covered(rows[1]) == std::vector<bool>{true, true, false, false});
  CHECK(texts(rows[2]) == std::vector<std::string>{"横", "横", "3", "4"});
  CHECK(rows[2][0].col_span == 2);
  CHECK(covered(rows[2]) == std::vector<bool>{false, true, false, false});
  CHECK(texts(rows[3]) == std::vector<std::string>{"", "", "5", "6"});
  CHECK(covered(rows[3]) == std::vector<bool>{false, false, false, false});
  // A continuation with nothing of its width above is a cell of its own.
  CHECK(texts(rows[4]) == std::vector<std::string>{"x", "", "7", "8"});
  CHECK_FALSE(rows[4][1].covered);
  CHECK(rows[1][2].span == source_span{2, 3});
}

TEST_CASE("tables in tables: the outer table is layout, the inner one a table block") {
  const std::string inner = "<w:tbl><w:tr>" + tc("规章") + tc("1") + "</w:tr><w:tr>" + tc("行政规范性文件") +
                            tc("2") + "</w:tr></w:tbl>";
  const std::string body = "<w:tbl><w:tr><w:tc>" + p("前言") + inner + p("后记") + "</w:tc>" + tc("右") +
                           "</w:tr></w:tbl>" +
                           // A one-column table (a frame around text) flows out as paragraphs.
                           "<w:tbl><w:tr>" + tc("框内文字") + "</w:tr></w:tbl>";
  const auto r = read_docx(docx_with(body));
  std::vector<std::string> seq;
  for (const auto& b : r.value.blocks)
    seq.push_back(b.kind == block_kind::table ? "[table " + b.table.rows[1][0].text + "]" : b.text);
  CHECK(seq == std::vector<std::string>{"前言", "[table 行政规范性文件]", "后记", "右", "框内文字"});
}

TEST_CASE("deleted text, old revision properties and alternate-content fallbacks are not read") {
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"H\"><w:name w:val=\"heading 1\"/></w:style>";
  const std::string body =
      "<w:p><w:pPr><w:pPrChange w:id=\"1\"><w:pPr><w:pStyle w:val=\"H\"/></w:pPr></w:pPrChange></w:pPr>"
      "<w:r><w:t>保留</w:t></w:r><w:del w:id=\"2\"><w:r><w:tab/><w:delText>删除</w:delText></w:r></w:del>"
      "<w:ins w:id=\"3\"><w:r><w:t>插入</w:t></w:r></w:ins></w:p>"
      "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>" +
      p("文本框") +
      "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>" + p("文本框") +
      "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>外</w:t></w:r></w:p>";
  const auto r = read_docx(docx_with(body, styles));
  CHECK(r.ok());
  REQUIRE(r.value.blocks.size() == 3);
  CHECK(r.value.blocks[0].text == "保留插入");
  CHECK(r.value.blocks[0].kind == block_kind::paragraph);
  CHECK(r.value.blocks[1].text == "文本框"); // a text box comes before its anchor paragraph
  CHECK(r.value.blocks[2].text == "外");
}

TEST_CASE("read_document detects a DOCX by its bytes and reads it") {
  const auto d = read_document(template_bytes(), read_options{"upload.bin", input_format::automatic});
  CHECK(d.value.format == "docx");
  CHECK(d.value.source == "upload.bin");
  CHECK(of_kind(d.value, block_kind::table).size() == 3);
}

TEST_CASE("write_docx reads back to the same grids, the template included") {
  const document original = read_docx(template_bytes()).value;
  const std::string bytes = write_docx(original);
  REQUIRE(bytes.starts_with("PK\x03\x04"));
  CHECK(write_docx(original) == bytes); // deterministic
  const auto back = read_docx(bytes);
  CHECK(back.ok());
  CHECK(grid_differences(original, back.value).empty());

  // Headings, tabs and line breaks survive; so do a sloppy grid's rows of different lengths.
  document d;
  d.blocks.push_back(block{block_kind::heading, "2022年度报告", 1, {}, {}});
  d.blocks.push_back(block{block_kind::heading, "一、总体情况", 2, {}, {}});
  d.blocks.push_back(block{block_kind::paragraph, "a <b> & \"c\"", 0, {}, {}});
  block t{block_kind::table, {}, 0, {}, {}};
  t.table.rows = {{{"x"}, {"y"}, {"z"}}, {{"1"}, {"2"}}};
  d.blocks.push_back(t);
  d.blocks.push_back(t); // two tables in a row stay two tables
  const auto r = read_docx(write_docx(d));
  CHECK(r.ok());
  CHECK(grid_differences(d, r.value).empty());
}

// Every seed's rendered document must come back grid for grid; every fifth (both templates, all
// generator options) goes on through the extractor, the slow part in a debug build.
TEST_CASE("generated reports survive render_document, write_docx, read_docx and extract_report") {
  std::size_t failures = 0, extracted = 0;
  std::string first;
  for (std::uint64_t seed = 1; seed <= 250; ++seed) {
    const report r = sample(seed);
    const document d = render_document(r);
    const auto read = read_docx(write_docx(d), "r.docx");
    REQUIRE(read.ok());
    auto diffs = grid_differences(d, read.value);
    if (seed % 5 == 0) {
      ++extracted;
      const auto back = extract_report(read.value);
      const auto cells = report_differences(r, back.value);
      diffs.insert(diffs.end(), cells.begin(), cells.end());
    }
    if (!diffs.empty() && failures++ == 0) {
      first = "seed " + std::to_string(seed) + ":";
      for (std::size_t i = 0; i < diffs.size() && i < 10; ++i) first += "\n  " + diffs[i];
    }
  }
  CAPTURE(first);
  CHECK(failures == 0);
  CHECK(extracted == 50);
}

TEST_CASE("a zip bomb is refused before it is unpacked") {
  // 48 MiB of one byte deflate to ~48 KiB: a ratio near 1000:1.
  std::vector<detail::zip_entry> e;
  e.push_back({"word/document.xml", std::string(std::size_t{48} << 20, ' '), true});
  const std::string bytes = detail::write_zip(e);
  REQUIRE(!bytes.empty());
  CHECK(bytes.size() < (std::size_t{1} << 20));
  const auto r = read_docx(bytes, "bomb.docx");
  CHECK_FALSE(r.ok());
  CHECK(has_rule(r.diagnostics, "docx.zip_bomb"));
  CHECK(r.value.blocks.empty());
  CHECK(r.diagnostics.at(0).position.file == "bomb.docx");
}

TEST_CASE("an oversized document part is refused") {
  std::vector<detail::zip_entry> e;
  e.push_back({"word/document.xml", std::string((std::size_t{64} << 20) + 1, 'x'), false});
  const auto r = read_docx(detail::write_zip(e));
  CHECK(has_rule(r.diagnostics, "docx.too_large"));
  CHECK_FALSE(has_rule(r.diagnostics, "docx.zip_bomb"));
}

TEST_CASE("too many entries are refused") {
  std::vector<detail::zip_entry> e;
  for (int i = 0; i <= 10000; ++i) e.push_back({"x/" + std::to_string(i), "", false});
  e.push_back({"word/document.xml", "<w:document/>", false});
  const auto r = read_docx(detail::write_zip(e));
  CHECK(has_rule(r.diagnostics, "docx.too_many_entries"));
}

TEST_CASE("deeply nested XML stops with a diagnostic, keeping what came before") {
  std::string body = p("之前");
  for (int i = 0; i < 5000; ++i) body += "<w:sdt><w:sdtContent>";
  for (int i = 0; i < 5000; ++i) body += "</w:sdtContent></w:sdt>";
  const auto r = read_docx(docx_with(body), "deep.docx");
  CHECK_FALSE(r.ok());
  CHECK(has_rule(r.diagnostics, "docx.xml_too_deep"));
  REQUIRE_FALSE(r.value.blocks.empty());
  CHECK(r.value.blocks[0].text == "之前");
}

TEST_CASE("entity declarations are refused and never expanded (billion laughs, external entities)") {
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY lol \"lol\">";
  laughs += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">";
  for (int i = 2; i <= 9; ++i)
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"" + [&] {
      std::string s;
      for (int k = 0; k < 10; ++k) s += "&lol" + std::to_string(i - 1) + ";";
      return s;
    }() + "\">";
  laughs += std::string("]><w:document xmlns:w=\"") + w_ns +
            "\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  const std::string external =
      std::string("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                  "<w:document xmlns:w=\"") +
      w_ns + "\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  for (const std::string& xml : {laughs, external}) {
    const auto r = read_docx(detail::write_zip({{"word/document.xml", xml, true}}));
    CHECK(has_rule(r.diagnostics, "docx.xml_entities"));
    for (const auto& b : r.value.blocks) {
      CHECK(b.text.find("lol") == std::string::npos);
      CHECK(b.text.find("root") == std::string::npos);
    }
  }
}

TEST_CASE("broken archives and non-DOCX bytes are reported, never a crash") {
  const std::string good = write_docx(read_docx(template_bytes()).value);
  // Cut anywhere: the central directory is at the end, so every cut is a broken archive.
  for (std::size_t cut : {std::size_t{0}, std::size_t{3}, std::size_t{100}, good.size() / 2, good.size() - 1}) {
    const auto r = read_docx(std::string_view(good).substr(0, cut), "cut.docx");
    CAPTURE(cut);
    CHECK(has_rule(r.diagnostics, "docx.broken_archive"));
    CHECK(r.value.blocks.empty());
  }
  CHECK(has_rule(read_docx("hello, world").diagnostics, "docx.broken_archive"));
  // Damaged compressed data: the archive opens, the entry does not unpack (or parse).
  std::string damaged = good;
  std::size_t name = damaged.find("word/document.xml");
  while (name != std::string::npos && (name < 30 || damaged.compare(name - 30, 4, "PK\x03\x04") != 0))
    name = damaged.find("word/document.xml", name + 1); // the local file header's name
  REQUIRE(name != std::string::npos);
  const auto extra = static_cast<std::size_t>(static_cast<unsigned char>(damaged[name - 2])) |
                     static_cast<std::size_t>(static_cast<unsigned char>(damaged[name - 1])) << 8;
  const std::size_t at = name + 17 + extra + 16; // inside the deflated data
  for (std::size_t i = at; i < at + 64 && i < damaged.size(); ++i) damaged[i] = static_cast<char>(~damaged[i]);
  const auto d = read_docx(damaged);
  CHECK_FALSE(d.ok());
  // A ZIP that is not a Word document.
  const auto z = read_docx(detail::write_zip({{"hello.txt", "hi", true}}));
  CHECK(has_rule(z.diagnostics, "docx.missing_document"));
  // A password-protected DOCX or an old .doc (an OLE compound file).
  const auto ole = read_docx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  CHECK(has_rule(ole.diagnostics, "docx.legacy_or_encrypted"));
  // XML that breaks off: what came before the error is kept.
  const auto x = read_docx(detail::write_zip(
      {{"word/document.xml", std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body>" + p("开头") + "<w:p><w:r>", true}}));
  CHECK(has_rule(x.diagnostics, "docx.xml_malformed"));
  REQUIRE(x.value.blocks.size() == 1);
  CHECK(x.value.blocks[0].text == "开头");
}

TEST_CASE("a document.xml that declares an encoding its UTF-8 bytes are not in fails cleanly and "
          "libxml2 prints nothing") {
  const std::string body = p("某区市场监督管理局2021年政府信息公开工作年度报告") + p("一、总体情况");
  for (const std::string& encoding : misdeclared) {
    CAPTURE(encoding);
    result<document> r;
    const std::string printed =
        stderr_of([&] { r = read_docx(docx_declaring(encoding, body), "declared.docx"); });
    CHECK(printed.empty()); // was: "encoding error : input conversion failed…", "I/O error : encoder error"
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    const diagnostic& d = r.diagnostics[0];
    CHECK(d.rule == "docx.xml_encoding");
    CHECK(d.level == severity::error);
    CHECK(d.position.file == "declared.docx");
    CHECK(d.found.starts_with("word/document.xml: encoding=\"" + encoding + "\""));
    CHECK(d.message.find(encoding) != std::string::npos);
  }
  // Bytes that are in the declared encoding read as ever.
  const auto gb = read_docx(docx_declaring("GB2312", to_gb2312(body)));
  CHECK(gb.ok());
  CHECK(gb.diagnostics.empty());
  REQUIRE(gb.value.blocks.size() == 2);
  CHECK(gb.value.blocks[1].text == "一、总体情况");
}

TEST_CASE("a NUL byte in document.xml is malformed XML, reported and not printed") {
  const std::string xml = std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body>" + p("开头");
  for (const std::string& bytes :
       {std::string(1, '\0') + xml + "</w:body></w:document>",
        xml + std::string(1, '\0') + p("之后") + "</w:body></w:document>"}) {
    result<document> r;
    const std::string printed = stderr_of(
        [&] { r = read_docx(detail::write_zip({{"word/document.xml", bytes, true}})); });
    CHECK(printed.empty());
    CHECK(has_rule(r.diagnostics, "docx.xml_malformed"));
  }
}

TEST_CASE("libxml2's messages are captured on every thread at once, none printed") {
  const std::string bad = docx_declaring("GB2312", p("某区市场监督管理局"));
  std::atomic<int> failures{0};
  const std::string printed = stderr_of([&] {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 25; ++i) {
          const auto r = read_docx(bad);
          if (r.diagnostics.size() != 1 || r.diagnostics[0].rule != "docx.xml_encoding") ++failures;
        }
      });
    for (auto& t : threads) t.join();
  });
  CHECK(failures == 0);
  CHECK(printed.empty());
}

namespace {
int caller_generic_calls = 0;
int caller_structured_calls = 0;
void caller_generic(void*, const char*, ...) { ++caller_generic_calls; }
void caller_structured(void*, xmlErrorPtr) { ++caller_structured_calls; }
} // namespace

TEST_CASE("a caller's own libxml2 error handlers are left in place and see none of our messages") {
  int context = 0;
  xmlSetGenericErrorFunc(&context, caller_generic);
  xmlSetStructuredErrorFunc(&context, caller_structured);
  const auto r = read_docx(docx_declaring("BIG5", p("某区市场监督管理局")));
  CHECK(has_rule(r.diagnostics, "docx.xml_encoding"));
  CHECK(read_html(std::string(3, '\0') + "<p>表</p>").value.blocks.size() == 1);
  CHECK((xmlGenericError == caller_generic));
  CHECK(xmlGenericErrorContext == &context);
  CHECK((xmlStructuredError == caller_structured));
  CHECK(xmlStructuredErrorContext == &context);
  CHECK(caller_generic_calls == 0);
  CHECK(caller_structured_calls == 0);
  xmlSetGenericErrorFunc(nullptr, nullptr);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
}

} // TEST_SUITE
