// Reading speed of every text reader, alone and with the extractor, against a bare pass over the
// same bytes and (for HTML) libxml2's own parsers, all in one process so that the ratios mean
// something on a loaded machine. The corpus is generated reports written by make_corpus_file()
// (HTML with Word's markup, as real Word-exported pages are); the files are also written to a
// directory so that bench/pandas_read_html.py can read the very same bytes.
//
// Usage: bench_readers [dir=bench-corpus] [reports=40] [min_seconds=1]
// Output: a readable table, then lines "TSV<TAB>layout<TAB>measure<TAB>reports/s<TAB>MB/s" that
// bench/run_readers.sh merges with the pandas figures.
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/testing/corpus.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace govdisclose;
namespace fs = std::filesystem;

namespace {

struct figure {
  double reports_per_s = 0;
  double mb_per_s = 0;
};

// Runs `f` over every input until `min_seconds` have passed (at least one round).
template <class F>
figure rate(const std::vector<std::string>& inputs, double min_seconds, F f) {
  using clock = std::chrono::steady_clock;
  std::size_t done = 0, bytes = 0, sink = 0;
  for (const auto& in : inputs) sink += f(in); // warm-up round, not timed
  const auto start = clock::now();
  double elapsed = 0;
  do {
    for (const auto& in : inputs) {
      sink += f(in);
      bytes += in.size();
    }
    done += inputs.size();
    elapsed = std::chrono::duration<double>(clock::now() - start).count();
  } while (elapsed < min_seconds);
  if (sink == 0) std::puts("(nothing read)");
  return {static_cast<double>(done) / elapsed, static_cast<double>(bytes) / elapsed / 1e6};
}

// A bare pass over the bytes: a checksum, the least any reader must do.
std::size_t checksum(const std::string& b) {
  std::size_t h = 1469598103934665603ull;
  for (unsigned char c : b) h = (h ^ c) * 1099511628211ull;
  return h | 1;
}

constexpr int html_options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;

// libxml2 alone: the tree parse (what lxml, hence pandas.read_html, does first) and freeing it.
std::size_t libxml2_tree(const std::string& b) {
  htmlDocPtr doc = htmlReadMemory(b.data(), static_cast<int>(b.size()), nullptr, nullptr,
                                  html_options);
  const std::size_t ok = doc != nullptr ? 1 : 0;
  if (doc) xmlFreeDoc(doc);
  return ok;
}

// libxml2 alone: a SAX parse with empty handlers (the tokenizer's own cost).
std::size_t libxml2_sax(const std::string& b) {
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(b.data(), static_cast<int>(b.size()));
  if (!ctxt) return 0;
  htmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  std::memcpy(ctxt->sax, &sax, sizeof sax);
  ctxt->userData = nullptr;
  htmlCtxtUseOptions(ctxt, html_options);
  htmlParseDocument(ctxt);
  if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
  htmlFreeParserCtxt(ctxt);
  return 1;
}

} // namespace

int main(int argc, char** argv) {
  const fs::path dir = argc > 1 ? argv[1] : "bench-corpus";
  const int n = argc > 2 ? std::atoi(argv[2]) : 40;
  const double min_seconds = argc > 3 ? std::atof(argv[3]) : 1.0;
  xmlInitParser();

  std::vector<report> reports;
  for (int i = 0; i < n; ++i) {
    generate_options o;
    o.template_ = i % 2 ? template_id::t2019 : template_id::t2021;
    reports.push_back(generate_report(static_cast<std::uint64_t>(i + 1), o));
  }

  std::printf("%d generated reports per layout, each timed for >= %.1f s; files in %s\n", n,
              min_seconds, dir.string().c_str());
  std::printf("%-9s %-28s %12s %10s %14s\n", "layout", "measure", "reports/s", "MB/s",
              "time vs libxml2 tree");
  std::vector<std::string> tsv;
  for (auto l : testing::all_layouts) {
    const bool html = l == testing::layout::html || l == testing::layout::html_gbk;
    const std::string name(testing::layout_name(l));
    fs::create_directories(dir / name);
    std::vector<std::string> files;
    std::size_t total = 0;
    for (int i = 0; i < n; ++i) {
      testing::corpus_options o;
      o.format = l;
      o.quirks = html ? testing::quirk::word_markup : testing::quirk::none;
      auto f = testing::make_corpus_file(reports[static_cast<std::size_t>(i)],
                                         static_cast<std::uint64_t>(i + 1), o);
      std::ofstream(dir / name / f.name, std::ios::binary) << f.bytes;
      total += f.bytes.size();
      files.push_back(std::move(f.bytes));
    }
    std::printf("%-9s (%.1f KB per report)\n", name.c_str(),
                static_cast<double>(total) / n / 1024.0);

    std::vector<std::pair<std::string, figure>> rows;
    rows.emplace_back("bare read (checksum)", rate(files, min_seconds, checksum));
    if (html) {
      rows.emplace_back("libxml2 SAX, empty handlers", rate(files, min_seconds, libxml2_sax));
      rows.emplace_back("libxml2 tree (htmlReadMemory)", rate(files, min_seconds, libxml2_tree));
    }
    rows.emplace_back("read_document", rate(files, min_seconds, [](const std::string& b) {
                        return read_document(b).value.blocks.size();
                      }));
    rows.emplace_back("read_document + extract", rate(files, min_seconds, [](const std::string& b) {
                        const auto doc = read_document(b);
                        return extract_report(doc.value).diagnostics.size() + 1;
                      }));
    double tree = 0;
    for (const auto& [m, f] : rows)
      if (m.rfind("libxml2 tree", 0) == 0) tree = f.reports_per_s;
    for (const auto& [m, f] : rows) {
      char ratio[32] = "";
      if (tree > 0) std::snprintf(ratio, sizeof ratio, "%.2fx", tree / f.reports_per_s);
      std::printf("%-9s %-28s %12.0f %10.1f %14s\n", "", m.c_str(), f.reports_per_s, f.mb_per_s,
                  ratio);
      tsv.push_back("TSV\t" + name + "\t" + m + "\t" + std::to_string(f.reports_per_s) + "\t" +
                    std::to_string(f.mb_per_s));
    }
  }
  for (const auto& line : tsv) std::puts(line.c_str());
  xmlCleanupParser();
  return 0;
}
