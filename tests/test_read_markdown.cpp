#include <govdisclose/readers.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

TEST_SUITE("read_markdown") {

TEST_CASE("ATX headings with levels and closing hashes; #-lines that are not headings") {
  const auto r = read_markdown("# 一级\n### 三级 ###\n#没有空格\n####### 七个\n   ## 缩进\n");
  REQUIRE(r.value.blocks.size() == 5);
  CHECK(r.value.blocks[0].kind == block_kind::heading);
  CHECK(r.value.blocks[0].level == 1);
  CHECK(r.value.blocks[0].text == "一级");
  CHECK(r.value.blocks[1].level == 3);
  CHECK(r.value.blocks[1].text == "三级");
  CHECK(r.value.blocks[2].kind == block_kind::paragraph);
  CHECK(r.value.blocks[3].kind == block_kind::paragraph);
  CHECK(r.value.blocks[4].level == 2);
  CHECK(r.value.blocks[4].span == source_span{5, 4});
  CHECK(r.ok());
}

TEST_CASE("each text line is a paragraph of its own, with its position") {
  const auto r = read_markdown("第一行\n  第二行  \n\n第三行\n");
  REQUIRE(r.value.blocks.size() == 3);
  CHECK(r.value.blocks[1].text == "第二行");
  CHECK(r.value.blocks[1].span == source_span{2, 3});
  CHECK(r.value.blocks[2].span == source_span{4, 1});
}

TEST_CASE("pipe tables: header row, separator dropped, positions of cells") {
  const std::string md = "| 信息内容 | 本年制发件数 |\n"
                         "|:---|---:|\n"
                         "| 规章 | 0 |\n"
                         "| 规范性文件 | 13 |\n";
  const auto r = read_markdown(md);
  REQUIRE(r.value.blocks.size() == 1);
  const auto& b = r.value.blocks[0];
  CHECK(b.kind == block_kind::table);
  CHECK(b.span == source_span{1, 1});
  REQUIRE(b.table.rows.size() == 3);
  CHECK(texts(b.table.rows[0]) == std::vector<std::string>{"信息内容", "本年制发件数"});
  CHECK(b.table.rows[0][0].header);
  CHECK_FALSE(b.table.rows[1][0].header);
  CHECK(texts(b.table.rows[2]) == std::vector<std::string>{"规范性文件", "13"});
  CHECK(b.table.rows[2][1].span == source_span{4, 11}); // "| 规范性文件 | " is 10 code points
}

TEST_CASE("tables without outer pipes, escaped pipes and empty cells") {
  const auto r = read_markdown("a | b | c\n--|--|--\n1 | x \\| y |\n");
  REQUIRE(r.value.blocks.size() == 1);
  const auto& rows = r.value.blocks[0].table.rows;
  REQUIRE(rows.size() == 2);
  CHECK(texts(rows[0]) == std::vector<std::string>{"a", "b", "c"});
  CHECK(texts(rows[1]) == std::vector<std::string>{"1", "x | y"});
}

TEST_CASE("rows with differing cell counts and trailing empty cells are kept as published") {
  const std::string md = "| 业 | 构 |  |  |\n|---|---|---|---|\n"
                         "| 一、本年新收 | 32 | 2 | 34 |  |\n"
                         "| 0 | 0 |\n";
  const auto r = read_markdown(md);
  const auto& rows = r.value.blocks.at(0).table.rows;
  REQUIRE(rows.size() == 3);
  CHECK(texts(rows[0]) == std::vector<std::string>{"业", "构", "", ""});
  CHECK(rows[1].size() == 5);
  CHECK(rows[1].back().text.empty());
  CHECK(rows[2].size() == 2);
}

TEST_CASE("a delimiter row in the middle marks the row above as a header and the table goes on") {
  const std::string md = "| 0 | 0 |\n|---|---|\n| 1.属于国家秘密 | 0 |\n|---|---|\n| 3.其他 | 4 |\n";
  const auto r = read_markdown(md);
  REQUIRE(r.value.blocks.size() == 1);
  const auto& rows = r.value.blocks[0].table.rows;
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][0].header);
  CHECK(rows[1][0].header);
  CHECK_FALSE(rows[2][0].header);
}

TEST_CASE("a blank line or a line without a pipe ends a table; loose lines stay paragraphs") {
  const std::string md = "| a | 1 |\n|---|---|\n（四）无2.没有现成信息需要另\n法提供行制作\n"
                         "| b | 2 |\n\n| c | 3 |\n";
  const auto r = read_markdown(md);
  REQUIRE(r.value.blocks.size() == 5);
  CHECK(r.value.blocks[0].kind == block_kind::table);
  CHECK(r.value.blocks[1].text == "（四）无2.没有现成信息需要另");
  CHECK(r.value.blocks[2].text == "法提供行制作");
  CHECK(r.value.blocks[3].kind == block_kind::table);
  CHECK(r.value.blocks[4].kind == block_kind::table);
  CHECK(r.value.blocks[4].span.line == 7);
}

TEST_CASE("a pipe inside prose does not start a table") {
  const auto r = read_markdown("甲 | 乙\n丙\n");
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[0].kind == block_kind::paragraph);
  CHECK(r.value.blocks[0].text == "甲 | 乙");
}

TEST_CASE("setext headings, thematic breaks, block quotes and fenced code") {
  const auto r = read_markdown("标题\n===\n小节\n---\n\n***\n> 引用\n```\n代码 | 行\n```\n");
  REQUIRE(r.value.blocks.size() == 4);
  CHECK(r.value.blocks[0].kind == block_kind::heading);
  CHECK(r.value.blocks[0].level == 1);
  CHECK(r.value.blocks[1].level == 2);
  CHECK(r.value.blocks[2].text == "引用");
  CHECK(r.value.blocks[2].span == source_span{7, 3});
  CHECK(r.value.blocks[3].text == "代码 | 行");
  CHECK(r.value.blocks[3].kind == block_kind::paragraph);
}

TEST_CASE("the converted Shanghai report keeps its broken tables and loose label lines") {
  // A few lines in the shape of shanghai-stcsm-2024.pdf2md.md (see the corpus README).
  const std::string md = "一、主动公开政府信息情况\n第二十条第（五）项\n行政许可 97\n"
                         "## 表二：主动公开政府信息情况\n"
                         "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
                         "|---|---|---|---|\n| 规范性文件 | 13 | 0 | 55 |\n\n"
                         "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |\n";
  const auto r = read_markdown(md);
  REQUIRE(r.value.blocks.size() == 6);
  CHECK(r.value.blocks[2].text == "行政许可 97");
  CHECK(r.value.blocks[3].kind == block_kind::heading);
  CHECK(r.value.blocks[3].text == "表二：主动公开政府信息情况");
  const auto& last = r.value.blocks[5].table.rows.at(0);
  REQUIRE(last.size() == 8);
  CHECK(last[7].text.empty()); // the empty 总计 cell
}

TEST_CASE("empty input and odd lines never fail") {
  for (const char* s : {"", "|", "||", "|---|", "\\", "#", "> ", "```", "| a \\|", "\r\n\r\n"}) {
    const auto r = read_markdown(s);
    CHECK(r.diagnostics.empty());
  }
}

TEST_CASE("a NUL before a heading's text is a space, with a warning") {
  const auto r = read_markdown(std::string("# 标题\n\n## \0二、主动公开\n", 33), "nul.md");
  REQUIRE(r.value.blocks.size() == 2);
  CHECK(r.value.blocks[1].kind == block_kind::heading);
  CHECK(r.value.blocks[1].text == "二、主动公开");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "input.control_characters");
  CHECK(span_of(r.diagnostics[0]) == source_span{3, 4});
  CHECK(r.diagnostics[0].found == "U+0000 at byte offset 13, 1 in all");
}

} // TEST_SUITE
