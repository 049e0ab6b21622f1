// Cells with a number and a note (`22（其中修订 16 件）`): the number is read, the raw text keeps
// the note, and a diagnostic says so.
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace govdisclose;

namespace {

// A generated report whose 行政规范性文件 row reads `| 22 | 55 |`, written as Markdown with
// `published` in place of that row's start, and read back.
result<report> with_normative_row(std::string_view row, std::string_view published) {
  report r = generate_report(5);
  *find_cell(r, "proactive.normative_documents.issued") = cell::number(std::int64_t{22});
  *find_cell(r, "proactive.normative_documents.repealed") = cell::number(std::int64_t{55});
  std::string md = write_markdown(render_document(r));
  const auto at = md.find(row);
  REQUIRE(at != std::string::npos);
  md.replace(at, row.size(), published);
  return extract_report(read_markdown(md).value);
}

} // namespace

TEST_SUITE("extract") {

TEST_CASE("a number followed by a note in brackets is read as the number, the note kept") {
  const auto got = with_normative_row("| 行政规范性文件 | 22 | 55 |",
                                      "| 行政规范性文件 | 22（其中修订 16 件） | 55（含自然失效 29 件） |");
  const cell& issued = *find_cell(got.value, "proactive.normative_documents.issued");
  CHECK(issued.is_number());
  CHECK(issued.value == decimal::whole(22));
  CHECK(issued.raw == "22（其中修订 16 件）");
  CHECK(find_cell(got.value, "proactive.normative_documents.repealed")->value ==
        decimal::whole(55));
  CHECK(test::count_rule(got.diagnostics, "cell.number_with_note") == 2);
  const diagnostic* note = nullptr;
  for (const auto& d : got.diagnostics)
    if (d.rule == "cell.number_with_note" && !note) note = &d;
  REQUIRE(note != nullptr);
  CHECK(note->path == "proactive.normative_documents.issued");
  CHECK(note->found == "22（其中修订 16 件）");
  CHECK(note->position.line > 0);
}

TEST_CASE("text in brackets without a number before it stays text") {
  const auto got =
      with_normative_row("| 行政规范性文件 | 22 |", "| 行政规范性文件 | 见附件（共 22 件） |");
  const cell& issued = *find_cell(got.value, "proactive.normative_documents.issued");
  CHECK(issued.state == cell_state::text);
  CHECK(issued.raw == "见附件（共 22 件）");
  CHECK(test::count_rule(got.diagnostics, "cell.number_with_note") == 0);
  CHECK(test::count_rule(got.diagnostics, "cell.unreadable") == 1);
  CHECK(find_cell(got.value, "proactive.normative_documents.repealed")->value ==
        decimal::whole(55));
}

} // TEST_SUITE
