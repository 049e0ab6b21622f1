// Correction hints (hint.hpp) on generated reports with exactly one cell corrupted: every cell
// position of sections 三 and 四, both templates (with and without the local 小计 additions),
// several wrong values each. Prints the share of failing reports whose hint is unique and right,
// the share ambiguous, the share with no simple fix, the number of wrong unique hints (must be 0)
// and the time per failing report.
//
// First, validate() on clean reports with and without hints (they must cost nothing there).
//
//   build-bench/bench/bench_hint [reports per variant = 4]
#include <govdisclose/generate.hpp>
#include <govdisclose/hint.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/validate.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace govdisclose;

namespace {

struct tally {
  std::size_t corrupted = 0, failing = 0, unique_right = 0, unique_wrong = 0, ambiguous = 0,
              ambiguous_listing_right = 0, none = 0;
  double seconds = 0;
};

// The wrong values tried for a cell holding v: typos, a dropped or added digit, a blank.
std::vector<cell> corruptions(std::int64_t v) {
  std::vector<cell> out;
  for (std::int64_t w : {v + 1, v - 1, v + 7, v * 10 + 3, v / 10, v + 100, std::int64_t{0}})
    if (w >= 0 && w != v) out.push_back(cell::number(w));
  if (v != 0) out.push_back(cell::blank());
  return out;
}

void run(tally& t, const report& clean) {
  std::vector<std::string> paths;
  for_each_cell(clean, [&](std::string_view p, const cell& c) {
    if (c.is_number() && p.rfind("proactive.", 0) != 0) paths.emplace_back(p);
  });
  for (const std::string& path : paths) {
    const std::int64_t right = find_cell(clean, path)->value.whole_part();
    for (const cell& wrong : corruptions(right)) {
      report r = clean;
      *find_cell(r, path) = wrong;
      ++t.corrupted;
      const auto start = std::chrono::steady_clock::now();
      const std::vector<hint_finding> hs = find_hints(r);
      t.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (hs.empty()) continue; // the corruption broke no sum (a cell no rule sees)
      ++t.failing;
      if (hs.size() != 1) {
        std::fprintf(stderr, "%s: %zu clusters for one corrupted cell\n", path.c_str(), hs.size());
      }
      const correction_hint& h = hs.front().hint;
      const auto names_right = [&](const hint_fix& f) {
        return f.cells.size() == 1 && f.cells[0].path == path &&
               f.cells[0].suggested == std::to_string(right);
      };
      switch (h.status) {
      case hint_status::unique:
        if (names_right(h.fixes.front())) ++t.unique_right;
        else {
          ++t.unique_wrong;
          std::fprintf(stderr, "WRONG unique hint at %s: %s\n", path.c_str(), h.message_en.c_str());
        }
        break;
      case hint_status::ambiguous: {
        ++t.ambiguous;
        bool listed = false;
        for (const hint_fix& f : h.fixes)
          listed = listed || names_right(f);
        t.ambiguous_listing_right += listed;
        break;
      }
      case hint_status::no_simple_fix: ++t.none; break;
      }
    }
  }
}

double pct(std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0; }

// Microseconds per validate() of clean reports (no sum fails), with and without hints, the best
// of 7 interleaved rounds (the machine is shared): hints must cost a clean report nothing.
void clean_validate_cost() {
  std::vector<report> clean;
  for (template_id id : {template_id::t2021, template_id::t2019})
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
      generate_options o;
      o.template_ = id;
      clean.push_back(generate_report(seed * 104729, o));
    }
  double best[2] = {1e9, 1e9};
  std::size_t found = 0;
  for (int round = 0; round < 7; ++round)
    for (bool hints : {true, false}) {
      validate_options vo;
      vo.hints = hints;
      const auto start = std::chrono::steady_clock::now();
      for (int rep = 0; rep < 10; ++rep)
        for (const report& r : clean)
          found += validate(r, vo).size();
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      best[hints] = std::min(best[hints], 1e6 * s / static_cast<double>(10 * clean.size()));
    }
  std::printf("validate, %zu clean reports (%zu findings): %.1f us/report with hints, %.1f "
              "without\n\n",
              clean.size(), found, best[1], best[0]);
}

} // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 4;
  clean_validate_cost();
  std::printf("%-18s %9s %8s %13s %10s %12s %9s %12s %10s\n", "variant", "corrupted", "failing",
              "unique+right", "ambiguous", "(right listed)", "no fix", "unique wrong",
              "ms/failing");
  tally all;
  for (template_id id : {template_id::t2021, template_id::t2019})
    for (bool local : {false, true}) {
      tally t;
      for (int seed = 1; seed <= n; ++seed) {
        generate_options o;
        o.template_ = id;
        o.local_additions = local;
        run(t, generate_report(static_cast<std::uint64_t>(seed) * 7919, o));
      }
      const std::string name = std::string(template_code(id)) + (local ? " +local" : "");
      std::printf("%-18s %9zu %8zu %12.1f%% %9.1f%% %13.1f%% %8.1f%% %12zu %10.3f\n",
                  name.c_str(), t.corrupted, t.failing, pct(t.unique_right, t.failing),
                  pct(t.ambiguous, t.failing), pct(t.ambiguous_listing_right, t.ambiguous),
                  pct(t.none, t.failing), t.unique_wrong,
                  t.failing ? 1000.0 * t.seconds / static_cast<double>(t.failing) : 0.0);
      all.corrupted += t.corrupted;
      all.failing += t.failing;
      all.unique_right += t.unique_right;
      all.unique_wrong += t.unique_wrong;
      all.ambiguous += t.ambiguous;
      all.ambiguous_listing_right += t.ambiguous_listing_right;
      all.none += t.none;
      all.seconds += t.seconds;
    }
  std::printf("%-18s %9zu %8zu %12.1f%% %9.1f%% %13.1f%% %8.1f%% %12zu %10.3f\n", "all",
              all.corrupted, all.failing, pct(all.unique_right, all.failing),
              pct(all.ambiguous, all.failing), pct(all.ambiguous_listing_right, all.ambiguous),
              pct(all.none, all.failing), all.unique_wrong,
              1000.0 * all.seconds / static_cast<double>(all.failing));
  return all.unique_wrong == 0 ? 0 : 1;
}
