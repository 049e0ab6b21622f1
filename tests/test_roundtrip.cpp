// The round-trip property: extract_report(read_document(write(render_document(r)))) == r, for
// generated reports of both templates, every writer, and every published layout and quirk of the
// corpus generator (govdisclose/testing/corpus.hpp).
//
// What "==" means here: the template, every table cell (state and value; a number's spelling and
// the source span are provenance), the title, agency and year, and the six narrative texts. The
// reader's own provenance (meta.source, meta.format) is not compared.
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/testing/corpus.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace govdisclose;
using namespace govdisclose::testing;

namespace {

std::string describe_cell(const cell* c) {
  if (!c) return "(no such cell)";
  switch (c->state) {
  case cell_state::absent: return "absent";
  case cell_state::blank: return "blank";
  case cell_state::number: return c->value.to_string();
  case cell_state::marker: return "marker '" + c->raw + "'";
  case cell_state::text: return "text '" + c->raw + "'";
  }
  return "?";
}

// The differences between what was written and what was read, one line each (empty: equal).
std::vector<std::string> differences(const report& expected, const report& actual) {
  std::vector<std::string> out;
  if (expected.template_ != actual.template_) {
    out.push_back("template: " + std::string(template_code(expected.template_)) + " read as " +
                  std::string(template_code(actual.template_)));
    return out;
  }
  auto field = [&](std::string_view name, const std::string& e, const std::string& a) {
    if (e != a) out.push_back(std::string(name) + ": '" + e + "' read as '" + a + "'");
  };
  field("meta.title", expected.meta.title, actual.meta.title);
  field("meta.agency", expected.meta.agency, actual.meta.agency);
  field("meta.year", expected.meta.year ? std::to_string(*expected.meta.year) : "none",
        actual.meta.year ? std::to_string(*actual.meta.year) : "none");
  boost::mp11::mp_for_each<
      boost::describe::describe_members<narrative_text, boost::describe::mod_public>>([&](auto d) {
    field("narrative." + std::string(d.name), expected.narrative.*d.pointer,
          actual.narrative.*d.pointer);
  });
  std::map<std::string, const cell*> read;
  for_each_cell(actual, [&](std::string_view p, const cell& c) { read.emplace(std::string(p), &c); });
  for_each_cell(expected, [&](std::string_view p, const cell& c) {
    const auto it = read.find(std::string(p));
    const cell* a = it == read.end() ? nullptr : it->second;
    if (!a || !(*a == c))
      out.push_back(std::string(p) + ": " + describe_cell(&c) + " read as " + describe_cell(a));
  });
  return out;
}

// Read a file back the way a user would: format detection from the bytes and the file name.
result<report> read_back(const std::string& bytes, const std::string& name) {
  read_options o;
  o.source = name;
  const result<document> d = read_document(bytes, o);
  result<report> r = extract_report(d.value);
  r.diagnostics.insert(r.diagnostics.begin(), d.diagnostics.begin(), d.diagnostics.end());
  return r;
}

// GOVDISCLOSE_ROUNDTRIP_SCALE multiplies the number of generated reports (default 1: about
// 2300 files in all; a quarter of that under AddressSanitizer), for longer or shorter runs.
#if defined(__SANITIZE_ADDRESS__)
constexpr double default_scale = 0.25;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double default_scale = 0.25;
#else
constexpr double default_scale = 1.0;
#endif
#else
constexpr double default_scale = 1.0;
#endif

std::uint64_t scaled(std::uint64_t n) {
  const char* s = std::getenv("GOVDISCLOSE_ROUNDTRIP_SCALE");
  const double f = s ? std::atof(s) : default_scale;
  if (f == 1.0) return n;
  return f > 0 ? static_cast<std::uint64_t>(static_cast<double>(n) * f) + 1 : n;
}

report sample(std::uint64_t seed) {
  generate_options o;
  o.template_ = seed % 2 ? template_id::t2019 : template_id::t2021;
  o.local_additions = seed % 3 == 0;
  o.blank_zero_rate = seed % 4 == 0 ? 0.3 : 0.0;
  o.max_count = seed % 5 == 0 ? 4000 : 40;
  return generate_report(seed, o);
}

// Failures grouped by what produced them, each kept with its first example, so that a broken
// reader gives one readable message per layout and quirk set instead of thousands.
struct failure_log {
  struct entry {
    std::size_t count = 0;
    std::string example;
  };
  std::map<std::string, entry> by_kind;
  std::size_t runs = 0;

  void record(const std::string& kind, const corpus_file& f, const result<report>& got) {
    ++runs;
    auto diffs = differences(f.expected, got.value);
    if (diffs.empty()) return;
    entry& e = by_kind[kind];
    if (e.count++ == 0) {
      e.example = f.name + " (" + std::string(layout_name(f.format)) + ", " +
                  quirk_names(f.quirks) + "), " + std::to_string(diffs.size()) + " differences:";
      for (std::size_t i = 0; i < diffs.size() && i < 12; ++i) e.example += "\n  " + diffs[i];
      for (std::size_t i = 0; i < got.diagnostics.size() && i < 4; ++i)
        e.example += "\n  diagnostic " + got.diagnostics[i].rule + ": " +
                     got.diagnostics[i].message_en;
    }
  }
  void check() const {
    for (const auto& item : by_kind) {
      const std::string& kind = item.first;
      const entry& e = item.second;
      CAPTURE(kind);
      CAPTURE(e.example);
      CHECK_MESSAGE(e.count == 0, e.count << " of the files failed");
    }
  }
};

} // namespace

TEST_SUITE("roundtrip") {

TEST_CASE("every writer's output reads back to the report") {
  failure_log log;
  const std::uint64_t seeds = scaled(200);
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    const report r = sample(seed);
    const document d = render_document(r);
    const std::pair<std::string, std::string> files[] = {
        {"r.html", write_html(d)}, {"r.md", write_markdown(d)}, {"r.txt", write_text(d)}};
    for (const auto& [name, bytes] : files) {
      corpus_file f;
      f.bytes = bytes;
      f.name = name;
      f.expected = r;
      f.format = name.ends_with(".html") ? layout::html
                 : name.ends_with(".md") ? layout::markdown
                                         : layout::text;
      log.record("writer " + name, f, read_back(bytes, name));
    }
  }
  CHECK(log.runs == 3 * seeds);
  log.check();
}

TEST_CASE("each quirk alone reads back in every layout it applies to") {
  failure_log log;
  for (layout l : all_layouts) {
    for (quirk q : all_quirks) {
      if (!has(applicable_quirks(l), q)) continue;
      for (std::uint64_t seed = 1; seed <= scaled(24); ++seed) {
        corpus_options o;
        o.format = l;
        o.quirks = q;
        const corpus_file f = make_corpus_file(sample(seed), seed, o);
        REQUIRE(f.quirks == q);
        log.record(std::string(layout_name(l)) + " " + quirk_names(q), f, read_back(f.bytes, f.name));
      }
    }
  }
  CHECK(log.runs == 34 * scaled(24)); // 34 (layout, quirk) pairs: 8 + 8 + 9 + 9
  log.check();
}

TEST_CASE("thousands of reports with random quirks read back in every layout") {
  failure_log log;
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t seeds = scaled(250);
  for (std::uint64_t seed = 1000; seed < 1000 + seeds; ++seed) {
    for (layout l : all_layouts) {
      corpus_options o;
      o.format = l;
      o.random = true;
      const corpus_file f = make_corpus_file(sample(seed), seed, o);
      log.record(std::string(layout_name(l)) + " random", f, read_back(f.bytes, f.name));
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(log.runs << " files in " << seconds << " s");
  CHECK(log.runs == 4 * seeds);
  log.check();
}

TEST_CASE("the corpus generator is deterministic and applies only applicable quirks") {
  const report r = sample(42);
  for (layout l : all_layouts) {
    corpus_options o;
    o.format = l;
    o.random = true;
    const corpus_file a = make_corpus_file(r, 42, o);
    const corpus_file b = make_corpus_file(r, 42, o);
    CHECK(a.bytes == b.bytes);
    CHECK(a.quirks == b.quirks);
    CHECK((a.quirks & applicable_quirks(l)) == a.quirks);
    o.quirks = static_cast<quirk>(0x3ff);
    o.random = false;
    CHECK(make_corpus_file(r, 42, o).quirks == applicable_quirks(l));
  }
  // Random mode picks different quirk sets for different seeds.
  std::map<std::uint32_t, int> seen;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    corpus_options o;
    o.format = layout::html;
    o.random = true;
    ++seen[static_cast<std::uint32_t>(make_corpus_file(r, seed, o).quirks)];
  }
  CHECK(seen.size() > 10);
}

TEST_CASE("the corpus quirks have the shapes of real published reports") {
  const report r = sample(8); // 2021 template, blanks
  corpus_options o;

  o.format = layout::html_gbk;
  const corpus_file gbk = make_corpus_file(r, 8, o);
  CHECK(gbk.bytes.find("charset=") != std::string::npos);
  CHECK(gbk.bytes.find("charset=\"utf-8\"") == std::string::npos);
  CHECK(gbk.bytes.find(r.meta.title) == std::string::npos); // not UTF-8 any more
  CHECK(gbk.name.ends_with(".html"));

  o.format = layout::html;
  o.quirks = quirk::word_markup;
  const corpus_file word = make_corpus_file(r, 8, o);
  CHECK(word.bytes.find("<o:p></o:p>") != std::string::npos);
  CHECK(word.bytes.find("<p class=MsoNormal") != std::string::npos);
  CHECK(word.bytes.find("&nbsp;") != std::string::npos);
  CHECK(word.bytes.find("rowspan=22") != std::string::npos);

  o.format = layout::text;
  o.quirks = quirk::flat_reviews | quirk::fullwidth_digits | quirk::straight_quotes |
             quirk::ascii_brackets | quirk::heading_variants;
  const corpus_file text = make_corpus_file(r, 8, o);
  CHECK(text.bytes.find("\n行政复议\t") == std::string::npos); // 四's headers are gone…
  CHECK(text.bytes.find("\"三安全一稳定\"") != std::string::npos);
  CHECK(text.bytes.find("(一) 予以公开") != std::string::npos);
  CHECK(text.bytes.find("１") != std::string::npos);
  CHECK(text.bytes.find(catalog(r.template_).sections[3].heading) == std::string::npos);
  std::size_t fifteen = 0; // …and its numbers are one line of 15 fields
  std::size_t start = 0;
  for (auto nl = text.bytes.find('\n'); nl != std::string::npos; start = nl + 1, nl = text.bytes.find('\n', start)) {
    const std::string line = text.bytes.substr(start, nl - start);
    if (std::count(line.begin(), line.end(), '\t') == 14) ++fifteen;
  }
  CHECK(fifteen == 1);

  o.quirks = quirk::total_only_rows | quirk::blank_zeros;
  const corpus_file blanks = make_corpus_file(r, 8, o);
  std::size_t total_only = 0, blanked = 0;
  for_each<applicant_row>(blanks.expected, [&](std::string_view, const applicant_row& row) {
    total_only += row.natural_person.state == cell_state::blank &&
                  row.other_organization.state == cell_state::blank && row.total.is_number() &&
                  row.commercial_enterprise.state == cell_state::blank;
  });
  for_each_cell(blanks.expected, [&](std::string_view, const cell& c) { blanked += c.state == cell_state::blank; });
  std::size_t blank_before = 0;
  for_each_cell(r, [&](std::string_view, const cell& c) { blank_before += c.state == cell_state::blank; });
  CHECK(total_only >= 1);
  CHECK(blanked > blank_before);
}

} // TEST_SUITE
