// Batch checking: walking folders, parallel reading and validation, streaming, bounded memory.
#include <govdisclose/batch.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/inspection_page.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/render.hpp>

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

} // TEST_SUITE
