/// @file generate.hpp
/// @brief Random valid reports, for tests, fuzzing seeds, benchmarks and demonstrations.
#pragma once

#include <govdisclose/catalog.hpp>
#include <govdisclose/reflect.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace govdisclose {

/// @brief Choices for generate_report().
struct generate_options {
  template_id template_ = template_id::t2021; ///< The template to fill.
  double blank_zero_rate = 0.0; ///< Chance that a 0 in a non-total cell is published blank.
  int max_count = 40;           ///< Upper bound of a single result cell.
  bool local_additions = false; ///< Fill the 法人或其他组织小计 column and group 小计 rows.
};

/// @brief A small deterministic generator (SplitMix64), the same on every platform.
class random_source {
public:
  /// @brief Start from a seed.
  explicit random_source(std::uint64_t seed) noexcept : state_(seed) {}
  /// @brief The next 64 random bits.
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// @brief A whole number in [0, n).
  std::int64_t below(std::int64_t n) noexcept {
    return n <= 0 ? 0 : static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n));
  }
  /// @brief True with probability p.
  bool chance(double p) noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

private:
  std::uint64_t state_;
};

/// @brief A random report that satisfies every rule of its template.
///
/// The same seed and options give the same report on every platform. Totals and sums are
/// computed, never drawn, so the report validates without errors; blanks (when asked for)
/// give only `cell.blank` warnings.
inline report generate_report(std::uint64_t seed, const generate_options& o = {});

/// @brief Write the six narrative sections for a report, in phrasings seen in real reports,
/// stating counts that agree with its tables.
///
/// Every count the text states matches its cell, every stated total the sum of its parts, the
/// data period the report year, and a 2021-template section 六 says whether 信息处理费 was
/// charged; so check_narrative() finds nothing. Some counts are written in Chinese numerals.
/// @param r a report whose tables hold numbers (generate_report()).
/// @param rng the random source.
narrative_text generate_narrative(const report& r, random_source& rng);

/// @brief generate_report() followed by generate_narrative() with the same random source.
/// @param seed the seed.
/// @param o the generator's choices.
report generate_report_with_narrative(std::uint64_t seed, const generate_options& o = {});

} // namespace govdisclose

#include <govdisclose/impl/generate.hpp>
