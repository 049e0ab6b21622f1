// Datasets: long and wide CSV, JSON Lines and XLSX, read back and checked against the reports.
#include <govdisclose/dataset.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/reflect.hpp>

#include <doctest/doctest.h>

#include <zip.h>

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace govdisclose;

namespace {

// RFC 4180 records; quoted fields may hold commas, quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += ch;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Three reports of both templates with blanks, markers, text and a source name to quote.
std::vector<report> sample_reports() {
  std::vector<report> rs;
  generate_options o;
  o.blank_zero_rate = 0.3;
  rs.push_back(generate_report(11, o));
  o.template_ = template_id::t2019;
  rs.push_back(generate_report(12, o));
  o.template_ = template_id::t2021;
  o.local_additions = true;
  report r = generate_report(13, o);
  *find_cell(r, "applications.granted.natural_person") = classify_cell("—");
  *find_cell(r, "applications.carried_over.total") = classify_cell("见说明, \"附表\"");
  r.meta.agency = "某市\"示范\",局";
  rs.push_back(std::move(r));
  rs[0].meta.source = "reports/a.json";
  rs[1].meta.source = "reports/b,c.json";
  rs[2].meta.source = "reports/d.html";
  return rs;
}

std::string write_all(dataset_format f, const std::vector<report>& rs) {
  std::ostringstream out;
  auto w = make_dataset_writer(f, out);
  REQUIRE(w);
  for (const auto& r : rs)
    w->add(r);
  std::string error;
  CHECK(w->finish(error));
  return out.str();
}

// A derived figure read back from its text: absent when empty.
std::optional<double> figure_back(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return std::stod(text);
}

// The figures of a report by derived_columns() name, as derive() computes them.
std::map<std::string, std::optional<double>> figures_of(const report& r) {
  const derived_figures f = derive(r);
  std::map<std::string, std::optional<double>> out;
  using members = boost::describe::describe_members<derived_figures, boost::describe::mod_public>;
  boost::mp11::mp_for_each<members>(
      [&](auto d) { out["derived." + std::string(d.name)] = f.*d.pointer; });
  return out;
}

std::string state_text(cell_state s) {
  switch (s) {
  case cell_state::number: return "number";
  case cell_state::blank: return "blank";
  case cell_state::marker: return "marker";
  case cell_state::text: return "text";
  default: return "absent";
  }
}

} // namespace

TEST_SUITE("dataset") {

TEST_CASE("format names are those of the command line") {
  CHECK(dataset_format_from_name("csv") == dataset_format::csv);
  CHECK(dataset_format_from_name("csv-wide") == dataset_format::csv_wide);
  CHECK(dataset_format_from_name("jsonl") == dataset_format::jsonl);
  CHECK(dataset_format_from_name("xlsx") == dataset_format::xlsx);
  CHECK_FALSE(dataset_format_from_name("xls"));
}

TEST_CASE("CSV fields are quoted only when they must be") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(parse_csv(csv_field("x,\"y\"\n") + ",z\r\n").front() ==
        std::vector<std::string>{"x,\"y\"\n", "z"});
}

TEST_CASE("the long CSV has one line per present cell that reads back to the cell") {
  const auto rs = sample_reports();
  const auto rows = parse_csv(write_all(dataset_format::csv, rs));
  REQUIRE(!rows.empty());
  CHECK(rows.front() == std::vector<std::string>(long_csv_columns.begin(), long_csv_columns.end()));
  std::size_t present = 0;
  for (const auto& r : rs)
    for_each_cell(r, [&](std::string_view, const cell& c) { present += c.present() ? 1 : 0; });
  // Every present cell, and each report's derived figures.
  CHECK(rows.size() == 1 + present + rs.size() * derived_columns().size());
  std::map<std::string, const report*> by_source;
  for (const auto& r : rs)
    by_source[r.meta.source] = &r;
  std::map<std::string, std::size_t> figures_seen;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i];
    REQUIRE(f.size() == long_csv_columns.size());
    REQUIRE(by_source.count(f[0]) == 1);
    const report& r = *by_source[f[0]];
    CHECK(f[1] == r.meta.agency);
    CHECK(f[2] == std::to_string(*r.meta.year));
    CHECK(f[3] == template_code(r.template_));
    if (f[4] == "derived") {
      // A derived figure: the value derive() computes, empty and `absent` when it has none.
      const auto want = figures_of(r).at("derived." + f[5]);
      CHECK(f[6].empty());
      CHECK(f[8] == (want ? "number" : "absent"));
      const auto got = figure_back(f[7]);
      REQUIRE(got.has_value() == want.has_value());
      if (want) CHECK(*got == *want); // the text reads back as the same double
      ++figures_seen[f[0]];
      continue;
    }
    const std::string path = f[4] + "." + f[5] + "." + f[6];
    CHECK(catalog(r.template_).locate(path)); // names from the catalog
    const cell* c = find_cell(r, path);
    REQUIRE_MESSAGE(c, path);
    CHECK(f[8] == state_text(c->state));
    CHECK(classify_cell(f[7]) == *c); // the value says what the cell says
  }
  for (const auto& r : rs)
    CHECK(figures_seen[r.meta.source] == derived_columns().size());
}

TEST_CASE("the wide CSV has one line per report and one column per cell path") {
  const auto rs = sample_reports();
  const auto rows = parse_csv(write_all(dataset_format::csv_wide, rs));
  REQUIRE(rows.size() == rs.size() + 1);
  const auto& header = rows.front();
  REQUIRE(header.size() ==
          wide_csv_meta_columns.size() + wide_csv_paths().size() + derived_columns().size());
  const std::size_t first_figure = header.size() - derived_columns().size();
  CHECK(std::equal(derived_columns().begin(), derived_columns().end(),
                   header.begin() + static_cast<std::ptrdiff_t>(first_figure)));
  // Every cell path of both templates is a column, once.
  for (template_id id : {template_id::t2019, template_id::t2021}) {
    const report empty = make_report(id);
    for_each_cell(empty, [&](std::string_view p, const cell&) {
      CHECK(std::count(header.begin(), header.end(), std::string(p)) == 1);
    });
  }
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto& f = rows[i + 1];
    REQUIRE(f.size() == header.size());
    CHECK(f[0] == rs[i].meta.source);
    CHECK(f[1] == rs[i].meta.agency);
    const auto figures = figures_of(rs[i]);
    for (std::size_t k = first_figure; k < header.size(); ++k) {
      const auto want = figures.at(header[k]);
      const auto got = figure_back(f[k]);
      REQUIRE_MESSAGE(got.has_value() == want.has_value(), header[k]);
      if (want) CHECK_MESSAGE(*got == *want, header[k]);
    }
    for (std::size_t k = wide_csv_meta_columns.size(); k < first_figure; ++k) {
      const cell* c = find_cell(rs[i], header[k]);
      if (!c || !c->present() || c->state == cell_state::blank) {
        CHECK_MESSAGE(f[k].empty(), header[k]);
      } else {
        CHECK_MESSAGE(classify_cell(f[k]) == *c, header[k]);
      }
    }
  }
}

TEST_CASE("JSON Lines hold one report per line that reads back equal") {
  const auto rs = sample_reports();
  std::istringstream in(write_all(dataset_format::jsonl, rs));
  std::string line;
  std::size_t i = 0;
  while (std::getline(in, line)) {
    REQUIRE(i < rs.size());
    const result<report> back = report_from_json(line);
    CHECK(back.ok());
    CHECK(back.diagnostics.empty()); // `derived` is known to the reader
    CHECK(back.value == rs[i]);
    // The derived figures, as derive() computes them, null when absent.
    const auto derived = boost::json::parse(line).at("derived").as_object();
    const auto want = figures_of(rs[i]);
    CHECK(derived.size() == want.size());
    for (const auto& [k, v] : derived) {
      const auto w = want.at("derived." + std::string(k));
      REQUIRE(v.is_null() == !w.has_value());
      // Boost.JSON 1.81 converts decimal text to double inexactly (std::stod is exact: the
      // CSV tests compare with ==), hence the tolerance of a few units in the last place.
      if (w) CHECK(v.to_number<double>() == doctest::Approx(*w).epsilon(1e-15));
    }
    ++i;
  }
  CHECK(i == rs.size());
}

TEST_CASE("the XLSX workbook has a sheet per table whose rows hold the report's cells") {
  if (!xlsx_supported()) {
    std::string error;
    CHECK_FALSE(open_dataset(dataset_format::xlsx, "x.xlsx", error));
    CHECK_FALSE(error.empty());
    return;
  }
  const auto rs = sample_reports();
  const auto file = std::filesystem::temp_directory_path() /
                    ("govdisclose-dataset-" +
                     std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
                     ".xlsx");
  std::string error;
  {
    auto w = open_dataset(dataset_format::xlsx, file.string(), error);
    REQUIRE(w);
    for (const auto& r : rs)
      w->add(r);
    REQUIRE(w->finish(error));
  }
  int err = 0;
  zip_t* z = zip_open(file.string().c_str(), ZIP_RDONLY, &err);
  REQUIRE(z);
  const auto read_entry = [&](const std::string& name) {
    std::string data;
    zip_stat_t st;
    if (zip_stat(z, name.c_str(), 0, &st) != 0) return data;
    zip_file_t* f = zip_fopen(z, name.c_str(), 0);
    if (!f) return data;
    data.resize(static_cast<std::size_t>(st.size));
    const auto n = zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    data.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    return data;
  };
  const std::string workbook = read_entry("xl/workbook.xml");
  for (const char* sheet : {"reports", "proactive", "applications", "reviews"})
    CHECK_MESSAGE(workbook.find(std::string("name=\"") + sheet + "\"") != std::string::npos,
                  sheet);
  // Sheet 3 is applications: one line per present row of each report plus the header.
  const std::string apps = read_entry("xl/worksheets/sheet3.xml");
  std::size_t rows = 0;
  for (std::size_t p = apps.find("<row "); p != std::string::npos; p = apps.find("<row ", p + 1))
    ++rows;
  std::size_t expected = 1;
  for (const auto& r : rs) {
    std::set<std::string> present_rows;
    for_each_cell(r, [&](std::string_view p, const cell& c) {
      if (c.present() && p.starts_with("applications."))
        present_rows.insert(std::string(p.substr(0, p.rfind('.'))));
    });
    expected += present_rows.size();
  }
  CHECK(rows == expected);
  CHECK(apps.find("withheld.state_secret") != std::string::npos);
  CHECK(apps.find("natural_person") != std::string::npos);
  CHECK(apps.find("—") != std::string::npos); // a marker is kept as text
  // The fee of the first report, a number of 万元 with 4 decimals, is a number cell.
  const std::string proactive = read_entry("xl/worksheets/sheet2.xml");
  const cell* fee = find_cell(rs[0], "proactive.fees.amount");
  REQUIRE(fee);
  std::ostringstream v;
  v.precision(15);
  v << fee->value.to_double();
  CHECK_MESSAGE(proactive.find("<v>" + v.str() + "</v>") != std::string::npos, v.str());
  // Sheet 1 lists the reports with their derived figures in columns F… (none when absent).
  const std::string reports = read_entry("xl/worksheets/sheet1.xml");
  for (const std::string& name : derived_columns())
    CHECK_MESSAGE(reports.find(">" + name + "<") != std::string::npos, name);
  std::size_t numbers = 0;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    char column = 'F';
    const auto figures = figures_of(rs[i]);
    for (const std::string& name : derived_columns()) {
      const std::optional<double> want = figures.at(name);
      const std::string ref = "r=\"" + std::string(1, column++) + std::to_string(i + 2) + "\"";
      const auto at = reports.find(ref);
      REQUIRE_MESSAGE((at != std::string::npos) == want.has_value(), ref);
      if (!want) continue;
      const auto v0 = reports.find("<v>", at) + 3;
      CHECK(std::stod(reports.substr(v0, reports.find("</v>", v0) - v0)) ==
            doctest::Approx(*want).epsilon(1e-12));
      ++numbers;
    }
  }
  CHECK(numbers > 0);
  zip_close(z);
  std::filesystem::remove(file);
}

TEST_CASE("an XLSX dataset needs a file, not standard output") {
  std::string error;
  CHECK_FALSE(open_dataset(dataset_format::xlsx, "-", error));
  CHECK_FALSE(error.empty());
}

} // TEST_SUITE
