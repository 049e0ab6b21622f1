// The PDF reader's layout rules on positioned words made here (no poppler, no PDF): running
// headers, tables across pages, wrapped labels, blank rows, paragraphs. The rules are in
// docs/formats.md#formats_pdf; the reader on real PDFs is tests/test_read_pdf.cpp.
#include "read/pdf_layout.hpp"

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;
using detail::pdf_page;
using detail::pdf_word;

namespace {

constexpr double size = 12;

// A word at (x, y) in a 12-point font: Chinese characters a full em wide, others half.
pdf_word word(std::string text, double x, double y) {
  double width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    width += cp < 0x80 ? size / 2 : size;
  }
  return {std::move(text), x, y, width, 1.2 * size, false};
}

// A page of A4 height holding the words.
pdf_page page(std::vector<pdf_word> words) { return {842, std::move(words)}; }

document layout(const std::vector<pdf_page>& pages) {
  document d;
  detail::layout_pdf(pages, d);
  return d;
}

// The texts of a grid row, for comparisons.
// The data rows of a table (rows that are not header rows).
std::vector<std::vector<std::string>> data_rows(const block& b) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : b.table.rows)
    if (!r.empty() && !r.front().header) out.push_back(texts(r));
  return out;
}

} // namespace

TEST_SUITE("pdf_layout") {

TEST_CASE("running headers, footers and page numbers are dropped; a table goes on over the break") {
  // Two pages, each with a running header (date and title) and a footer (file, page x/y).
  auto running = [](int n) {
    return std::vector<pdf_word>{word("11/29/26, 10:14 PM", 24, 15), word("某局年度报告", 270, 15),
                                 word("file:///r.html", 24, 800), word(std::to_string(n) + "/2", 560, 800)};
  };
  std::vector<pdf_word> p1 = running(1), p2 = running(2);
  for (auto w : {word("信息内容", 60, 100), word("本年制发件数", 200, 100), word("现行有效件数", 320, 100),
                 word("规章", 72, 130), word("3", 230, 130), word("50", 345, 130)})
    p1.push_back(w);
  for (auto w : {word("行政规范性文件", 48, 60), word("0", 230, 60), word("43", 345, 60)}) p2.push_back(w);
  const document d = layout({page(p1), page(p2)});
  for (const auto& b : d.blocks) {
    CHECK(b.text.find("10:14") == std::string::npos);
    CHECK(b.text.find("file://") == std::string::npos);
  }
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  CHECK(data_rows(*ts[0]) == std::vector<std::vector<std::string>>{{"规章", "3", "50"},
                                                                   {"行政规范性文件", "0", "43"}});
  CHECK(ts[0]->table.rows.front().front().header);
  CHECK(texts(ts[0]->table.rows.back()) == std::vector<std::string>{"行政规范性文件", "0", "43"});
  CHECK(ts[0]->table.rows.back()[1].span == source_span{2, 2}); // page 2, line 2 (header first)
}

TEST_CASE("every line of a table is a row: a wrapped label's pieces and the numbers between") {
  // Middle-aligned cells: the numbers sit between the label's two lines. Which pieces make one
  // label is the extractor's to say (from the template's labels): the reader keeps the lines.
  const document d = layout({page({
      word("项目", 60, 100), word("甲", 200, 100), word("乙", 260, 100),
      word("1.属于国家秘", 40, 122), word("1", 205, 130), word("2", 265, 130), word("密", 70, 138),
      word("2.其他", 50, 160), word("3", 205, 160), word("4", 265, 160),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  CHECK(data_rows(*ts[0]) == std::vector<std::vector<std::string>>{{"1.属于国家秘", "", ""},
                                                                   {"", "1", "2"},
                                                                   {"密", "", ""},
                                                                   {"2.其他", "3", "4"}});
}

TEST_CASE("a number after a list marker is a cell of its own, not a decimal") {
  // "4." ends a narrow label column, "1" begins the first data column half a character away.
  const document d = layout({page({
      word("项目", 176, 100), word("甲", 200, 100), word("乙", 260, 100),
      word("4.", 188, 130), word("1", 203, 130), word("2", 265, 130),
      word("5.", 188, 160), word("3", 203, 160), word("4", 265, 160),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  CHECK(data_rows(*ts[0]) ==
        std::vector<std::vector<std::string>>{{"4.", "1", "2"}, {"5.", "3", "4"}});
}

TEST_CASE("a number alone on its line goes on a table but does not start one") {
  // 行政事业 / 417.5971 / 性收费: the row's one number between its label's lines.
  const document d = layout({page({
      word("二、主动公开", 40, 60),
      word("信息内容", 40, 100), word("本年收费金额", 200, 100),
      word("行政处罚", 40, 130), word("9", 240, 130),
      word("行政事业", 40, 154), word("417.5971", 220, 162), word("性收费", 40, 170),
      word("2024", 40, 300),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  const auto rows = data_rows(*ts[0]);
  CHECK(rows == std::vector<std::vector<std::string>>{
                    {"行政处罚", "9"}, {"行政事业", ""}, {"", "417.5971"}, {"性收费", ""}});
  const auto ps = of_kind(d, block_kind::paragraph);
  REQUIRE_FALSE(ps.empty());
  CHECK(ps.back()->text == "2024"); // a year alone is no table
}

TEST_CASE("a label line as far from the rows as rows are apart is a row with blank cells") {
  const document d = layout({page({
      word("信息内容", 40, 100), word("本年处理决定数量", 180, 100),
      word("行政处罚", 40, 130), word("0", 240, 130),
      word("行政强制", 40, 160),
      word("行政许可", 40, 190), word("7", 240, 190),
      word("行政征收", 40, 220), word("8", 240, 220),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  CHECK(data_rows(*ts[0]) == std::vector<std::vector<std::string>>{
                                 {"行政处罚", "0"}, {"行政强制", ""}, {"行政许可", "7"}, {"行政征收", "8"}});
}

TEST_CASE("a column blank in every row is found from its header text") {
  const document d = layout({page({
      word("结果维持", 40, 100), word("结果纠正", 110, 100), word("总计", 190, 100),
      word("4", 60, 130), word("4", 200, 130),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  const auto rows = data_rows(*ts[0]);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0] == std::vector<std::string>{"", "4", "", "4"}); // no label, three columns
}

TEST_CASE("text set like the body is no heading when a table's small numbers outnumber its chunks") {
  // A printed web page: 16-point text, a table of 12-point one-digit cells under 16-point
  // column labels. By chunks the body would be 12 points and the labels headings.
  auto sized = [](std::string text, double x, double y, double pt) {
    pdf_word w = word(std::move(text), x, y);
    w.width *= pt / size;
    w.height *= pt / size;
    return w;
  };
  std::vector<pdf_word> ws;
  for (int k = 0; k < 4; ++k)
    ws.push_back(sized("本机关认真贯彻落实条例扎实推进政务公开工作全年主动公开政府信息。", 40,
                       60 + 24.0 * k, 16));
  ws.push_back(sized("申请人", 40, 200, 16));
  ws.push_back(sized("甲", 200, 200, 16));
  ws.push_back(sized("乙", 260, 200, 16));
  ws.push_back(sized("丙", 320, 200, 16));
  ws.push_back(sized("丁", 380, 200, 16));
  for (int r = 0; r < 6; ++r) {
    const double y = 230 + 20.0 * r;
    ws.push_back(word("第" + std::to_string(r) + "项", 40, y));
    for (int c = 0; c < 4; ++c) ws.push_back(word(std::to_string(c), 202 + 60.0 * c, y));
  }
  const document d = layout({page(ws)});
  CHECK(of_kind(d, block_kind::heading).empty());
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  REQUIRE_FALSE(ts[0]->table.rows.empty());
  CHECK(texts(ts[0]->table.rows.front()) ==
        std::vector<std::string>{"申请人", "甲", "乙", "丙", "丁"});
  CHECK(ts[0]->table.rows.front().front().header);
}

TEST_CASE("numbers set at varying offsets in one cell are one column under its wrapped label") {
  // 商业企 / 业 over numbers padded differently row by row: their extents do not overlap.
  const document d = layout({page({
      word("项目", 40, 100), word("自然人", 100, 100), word("商业企", 160, 100), word("科研", 220, 100),
      word("业", 172, 116),
      word("甲", 40, 140), word("5", 112, 140), word("0", 162, 140), word("0", 226, 140),
      word("乙", 40, 170), word("3", 112, 170), word("1", 182, 170), word("0", 226, 170),
      word("丙", 40, 200), word("2", 112, 200), word("0", 182, 200), word("0", 226, 200),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  CHECK(data_rows(*ts[0]) == std::vector<std::vector<std::string>>{
                                 {"甲", "5", "0", "0"}, {"乙", "3", "1", "0"}, {"丙", "2", "0", "0"}});
  CHECK(texts(ts[0]->table.rows.front()) ==
        std::vector<std::string>{"项目", "自然人", "商业企业", "科研"});
}

TEST_CASE("columns under one spanning label stay apart when a row fills both") {
  // 行政复议 over two columns without labels of their own: the one row filling both says they
  // are two cells, though the other rows fill one at a time.
  const document d = layout({page({
      word("项目", 40, 100), word("行政复议", 150, 100),
      word("甲", 40, 130), word("1", 160, 130),
      word("乙", 40, 160), word("2", 190, 160),
      word("丙", 40, 190), word("3", 160, 190), word("4", 190, 190),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  CHECK(data_rows(*ts[0]) == std::vector<std::vector<std::string>>{
                                 {"甲", "1", ""}, {"乙", "", "2"}, {"丙", "3", "4"}});
}

TEST_CASE("a header line justified over its cell is that column's label, not blank columns") {
  // 本年新制作数量 / 本年新公开数量 wrapped in narrow cells, their first lines spread over the
  // cell (本　　年　　新), the second cell's 本 closer to the first's 新 than half a character.
  const document d = layout({page({
      word("本", 100, 100), word("年", 130, 100), word("新", 160, 100),
      word("本", 177, 100), word("年", 197, 100), word("新", 217, 100),
      word("信息内容", 40, 108), word("对外公开总数量", 260, 108),
      word("制作数量", 100, 116), word("公开数量", 177, 116),
      word("规章", 40, 150), word("12", 100, 150), word("3", 177, 150), word("15", 260, 150),
      word("规范性文件", 30, 180), word("0", 100, 180), word("10", 177, 180), word("10", 260, 180),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  CHECK(data_rows(*ts[0]) == std::vector<std::vector<std::string>>{
                                 {"规章", "12", "3", "15"}, {"规范性文件", "0", "10", "10"}});
  // Each column's header pieces, top to bottom, make its label.
  std::vector<std::string> labels(4);
  for (const auto& r : ts[0]->table.rows)
    if (!r.empty() && r.front().header)
      for (std::size_t k = 1; k < r.size() && k < labels.size(); ++k)
        if (!r[k].covered) labels[k] += r[k].text;
  CHECK(labels == std::vector<std::string>{"", "本年新制作数量", "本年新公开数量", "对外公开总数量"});
}

TEST_CASE("vertical column labels at equal gaps stay columns of their own") {
  // 结果维持 / 结果纠正 / 其他结果 set one character a line, evenly spaced: each line looks
  // letter-spaced, but its characters stand over others of the same extent.
  const document d = layout({page({
      word("结", 100, 100), word("结", 130, 100), word("其", 160, 100),
      word("果", 100, 116), word("果", 130, 116), word("他", 160, 116),
      word("维", 100, 132), word("纠", 130, 132), word("结", 160, 132),
      word("持", 100, 148), word("正", 130, 148), word("果", 160, 148),
      word("甲", 40, 180), word("3", 103, 180),
      word("乙", 40, 210), word("4", 103, 210),
  })});
  const auto ts = of_kind(d, block_kind::table);
  REQUIRE(ts.size() == 1);
  CHECK(data_rows(*ts[0]) ==
        std::vector<std::vector<std::string>>{{"甲", "3", "", ""}, {"乙", "4", "", ""}});
}

TEST_CASE("a line of running text spread evenly to the margin is a paragraph, not a table row") {
  // Justified text: every gap the same, over half a character (so no words are joined).
  std::vector<pdf_word> ws;
  double x = 40;
  for (std::string w : {"邮", "编", "：", "350400", "；", "电", "话", "：", "12345678"}) {
    ws.push_back(word(w, x, 100));
    x += ws.back().width + 7;
  }
  ws.push_back(word("联系地址见上文所述之处。", 40, 80));
  const document d = layout({page(ws)});
  CHECK(of_kind(d, block_kind::table).empty());
  const auto ps = of_kind(d, block_kind::paragraph);
  REQUIRE(ps.size() == 2);
  CHECK(ps[1]->text == "邮编：350400；电话：12345678");
}

TEST_CASE("paragraph lines that run to the margin are joined; larger text is a heading") {
  const document d = layout({page({
      word("一、总体情况", 40, 60),
      word("本机关认真贯彻落实条例，扎实推进政务公开工作，全年主动公开政府信息", 40, 100),
      word("共计一百条。", 40, 116),
      word("第二段。", 40, 150),
  })});
  // The heading is as large as the body here: no font size to tell it; still its own block.
  REQUIRE(d.blocks.size() == 3);
  CHECK(d.blocks[1].text == "本机关认真贯彻落实条例，扎实推进政务公开工作，全年主动公开政府信息共计一百条。");
  CHECK(d.blocks[1].span == source_span{1, 2});
  CHECK(d.blocks[2].text == "第二段。");
  pdf_word big = word("二、主动公开政府信息情况", 40, 200);
  big.height *= 1.5;
  big.width *= 1.5;
  const document h =
      layout({page({word("正文一行，本机关认真贯彻落实条例。", 40, 100),
                     word("正文二行，全年主动公开政府信息。", 40, 130), big})});
  REQUIRE(h.blocks.size() == 3);
  CHECK(h.blocks[2].kind == block_kind::heading);
  CHECK(h.blocks[2].text == "二、主动公开政府信息情况");
}

} // TEST_SUITE

TEST_SUITE("pdf_layout") {

TEST_CASE("one enumeration-marker parser: top-level 一、, others, and texts that are none") {
  using detail::leading_marker;
  using detail::list_marker;
  CHECK(leading_marker("一、总体情况").kind == list_marker::top);
  CHECK(leading_marker("  十二、其他").kind == list_marker::top);
  CHECK(leading_marker("（三）不予公开").kind == list_marker::other);
  CHECK(leading_marker("(3) x").kind == list_marker::other);
  CHECK(leading_marker("4.无正当理由").kind == list_marker::other);
  CHECK(leading_marker("１．属于").kind == list_marker::other);
  CHECK(leading_marker("（ 一 ）予以公开").kind == list_marker::other); // spaces as in PDF text
  CHECK(std::string_view("4.无正当理由").substr(leading_marker("4.无正当理由").end) == "无正当理由");
  for (const char* none : {"", "开", "2024 年", "（三", "一二三", "总计", "4", "(a)"})
    CHECK_MESSAGE(!leading_marker(none), none);
  CHECK(detail::starts_with_marker("2.其他"));
  CHECK_FALSE(detail::starts_with_marker("其他2."));
}

} // TEST_SUITE
