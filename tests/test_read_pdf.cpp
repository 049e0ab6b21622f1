// The PDF reader: small committed PDFs (tests/data/pdf/, remade by tests/pdf/make_fixtures.py)
// for each error and for two generated reports printed by LibreOffice, and the property test over
// the corpus tests/pdf/make_corpus.py prints with Chromium and LibreOffice into the build tree:
// every table cell and narrative section read back from a PDF equals the generated report's.
//
// Without the PDF reader (built without poppler-cpp) every PDF must give input.unsupported_format.
#include <govdisclose/compare.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::test;

namespace {

std::string data(const std::string& name) {
  return std::string(GOVDISCLOSE_TEST_DATA) + "/pdf/" + name;
}

bool has_error(const std::vector<diagnostic>& ds, const std::string& rule) {
  return std::any_of(ds.begin(), ds.end(), [&](const diagnostic& d) {
    return d.rule == rule && d.level == severity::error;
  });
}

std::string rules(const std::vector<diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += (out.empty() ? "" : ", ") + d.rule;
  return out.empty() ? "none" : out;
}

// The rule a PDF error must give: its own, or input.unsupported_format without the reader.
std::string expected_rule(const std::string& rule) {
  return pdf_supported() ? rule : "input.unsupported_format";
}

// read_pdf() and read_report() both give `rule` as an error, and nothing throws.
void check_refused(const std::string& bytes, const std::string& rule, const std::string& name) {
  CAPTURE(name);
  result<document> d;
  REQUIRE_NOTHROW(d = read_pdf(bytes, name));
  CHECK_MESSAGE(has_error(d.diagnostics, expected_rule(rule)), "got " << rules(d.diagnostics));
  CHECK(d.value.format == "pdf");
  CHECK(d.value.source == name);
  result<report> r;
  REQUIRE_NOTHROW(r = read_report(bytes, {name, input_format::pdf}));
  CHECK_FALSE(r.ok());
  CHECK_MESSAGE(has_error(r.diagnostics, expected_rule(rule)), "got " << rules(r.diagnostics));
}

// Text without any white space (ASCII, U+00A0, U+3000): PDF text extraction may add or drop
// spaces between CJK characters and digits.
std::string squeeze(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
    if (s.substr(i, 2) == "\xC2\xA0") { ++i; continue; }
    if (s.substr(i, 3) == "\xE3\x80\x80") { i += 2; continue; }
    out += static_cast<char>(c);
  }
  return out;
}

std::string cell_text(const cell& c) {
  switch (c.state) {
  case cell_state::absent: return "(absent)";
  case cell_state::blank: return "(blank)";
  case cell_state::number: return c.value.to_string();
  default: return "'" + c.raw + "'";
  }
}

// What differs between the expected report and the one read from a PDF: template, meta and
// narrative modulo white space, every cell by state and value (diff()).
std::vector<std::string> differences(const report& expected, const report& got) {
  std::vector<std::string> out;
  const report_diff d = diff(expected, got);
  for (const auto& t : d.meta)
    if (t.field == "template" || squeeze(t.before) != squeeze(t.after))
      out.push_back(t.field + ": '" + t.before + "' read as '" + t.after + "'");
  for (const auto& t : d.narrative)
    if (squeeze(t.before) != squeeze(t.after))
      out.push_back(t.field + ": '" + t.before + "' read as '" + t.after + "'");
  for (const auto& c : d.cells)
    out.push_back(c.path + ": " + cell_text(c.before) + " read as " + cell_text(c.after));
  return out;
}

std::string first_lines(const std::vector<std::string>& lines, std::size_t n = 12) {
  std::string out;
  for (std::size_t i = 0; i < lines.size() && i < n; ++i) out += "\n  " + lines[i];
  if (lines.size() > n) out += "\n  … " + std::to_string(lines.size() - n) + " more";
  return out;
}

// Every block and cell has a position: page (line) ≥ 1 and line on the page (column) ≥ 1.
// Returns how many do not, and the first one in `first`.
std::size_t unplaced(const document& d, std::string* first = nullptr) {
  std::size_t n = 0;
  auto note = [&](const std::string& what) {
    if (n++ == 0 && first) *first = what;
  };
  for (const auto& b : d.blocks) {
    if (!b.span.known() || b.span.column == 0) note("block '" + b.text + "'");
    for (std::size_t r = 0; r < b.table.rows.size(); ++r)
      for (std::size_t c = 0; c < b.table.rows[r].size(); ++c) {
        const table_cell& cell = b.table.rows[r][c];
        if (!cell.span.known() || cell.span.column == 0)
          note("cell '" + cell.text + "' at row " + std::to_string(r + 1) + ", column " +
               std::to_string(c + 1) + " of the table at " + std::to_string(b.span.line) + ":" +
               std::to_string(b.span.column));
      }
  }
  return n;
}

// Chromium's default header and footer (date, title, file URL, "1/3") left in the document.
std::vector<std::string> running_text(const document& d) {
  static const std::regex page_of(R"(^\s*\d+\s*/\s*\d+\s*$)");
  static const std::regex date(R"(\d{1,2}/\d{1,2}/\d{2},? \d{1,2}:\d{2}\s*[AP]M)");
  std::vector<std::string> out;
  auto look = [&](const std::string& t) {
    if (t.find("file://") != std::string::npos || std::regex_search(t, page_of) ||
        std::regex_search(t, date))
      out.push_back(t);
  };
  for (const auto& b : d.blocks) {
    look(b.text);
    for (const auto& row : b.table.rows)
      for (const auto& c : row) look(c.text);
  }
  return out;
}

struct outcome {
  std::vector<std::string> problems; // empty when the PDF reads back exactly
  std::size_t warnings = 0;
  std::size_t unplaced = 0; // blocks and cells without a position
  std::string first_unplaced;
};

// Reads `pdf` and compares it with the report in `json`; `chromium` adds the header/footer check,
// `pages` (when known) bounds the positions' page numbers.
outcome read_back(const std::string& pdf, const std::string& json, bool chromium,
                  std::uint32_t pages = 0) {
  outcome o;
  const auto expected = read_report_file(json);
  if (!expected.ok()) {
    o.problems.push_back("the expected report " + json + " does not read: " +
                         rules(expected.diagnostics));
    return o;
  }
  const std::string bytes = slurp(pdf);
  if (detect_format(bytes, pdf) != input_format::pdf) o.problems.push_back("not detected as PDF");
  const auto doc = read_pdf(bytes, pdf);
  o.unplaced = unplaced(doc.value, &o.first_unplaced);
  for (const auto& b : doc.value.blocks)
    if (pages != 0 && b.span.line > pages)
      o.problems.push_back("a block on page " + std::to_string(b.span.line) + " of " +
                           std::to_string(pages) + ": '" + b.text + "'");
  if (chromium)
    for (const auto& t : running_text(doc.value))
      o.problems.push_back("running header/footer kept: '" + t + "'");
  const auto got = read_report(bytes, {pdf, input_format::automatic});
  std::vector<std::string> warnings;
  for (const auto& d : got.diagnostics) {
    const std::string text = d.rule + " at " + std::to_string(d.position.line) + ":" +
                             std::to_string(d.position.column) + ": " + d.message_en;
    if (d.level == severity::error)
      o.problems.push_back("error " + text);
    else if (d.rule != "cell.blank") // blanks are what the generator published
      warnings.push_back("warning " + text);
  }
  o.warnings = warnings.size();
  const auto diffs = differences(expected.value, got.value);
  o.problems.insert(o.problems.end(), diffs.begin(), diffs.end());
  if (!o.problems.empty()) o.problems.insert(o.problems.begin(), warnings.begin(), warnings.end());
  return o;
}

} // namespace

TEST_SUITE("read_pdf") {

TEST_CASE("pdf_supported() says whether the reader was built in") {
#ifdef GOVDISCLOSE_TEST_HAVE_PDF
  CHECK(pdf_supported());
#else
  CHECK_FALSE(pdf_supported());
#endif
}

TEST_CASE("PDF bytes are detected as PDF, whatever the file name") {
  CHECK(detect_format(slurp(data("scan.pdf"))) == input_format::pdf);
  CHECK(detect_format(slurp(data("report-2021.pdf")), "report.txt") == input_format::pdf);
}

TEST_CASE("a PDF without a text layer (a scan) gives pdf.no_text_layer") {
  check_refused(slurp(data("scan.pdf")), "pdf.no_text_layer", "scan.pdf");
}

TEST_CASE("random bytes and an empty file give pdf.broken without a crash") {
  std::uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<char>(state >> 56);
  };
  std::string noise(4096, '\0');
  for (char& c : noise) c = next();
  check_refused(noise, "pdf.broken", "noise.bin");
  check_refused("%PDF-1.7\n" + noise, "pdf.broken", "noise.pdf");
  check_refused("", "pdf.broken", "empty.pdf");
  check_refused("%PDF-1.4\n%%EOF\n", "pdf.broken", "header-only.pdf");
}

TEST_CASE("a truncated PDF gives pdf.broken without a crash") {
  // LibreOffice writes the page tree and the cross-reference table last: any cut loses them.
  const std::string full = slurp(data("report-2021.pdf"));
  for (const double part : {0.02, 0.25, 0.5, 0.9}) {
    const auto n = static_cast<std::size_t>(static_cast<double>(full.size()) * part);
    check_refused(full.substr(0, n), "pdf.broken", "report-2021.pdf cut at " + std::to_string(n));
  }
}

TEST_CASE("a PDF cut inside its trailer is repaired by poppler or refused, never half read") {
  // Only `startxref` and `%%EOF` are lost: poppler rebuilds the cross-references from the objects.
  const std::string full = slurp(data("report-2021.pdf"));
  const auto whole = read_pdf(full, "report-2021.pdf");
  for (const std::size_t cut : {std::size_t{6}, std::size_t{20}, std::size_t{60}}) {
    CAPTURE(cut);
    result<document> r;
    REQUIRE_NOTHROW(r = read_pdf(full.substr(0, full.size() - cut), "report-2021.pdf"));
    if (!pdf_supported() || !r.ok()) {
      CHECK_MESSAGE(has_error(r.diagnostics, expected_rule("pdf.broken")), rules(r.diagnostics));
      continue;
    }
    REQUIRE(r.value.blocks.size() == whole.value.blocks.size());
    for (std::size_t i = 0; i < r.value.blocks.size(); ++i) {
      CHECK(r.value.blocks[i].text == whole.value.blocks[i].text);
      CHECK(r.value.blocks[i].table.rows.size() == whole.value.blocks[i].table.rows.size());
    }
  }
}

TEST_CASE("a PDF with a document-open password gives pdf.encrypted") {
  check_refused(slurp(data("encrypted.pdf")), "pdf.encrypted", "encrypted.pdf");
}

TEST_CASE("a PDF with only a permissions password (copying not allowed) reads normally") {
  const auto r = read_pdf(slurp(data("restricted.pdf")), "restricted.pdf");
  if (!pdf_supported()) {
    CHECK(has_error(r.diagnostics, "input.unsupported_format"));
    return;
  }
  CHECK_MESSAGE(r.ok(), rules(r.diagnostics));
  std::string all;
  for (const auto& b : r.value.blocks) all += b.text + "\n";
  CHECK(squeeze(all).find("一、总体情况") != std::string::npos);
  CHECK(squeeze(all).find("只有打开密码或权限密码的PDF") != std::string::npos);
  CHECK(unplaced(r.value) == 0);
}

TEST_CASE("a table split over two pages reads as one table, running header and page numbers dropped") {
  const auto r = read_pdf(slurp(data("table.pdf")), "table.pdf");
  if (!pdf_supported()) {
    CHECK(has_error(r.diagnostics, "input.unsupported_format"));
    return;
  }
  CHECK_MESSAGE(r.ok(), rules(r.diagnostics));
  CHECK(r.value.format == "pdf");
  CHECK(r.value.source == "table.pdf");
  std::vector<const block*> tables;
  for (const auto& b : r.value.blocks) {
    CHECK_MESSAGE(b.text.find("Annual report") == std::string::npos, "running header kept: " << b.text);
    CHECK_MESSAGE(b.text.find("- 1 -") == std::string::npos, "page number kept: " << b.text);
    if (b.kind == block_kind::table) tables.push_back(&b);
  }
  REQUIRE(tables.size() == 1);
  const auto& rows = tables[0]->table.rows;
  std::vector<std::vector<std::string>> got;
  for (const auto& row : rows) {
    got.emplace_back();
    for (const auto& c : row) got.back().push_back(c.text);
  }
  const std::vector<std::vector<std::string>> expected = {
      {"Item", "New", "Old", "Total"}, {"Row 1", "3", "1", "4"},   {"Row 2", "6", "2", "8"},
      {"Row 3", "9", "3", "12"},       {"Row 4", "12", "", "12"},  {"Row 5", "15", "5", "20"},
      {"Row 6", "18", "6", "24"},      {"Row 7", "21", "7", "28"}, {"Row 8", "24", "8", "32"}};
  CHECK(got == expected);
  // Positions are page:line: the table starts on page 1, its last row is on page 2.
  CHECK(tables[0]->span.line == 1);
  CHECK(rows.front()[0].span.line == 1);
  CHECK(rows.back()[0].span.line == 2);
  CHECK(unplaced(r.value) == 0);
}

TEST_CASE("LibreOffice prints of generated reports read back to their exact tables and narrative") {
  // report-2021-blank-reviews: the reviews table has no label column and its first two data
  // columns (行政复议 结果维持, 结果纠正) are blank, so its header text stands over no number.
  for (const std::string name : {"report-2021", "report-2019", "report-2021-blank-reviews"}) {
    CAPTURE(name);
    const std::string pdf = data(name + ".pdf");
    if (!pdf_supported()) {
      check_refused(slurp(pdf), "input.unsupported_format", name);
      continue;
    }
    const auto o = read_back(pdf, data(name + ".json"), false);
    CHECK_MESSAGE(o.problems.empty(), o.problems.size() << " problems:" << first_lines(o.problems));
    CHECK_MESSAGE(o.unplaced == 0, o.unplaced << " blocks or cells without a page:line position, "
                                              << "the first: " << o.first_unplaced);
  }
}

} // TEST_SUITE

// The corpus of tests/pdf/make_corpus.py, named by GOVDISCLOSE_PDF_CORPUS (set by CTest's
// read_pdf_corpus test, which needs the read_pdf_corpus_make fixture). Without it: nothing to do.
TEST_SUITE("read_pdf_corpus") {

TEST_CASE("every PDF of the generated corpus reads back to its report's cells and narrative") {
  const char* dir = std::getenv("GOVDISCLOSE_PDF_CORPUS");
  if (!dir || !*dir) {
    MESSAGE("GOVDISCLOSE_PDF_CORPUS is not set: no corpus to read (ctest runs it as read_pdf_corpus)");
    return;
  }
  const std::string root(dir);
  std::istringstream manifest(slurp(root + "/corpus.tsv"));
  struct tally {
    int passed = 0, failed = 0;
    std::size_t warnings = 0;
  };
  std::map<std::string, tally> by_layout;
  std::string line;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    // layout, PDF, JSON, pages
    const auto t1 = line.find('\t');
    const auto t2 = line.find('\t', t1 + 1);
    REQUIRE(t2 != std::string::npos);
    const auto t3 = line.find('\t', t2 + 1);
    const auto t4 = t3 == std::string::npos ? t3 : line.find('\t', t3 + 1);
    const std::string layout = line.substr(0, t1);
    const std::string pdf = root + "/" + line.substr(t1 + 1, t2 - t1 - 1);
    const std::string json = root + "/" + line.substr(t2 + 1, t3 == std::string::npos ? t3 : t3 - t2 - 1);
    const std::string font = t4 == std::string::npos ? "" : line.substr(t4 + 1);
    CAPTURE(pdf);
    if (!pdf_supported()) {
      check_refused(slurp(pdf), "input.unsupported_format", pdf);
      continue;
    }
    const auto pages = t3 == std::string::npos ? 0 : std::atoi(line.c_str() + t3 + 1);
    const auto o = read_back(pdf, json, layout == "chromium", static_cast<std::uint32_t>(pages));
    auto& t = by_layout[layout + (font.empty() ? "" : ", " + font)];
    t.warnings += o.warnings;
    (o.problems.empty() ? t.passed : t.failed) += 1;
    CHECK_MESSAGE(o.problems.empty(), o.problems.size() << " problems:" << first_lines(o.problems));
    CHECK_MESSAGE(o.unplaced == 0, o.unplaced << " blocks or cells without a page:line position, "
                                              << "the first: " << o.first_unplaced);
  }
  if (pdf_supported()) REQUIRE_FALSE(by_layout.empty());
  for (const auto& [layout, t] : by_layout) // per layout and font
    MESSAGE(layout << ": " << t.passed << " of " << t.passed + t.failed
                   << " PDFs read back exactly (" << t.warnings << " warnings)");
}

} // TEST_SUITE
