// Batch checking: walking folders, parallel reading and validation, streaming, bounded memory.
#include <govdisclose/batch.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/inspection_page.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/testing/series.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace govdisclose;

namespace {

// A fresh folder under the system's temporary directory, removed at the end.
struct temp_folder {
  fs::path path;
  explicit temp_folder(const std::string& name) {
    path = fs::temp_directory_path() /
           ("govdisclose-" + name + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~temp_folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// What the corpus holds, as the test made it.
struct corpus {
  std::map<std::string, batch_status> expected; // file → status it must get
  std::map<std::string, std::string> broken;    // file → the cell made text
  std::size_t supported = 0;
};

// Generated reports as JSON in a tree; every third one has a text cell (cell.not_a_number) and
// every fifth one a broken total; plus a garbage JSON file and files the walk must skip.
corpus make_corpus(const fs::path& root, int n) {
  corpus c;
  for (int i = 0; i < n; ++i) {
    generate_options o;
    o.template_ = i % 2 ? template_id::t2019 : template_id::t2021;
    report r = generate_report(static_cast<std::uint64_t>(100 + i), o);
    batch_status status = batch_status::pass;
    const fs::path file = root / (i % 4 == 0 ? "sub/deeper" : "") /
                          ("report-" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".json");
    if (i % 3 == 1) {
      const std::string path = "applications.granted.natural_person";
      *find_cell(r, path) = classify_cell("若干");
      c.broken[file.string()] = path;
      status = batch_status::fail;
    }
    if (i % 5 == 2) {
      cell& total = *find_cell(r, "reviews.administrative_review.total");
      total = cell::number(total.value.whole_part() + 7);
      status = batch_status::fail;
    }
    write_file(file, to_json(r));
    c.expected[file.string()] = status;
  }
  write_file(root / "sub/garbage.json", "{ this is not json");
  c.expected[(root / "sub/garbage.json").string()] = batch_status::unreadable;
  write_file(root / "notes.xyz", "not a report");
  write_file(root / "sub/README", "not a report either");
  c.supported = c.expected.size();
  return c;
}

cell& at(report& r, const std::string& path) {
  cell* c = find_cell(r, path);
  REQUIRE_MESSAGE(c, path);
  return *c;
}

using testing::consecutive_reports;

// Break the carry-over in one applicant column: this year's carried_over there becomes
// `value` (and its total with it); the report stays valid on its own.
void break_carry_over(report& now, const std::string& column, std::int64_t value) {
  at(now, "applications.carried_over." + column) = cell::number(value);
  testing::rebalance_carry_over(now);
}

// The paths of a rule's findings in an outcome.
std::set<std::string> paths_with(const batch_item& item, std::string_view rule) {
  std::set<std::string> out;
  for (const auto& d : item.diagnostics)
    if (d.rule == rule) out.insert(d.path);
  return out;
}

// Every outcome of a run, and its summary.
struct run_result {
  std::vector<batch_item> items;
  batch_summary summary;
  const batch_item& at(const fs::path& file) const {
    for (const auto& i : items)
      if (i.path == file.string()) return i;
    FAIL("no outcome for " << file);
    return items.front();
  }
};

run_result run_batch(const std::vector<batch_input>& inputs, batch_options o) {
  run_result r;
  r.summary = check_files(inputs, o, [&](batch_item& i) { r.items.push_back(i); });
  return r;
}

std::vector<batch_input> inputs_of(const std::vector<fs::path>& files) {
  std::vector<batch_input> in;
  for (const auto& f : files) in.push_back({f.string(), {}});
  return in;
}

std::vector<const diagnostic*> with_rule(const batch_item& item, std::string_view rule) {
  std::vector<const diagnostic*> out;
  for (const auto& d : item.diagnostics)
    if (d.rule == rule) out.push_back(&d);
  return out;
}

// A manifest file in `dir` with these lines after the header.
fs::path write_manifest(const fs::path& dir, const std::string& header,
                        const std::vector<std::string>& lines) {
  std::string text = header + "\n";
  for (const auto& l : lines) text += l + "\n";
  write_file(dir / "manifest.csv", text);
  return dir / "manifest.csv";
}

batch_manifest manifest_at(const fs::path& file) {
  result<batch_manifest> m = read_manifest(file.string());
  for (const auto& d : m.diagnostics) INFO(d.position.to_string(), ": ", d.message);
  REQUIRE(m.ok());
  return m.value;
}

std::vector<batch_input> inputs_of(const batch_manifest& m) {
  std::vector<batch_input> in;
  for (const auto& e : m.entries) in.push_back({e.file, {}});
  return in;
}

std::vector<std::string> paths_of(const std::vector<batch_input>& in) {
  std::vector<std::string> out;
  for (const auto& i : in)
    out.push_back(i.path);
  return out;
}

} // namespace

TEST_SUITE("batch") {

TEST_CASE("supported files are recognised by their extension in any letter case") {
  for (const char* name : {"a.json", "b.HTML", "c.htm", "d.shtml", "e.md", "f.markdown", "g.txt",
                           "h.tsv", "i.docx", "j.PDF"})
    CHECK_MESSAGE(is_supported_file(name), name);
  for (const char* name : {"a.xyz", "README", "b.json.bak", "c.doc", "json"})
    CHECK_FALSE_MESSAGE(is_supported_file(name), name);
}

TEST_CASE("collecting inputs walks folders recursively in name order and keeps explicit files") {
  temp_folder tmp("collect");
  const corpus c = make_corpus(tmp.path, 12);
  const auto inputs = collect_inputs({tmp.path.string()});
  const auto found = paths_of(inputs);
  std::set<std::string> unique(found.begin(), found.end());
  CHECK(unique.size() == found.size());
  CHECK(found.size() == c.supported);
  for (const auto& e : c.expected)
    CHECK_MESSAGE(unique.count(e.first) == 1, e.first);
  // Within a folder, names are in order; the same tree always gives the same list.
  CHECK(paths_of(collect_inputs({tmp.path.string()})) == found);
  for (const auto& i : inputs)
    CHECK(i.error.empty());

  // An explicit file is taken whatever its extension; a missing path becomes an input with an
  // error, in the order given.
  const auto explicit_inputs =
      collect_inputs({(tmp.path / "notes.xyz").string(), (tmp.path / "missing.json").string()});
  REQUIRE(explicit_inputs.size() == 2);
  CHECK(explicit_inputs[0].error.empty());
  CHECK(explicit_inputs[1].error.find("不存在") != std::string::npos);
}

TEST_CASE("every file gets the status its content calls for, on one thread and on several") {
  temp_folder tmp("status");
  const corpus c = make_corpus(tmp.path, 24);
  const auto inputs = collect_inputs({tmp.path.string()});
  std::map<unsigned, std::vector<std::pair<std::string, batch_status>>> runs;
  for (unsigned jobs : {1u, 2u, 4u}) {
    batch_options o;
    o.jobs = jobs;
    std::size_t next = 0;
    const batch_summary s = check_files(inputs, o, [&](batch_item& item) {
      CHECK(item.index == next++); // input order
      runs[jobs].emplace_back(item.path, item.status);
      REQUIRE(c.expected.count(item.path) == 1);
      CHECK_MESSAGE(item.status == c.expected.at(item.path), item.path);
      if (const auto b = c.broken.find(item.path); b != c.broken.end()) {
        bool named = false;
        for (const auto& d : item.diagnostics)
          named = named || (d.rule == "cell.not_a_number" && d.path == b->second);
        CHECK_MESSAGE(named, item.path);
      }
      if (item.status == batch_status::unreadable) CHECK_FALSE(item.reason.empty());
      for (const auto& d : item.diagnostics)
        CHECK(!d.position.file.empty());
    });
    CHECK(s.files == inputs.size());
    CHECK(s.passed + s.failed + s.unreadable == s.files);
  }
  CHECK(runs[1] == runs[2]);
  CHECK(runs[1] == runs[4]);
}

TEST_CASE("the summary counts statuses, findings and rules as the outcomes say") {
  temp_folder tmp("summary");
  make_corpus(tmp.path, 15);
  batch_options o;
  o.jobs = 2;
  std::size_t pass = 0, fail = 0, unreadable = 0, errors = 0, warnings = 0;
  std::map<std::string, std::size_t> findings, reports;
  const batch_summary s = check_files(collect_inputs({tmp.path.string()}), o, [&](batch_item& i) {
    (i.status == batch_status::pass ? pass : i.status == batch_status::fail ? fail : unreadable)++;
    std::set<std::string> seen;
    for (const auto& d : i.diagnostics) {
      (d.level == severity::error ? errors : warnings)++;
      ++findings[d.rule];
      if (seen.insert(d.rule).second) ++reports[d.rule];
    }
  });
  CHECK(s.passed == pass);
  CHECK(s.failed == fail);
  CHECK(s.unreadable == unreadable);
  CHECK(s.errors == errors);
  CHECK(s.warnings == warnings);
  REQUIRE(s.rules.size() == findings.size());
  for (const auto& [rule, n] : findings) {
    CHECK(s.rules.at(rule).findings == n);
    CHECK(s.rules.at(rule).reports == reports.at(rule));
  }
  CHECK(s.rules.count("cell.not_a_number") == 1);
  CHECK(s.rules.count("reviews.block_total") == 1);
}

TEST_CASE("no more reports are alive at once than the queue holds, however slow the consumer") {
  temp_folder tmp("bounded");
  make_corpus(tmp.path, 30);
  const auto inputs = collect_inputs({tmp.path.string()});
  for (bool ordered : {true, false}) {
    batch_options o;
    o.jobs = 3;
    o.queue_capacity = 3;
    o.ordered = ordered;
    std::set<std::size_t> seen;
    const batch_summary s = check_files(inputs, o, [&](batch_item& item) {
      CHECK(seen.insert(item.index).second);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    });
    CHECK(seen.size() == inputs.size());
    CHECK(s.peak_in_flight >= 1);
    CHECK(s.peak_in_flight <= 3);
  }
}

TEST_CASE("a missing path is reported as unreadable and does not stop the run") {
  temp_folder tmp("missing");
  make_corpus(tmp.path, 4);
  auto inputs = collect_inputs({(tmp.path / "nowhere").string(), tmp.path.string()});
  batch_options o;
  o.jobs = 2;
  std::vector<batch_item> items;
  const batch_summary s = check_files(inputs, o, [&](batch_item& i) { items.push_back(i); });
  REQUIRE(items.size() == inputs.size());
  CHECK(items.front().status == batch_status::unreadable);
  CHECK(items.front().diagnostics.front().rule == "input.unreadable");
  CHECK(s.unreadable == 2); // the missing path and the garbage JSON
  CHECK(s.passed + s.failed == inputs.size() - 2);
}

TEST_CASE("an exception from the consumer stops the workers and reaches the caller") {
  temp_folder tmp("throw");
  make_corpus(tmp.path, 20);
  batch_options o;
  o.jobs = 2;
  std::size_t calls = 0;
  CHECK_THROWS_AS(check_files(collect_inputs({tmp.path.string()}), o,
                              [&](batch_item&) {
                                if (++calls == 3) throw std::runtime_error("stop");
                              }),
                  std::runtime_error);
  CHECK(calls == 3);
}

TEST_CASE("published formats are read in a batch as well as JSON") {
  temp_folder tmp("formats");
  const report r = generate_report(7);
  const document d = render_document(r);
  write_file(tmp.path / "a.html", write_html(d));
  write_file(tmp.path / "b.md", write_markdown(d));
  write_file(tmp.path / "c.txt", write_text(d));
  batch_options o;
  o.jobs = 2;
  std::size_t n = 0;
  check_files(collect_inputs({tmp.path.string()}), o, [&](batch_item& item) {
    ++n;
    CHECK_MESSAGE(item.status != batch_status::unreadable, item.path, ": ", item.reason);
    CHECK(item.value.applications == r.applications);
  });
  CHECK(n == 3);
}

TEST_CASE("the inspection page shows a correction hint at its cell and in the list") {
  temp_folder tmp("page-hint");
  std::filesystem::copy_file(GOVDISCLOSE_TEST_DATA "/zhengzhou-bigdata-2022.txt",
                             tmp.path / "seed.txt");
  std::ostringstream html;
  inspection_page page(html);
  const batch_summary s = check_files(collect_inputs({tmp.path.string()}), batch_options{},
                                      [&](batch_item& i) { page.add(i); });
  page.finish(s);
  const std::string text = html.str();
  // The blank 自然人 of （一）予以公开 carries the suggested 2 (shown by CSS after the cell).
  const auto at = text.find("data-path=\"applications.granted.natural_person\"");
  REQUIRE(at != std::string::npos);
  const auto end = text.find('>', at);
  const std::string tag = text.substr(at, end - at);
  CHECK(tag.find("gd-hinted") != std::string::npos);
  CHECK(tag.find("data-hint=\"2\"") != std::string::npos);
  CHECK(text.find("<div class=\"gd-hint\">提示：") != std::string::npos);
}

TEST_CASE("the inspection page marks the cells the diagnostics name and links them both ways") {
  temp_folder tmp("page");
  const corpus c = make_corpus(tmp.path, 6);
  std::ostringstream html;
  inspection_page page(html);
  batch_options o;
  o.jobs = 2;
  std::vector<batch_item> items;
  const batch_summary s = check_files(collect_inputs({tmp.path.string()}), o, [&](batch_item& i) {
    page.add(i);
    items.push_back(i);
  });
  page.finish(s);
  const std::string text = html.str();
  CHECK(text.find("<script src") == std::string::npos);
  CHECK(text.find("http://") == std::string::npos);
  CHECK(text.find("https://") == std::string::npos);
  for (const auto& item : items) {
    if (item.status != batch_status::fail) continue;
    for (std::size_t k = 0; k < item.diagnostics.size(); ++k) {
      const diagnostic& d = item.diagnostics[k];
      if (!find_cell(item.value, d.path)) continue;
      const std::string marked = "data-path=\"" + d.path + "\" id=\"r" +
                                 std::to_string(item.index + 1) + "-c";
      CHECK_MESSAGE(text.find(marked) != std::string::npos, item.path, " ", d.path);
      const std::string diag_id = "id=\"r" + std::to_string(item.index + 1) + "-d" +
                                  std::to_string(k + 1) + "\"";
      CHECK(text.find(diag_id) != std::string::npos);
    }
  }
  // Exactly the cells named by diagnostics are marked: count the marks.
  std::size_t named = 0, marks = 0;
  for (const auto& item : items) {
    std::set<std::string> paths;
    for (const auto& d : item.diagnostics)
      if (find_cell(item.value, d.path)) paths.insert(d.path);
    named += paths.size();
  }
  for (std::size_t p = text.find("class=\"gd-marked"); p != std::string::npos;
       p = text.find("class=\"gd-marked", p + 1))
    ++marks;
  CHECK(marks == named);
  CHECK(named > 0);
  CHECK(text.find("不通过") != std::string::npos);
}

// ---- comparisons across reports ---------------------------------------------------------

TEST_CASE("a broken carry-over between two consecutive JSON reports names both files, the column "
          "and both values") {
  temp_folder tmp("series-json");
  auto [last, now] = consecutive_reports(31, "某县自然资源局", 2023);
  const std::int64_t forward =
      at(last, "applications.carried_forward.commercial_enterprise").value.whole_part();
  break_carry_over(now, "commercial_enterprise", forward + 5);
  write_file(tmp.path / "a-2022.json", to_json(last));
  write_file(tmp.path / "b-2023.json", to_json(now));
  // A third report of another agency is not compared with them.
  report other = generate_report(33);
  other.meta.agency = "某市交通运输局";
  write_file(tmp.path / "c-other.json", to_json(other));

  for (unsigned jobs : {1u, 2u}) {
    batch_options o;
    o.jobs = jobs;
    o.compare = true;
    const run_result r = run_batch(collect_inputs({tmp.path.string()}), o);
    const batch_item& item = r.at(tmp.path / "b-2023.json");
    // The column, and the total column that changed with it.
    CHECK(paths_with(item, "across_years.carry_over") ==
          std::set<std::string>{"applications.carried_over.commercial_enterprise",
                                "applications.carried_over.total"});
    const auto found = with_rule(item, "across_years.carry_over");
    REQUIRE(found.size() == 2);
    const diagnostic& d = *found.front();
    CHECK(d.level == severity::warning);
    CHECK(d.path == "applications.carried_over.commercial_enterprise");
    CHECK(d.expected == std::to_string(forward));
    CHECK(d.found == std::to_string(forward + 5));
    CHECK(d.position.file == (tmp.path / "b-2023.json").string());
    CHECK(d.message.find((tmp.path / "a-2022.json").string()) != std::string::npos);
    CHECK(d.message.find((tmp.path / "b-2023.json").string()) != std::string::npos);
    CHECK(d.message.find("商业企业") != std::string::npos);
    // Counted in the outcome and the summary; a warning leaves the report passing.
    CHECK(item.warnings == count(item.diagnostics, severity::warning));
    CHECK(item.status == batch_status::pass);
    CHECK(item.diagnostics.size() == 2); // nothing else: the report itself is valid
    CHECK(r.summary.rules.at("across_years.carry_over").findings == 2);
    CHECK(with_rule(r.at(tmp.path / "a-2022.json"), "across_years.carry_over").empty());
    REQUIRE(r.summary.comparisons.size() == 1);
    const batch_comparison& c = r.summary.comparisons.front();
    CHECK(c.kind == comparison_kind::series);
    CHECK(c.agency == "某县自然资源局");
    CHECK(c.year == 2023);
    CHECK(c.files == std::vector<std::string>{(tmp.path / "a-2022.json").string(),
                                              (tmp.path / "b-2023.json").string()});
    CHECK(c.reported_in == (tmp.path / "b-2023.json").string());
    CHECK(c.warnings == 2);
    CHECK(r.summary.read_ahead == 0);
  }
}

TEST_CASE("a broken carry-over between two consecutive HTML reports is found from what the "
          "documents say") {
  temp_folder tmp("series-html");
  auto [last, now] = consecutive_reports(41, "某区市场监督管理局", 2022);
  const std::int64_t forward = at(last, "applications.carried_forward.total").value.whole_part();
  break_carry_over(now, "legal_service_agency",
                   at(now, "applications.carried_over.legal_service_agency").value.whole_part() +
                       3);
  write_file(tmp.path / "2021.html", write_html(render_document(last)));
  write_file(tmp.path / "2022.html", write_html(render_document(now)));
  batch_options o;
  o.jobs = 2;
  o.compare = true;
  const run_result r = run_batch(collect_inputs({tmp.path.string()}), o);
  const batch_item& item = r.at(tmp.path / "2022.html");
  REQUIRE(item.value.meta.year == 2022); // read from the HTML title
  CHECK(paths_with(item, "across_years.carry_over") ==
        std::set<std::string>{"applications.carried_over.legal_service_agency",
                              "applications.carried_over.total"});
  const auto found = with_rule(item, "across_years.carry_over");
  REQUIRE(found.size() == 2);
  CHECK(found.back()->path == "applications.carried_over.total");
  CHECK(found.back()->expected == std::to_string(forward));
  CHECK(found.back()->found == std::to_string(forward + 3));
  // Positions in both documents: this year's cell, and last year's in the message.
  CHECK(found.front()->position.line > 0);
  CHECK(found.front()->message.find((tmp.path / "2021.html").string() + ":") !=
        std::string::npos);
  REQUIRE(r.summary.comparisons.size() == 1);
}

TEST_CASE("when this year's report comes first, the finding joins last year's outcome and marks "
          "no cell there") {
  temp_folder tmp("series-reversed");
  auto [last, now] = consecutive_reports(51, "某市生态环境局", 2024);
  break_carry_over(now, "natural_person", 77);
  write_file(tmp.path / "a-this.json", to_json(now));
  write_file(tmp.path / "b-last.json", to_json(last));
  batch_options o;
  o.jobs = 1;
  o.compare = true;
  std::ostringstream html;
  inspection_page page(html, inspection_options{"t", true});
  run_result r;
  r.summary = check_files(collect_inputs({tmp.path.string()}), o, [&](batch_item& i) {
    page.add(i);
    r.items.push_back(i);
  });
  page.finish(r.summary);
  CHECK(with_rule(r.at(tmp.path / "a-this.json"), "across_years.carry_over").empty());
  CHECK(paths_with(r.at(tmp.path / "b-last.json"), "across_years.carry_over") ==
        std::set<std::string>{"applications.carried_over.natural_person",
                              "applications.carried_over.total"});
  for (const diagnostic* d : with_rule(r.at(tmp.path / "b-last.json"), "across_years.carry_over"))
    CHECK(d->position.file == (tmp.path / "a-this.json").string());
  REQUIRE(r.summary.comparisons.size() == 1);
  CHECK(r.summary.comparisons.front().reported_in == (tmp.path / "b-last.json").string());
  // Last year's own carried_over cells are not the ones the findings are about: not marked.
  const std::string text = html.str();
  for (std::size_t p = text.find("class=\"gd-marked"); p != std::string::npos;
       p = text.find("class=\"gd-marked", p + 1))
    CHECK(text.substr(p, text.find('>', p) - p).find("across_years") == std::string::npos);
  CHECK(text.find("<li class=\"gd-diag gd-warning\" id=\"r2-d1\" data-rule=\"across_years.carry_over\"") !=
        std::string::npos);
  CHECK(text.find("跨报告比对") != std::string::npos);
}

TEST_CASE("a manifest groups reports whose agency names differ, and reads last year ahead when it "
          "comes later") {
  temp_folder tmp("manifest-series");
  auto [last, now] = consecutive_reports(61, "某县自然资源局", 2023);
  last.meta.agency = "县自然资源和规划局"; // the documents name the agency differently
  now.meta.agency = "某县自然资源局";
  break_carry_over(now, "research_institution",
                   at(last, "applications.carried_forward.research_institution")
                           .value.whole_part() + 12);
  write_file(tmp.path / "new.json", to_json(now));
  write_file(tmp.path / "old" / "last.json", to_json(last));
  batch_options o;
  o.compare = true;
  o.jobs = 2;
  // Grouped by meta, nothing pairs.
  CHECK(run_batch(inputs_of({tmp.path / "new.json", tmp.path / "old" / "last.json"}), o)
            .summary.comparisons.empty());
  // The manifest lists this year first: last year is read ahead, and the finding is this year's.
  const batch_manifest m = manifest_at(write_manifest(
      tmp.path, "file,agency,year",
      {"new.json,某县自然资源和规划局,2023", "old/last.json,某县自然资源和规划局,2022"}));
  o.manifest = &m;
  const run_result r = run_batch(inputs_of(m), o);
  CHECK(r.summary.read_ahead == 1);
  CHECK(paths_with(r.at(tmp.path / "new.json"), "across_years.carry_over") ==
        std::set<std::string>{"applications.carried_over.research_institution",
                              "applications.carried_over.total"});
  CHECK(with_rule(r.at(tmp.path / "old" / "last.json"), "across_years.carry_over").empty());
  REQUIRE(r.summary.comparisons.size() == 1);
  CHECK(r.summary.comparisons.front().agency == "某县自然资源和规划局");
  CHECK(r.summary.comparisons.front().reported_in == (tmp.path / "new.json").string());
}

TEST_CASE("a summary named by the manifest is checked cell by cell against its members") {
  temp_folder tmp("manifest-rollup");
  std::vector<report> members = {generate_report(71), generate_report(72), generate_report(73)};
  report summary = rollup(members).value;
  cell& wrong = *find_cell(summary, "applications.granted.natural_person");
  const decimal sum = wrong.value;
  wrong = cell::number(sum + decimal::whole(4));
  write_file(tmp.path / "sum.json", to_json(summary));
  for (std::size_t i = 0; i < members.size(); ++i)
    write_file(tmp.path / ("m" + std::to_string(i) + ".json"), to_json(members[i]));
  // The summary is listed first: its members are read ahead.
  const batch_manifest m = manifest_at(write_manifest(
      tmp.path, "file,agency,year,member_of",
      {"sum.json,某县人民政府,2023,", "m0.json,某县教育局,2023,某县人民政府",
       "m1.json,某县卫生健康委员会,2023,某县 人民政府", "m2.json,某县财政局,2023,某县人民政府"}));
  batch_options o;
  o.compare = true;
  o.manifest = &m;
  o.jobs = 2;
  const run_result r = run_batch(inputs_of(m), o);
  CHECK(r.summary.read_ahead == 3);
  const auto found = with_rule(r.at(tmp.path / "sum.json"), "rollup.sum");
  REQUIRE(found.size() == 1);
  CHECK(found.front()->path == "applications.granted.natural_person");
  CHECK(found.front()->expected == sum.to_string());
  CHECK(found.front()->found == (sum + decimal::whole(4)).to_string());
  REQUIRE(r.summary.comparisons.size() == 1);
  const batch_comparison& c = r.summary.comparisons.front();
  CHECK(c.kind == comparison_kind::rollup);
  CHECK(c.files.size() == 4);
  CHECK(c.files.front() == (tmp.path / "sum.json").string());
  CHECK(c.warnings == 1);

  // --skip rollup leaves the comparison listed with no finding.
  o.validation.skip_rules = {"rollup"};
  const run_result skipped = run_batch(inputs_of(m), o);
  CHECK(with_rule(skipped.at(tmp.path / "sum.json"), "rollup.sum").empty());
  CHECK(skipped.summary.comparisons.front().warnings == 0);
}

TEST_CASE("a summary whose members follow another template fails, and one with an unreadable "
          "member is not checked") {
  temp_folder tmp("manifest-rollup-bad");
  generate_options o2019;
  o2019.template_ = template_id::t2019;
  write_file(tmp.path / "sum.json", to_json(generate_report(81)));
  write_file(tmp.path / "a.json", to_json(generate_report(82, o2019)));
  write_file(tmp.path / "b.json", to_json(generate_report(83)));
  write_file(tmp.path / "sum2.json", to_json(generate_report(84)));
  write_file(tmp.path / "broken.json", "{ not json");
  const batch_manifest m = manifest_at(write_manifest(
      tmp.path, "file,agency,year,member_of",
      {"a.json,甲局,2022,某市人民政府", "b.json,乙局,2022,某市人民政府",
       "sum.json,某市人民政府,2022,", "sum2.json,某区人民政府,2022,",
       "broken.json,丙局,2022,某区人民政府"}));
  batch_options o;
  o.compare = true;
  o.manifest = &m;
  o.jobs = 1;
  const run_result r = run_batch(inputs_of(m), o);
  const batch_item& sum = r.at(tmp.path / "sum.json");
  CHECK(with_rule(sum, "rollup.template").size() == 1);
  CHECK(sum.status == batch_status::fail); // an error counts toward pass/fail
  CHECK(r.summary.failed >= 1);
  // sum2's member comes after it and cannot be read: the finding is listed under sum2.
  const batch_item& sum2 = r.at(tmp.path / "sum2.json");
  const auto incomplete = with_rule(sum2, "rollup.incomplete");
  REQUIRE(incomplete.size() == 1);
  CHECK(incomplete.front()->message.find("broken.json") != std::string::npos);
  CHECK(with_rule(sum2, "rollup.sum").empty());
}

TEST_CASE("a batch derives each report's figures, year over year from the previous year's report "
          "wherever it comes") {
  temp_folder tmp("derive");
  auto [last, now] = consecutive_reports(91, "某省科学技术厅", 2023);
  *find_cell(last, "applications.new_received.total") = cell::number(8);
  *find_cell(now, "applications.new_received.total") = cell::number(10);
  write_file(tmp.path / "1-now.json", to_json(now)); // this year first
  write_file(tmp.path / "2-last.json", to_json(last));
  batch_options o;
  o.derive = true;
  o.validate = false;
  o.jobs = 2;
  const run_result r = run_batch(collect_inputs({tmp.path.string()}), o);
  CHECK(r.summary.read_ahead == 2);
  CHECK(r.summary.comparisons.empty()); // derive alone compares nothing
  const derived_figures& f = r.at(tmp.path / "1-now.json").derived;
  CHECK(f == derive(now, last));
  CHECK(f.new_received_change == doctest::Approx(2.0));
  CHECK(f.new_received_growth == doctest::Approx(0.25));
  CHECK(r.at(tmp.path / "2-last.json").derived == derive(last));
}

TEST_CASE("the read-ahead pass reports its progress file by file on the calling thread") {
  temp_folder tmp("read-ahead-progress");
  auto [last, now] = consecutive_reports(93, "某市民政局", 2023);
  write_file(tmp.path / "1-now.json", to_json(now));
  write_file(tmp.path / "2-last.json", to_json(last));
  write_file(tmp.path / "3-other.json", to_json(generate_report(94)));
  batch_options o;
  o.derive = true;
  o.validate = false;
  o.jobs = 2;
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  bool elsewhere = false;
  const auto caller = std::this_thread::get_id();
  o.on_read_ahead = [&](std::size_t done, std::size_t total) {
    calls.emplace_back(done, total);
    elsewhere = elsewhere || std::this_thread::get_id() != caller;
  };
  const run_result r = run_batch(collect_inputs({tmp.path.string()}), o);
  REQUIRE(r.summary.read_ahead > 0);
  std::vector<std::pair<std::size_t, std::size_t>> want;
  for (std::size_t k = 1; k <= r.summary.read_ahead; ++k)
    want.emplace_back(k, r.summary.read_ahead);
  CHECK(calls == want);
  CHECK_FALSE(elsewhere);
  // A batch that neither compares nor derives reads nothing ahead and does not call it.
  calls.clear();
  o.derive = false;
  CHECK(run_batch(collect_inputs({tmp.path.string()}), o).summary.read_ahead == 0);
  CHECK(calls.empty());
}

} // TEST_SUITE
