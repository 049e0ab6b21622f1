// Tests of the renderers: render_document() lays a report out in the official layout of its
// template; write_html(), write_markdown() and write_text() write the document.
//
// Golden files: tests/data/golden/render/report-<template>.{html,md,txt} hold the output for one
// generated report of each template, compared byte for byte. After a deliberate change of the
// layout or a writer, regenerate them and review the diff:
//
//     GOVDISCLOSE_UPDATE_GOLDEN=1 build/default/tests/test_render
//
// (the test then writes the files instead of comparing them, and still fails so that a
// regeneration is never mistaken for a passing run).
#include <govdisclose/catalog.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace govdisclose;

namespace {

// The two golden reports: a plain 2021 one, and a 2019 one with local additions, blanks, a
// marker and a text cell.
report golden_report(template_id t) {
  generate_options o;
  o.template_ = t;
  if (t == template_id::t2021) return generate_report(2021, o);
  o.local_additions = true;
  o.blank_zero_rate = 0.3;
  report r = generate_report(2019, o);
  std::get<proactive_2019>(r.proactive).procurement.amount = classify_cell("251000元");
  r.reviews.litigation_after_review.pending = classify_cell("—");
  return r;
}

const table_grid& table_at(const document& d, std::size_t index) {
  std::size_t seen = 0;
  for (const block& b : d.blocks)
    if (b.kind == block_kind::table && seen++ == index) return b.table;
  FAIL("no table " << index);
  static const table_grid none;
  return none;
}

std::size_t width(const table_grid& g) { return g.rows.empty() ? 0 : g.rows.front().size(); }

// The text a cell of the report should be published with.
std::string published(const cell& c) {
  return c.is_number() ? c.value.to_string() : c.raw;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t count_of(std::string_view hay, std::string_view needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

} // namespace

TEST_SUITE("render") {

TEST_CASE("the writers reproduce the golden files byte for byte") {
  const bool update = std::getenv("GOVDISCLOSE_UPDATE_GOLDEN") != nullptr;
  const std::string dir = std::string(GOVDISCLOSE_TEST_DATA) + "/golden/render/";
  for (template_id t : {template_id::t2021, template_id::t2019}) {
    const document d = render_document(golden_report(t));
    const std::map<std::string, std::string> outputs = {
        {".html", write_html(d)}, {".md", write_markdown(d)}, {".txt", write_text(d)}};
    for (const auto& [ext, text] : outputs) {
      const std::string path = dir + "report-" + std::string(template_code(t)) + ext;
      CAPTURE(path);
      if (update) {
        std::ofstream(path, std::ios::binary) << text;
        continue;
      }
      const std::string golden = read_file(path);
      REQUIRE_MESSAGE(!golden.empty(), "missing golden file (see the top of test_render.cpp)");
      CHECK(text == golden);
    }
  }
  if (update) FAIL("golden files rewritten: review the diff, then run again without GOVDISCLOSE_UPDATE_GOLDEN");
}

TEST_CASE("merged cells form a true grid: spans on the top-left, covered positions inside") {
  for (template_id t : {template_id::t2021, template_id::t2019}) {
    for (bool local : {false, true}) {
      generate_options o;
      o.template_ = t;
      o.local_additions = local;
      const document d = render_document(generate_report(7, o));
      for (const block& b : d.blocks) {
        if (b.kind != block_kind::table) continue;
        const table_grid& g = b.table;
        const std::size_t w = width(g);
        std::vector<std::vector<int>> owners(g.rows.size(), std::vector<int>(w, 0));
        for (std::size_t y = 0; y < g.rows.size(); ++y) {
          REQUIRE(g.rows[y].size() == w);
          for (std::size_t x = 0; x < w; ++x) {
            const table_cell& c = g.rows[y][x];
            if (c.covered) continue;
            REQUIRE(y + c.row_span <= g.rows.size());
            REQUIRE(x + c.col_span <= w);
            for (std::size_t dy = 0; dy < c.row_span; ++dy)
              for (std::size_t dx = 0; dx < c.col_span; ++dx) {
                ++owners[y + dy][x + dx];
                const table_cell& inside = g.rows[y + dy][x + dx];
                CHECK(inside.text == c.text);
                CHECK(inside.covered == (dy != 0 || dx != 0));
              }
          }
        }
        for (const auto& row : owners)
          for (int n : row) CHECK(n == 1);
      }
    }
  }
}

TEST_CASE("the matrix of section 三 has the catalog's rows and columns") {
  for (template_id t : {template_id::t2021, template_id::t2019}) {
    for (bool local : {false, true}) {
      CAPTURE(template_code(t));
      CAPTURE(local);
      const table_def& cat = *catalog(t).table("applications");
      generate_options o;
      o.template_ = t;
      o.local_additions = local;
      const document d = render_document(generate_report(11, o));
      const table_grid& g = table_at(d, 1);
      std::size_t rows = 0;
      for (const row_def& r : cat.rows) rows += !r.local || local;
      std::size_t cols = 0;
      for (const column_def& c : cat.rows.front().columns) cols += !c.local || local;
      // Three header rows; three label columns (三、本年度办理结果, the group, the label).
      CHECK(g.rows.size() == 3 + rows);
      CHECK(width(g) == 3 + cols);
      // 2021 has 25 data rows and 2019 23 (TEMPLATE.md), plus four or three group 小计 rows.
      const std::size_t official = t == template_id::t2021 ? 25 : 23;
      CHECK(rows == official + (local ? (t == template_id::t2021 ? 4 : 3) : 0));

      const table_cell& corner = g.rows[0][0];
      CHECK(corner.text == cat.corner);
      CHECK(corner.row_span == 3);
      CHECK(corner.col_span == 3);
      CHECK(corner.header);
      CHECK(g.rows[0][3].text == "申请人情况");
      CHECK(g.rows[0][3].col_span == cols);
      CHECK(g.rows[1][3].text == "自然人");
      CHECK(g.rows[1][3].row_span == 2);
      CHECK(g.rows[1][4].text == "法人或其他组织");
      CHECK(g.rows[1][4].col_span == (local ? 6 : 5));
      CHECK(g.rows[1][3 + cols - 1].text == "总计");
      CHECK(g.rows[2][4].text == "商业企业");

      // 三、本年度办理结果 spans 22 rows in 2021 and 20 in 2019 (TEMPLATE.md), plus the 小计 rows.
      const table_cell& band = g.rows[5][0];
      CHECK(band.text == "三、本年度办理结果");
      CHECK_FALSE(band.covered);
      CHECK(band.row_span == (t == template_id::t2021 ? 22 : 20) + (local ? (t == template_id::t2021 ? 4 : 3) : 0));
      CHECK(g.rows[3][0].col_span == 3); // 一、本年新收… spans the three label columns
      CHECK(g.rows[5][1].col_span == 2); // （一）予以公开 spans two

      // Every group label spans its member rows.
      std::map<std::string, std::size_t> members;
      for (const row_def& r : cat.rows)
        if (r.code.find('.') != std::string_view::npos && (!r.local || local))
          ++members[std::string(r.group_label)];
      for (const auto& member : members) {
        const std::string& label = member.first;
        const std::size_t n = member.second;
        CAPTURE(label);
        bool found = false;
        for (const auto& row : g.rows)
          if (row[1].text == label && !row[1].covered) {
            found = true;
            CHECK(row[1].row_span == n);
          }
        CHECK(found);
      }
    }
  }
}

TEST_CASE("every cell of the report is in the grid at its row and column") {
  for (template_id t : {template_id::t2021, template_id::t2019}) {
    generate_options o;
    o.template_ = t;
    o.local_additions = true;
    o.blank_zero_rate = 0.5;
    const report r = generate_report(23, o);
    const document d = render_document(r);
    const template_def& cat = catalog(t);
    const table_grid& g = table_at(d, 1);
    const table_def& apps = *cat.table("applications");
    // Column positions from the header's last level, rows from the label column.
    std::map<std::string, std::size_t> column_at;
    for (std::size_t x = 3; x < width(g); ++x) {
      for (const column_def& c : apps.rows.front().columns)
        if (g.rows[2][x].text == c.label || g.rows[1][x].text == c.label)
          column_at[std::string(c.code)] = x;
    }
    REQUIRE(column_at.size() == 8);
    std::size_t checked = 0;
    for (std::size_t y = 3; y < g.rows.size(); ++y) {
      const std::string& label = g.rows[y][2].text;
      const std::string& group = g.rows[y][1].text;
      for (const row_def& rd : apps.rows) {
        if (rd.label != label || (rd.code.find('.') != std::string_view::npos && rd.group_label != group))
          continue;
        for (const auto& [code, x] : column_at) {
          const std::string path = "applications." + std::string(rd.code) + "." + code;
          const cell* c = find_cell(r, path);
          REQUIRE(c);
          CAPTURE(path);
          CHECK(g.rows[y][x].text == published(*c));
          ++checked;
        }
      }
    }
    const std::size_t rows = t == template_id::t2021 ? 29 : 26;
    CHECK(checked == rows * 8);

    // Section 四: three header rows over one row of 15 cells in catalog order.
    const table_grid& rv = table_at(d, 2);
    REQUIRE(rv.rows.size() == 4);
    REQUIRE(width(rv) == 15);
    CHECK(rv.rows[0][0].text == "行政复议");
    CHECK(rv.rows[0][0].col_span == 5);
    CHECK(rv.rows[0][5].text == "行政诉讼");
    CHECK(rv.rows[0][5].col_span == 10);
    CHECK(rv.rows[1][0].text == "结果维持");
    CHECK(rv.rows[1][0].row_span == 2);
    CHECK(rv.rows[1][5].text == "未经复议直接起诉");
    CHECK(rv.rows[1][10].text == "复议后起诉");
    CHECK(rv.rows[2][14].text == "总计");
    std::size_t x = 0;
    for_each_cell(r.reviews, [&](std::string_view path, const cell& c) {
      CAPTURE(path);
      CHECK(rv.rows[3][x++].text == published(c));
    });
    CHECK(x == 15);
  }
}

TEST_CASE("section 二 has an item row, a header row and the rows of each item") {
  for (template_id t : {template_id::t2021, template_id::t2019}) {
    generate_options o;
    o.template_ = t;
    const report r = generate_report(5, o);
    const table_def& cat = *catalog(t).table("proactive");
    const document d = render_document(r);
    const table_grid& g = table_at(d, 0);
    CHECK(width(g) == 4);
    std::size_t items = 0;
    for (std::size_t i = 0; i < cat.rows.size(); ++i) items += i == 0 || cat.rows[i].item != cat.rows[i - 1].item;
    CHECK(g.rows.size() == cat.rows.size() + 2 * items);
    CHECK(g.rows[0][0].text.starts_with("第二十条第"));
    CHECK(g.rows[0][0].col_span == 4);
    CHECK(g.rows[1][0].text == "信息内容");
    CHECK(g.rows[1][1].text == cat.rows[0].columns[0].label);
    CHECK(g.rows[2][0].text == cat.rows[0].label);
    // A row with fewer columns lets its last cell span the rest of the table.
    for (const auto& row : g.rows)
      if (row[0].text == "行政许可") {
        const std::size_t n = catalog(t).table("proactive")->row("licensing")->columns.size();
        CHECK(row[n].col_span == 4 - n);
      }
  }
}

TEST_CASE("the document has the title, the six headings in order and the narrative as paragraphs") {
  report r = generate_report(3);
  r.narrative.problems = "第一段。\n\n第二段。\n";
  const document d = render_document(r);
  REQUIRE(!d.blocks.empty());
  CHECK(d.blocks[0].kind == block_kind::heading);
  CHECK(d.blocks[0].level == 1);
  CHECK(d.blocks[0].text == r.meta.title);
  std::vector<std::string> headings;
  for (const block& b : d.blocks)
    if (b.kind == block_kind::heading && b.level == 2) headings.push_back(b.text);
  REQUIRE(headings.size() == 6);
  for (std::size_t i = 0; i < 6; ++i) CHECK(headings[i] == catalog(r.template_).sections[i].heading);
  std::vector<std::string> after_problems;
  bool in = false;
  for (const block& b : d.blocks) {
    if (b.kind == block_kind::heading) in = b.text == catalog(r.template_).sections[4].heading;
    else if (in) after_problems.push_back(b.text);
  }
  CHECK(after_problems == std::vector<std::string>{"第一段。", "第二段。"});
}

TEST_CASE("an empty report gets the full layout with empty cells") {
  for (template_id t : {template_id::t2021, template_id::t2019}) {
    // Headings and tables only: the empty report has no title and no narrative.
    auto skeleton = [](const report& r) {
      std::vector<block> out;
      for (const block& b : render_document(r).blocks)
        if (b.kind == block_kind::table || (b.kind == block_kind::heading && b.level == 2))
          out.push_back(b);
      return out;
    };
    generate_options o;
    o.template_ = t;
    const std::vector<block> empty = skeleton(make_report(t));
    const std::vector<block> full = skeleton(generate_report(1, o));
    REQUIRE(empty.size() == 9);
    REQUIRE(empty.size() == full.size());
    for (std::size_t i = 0; i < empty.size(); ++i) {
      const block& e = empty[i];
      const block& f = full[i];
      CHECK(e.kind == f.kind);
      if (e.kind == block_kind::heading) CHECK(e.text == f.text);
      if (e.kind != block_kind::table) continue;
      REQUIRE(e.table.rows.size() == f.table.rows.size());
      for (std::size_t y = 0; y < e.table.rows.size(); ++y) {
        REQUIRE(e.table.rows[y].size() == f.table.rows[y].size());
        for (std::size_t x = 0; x < e.table.rows[y].size(); ++x) {
          const table_cell& ec = e.table.rows[y][x];
          const table_cell& fc = f.table.rows[y][x];
          CHECK((ec.text == fc.text || (ec.text.empty() && classify_cell(fc.text).is_number())));
        }
      }
    }
  }
}

TEST_CASE("local additions are laid out only when the report has them") {
  generate_options o;
  const table_grid plain = table_at(render_document(generate_report(9, o)), 1); // a copy
  o.local_additions = true;
  const table_grid local = table_at(render_document(generate_report(9, o)), 1); // a copy
  auto has_text = [](const table_grid& g, std::string_view s) {
    for (const auto& row : g.rows)
      for (const auto& c : row)
        if (c.text == s) return true;
    return false;
  };
  CHECK_FALSE(has_text(plain, "小计"));
  CHECK(has_text(local, "小计"));
  // The 法人或其他组织小计 column stays under its group, before 总计.
  CHECK(local.rows[2][9].text == "小计");
  CHECK(local.rows[1][10].text == "总计");
}

TEST_CASE("HTML is a self-contained page with rowspan and colspan and escaped text") {
  report r = generate_report(13);
  r.narrative.overview = "a < b & \"c\"";
  std::get<applications_2021>(r.applications).granted.natural_person = classify_cell("<x>");
  const document d = render_document(r);
  const std::string html = write_html(d);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<style>") != std::string::npos);
  CHECK(html.find("<p>a &lt; b &amp; &quot;c&quot;</p>") != std::string::npos);
  CHECK(html.find("<td>&lt;x&gt;</td>") != std::string::npos);
  CHECK(html.find("<th rowspan=\"3\" colspan=\"3\">" + std::string(catalog(r.template_).table("applications")->corner) + "</th>") != std::string::npos);
  CHECK(html.find("<td rowspan=\"22\">三、本年度办理结果</td>") != std::string::npos);
  CHECK(html.find("<th colspan=\"10\">行政诉讼</th>") != std::string::npos);
  std::size_t grid_rows = 0, tables = 0;
  for (const block& b : d.blocks)
    if (b.kind == block_kind::table) {
      grid_rows += b.table.rows.size();
      ++tables;
    }
  CHECK(count_of(html, "<tr>") == grid_rows);
  CHECK(count_of(html, "<table>") == tables);
  CHECK(count_of(html, "</table>") == tables);
  CHECK(html.ends_with("</html>\n"));
}

TEST_CASE("Markdown tables write merged text once and escape pipes") {
  report r = generate_report(17);
  std::get<applications_2021>(r.applications).granted.natural_person = classify_cell("a|b");
  const document d = render_document(r);
  const std::string md = write_markdown(d);
  const auto lines = lines_of(md);
  CHECK(lines.front() == "# " + r.meta.title);
  CHECK(md.find("\n## 三、收到和处理政府信息公开申请情况\n") != std::string::npos);
  CHECK(md.find("| 三、本年度办理结果 | （一）予以公开 |  |") != std::string::npos);
  CHECK(md.find("|  | （三）不予公开 | 1.属于国家秘密 |") != std::string::npos);
  CHECK(md.find("|  |  | 2.其他法律行政法规禁止公开 |") != std::string::npos);
  CHECK(md.find("a\\|b") != std::string::npos);
  // Every table line has width + 1 unescaped pipes; a delimiter row follows each header row.
  std::size_t table_lines = 0, delimiters = 0;
  for (const auto& line : lines) {
    if (!line.starts_with("|")) continue;
    ++table_lines;
    delimiters += line.starts_with("| --- |");
    const std::size_t pipes = count_of(line, "|") - count_of(line, "\\|");
    CHECK((pipes == 5 || pipes == 11 || pipes == 16));
  }
  CHECK(delimiters == 3);
  std::size_t grid_rows = 0;
  for (const block& b : d.blocks)
    if (b.kind == block_kind::table) grid_rows += b.table.rows.size();
  CHECK(table_lines == grid_rows + 3);
}

TEST_CASE("text tables are tab-separated with covered positions left empty") {
  const document d = render_document(generate_report(19));
  const std::string text = write_text(d);
  const auto lines = lines_of(text);
  const table_grid& g = table_at(d, 1);
  std::size_t found = 0;
  for (const auto& line : lines) {
    if (line.find('\t') == std::string::npos) continue;
    const std::size_t tabs = count_of(line, "\t");
    CHECK((tabs == 3 || tabs == 9 || tabs == 14));
    if (line.starts_with("\t\t2.其他法律行政法规禁止公开\t")) ++found;
    if (line == std::string(catalog(template_id::t2021).table("applications")->corner) +
                    "\t\t\t申请人情况\t\t\t\t\t\t")
      ++found;
  }
  CHECK(found == 2);
  CHECK(text.find("\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n") != std::string::npos);
  CHECK(g.rows.size() == 28);
}

} // TEST_SUITE
