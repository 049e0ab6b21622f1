/// @file version.hpp
/// @brief The library's version.
#pragma once

#include <string_view>

namespace govdisclose {

/// @brief The version of the compiled library, `major.minor.patch`.
std::string_view version() noexcept;

} // namespace govdisclose
