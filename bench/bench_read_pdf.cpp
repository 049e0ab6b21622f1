// Reading speed of read_pdf() against read_html() and read_docx() on the SAME generated reports,
// in one process so that the ratios mean something on a loaded machine: the corpus that
// tests/pdf/make_corpus.py writes (each report as HTML, DOCX, and PDF printed by headless Chromium
// from the HTML and by LibreOffice from the DOCX). Each reader alone (bytes → document) and with
// the extractor (read_report: bytes → report), in reports/s and, for the PDFs, pages/s.
//
// Usage: bench_read_pdf CORPUS_DIR [min_seconds=1]   (bench/run_read_pdf.sh makes the corpus)
#include "rate.hpp"

#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace govdisclose;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "bench_read_pdf: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

using govdisclose::bench::rate;

struct corpus_format {
  std::string name;                // row label
  input_format format;             // for read_report
  std::vector<std::string> files;  // the bytes of each report
  std::size_t bytes = 0;
  std::size_t pages = 0;           // PDFs: pages in all (from corpus.tsv)
};

std::size_t read_doc(input_format f, const std::string& b) {
  switch (f) {
  case input_format::html: return read_html(b).value.blocks.size();
  case input_format::docx: return read_docx(b).value.blocks.size();
  default: return read_pdf(b).value.blocks.size();
  }
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_read_pdf CORPUS_DIR [min_seconds=1]\n"
                         "(tests/pdf/make_corpus.py CORPUS_DIR COUNT makes the corpus)\n");
    return 2;
  }
  if (!pdf_supported()) {
    std::fprintf(stderr, "bench_read_pdf: this build has no PDF reader (poppler-cpp)\n");
    return 2;
  }
  const std::string root = argv[1];
  const double min_seconds = argc > 2 ? std::atof(argv[2]) : 1.0;

  // corpus.tsv: layout, PDF, JSON, pages. HTML and DOCX come from the names of the JSON files.
  std::map<std::string, corpus_format> pdfs;
  std::vector<std::string> names;
  std::istringstream manifest(slurp(root + "/corpus.tsv"));
  std::string line;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    if (f.size() < 3) continue;
    auto& c = pdfs[f[0]];
    c.name = "read_pdf (" + f[0] + ")";
    c.format = input_format::pdf;
    c.files.push_back(slurp(root + "/" + f[1]));
    c.bytes += c.files.back().size();
    c.pages += f.size() > 3 ? static_cast<std::size_t>(std::atoi(f[3].c_str())) : 0;
    const std::string stem = f[2].substr(f[2].rfind('/') + 1, f[2].size() - f[2].rfind('/') - 6);
    if (names.empty() || names.back() != stem) names.push_back(stem);
  }
  if (pdfs.empty()) {
    std::fprintf(stderr, "bench_read_pdf: %s/corpus.tsv lists no PDFs\n", root.c_str());
    return 2;
  }
  std::vector<corpus_format> formats;
  for (const auto& [ext, fmt, label] :
       {std::tuple{std::string("html"), input_format::html, std::string("read_html")},
        std::tuple{std::string("docx"), input_format::docx, std::string("read_docx")}}) {
    corpus_format c{label, fmt, {}, 0, 0};
    for (const auto& n : names) {
      c.files.push_back(slurp(root + "/" + ext + "/" + n + "." + ext));
      c.bytes += c.files.back().size();
    }
    formats.push_back(std::move(c));
  }
  for (auto& [layout, c] : pdfs) formats.push_back(std::move(c));

  std::printf("%zu reports, the same ones in every format; one process, min %.1f s per figure\n\n",
              names.size(), min_seconds);
  std::printf("%-24s %9s %7s %11s %10s %12s %10s\n", "reader", "KB/report", "pages", "reports/s",
              "pages/s", "+extract r/s", "vs html");
  double html_rate = 0;
  for (const auto& c : formats) {
    const double r = rate(c.files, min_seconds, [&](const std::string& b) { return read_doc(c.format, b); });
    const double e = rate(c.files, min_seconds, [&](const std::string& b) {
      return read_report(b, {"", c.format}).value.meta.title.size();
    });
    if (c.format == input_format::html) html_rate = r;
    const double n = static_cast<double>(c.files.size());
    const double pages_per_report = static_cast<double>(c.pages) / n;
    char pages[16] = "-", pages_rate[16] = "-";
    if (c.pages) {
      std::snprintf(pages, sizeof pages, "%.1f", pages_per_report);
      std::snprintf(pages_rate, sizeof pages_rate, "%.0f", r * pages_per_report);
    }
    std::printf("%-24s %9.1f %7s %11.0f %10s %12.0f %9.1fx\n", c.name.c_str(),
                static_cast<double>(c.bytes) / n / 1024, pages, r, pages_rate, e, html_rate / r);
  }
  std::printf("\n\"vs html\": the time read_X takes per report, in units of read_html's.\n");
  return 0;
}
