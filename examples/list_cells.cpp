// Walk a generated report and print the application matrix's totals with the template's labels.
#include <govdisclose/govdisclose.hpp>

#include <iostream>

int main() {
  using namespace govdisclose;
  const report r = generate_report(7);
  const template_def& cat = catalog(r.template_);
  int printed = 0;
  for_each_cell(r, [&](std::string_view path, const cell& c) {
    if (path.starts_with("applications.") && path.ends_with(".total") && c.present()) {
      std::cout << cat.describe(path) << " = " << c.raw << '\n';
      ++printed;
    }
  });
  return printed == 25 ? 0 : 1; // one total per data row of the 2021 matrix
}
