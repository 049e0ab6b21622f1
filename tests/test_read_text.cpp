#include <govdisclose/readers.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace govdisclose;
using namespace govdisclose::test;

TEST_SUITE("read_text") {

TEST_CASE("the seed report reads as paragraphs and three tables with every cell") {
  const std::string bytes = slurp(GOVDISCLOSE_TEST_DATA "/zhengzhou-bigdata-2022.txt");
  REQUIRE_FALSE(bytes.empty());
  const auto r = read_text(bytes, "seed.txt");
  CHECK(r.ok());
  CHECK(r.value.format == "text");
  CHECK(r.value.source == "seed.txt");
  const auto tables = of_kind(r.value, block_kind::table);
  REQUIRE(tables.size() == 3);

  // Section 二: lines 21–34, trailing empty cells kept as published.
  const table_grid& t2 = tables[0]->table;
  CHECK(tables[0]->span == source_span{21, 1});
  REQUIRE(t2.rows.size() == 14);
  CHECK(texts(t2.rows[0]) == std::vector<std::string>{"第二十条第（一）项", "", "", ""});
  CHECK(texts(t2.rows[2]) == std::vector<std::string>{"规章", "0", "0", "0"});
  CHECK(texts(t2.rows[6]) == std::vector<std::string>{"行政许可", "0", "", ""});

  // Section 三: lines 38–66; the blank line 45 inside the table does not end it.
  const table_grid& t3 = tables[1]->table;
  CHECK(t3.span.line == 38);
  REQUIRE(t3.rows.size() == 28);
  const auto& partial = t3.rows[6]; // line 44
  CHECK(partial.front().span.line == 44);
  REQUIRE(partial.size() == 8);
  CHECK(partial[1].text == "(二) 部分公开（区分处理的，只计这一情形，不计其他情形）");
  CHECK(partial[7].text == "0");
  const auto& secret = t3.rows[7]; // line 46, after the blank line
  CHECK(secret.front().span.line == 46);
  REQUIRE(secret.size() == 10);
  CHECK(secret[0].text.empty());
  CHECK(secret[1].text == "(三) 不予公开");
  CHECK(secret[1].span == source_span{46, 2});
  CHECK(secret[2].text == "1.属于国家秘密");
  CHECK(secret[2].span == source_span{46, 2 + 8 + 1}); // "(三) 不予公开" is 8 code points
  CHECK(t3.rows.back().front().span.line == 66);

  // Section 四: one header block of three lines and the 15 numbers.
  const table_grid& t4 = tables[2]->table;
  REQUIRE(t4.rows.size() == 4);
  CHECK(t4.rows[3].size() == 15);
  CHECK(t4.rows[3][0].text == "1");

  // Paragraphs: every other non-empty line, in order, with its line.
  const block& title = r.value.blocks.front();
  CHECK(title.kind == block_kind::paragraph);
  CHECK(title.text == "郑州市大数据局2022年政府信息公开工作年度报告");
  CHECK(title.span == source_span{3, 1});
  CHECK(r.value.blocks.back().text == "(二) 2022年度市大数据局未产生、收取信息处理费。");
  CHECK(r.value.blocks.back().span.line == 89);
  std::size_t paragraphs = 0;
  for (const auto& b : r.value.blocks) paragraphs += b.kind == block_kind::paragraph;
  CHECK(paragraphs == 19); // the non-empty lines without a tab
}

TEST_CASE("columns count code points, not bytes, and white space in cells is folded") {
  const auto r = read_text("中文\t  a \u00a0 b \t\n值\t1\t\n");
  REQUIRE(r.value.blocks.size() == 1);
  const auto& rows = r.value.blocks[0].table.rows;
  REQUIRE(rows.size() == 2);
  CHECK(texts(rows[0]) == std::vector<std::string>{"中文", "a b", ""});
  CHECK(rows[0][1].span == source_span{1, 6}); // first non-space of the cell
  CHECK(rows[0][2].span == source_span{1, 13}); // 中文, tab, 8 code points, tab
  CHECK(texts(rows[1]) == std::vector<std::string>{"值", "1", ""});
}

TEST_CASE("a blank line continues a tab table only when the next row's width fits") {
  SUBCASE("close widths continue") {
    const auto r = read_text("a\t1\t2\n\nb\t3\t4\t5\n");
    REQUIRE(r.value.blocks.size() == 1);
    CHECK(r.value.blocks[0].table.rows.size() == 2);
  }
  SUBCASE("very different widths start a new table") {
    const auto r = read_text("a\t1\n\nb\t1\t2\t3\t4\t5\t6\n");
    CHECK(of_kind(r.value, block_kind::table).size() == 2);
  }
  SUBCASE("two blank lines end the table") {
    const auto r = read_text("a\t1\n\n\nb\t2\n");
    CHECK(of_kind(r.value, block_kind::table).size() == 2);
  }
  SUBCASE("a text line ends the table") {
    const auto r = read_text("a\t1\n标题\nb\t2\n");
    REQUIRE(r.value.blocks.size() == 3);
    CHECK(r.value.blocks[1].kind == block_kind::paragraph);
    CHECK(r.value.blocks[1].text == "标题");
  }
}

TEST_CASE("CRLF line ends and a UTF-8 text without a final line break read the same") {
  const auto a = read_text("标题\r\nx\t1\r\ny\t2");
  const auto b = read_text("标题\nx\t1\ny\t2\n");
  CHECK(a.value == b.value);
  REQUIRE(a.value.blocks.size() == 2);
  CHECK(a.value.blocks[1].table.rows[1][1].text == "2");
}

TEST_CASE("empty and blank inputs give an empty document without diagnostics") {
  for (const char* s : {"", "\n\n", "  \t \n", "\f"}) {
    const auto r = read_text(s);
    CHECK(r.diagnostics.empty());
    for (const auto& b : r.value.blocks)
      for (const auto& row : b.table.rows)
        for (const auto& c : row) CHECK(c.text.empty());
  }
}

TEST_CASE("space-aligned text: columns split on two or more spaces") {
  const std::string page = "一、主动公开\n"
                           "  信息内容        本年制发件数   本年废止件数   现行有效件数\n"
                           "  规章            0              0              0\n"
                           "  行政规范性文件  13             0              55\n"
                           "\n"
                           "正文 一段 话。\n";
  const auto r = read_text(page);
  REQUIRE(r.value.blocks.size() == 3);
  CHECK(r.value.blocks[0].kind == block_kind::paragraph);
  const auto& rows = r.value.blocks[1].table.rows;
  REQUIRE(rows.size() == 3);
  CHECK(texts(rows[2]) == std::vector<std::string>{"行政规范性文件", "13", "0", "55"});
  CHECK(rows[2][0].span == source_span{4, 3});
  CHECK(rows[2][1].span == source_span{4, 12}); // 2 spaces, 7 characters, 2 spaces
  CHECK(r.value.blocks[1].span == source_span{2, 3});
  CHECK(r.value.blocks[2].text == "正文 一段 话。"); // single spaces do not split
}

TEST_CASE("space-aligned text: page numbers and form feeds inside a table are dropped and the "
          "table joined") {
  const std::string text = "  规章            0     0     0\n"
                           "  行政规范性文件  1     0     5\n"
                           "\n"
                           "                     - 4 -\n"
                           "\f  行政许可        7     1     2\n"
                           "  行政处罚        3     0     0\n"
                           "\n"
                           "                     5\n"
                           "\f结束。\n";
  const auto r = read_text(text);
  const auto tables = of_kind(r.value, block_kind::table);
  REQUIRE(tables.size() == 1);
  const auto& rows = tables[0]->table.rows;
  REQUIRE(rows.size() == 4);
  CHECK(rows[2][0].text == "行政许可");
  CHECK(rows[2][0].span == source_span{5, 4}); // after the form feed and two spaces
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[1].text == "结束。"); // the bare page number "5" before \f is gone
}

TEST_CASE("space-aligned text: wrapped label lines between rows become one-cell rows") {
  const std::string text = "  一、本年新收政府信息公开申请数量    32   2    34\n"
                           "  二、上年结转政府信息公开申\n"
                           "  请数量                            2    0    2\n";
  const auto r = read_text(text);
  REQUIRE(r.value.blocks.size() == 1);
  const auto& rows = r.value.blocks[0].table.rows;
  REQUIRE(rows.size() == 3);
  CHECK(texts(rows[1]) == std::vector<std::string>{"二、上年结转政府信息公开申"});
  CHECK(rows[2][0].text == "请数量");
}

TEST_CASE("space-aligned text: one line with two columns stays a paragraph") {
  const auto r = read_text("（一）  主要问题\n正文。\n");
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[0].kind == block_kind::paragraph);
  CHECK(r.value.blocks[0].text == "（一） 主要问题");
}

TEST_CASE("dashed page numbers are dropped, bare numbers away from page breaks are kept") {
  const auto r = read_text("第一段。\n- 2 -\n第 3 页 共 9 页\n7\n");
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[1].text == "7");
}

TEST_CASE("a NUL or another control character is a space, with one warning naming the first") {
  const std::string text = std::string("一、总体情况\n\0二、主动公开\n表\x01格\t1\n", 49);
  const auto r = read_text(text, "nul.txt");
  REQUIRE(r.value.blocks.size() == 3);
  CHECK(r.value.blocks[1].text == "二、主动公开"); // the section title reads as one
  CHECK(r.value.blocks[1].span == source_span{2, 2});
  CHECK(r.value.blocks[2].table.rows.at(0).at(0).text == "表 格");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "input.control_characters");
  CHECK(r.diagnostics[0].level == severity::warning);
  CHECK(span_of(r.diagnostics[0]) == source_span{2, 1});
  CHECK(r.diagnostics[0].found == "U+0000 at byte offset 19, 2 in all");
  // Form feeds are page breaks in text, not stray controls.
  CHECK(read_text("a\n\fb\n").diagnostics.empty());
}

} // TEST_SUITE

TEST_SUITE("read_text") {

TEST_CASE("a table printed one cell per line is named, once, at its first number") {
  // pdftotext without -layout: labels and numbers each on a line of their own.
  std::string text = "三、收到和处理政府信息公开申请情况\n自然人\n总计\n一、本年新收政府信息公开申请数量\n";
  for (int i = 0; i < 7; ++i) text += "\n" + std::to_string(i) + "\n";
  text += "二、上年结转政府信息公开申请数量\n";
  for (int i = 0; i < 7; ++i) text += std::to_string(i) + "\n";
  const auto r = read_text(text, "raw.txt");
  auto named = [](const std::vector<diagnostic>& ds) {
    std::vector<const diagnostic*> out;
    for (const auto& d : ds)
      if (d.rule == "text.cell_per_line") out.push_back(&d);
    return out;
  };
  REQUIRE(named(r.diagnostics).size() == 1);
  const diagnostic& d = *named(r.diagnostics).front();
  CHECK(d.position.line == 6); // the line of the first number (after a blank line)
  CHECK(d.level == severity::warning);
  // Prose with a number or two on lines of their own is not such a table.
  const auto prose = read_text("共受理\n12\n件，其中\n3\n件已办结。\n", "p.txt");
  CHECK(named(prose.diagnostics).empty());
}

} // TEST_SUITE
