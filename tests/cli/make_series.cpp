// Test data for the golden tests of `govdisclose check` and `export` across reports: generated
// reports (generate.hpp, testing/series.hpp) written as JSON under the folder given.
//
//   series/    one agency in 2022 and 2023 (this year's carried_over differs from last year's
//              carried_forward for 商业企业, and its in_force of 行政规范性文件 is one too high),
//              and a report of another agency
//   manifest/  the same agency under two names, and a summary report of 2023 whose fee differs
//              from its three members' sum; manifest.csv lists the summary first and this year
//              before last year, so that the batch has to read ahead
#include "make_files.hpp"

#include <govdisclose/compare.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/testing/series.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace govdisclose;

namespace {

using govdisclose::test::write_file;

cell& at(report& r, const std::string& path) { return *find_cell(r, path); }

// This year's carried_over in one column moves by `by` (the report stays valid).
void break_carry_over(report& now, const std::string& column, std::int64_t by) {
  cell& c = at(now, "applications.carried_over." + column);
  c = cell::number(c.value.whole_part() + by);
  testing::rebalance_carry_over(now);
}

report agency_report(std::uint64_t seed, const std::string& agency, int year) {
  report r = generate_report(seed);
  r.meta.agency = agency;
  r.meta.year = year;
  r.meta.title = agency + std::to_string(year) + "年政府信息公开工作年度报告";
  r.narrative.overview = std::to_string(year) + "年，" + agency + "扎实推进政务公开工作。";
  r.narrative.other_matters = std::to_string(year) + "年度未收取信息处理费。";
  return r;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_series DIR\n";
    return 2;
  }
  const fs::path dir = argv[1];
  bool ok = true;

  auto [last, now] = testing::consecutive_reports(2022, "某县自然资源局", 2023);
  break_carry_over(now, "commercial_enterprise", 2);
  cell& in_force = at(now, "proactive.normative_documents.in_force");
  in_force = cell::number(in_force.value + decimal::whole(1));
  ok = ok && write_file(dir / "series/a-2022.json", to_json(last));
  ok = ok && write_file(dir / "series/b-2023.json", to_json(now));
  ok = ok &&
       write_file(dir / "series/c-other.json", to_json(agency_report(7, "某市交通运输局", 2023)));

  auto [old, fresh] = testing::consecutive_reports(2023, "某县自然资源局", 2023);
  old.meta.agency = "县自然资源和规划局"; // the same agency, named otherwise in 2022
  break_carry_over(fresh, "natural_person", 3);
  std::vector<report> members = {fresh, agency_report(31, "某县教育局", 2023),
                                 agency_report(32, "某县卫生健康委员会", 2023)};
  report summary = rollup(members).value;
  summary.meta.agency = "某县人民政府";
  summary.meta.year = 2023;
  summary.meta.title = "某县人民政府2023年政府信息公开工作年度报告";
  summary.narrative.overview = "2023年，某县人民政府扎实推进政务公开工作。";
  summary.narrative.other_matters = "2023年度未收取信息处理费。";
  cell& fee = at(summary, "proactive.fees.amount");
  fee = cell::number(fee.value + decimal{15, 4}); // 0.0015 万元 more than the members' sum
  ok = ok && write_file(dir / "manifest/2022-zrzy.json", to_json(old));
  ok = ok && write_file(dir / "manifest/2023-zrzy.json", to_json(members[0]));
  ok = ok && write_file(dir / "manifest/2023-edu.json", to_json(members[1]));
  ok = ok && write_file(dir / "manifest/2023-health.json", to_json(members[2]));
  ok = ok && write_file(dir / "manifest/2023-county.json", to_json(summary));
  ok = ok && write_file(dir / "manifest/manifest.csv",
                        "file,agency,year,member_of\n"
                        "2023-county.json,某县人民政府,2023,\n"
                        "2023-zrzy.json,某县自然资源局,2023,某县人民政府\n"
                        "2022-zrzy.json,某县自然资源局,2022,\n"
                        "2023-edu.json,某县教育局,2023,某县人民政府\n"
                        "2023-health.json,某县卫生健康委员会,2023,某县人民政府\n");
  if (!ok) std::cerr << "make_series: cannot write under " << dir << '\n';
  return ok ? 0 : 1;
}
