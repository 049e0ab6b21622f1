#include <govdisclose/version.hpp>

namespace govdisclose {

std::string_view version() noexcept { return "0.1.0"; }

} // namespace govdisclose
