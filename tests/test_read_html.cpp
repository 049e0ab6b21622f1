#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <iconv.h>

#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

namespace {

std::string to_gbk(const std::string& utf8) { return encode(utf8, "GBK"); }

// The rule ids of a result's diagnostics.
std::vector<std::string> rules_of(const std::vector<diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.rule);
  return out;
}

std::string golden_2021_html() {
  return slurp(std::string(GOVDISCLOSE_TEST_DATA) + "/golden/render/report-2021.html");
}

} // namespace

TEST_SUITE("read_html") {

TEST_CASE("rowspan and colspan expand into a true grid") {
  const std::string html = "<table>"
                           "<tr><td rowspan=3>A</td><td colspan=2>B</td><td>C</td></tr>"
                           "<tr><td>D</td><td rowspan=2 colspan=2>E</td></tr>"
                           "<tr><td>F</td></tr>"
                           "<tr><td>G</td><td>H</td><td>I</td><td>J</td></tr>"
                           "</table>";
  const auto r = read_html(html);
  CHECK(r.ok());
  const auto tables = of_kind(r.value, block_kind::table);
  REQUIRE(tables.size() == 1);
  const auto& rows = tables[0]->table.rows;
  REQUIRE(rows.size() == 4);
  CHECK(texts(rows[0]) == std::vector<std::string>{"A", "B", "B", "C"});
  CHECK(covered(rows[0]) == std::vector<bool>{false, false, true, false});
  CHECK(texts(rows[1]) == std::vector<std::string>{"A", "D", "E", "E"});
  CHECK(covered(rows[1]) == std::vector<bool>{true, false, false, true});
  CHECK(texts(rows[2]) == std::vector<std::string>{"A", "F", "E", "E"});
  CHECK(covered(rows[2]) == std::vector<bool>{true, false, true, true});
  CHECK(texts(rows[3]) == std::vector<std::string>{"G", "H", "I", "J"});
  CHECK(rows[0][0].row_span == 3);
  CHECK(rows[0][1].col_span == 2);
  CHECK(rows[1][2].row_span == 2);
  CHECK(rows[1][2].col_span == 2);
  CHECK(rows[1][0].row_span == 1); // covered positions carry no spans
  CHECK(rows[1][0].span == rows[0][0].span); // and point at their cell
}

TEST_CASE("a rowspan past the last row adds no rows and a gap before a covered position is "
          "filled") {
  const auto r = read_html("<table><tr><td>a</td><td>b</td><td rowspan=5>c</td></tr>"
                           "<tr><td>d</td></tr></table>");
  const auto& rows = of_kind(r.value, block_kind::table).at(0)->table.rows;
  REQUIRE(rows.size() == 2);
  CHECK(texts(rows[1]) == std::vector<std::string>{"d", "", "c"});
  CHECK(covered(rows[1]) == std::vector<bool>{false, false, true});
}

TEST_CASE("cell text is joined from p, span, br and nbsp with white space folded") {
  const std::string html =
      "<table><tr><th>信息内容</th><th>数量</th></tr>"
      "<tr><td><p class=MsoNormal><span style='font-size:12.0pt;font-family:仿宋'>（二）部分"
      "<o:p></o:p></span></p><p>公开</p></td><td>&nbsp;</td></tr>"
      "<tr><td>1.属于<br>国家秘密</td><td>\n  ０ \n</td></tr></table>";
  const auto r = read_html(html);
  const auto& rows = of_kind(r.value, block_kind::table).at(0)->table.rows;
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][0].header);
  CHECK_FALSE(rows[1][0].header);
  CHECK(texts(rows[1]) == std::vector<std::string>{"（二）部分 公开", ""});
  CHECK(texts(rows[2]) == std::vector<std::string>{"1.属于 国家秘密", "０"});
}

TEST_CASE("headings, paragraphs, br-separated lines and list items become blocks") {
  const std::string html = "<html><body><h2>一、总体情况</h2><p>第一行<br/>第二行</p>"
                           "<div>块<div>内块</div></div><ul><li>甲</li><li>乙</li></ul>"
                           "<h6>小</h6></body></html>";
  const auto r = read_html(html);
  std::vector<std::string> got;
  for (const auto& b : r.value.blocks) got.push_back(b.text);
  CHECK(got == std::vector<std::string>{"一、总体情况", "第一行", "第二行", "块", "内块", "甲", "乙",
                                        "小"});
  CHECK(r.value.blocks[0].kind == block_kind::heading);
  CHECK(r.value.blocks[0].level == 2);
  CHECK(r.value.blocks[7].level == 6);
  CHECK(r.value.blocks[1].kind == block_kind::paragraph);
  CHECK(r.value.blocks[1].level == 0);
}

TEST_CASE("script, style, noscript and title are dropped; site chrome text is kept") {
  const std::string html = "<html><head><title>站名</title><style>td{}</style>"
                           "<script>document.write('<p>x</p>')</script></head><body>"
                           "<div class=nav><a href=/>首页</a> &gt; <a>公开</a></div>"
                           "<noscript>请启用脚本</noscript><p>正文</p>"
                           "<footer>版权所有</footer></body></html>";
  const auto r = read_html(html);
  std::vector<std::string> got;
  for (const auto& b : r.value.blocks) got.push_back(b.text);
  CHECK(got == std::vector<std::string>{"首页 > 公开", "正文", "版权所有"});
}

TEST_CASE("Word conditional comments are dropped and what they wrap is kept") {
  const std::string html = "<p><!--[if !supportLists]-->7、<!--[endif]-->条目</p>"
                           "<p><![if !supportLists]>8、<![endif]>条目</p><p>a &lt; b</p>";
  const auto r = read_html(html);
  REQUIRE(r.value.blocks.size() == 3);
  CHECK(r.value.blocks[0].text == "7、条目");
  CHECK(r.value.blocks[1].text == "8、条目");
  CHECK(r.value.blocks[2].text == "a < b");
}

TEST_CASE("a layout table wrapping content and a data table gives paragraphs and one table") {
  const std::string html = "<table width=100%><tr><td class=nav>导航</td></tr><tr><td>"
                           "<h1>报告</h1><p>一、总体情况</p>"
                           "<table border=1><tr><td>规章</td><td>0</td></tr>"
                           "<tr><td>规范性文件</td><td>5</td></tr></table>"
                           "<p>二、后文</p></td></tr></table>";
  const auto r = read_html(html);
  std::vector<std::string> got;
  for (const auto& b : r.value.blocks) got.push_back(b.kind == block_kind::table ? "<table>" : b.text);
  CHECK(got == std::vector<std::string>{"导航", "报告", "一、总体情况", "<table>", "二、后文"});
  const auto tables = of_kind(r.value, block_kind::table);
  REQUIRE(tables.size() == 1);
  CHECK(texts(tables[0]->table.rows[1]) == std::vector<std::string>{"规范性文件", "5"});
}

TEST_CASE("single-column tables and cells full of paragraphs are layout, not data") {
  std::string long_cell;
  for (int i = 0; i < 5; ++i) long_cell += "<p>" + std::string(40, 'x') + "这是一段很长的正文。</p>";
  const std::string html = "<table><tr><td>甲</td></tr><tr><td>乙</td></tr></table>"
                           "<table><tr><td>菜单</td><td>" + long_cell + "</td></tr></table>";
  const auto r = read_html(html);
  CHECK(of_kind(r.value, block_kind::table).empty());
  REQUIRE(r.value.blocks.size() == 8);
  CHECK(r.value.blocks[0].text == "甲");
  CHECK(r.value.blocks[2].text == "菜单");
}

TEST_CASE("positions are line:column in code points of the decoded text") {
  const std::string html = "<html>\n<body>\n  <p>中文段落</p>\n<table>\n"
                           "<tr><td>标签</td><td>\n 7</td></tr>\n<tr><td>x</td><td>y</td></tr>\n"
                           "</table>\n";
  const auto r = read_html(html);
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[0].span == source_span{3, 6});
  CHECK(r.value.blocks[1].span == source_span{4, 1});
  const auto& rows = r.value.blocks[1].table.rows;
  CHECK(rows[0][0].span == source_span{5, 5});
  CHECK(rows[0][1].span == source_span{5, 16}); // 标签 is two code points
  CHECK(rows[1][1].span.line == 7);
}

TEST_CASE("a GBK page declared by meta charset decodes, positions and all") {
  const std::string utf8 = "<html><head><meta http-equiv=\"Content-Type\" "
                           "content=\"text/html; charset=gb2312\"></head>\n<body><p>政府信息公开</p>"
                           "<table><tr><td>行政许可</td><td>１２</td></tr></table></body></html>";
  const std::string gbk = to_gbk(utf8);
  REQUIRE(gbk != utf8);
  const auto r = read_html(gbk, "page.html");
  CHECK(r.diagnostics.empty());
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[0].text == "政府信息公开");
  CHECK(r.value.blocks[0].span == source_span{2, 10});
  CHECK(texts(r.value.blocks[1].table.rows[0]) == std::vector<std::string>{"行政许可", "１２"});
  CHECK(r.value.blocks == read_html(utf8, "page.html").value.blocks);
}

TEST_CASE("a GBK page without a declaration is detected, and a UTF-8 page declaring GBK is "
          "read as UTF-8") {
  const std::string utf8 = "<p>本年新收政府信息公开申请数量</p>";
  const auto gbk = read_html(to_gbk(utf8));
  REQUIRE(gbk.value.blocks.size() == 1);
  CHECK(gbk.value.blocks[0].text == "本年新收政府信息公开申请数量");
  const auto lying = read_html("<meta charset=gbk><p>本年新收</p>");
  REQUIRE(lying.value.blocks.size() == 1);
  CHECK(lying.value.blocks[0].text == "本年新收");
  REQUIRE(lying.diagnostics.size() == 1);
  CHECK(lying.diagnostics[0].rule == "encoding.mismatch");
}

TEST_CASE("broken and hostile markup never crashes and keeps what it can") {
  for (const std::string& html :
       {std::string(), std::string("<"), std::string("<table><tr><td>a<td>b<tr><td>c"),
        std::string("</table></td><td>x"), std::string("<td colspan=99999999>z</td>"),
        std::string("<table><tr><td rowspan=0 colspan=-3>q</td><td>r</td></tr></table>"),
        std::string("<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><p>&x;</p>"),
        std::string("\0\xFF<p>\xFE</p>", 10)}) {
    const auto r = read_html(html);
    for (const auto& b : r.value.blocks) CHECK(b.text.find("root:") == std::string::npos);
  }
  const auto r = read_html("<table><tr><td>a<td>b<tr><td>c");
  const auto tables = of_kind(r.value, block_kind::table);
  REQUIRE(tables.size() == 1);
  CHECK(texts(tables[0]->table.rows[0]) == std::vector<std::string>{"a", "b"});
  CHECK(texts(tables[0]->table.rows[1]) == std::vector<std::string>{"c"});
}

TEST_CASE("a huge colspan is capped at 1000 columns") {
  const auto r = read_html("<table><tr><td colspan=5000>a</td><td>b</td></tr>"
                           "<tr><td>c</td><td>d</td></tr></table>");
  const auto& rows = of_kind(r.value, block_kind::table).at(0)->table.rows;
  CHECK(rows[0].size() == 1000);
  CHECK(rows[0][0].col_span == 1000);
}

// Bytes the fuzzers found (issue 19): libxml2 ends the document at a NUL between elements and
// guesses UCS-4 from `00 00 00 3C`; control characters are spaces before parsing now.
TEST_CASE("a NUL byte before the first element keeps the whole page, with a warning at 1:1") {
  const std::string page = golden_2021_html();
  const auto clean = read_html(page, "report.html");
  REQUIRE(clean.ok());
  REQUIRE(clean.diagnostics.empty());
  result<document> r;
  const std::string printed = stderr_of([&] { r = read_html(std::string(1, '\0') + page, "report.html"); });
  CHECK(printed.empty());
  REQUIRE(r.value.blocks.size() == clean.value.blocks.size());
  for (std::size_t i = 0; i < r.value.blocks.size(); ++i) {
    const block& b = r.value.blocks[i];
    const block& c = clean.value.blocks[i];
    CHECK(b.text == c.text);
    CHECK(b.table.rows.size() == c.table.rows.size());
    // The NUL is a column of line 1: nothing else moves.
    CHECK(b.span == source_span{c.span.line, c.span.column + (c.span.line == 1 ? 1u : 0u)});
  }
  REQUIRE(r.diagnostics.size() == 1);
  const diagnostic& d = r.diagnostics[0];
  CHECK(d.rule == "input.control_characters");
  CHECK(d.level == severity::warning);
  CHECK(d.position.file == "report.html");
  CHECK(span_of(d) == source_span{1, 1});
  CHECK(d.found == "U+0000 at byte offset 0, 1 in all");
  CHECK(r.value.diagnostics == r.diagnostics);
  // And the report is the report: no document.not_template.
  const auto rep = read_report(std::string(1, '\0') + page, read_options{"report.html"});
  CHECK(rep.ok());
  CHECK(rules_of(rep.diagnostics) == std::vector<std::string>{"input.control_characters"});
}

TEST_CASE("a NUL byte between two elements ends nothing") {
  const auto r = read_html(std::string("<p>第一</p>\0<p>第二</p>", 27));
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[0].text == "第一");
  CHECK(r.value.blocks[1].text == "第二");
  CHECK(r.value.blocks[1].span == source_span{1, 14});
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "input.control_characters");
  CHECK(span_of(r.diagnostics[0]) == source_span{1, 10});
  CHECK(r.diagnostics[0].found == "U+0000 at byte offset 13, 1 in all");
}

TEST_CASE("00 00 00 3C at the start is not taken for UCS-4, and libxml2 prints nothing") {
  const std::string page = golden_2021_html();
  const auto clean = read_html(page);
  result<document> r;
  const std::string printed =
      stderr_of([&] { r = read_html(std::string(3, '\0') + page, "ucs4.html"); });
  CHECK(printed.empty()); // was: "encoding error : input conversion failed due to input error…"
  REQUIRE(r.value.blocks.size() == clean.value.blocks.size());
  for (std::size_t i = 0; i < r.value.blocks.size(); ++i)
    CHECK(r.value.blocks[i].text == clean.value.blocks[i].text);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "input.control_characters");
  CHECK(r.diagnostics[0].found == "U+0000 at byte offset 0, 3 in all");
  CHECK(read_report(std::string(3, '\0') + page, read_options{"ucs4.html"}).ok());
}

TEST_CASE("other C0 controls in text are spaces and positions after them do not move") {
  const auto r = read_html("<p>a\x01" "b\x1F" "c</p>\n<p>d\ve</p>\n<p>f\fg</p>");
  REQUIRE(r.value.blocks.size() == 3);
  CHECK(r.value.blocks[0].text == "a b c");
  CHECK(r.value.blocks[1].text == "d e");
  CHECK(r.value.blocks[1].span == source_span{2, 4});
  CHECK(r.value.blocks[2].text == "f g"); // a form feed is white space in HTML, not reported
  CHECK(r.value.blocks[2].span == source_span{3, 4});
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].found == "U+0001 at byte offset 4, 3 in all");
  CHECK(span_of(r.diagnostics[0]) == source_span{1, 5});
  // Tabs, line ends and form feeds alone are no finding.
  CHECK(read_html("<p>a\tb\r\nc\fd</p>").diagnostics.empty());
}

TEST_CASE("a GBK page with a NUL reports the position in the decoded text") {
  const std::string page = to_gbk("<p>第一</p>\n<p>第二</p>");
  const std::string bytes = page.substr(0, 7) + std::string(1, '\0') + page.substr(7);
  const auto r = read_html(bytes);
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[1].text == "第二");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(span_of(r.diagnostics[0]) == source_span{1, 6}); // after <p>第一
}

TEST_CASE("read_document picks the reader and reports unsupported formats") {
  const std::string html = "<html><body><table><tr><td>a</td><td>1</td></tr></table></body></html>";
  const auto h = read_document(html, read_options{"x.html", input_format::automatic});
  CHECK(h.value.format == "html");
  CHECK(h.value.source == "x.html");
  CHECK(of_kind(h.value, block_kind::table).size() == 1);

  const auto t = read_document("\xEF\xBB\xBF" "a\t1\nb\t2\n", read_options{"x.txt", input_format::text});
  CHECK(t.value.format == "text");
  REQUIRE(t.value.blocks.size() == 1);
  CHECK(t.value.blocks[0].table.rows[0][0].text == "a");

  const auto m = read_document("# 标题\n", read_options{"x.md", input_format::markdown});
  CHECK(m.value.format == "markdown");

  // A PDF goes to the PDF reader (a broken one is reported as such), or, in a build without
  // it, is refused as an unsupported format.
  const auto p = read_document("%PDF-1.7\n", read_options{"x.pdf", input_format::automatic});
  CHECK_FALSE(p.ok());
  CHECK(p.value.format == "pdf");
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].rule == (pdf_supported() ? "pdf.broken" : "input.unsupported_format"));
  CHECK(p.value.diagnostics == p.diagnostics);
}

} // TEST_SUITE
