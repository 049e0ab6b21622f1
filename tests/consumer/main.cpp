// Uses the installed (or build-tree) govdisclose: generate a report, write it as JSON, read it
// back, and check that nothing was lost.
#include <govdisclose/govdisclose.hpp>
#include <govdisclose/json.hpp>

#include <iostream>

int main() {
  using namespace govdisclose;
  const report r = generate_report(42);
  const std::string json = to_json(r);
  const result<report> back = report_from_json(json, "consumer");
  if (!back.ok() || !(back.value == r)) {
    std::cerr << "consumer: the JSON round trip changed the report\n";
    return 1;
  }
  std::cout << "consumer: govdisclose " << version() << ", " << json.size()
            << " bytes of JSON round-tripped\n";
  return 0;
}
