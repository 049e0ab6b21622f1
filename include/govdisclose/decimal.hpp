/// @file decimal.hpp
/// @brief An exact decimal number for published cell values.
#pragma once

#include <boost/describe.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace govdisclose {

namespace detail {
__extension__ using int128 = __int128;           // g++ and clang; -Wpedantic accepts this form
__extension__ using uint128 = unsigned __int128;
} // namespace detail

/// @brief An exact decimal: `units / 10^scale`.
///
/// Published cells are counts and amounts in 万元 with up to four (sometimes more) decimals.
/// Binary floating point cannot hold 0.0001 exactly, so values are kept as a scaled integer.
/// Two decimals compare equal when they denote the same number (`1.50 == 1.5`).
struct decimal {
  std::int64_t units = 0; ///< The digits as an integer.
  std::uint8_t scale = 0; ///< How many of the digits are decimals.

  /// @brief The largest scale that parse() accepts.
  static constexpr std::uint8_t max_scale = 9;

  /// @brief Make a whole number.
  static constexpr decimal whole(std::int64_t n) noexcept { return decimal{n, 0}; }

  /// @brief Parse ASCII text: optional sign, digits with optional `,` thousands separators,
  /// an optional `.` and decimals.
  /// @return nothing when the text is not such a number or has too many digits.
  static std::optional<decimal> parse(std::string_view text) noexcept {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
      negative = text[i] == '-';
      ++i;
    }
    detail::int128 acc = 0;
    int digits = 0, decimals = 0;
    bool point = false, any = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c >= '0' && c <= '9') {
        acc = acc * 10 + (c - '0');
        any = true;
        if (acc != 0 || point) ++digits;
        if (point) ++decimals;
        if (digits > 18 || decimals > max_scale) return std::nullopt;
      } else if (c == '.' && !point && any) {
        point = true;
      } else if (c == ',' && !point && any && is_group(text.substr(i + 1))) {
        continue; // a thousands separator
      } else {
        return std::nullopt;
      }
    }
    if (!any || (point && decimals == 0)) return std::nullopt;
    const auto units = static_cast<std::int64_t>(acc);
    return decimal{negative ? -units : units, static_cast<std::uint8_t>(decimals)};
  }

  /// @brief True when the value has no fractional part.
  constexpr bool is_integer() const noexcept { return units % pow10(scale) == 0; }

  /// @brief The value with trailing zero decimals removed (`1.50` → `1.5`).
  constexpr decimal normalized() const noexcept {
    decimal d = *this;
    while (d.scale > 0 && d.units % 10 == 0) {
      d.units /= 10;
      --d.scale;
    }
    return d;
  }

  /// @brief How many decimals the value needs (`1.50` needs 1).
  constexpr int significant_decimals() const noexcept { return normalized().scale; }

  /// @brief The whole part, truncated toward zero.
  constexpr std::int64_t whole_part() const noexcept { return units / pow10(scale); }

  /// @brief Plain decimal text without exponent (`-12.5`, `0.0001`), keeping the scale.
  std::string to_string() const {
    const bool negative = units < 0;
    detail::uint128 magnitude =
        negative ? static_cast<detail::uint128>(-static_cast<detail::int128>(units)) : units;
    std::string digits;
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
      magnitude /= 10;
    } while (magnitude != 0);
    if (scale > 0) {
      if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
      digits.insert(digits.size() - scale, 1, '.');
    }
    return negative ? "-" + digits : digits;
  }

  /// @brief The value as a double, for derived figures only (never for sums).
  constexpr double to_double() const noexcept {
    return static_cast<double>(units) / static_cast<double>(pow10(scale));
  }

  /// @brief Exact sum; the result has the larger scale.
  friend constexpr decimal operator+(decimal a, decimal b) noexcept {
    const std::uint8_t s = a.scale > b.scale ? a.scale : b.scale;
    return decimal{a.units * pow10(s - a.scale) + b.units * pow10(s - b.scale), s};
  }
  /// @brief Exact difference; the result has the larger scale.
  friend constexpr decimal operator-(decimal a, decimal b) noexcept {
    return a + decimal{-b.units, b.scale};
  }
  /// @brief Numeric equality, whatever the scales.
  friend constexpr bool operator==(decimal a, decimal b) noexcept {
    return (a <=> b) == std::strong_ordering::equal;
  }
  /// @brief Numeric order, whatever the scales.
  friend constexpr std::strong_ordering operator<=>(decimal a, decimal b) noexcept {
    const std::uint8_t s = a.scale > b.scale ? a.scale : b.scale;
    const detail::int128 x = static_cast<detail::int128>(a.units) * pow10(s - a.scale);
    const detail::int128 y = static_cast<detail::int128>(b.units) * pow10(s - b.scale);
    return x <=> y;
  }

private:
  // Three digits, then the end, a point or another separator.
  static constexpr bool is_group(std::string_view rest) noexcept {
    if (rest.size() < 3) return false;
    for (int k = 0; k < 3; ++k)
      if (rest[k] < '0' || rest[k] > '9') return false;
    return rest.size() == 3 || rest[3] == '.' || rest[3] == ',';
  }
  static constexpr std::int64_t pow10(int n) noexcept {
    std::int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
  }
};
BOOST_DESCRIBE_STRUCT(decimal, (), (units, scale))

} // namespace govdisclose
