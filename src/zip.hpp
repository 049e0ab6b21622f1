/// @file zip.hpp
/// @brief Internal: write a ZIP archive in memory (used by write_docx() and by tests that build
/// hostile archives). Not part of the public API.
#pragma once

#include <string>
#include <vector>

namespace govdisclose::detail {

/// @brief One entry of an archive to write.
struct zip_entry {
  std::string name;      ///< Path inside the archive (`word/document.xml`).
  std::string data;      ///< The entry's bytes.
  bool compress = true;  ///< Deflate (true) or store (false).
};

/// @brief Write the entries, in order, as a ZIP archive in memory (libzip); fixed timestamps, so
/// the same entries give the same bytes. Returns an empty string when libzip fails.
std::string write_zip(const std::vector<zip_entry>& entries);

} // namespace govdisclose::detail
