// Cells with a number and a note (`22（其中修订 16 件）`): the number is read, the raw text keeps
// the note, and a diagnostic says so.
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace govdisclose;

TEST_SUITE("extract") {

TEST_CASE("a number followed by a note in brackets is read as the number, the note kept") {
  report r = generate_report(5);
  *find_cell(r, "proactive.normative_documents.issued") = cell::number(std::int64_t{22});
  *find_cell(r, "proactive.normative_documents.repealed") = cell::number(std::int64_t{55});
  std::string md = write_markdown(render_document(r));
  const std::string row = "| 行政规范性文件 | 22 | 55 |";
  const auto at = md.find(row);
  REQUIRE(at != std::string::npos);
  md.replace(at, row.size(), "| 行政规范性文件 | 22（其中修订 16 件） | 55（含自然失效 29 件） |");
  const auto got = extract_report(read_markdown(md).value);
  const cell& issued = *find_cell(got.value, "proactive.normative_documents.issued");
  CHECK(issued.is_number());
  CHECK(issued.value == decimal::whole(22));
  CHECK(issued.raw == "22（其中修订 16 件）");
  CHECK(find_cell(got.value, "proactive.normative_documents.repealed")->value ==
        decimal::whole(55));
  std::size_t notes = 0;
  for (const auto& d : got.diagnostics) notes += d.rule == "cell.number_with_note";
  CHECK(notes == 2);
}

TEST_CASE("text in brackets without a number before it stays text") {
  report r = generate_report(5);
  *find_cell(r, "proactive.normative_documents.issued") = cell::number(std::int64_t{22});
  *find_cell(r, "proactive.normative_documents.repealed") = cell::number(std::int64_t{55});
  std::string md = write_markdown(render_document(r));
  const std::string row = "| 行政规范性文件 | 22 |";
  const auto at = md.find(row);
  REQUIRE(at != std::string::npos);
  md.replace(at, row.size(), "| 行政规范性文件 | 见附件（共 22 件） |");
  const auto got = extract_report(read_markdown(md).value);
  CHECK(find_cell(got.value, "proactive.normative_documents.issued")->state == cell_state::text);
}

} // TEST_SUITE
