// Read a report published as PDF, check its 勾稽关系 and compare its tables with the data it was
// printed from: `example_read_pdf [report.pdf report.json]` (defaults: the bundled generated
// report, printed by LibreOffice). Without the optional PDF component it says so and exits 0.
#include <govdisclose/govdisclose.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/validate.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  using namespace govdisclose;
  if (!pdf_supported()) {
    std::cout << "built without the PDF reader (poppler-cpp): nothing to do\n";
    return 0;
  }
  const std::string pdf = argc > 2 ? argv[1] : GOVDISCLOSE_EXAMPLE_PDF;
  const std::string json = argc > 2 ? argv[2] : GOVDISCLOSE_EXAMPLE_JSON;

  const result<report> read = read_report_file(pdf); // tables rebuilt from the words' positions
  for (const diagnostic& d : read.diagnostics)
    std::cout << d.position.to_string() << ' ' << d.rule << ": " << d.message << '\n';
  const std::vector<diagnostic> found = validate(read.value);
  std::cout << read.value.meta.title << ": " << found.size() << " findings, "
            << (has_errors(found) ? "不通过" : "通过") << '\n';

  std::ifstream in(json, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const result<report> truth = report_from_json(text.str(), json);
  std::size_t cells = 0, same = 0;
  for_each_cell(truth.value, [&](std::string_view path, const cell& expected) {
    if (!expected.present()) return;
    ++cells;
    const cell* got = find_cell(read.value, path);
    if (got && got->state == expected.state && got->value == expected.value) ++same;
    else std::cout << "differs: " << path << '\n';
  });
  std::cout << same << " of " << cells << " cells as printed\n";
  return same == cells && cells > 0 ? 0 : 1;
}
