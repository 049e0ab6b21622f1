// Batch checking at scale: reports per second on 1 and 2 threads, and peak memory (getrusage
// ru_maxrss) for 1,000 against 10,000 files. Memory must stay flat: check_files() streams, so
// ten times the files should not need ten times the memory.
//
//   bench_batch [--files 1000,10000] [--jobs 1,2] [--modes check] [--dir /tmp/gd-bench] [--keep]
//
// Modes: `check` (read and validate, as before comparisons existed), `compare` (also compare
// each agency's consecutive years, as `govdisclose check` does) and `derive` (read without
// validating and derive the figures, year over year included, as `govdisclose export` does:
// every file is read twice).
//
// Each measurement runs in a fresh child process (this program with --measure), so that its
// peak resident set is its own; the driver writes the files first (generated reports as JSON,
// every fifth one broken so that validation has diagnostics to make; agencies of three
// consecutive years each, so that every report has a neighbour to be compared with).
#include <govdisclose/batch.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace govdisclose;

namespace {

std::vector<std::string> parse_words(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    out.push_back(part);
  return out;
}

std::vector<long> parse_list(const std::string& s) {
  std::vector<long> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    out.push_back(std::stol(part));
  return out;
}

// Write n generated reports under dir (100 per sub-folder); reuse files already there.
void make_files(const fs::path& dir, long n) {
  for (long i = 0; i < n; ++i) {
    const fs::path file = dir / ("d" + std::to_string(i / 100)) / ("r" + std::to_string(i) + ".json");
    if (fs::exists(file)) continue;
    fs::create_directories(file.parent_path());
    generate_options o;
    o.template_ = i % 3 == 0 ? template_id::t2019 : template_id::t2021;
    o.blank_zero_rate = i % 7 == 0 ? 0.2 : 0.0;
    report r = generate_report(static_cast<std::uint64_t>(i), o);
    r.meta.agency = "机关" + std::to_string(i / 3);
    r.meta.year = 2021 + static_cast<int>(i % 3);
    if (i % 5 == 0) *find_cell(r, "reviews.administrative_review.total") = cell::number(999);
    std::ofstream(file, std::ios::binary) << to_json(r);
  }
}

// The child: check every file under dir, print seconds, files, maxrss (KiB), peak in flight,
// failed reports, diagnostics and CPU seconds.
int measure(const std::string& dir, unsigned jobs, const std::string& mode) {
  const auto start = std::chrono::steady_clock::now();
  const auto inputs = collect_inputs({dir});
  batch_options o;
  o.jobs = jobs;
  o.compare = mode == "compare";
  o.derive = mode == "derive";
  o.validate = mode != "derive";
  std::size_t diagnostics = 0;
  const batch_summary s =
      check_files(inputs, o, [&](batch_item& item) { diagnostics += item.diagnostics.size(); });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                     static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  std::printf("%.3f %zu %ld %zu %zu %zu %.3f\n", seconds, s.files, ru.ru_maxrss, s.peak_in_flight,
              s.failed, diagnostics, cpu);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<long> files = {1000, 10000};
  std::vector<long> jobs = {1, 2};
  std::vector<std::string> modes = {"check"};
  std::string dir = (fs::temp_directory_path() / "govdisclose-bench-batch").string();
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--measure") {
      const std::string d = next();
      const auto j = static_cast<unsigned>(std::stoul(next()));
      return measure(d, j, next());
    }
    if (a == "--files") files = parse_list(next());
    else if (a == "--modes") modes = parse_words(next());
    else if (a == "--jobs") jobs = parse_list(next());
    else if (a == "--dir") dir = next();
    else if (a == "--keep") keep = true;
    else {
      std::cerr << "usage: bench_batch [--files 1000,10000] [--jobs 1,2] "
                   "[--modes check,compare,derive] [--dir D] [--keep]\n";
      return 2;
    }
  }
  std::printf("%8s %8s %5s %9s %10s %8s %12s %9s %8s\n", "mode", "files", "jobs", "seconds",
              "reports/s", "CPU s", "peak RSS MiB", "in flight", "failed");
  for (long n : files) {
    const fs::path d = fs::path(dir) / ("n" + std::to_string(n));
    make_files(d, n);
    for (const std::string& mode : modes) {
      for (long j : jobs) {
        const std::string cmd = std::string("\"") + fs::canonical("/proc/self/exe").string() +
                                "\" --measure \"" + d.string() + "\" " + std::to_string(j) + " " +
                                mode;
        FILE* p = popen(cmd.c_str(), "r");
        if (!p) return 1;
        double seconds = 0;
        std::size_t count = 0, in_flight = 0, failed = 0, diags = 0;
        long rss = 0;
        double cpu = 0;
        const int got = std::fscanf(p, "%lf %zu %ld %zu %zu %zu %lf", &seconds, &count, &rss,
                                    &in_flight, &failed, &diags, &cpu);
        pclose(p);
        if (got != 7) {
          std::cerr << "bench_batch: the measurement failed\n";
          return 1;
        }
        std::printf("%8s %8zu %5ld %9.2f %10.0f %8.2f %12.1f %9zu %8zu\n", mode.c_str(), count, j,
                    seconds, static_cast<double>(count) / seconds, cpu,
                    static_cast<double>(rss) / 1024.0, in_flight, failed);
        std::fflush(stdout);
      }
    }
  }
  if (!keep) fs::remove_all(dir);
  return 0;
}
