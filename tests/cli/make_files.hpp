// Files for the generators of the golden tests' inputs (make_*.cpp): they run without doctest,
// so tests/test_helpers.hpp is not theirs.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace govdisclose::test {

/// Write `bytes` to `file`, creating its folders; false when it could not be written.
inline bool write_file(const std::filesystem::path& file, const std::string& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << bytes;
  return static_cast<bool>(out);
}

/// The bytes of `file`, empty when it cannot be read.
inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace govdisclose::test
