// Reports per second of read_docx() on written DOCX against read_html() on the same reports'
// HTML (write_html), in one process so the ratio is meaningful; the writers are timed too.
// Usage: bench_read_docx [reports=200] [min_seconds=1]
#include "rate.hpp"

#include <govdisclose/generate.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/render.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace govdisclose;

using govdisclose::bench::rate;

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 200;
  const double min_seconds = argc > 2 ? std::atof(argv[2]) : 1.0;
  std::vector<document> docs;
  std::vector<std::string> docx, html;
  std::size_t docx_bytes = 0, html_bytes = 0;
  for (int i = 0; i < n; ++i) {
    generate_options o;
    o.template_ = i % 2 ? template_id::t2019 : template_id::t2021;
    docs.push_back(render_document(generate_report(static_cast<std::uint64_t>(i + 1), o)));
    docx.push_back(write_docx(docs.back()));
    html.push_back(write_html(docs.back()));
    docx_bytes += docx.back().size();
    html_bytes += html.back().size();
  }
  std::printf("%d reports: DOCX %.1f KB, HTML %.1f KB on average\n", n,
              static_cast<double>(docx_bytes) / n / 1024, static_cast<double>(html_bytes) / n / 1024);

  const double r_docx = rate(docx, min_seconds, [](const std::string& b) { return read_docx(b).value.blocks.size(); });
  const double r_html = rate(html, min_seconds, [](const std::string& b) { return read_html(b).value.blocks.size(); });
  std::printf("read_docx  %8.0f reports/s\n", r_docx);
  std::printf("read_html  %8.0f reports/s  (read_docx takes %.2fx the time of read_html)\n", r_html,
              r_html / r_docx);

  std::vector<std::string> index(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) index[i] = std::to_string(i);
  const double w_docx = rate(index, min_seconds, [&](const std::string& i) { return write_docx(docs[std::stoul(i)]).size(); });
  const double w_html = rate(index, min_seconds, [&](const std::string& i) { return write_html(docs[std::stoul(i)]).size(); });
  std::printf("write_docx %8.0f reports/s\nwrite_html %8.0f reports/s\n", w_docx, w_html);
  return 0;
}
