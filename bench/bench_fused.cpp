// Crawled text with fused cells (extract_fused.cpp, solve.hpp): time per report against plain
// extraction of the same reports' HTML pages, in one process, and how often the split is unique.
//
//   build-bench/bench/bench_fused [reports per template = 100] [seconds per measure = 1]
#include "rate.hpp"

#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/testing/corpus.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace govdisclose;

namespace {

// Cells of sections 三 and 四 read, and of the template (local columns and rows left out).
std::pair<std::size_t, std::size_t> filled(const report& r) {
  std::size_t read = 0, all = 0;
  for_each_cell(r, [&](std::string_view path, const cell& c) {
    if (path.rfind("proactive.", 0) == 0 || path.find("subtotal") != std::string_view::npos)
      return;
    ++all;
    read += c.present();
  });
  return {read, all};
}

} // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100;
  const double seconds = argc > 2 ? std::atof(argv[2]) : 1.0;
  std::printf("%-24s %8s %8s %10s %12s %8s\n", "corpus", "unique", "cells", "html ms",
              "crawled ms", "ratio");
  for (template_id id : {template_id::t2019, template_id::t2021})
    for (int variant = 0; variant < 3; ++variant) {
      const bool pad = variant == 1;
      generate_options o;
      o.template_ = id;
      if (variant == 2) o.max_count = 400; // large agencies: longer fused strings
      std::vector<std::string> html, crawled;
      std::size_t unique = 0, read = 0, all = 0;
      for (int s = 1; s <= n; ++s) {
        const report r = generate_report(static_cast<std::uint64_t>(s), o);
        html.push_back(write_html(render_document(r)));
        crawled.push_back(testing::crawled_text(r, pad, static_cast<std::uint64_t>(s)));
        const auto [k, m] = filled(extract_report(read_text(crawled.back()).value).value);
        unique += k == m;
        read += k;
        all += m;
      }
      const double html_rate = bench::rate(html, seconds, [](const std::string& in) {
        return extract_report(read_html(in).value).diagnostics.size() + 1;
      });
      const double crawled_rate = bench::rate(crawled, seconds, [](const std::string& in) {
        return extract_report(read_text(in).value).diagnostics.size() + 1;
      });
      const std::string name = std::string(template_code(id)) +
                               (variant == 0 ? " crawled" : variant == 1 ? " crawled+nbsp"
                                                                         : " crawled, max 400");
      std::printf("%-24s %4zu/%-3d %7.2f%% %10.3f %12.3f %8.2f\n", name.c_str(), unique, n,
                  100.0 * static_cast<double>(read) / static_cast<double>(all),
                  1000.0 / html_rate, 1000.0 / crawled_rate, html_rate / crawled_rate);
    }
  return 0;
}
