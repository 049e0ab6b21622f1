// The timing loop the reader benchmarks share.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace govdisclose::bench {

// Runs `f` over every input until `min_seconds` have passed (after one untimed round);
// returns inputs per second. `f` returns a size, summed so the work cannot be left out.
template <class F>
double rate(const std::vector<std::string>& inputs, double min_seconds, F f) {
  using clock = std::chrono::steady_clock;
  std::size_t done = 0, sink = 0;
  for (const auto& in : inputs) sink += f(in);
  const auto start = clock::now();
  double elapsed = 0;
  do {
    for (const auto& in : inputs) sink += f(in);
    done += inputs.size();
    elapsed = std::chrono::duration<double>(clock::now() - start).count();
  } while (elapsed < min_seconds);
  if (sink == 0) std::puts("(nothing read)");
  return static_cast<double>(done) / elapsed;
}

} // namespace govdisclose::bench
