// Generate a report, validate it, break one cell, validate again, and write the report as JSON.
//
// The program checks everything it prints and exits non-zero on any surprise, so CTest runs it
// as a test.
#include <govdisclose/govdisclose.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/validate.hpp>

#include <fstream>
#include <iostream>
#include <set>
#include <string>

int main() {
  using namespace govdisclose;

  // 1. A random report that satisfies every rule of the 2021 template.
  report r = generate_report(2022);
  if (has_errors(validate(r))) {
    std::cerr << "surprise: a generated report has validation errors\n";
    return 1;
  }
  std::cout << r.meta.title << ": 通过\n";

  // 2. Publish one more granted application by a natural person without updating any total,
  //    the kind of slip inspectors look for.
  cell* granted = find_cell(r, "applications.granted.natural_person");
  if (granted == nullptr || !granted->is_number()) {
    std::cerr << "surprise: no number at applications.granted.natural_person\n";
    return 1;
  }
  *granted = cell::number(granted->value + decimal::whole(1));

  const std::vector<diagnostic> found = validate(r);
  std::set<std::string> rules;
  for (const diagnostic& d : found) {
    std::cout << (d.level == severity::error ? "错误" : "警告") << " [" << d.rule << "] " << d.path
              << ": " << d.message << '\n';
    rules.insert(d.rule);
  }
  // The row's total no longer adds up, nor does the column's （七）总计.
  if (!rules.count("applications.row_total") || !rules.count("applications.results_total")) {
    std::cerr << "surprise: the broken cell was not reported by both sum rules\n";
    return 1;
  }

  // 3. Write the report as canonical JSON and read it back: nothing is lost.
  const std::string json = to_json(r);
  std::ofstream("validate_generated.json", std::ios::binary) << json;
  const result<report> back = report_from_json(json, "validate_generated.json");
  if (!back.ok() || !(back.value == r)) {
    std::cerr << "surprise: the JSON round trip changed the report\n";
    return 1;
  }
  std::cout << "validate_generated.json: " << json.size() << " bytes\n";
  return 0;
}
