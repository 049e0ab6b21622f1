/// @file manifest.hpp
/// @brief A batch manifest: which agency and year each report file is, and which reports a
/// summary report sums, for comparing reports across years and agencies (batch.hpp).
///
/// Reports name their agency in many ways (某县自然资源局, 某县自然资源和规划局, 县自然资源局), so
/// grouping them by the agency read from the document can miss. A manifest says it once, as a
/// CSV file (RFC 4180, UTF-8, an optional byte-order mark) whose first line names its columns:
///
/// ```
/// file,agency,year,member_of
/// 2022/自然资源局.html,某县自然资源局,2022,某县人民政府
/// 2023/自规局.pdf,某县自然资源局,2023,某县人民政府
/// 2023/汇总.html,某县人民政府,2023,
/// ```
///
/// - `file`: the report file, relative to the manifest's folder (or absolute);
/// - `agency`: the agency; compared after normalize_agency() (compare.hpp);
/// - `year`: the report year (`2023`, also `2023年` or full-width digits);
/// - `member_of` (optional): the agency whose summary report of the same year sums this report
///   cell by cell (rollup.sum); empty when none.
///
/// Columns may come in any order; other columns are ignored with a `manifest.unknown_column`
/// warning. See the @ref compare "comparing reports" page.
#pragma once

#include <govdisclose/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

/// @brief One line of a manifest: a report file and who it is.
struct manifest_entry {
  std::string file;       ///< The report file, resolved against the manifest's folder.
  std::string agency;     ///< The agency as written (grouped after normalize_agency()).
  int year = 0;           ///< The report year.
  std::string member_of;  ///< The agency of the summary report that sums this one, or empty.
  std::uint32_t line = 0; ///< The line of the manifest it was read from (1-based).
};

/// @brief Who is who among the files of a batch.
struct batch_manifest {
  std::string path;                    ///< The manifest file, as given (for messages).
  std::vector<manifest_entry> entries; ///< In the manifest's order.

  /// @brief The entry of a file (as resolved), or nullptr.
  const manifest_entry* find(std::string_view file) const noexcept;
  /// @brief The entries summed by a summary entry (its members), in the manifest's order.
  std::vector<const manifest_entry*> members_of(const manifest_entry& summary) const;
};

/// @brief Parse a manifest's text (no file system access: files are not looked up).
///
/// Errors, each at `path:line:column`: `manifest.syntax` (an unterminated quote; a line with
/// more or fewer fields than the header), `manifest.header` (no header line; `file`, `agency` or
/// `year` missing; a column named twice), `manifest.file` / `manifest.agency` (empty),
/// `manifest.year` (not a year), `manifest.duplicate` (an agency twice in one year, or a file
/// twice), `manifest.member_of` (a summary agency with no report of that year, a report summed
/// into itself, or a cycle), `manifest.empty` (no report line). Warning:
/// `manifest.unknown_column`. The value holds the lines that could be read.
/// @param text the manifest's bytes (UTF-8).
/// @param path the manifest's file name: positions name it, and relative `file` values are
/// resolved against its folder.
result<batch_manifest> parse_manifest(std::string_view text, const std::string& path);

/// @brief Read and parse a manifest file, and check that every file it names exists
/// (`manifest.missing_file` errors at the line naming it; `manifest.unreadable` when the
/// manifest itself cannot be read).
/// @param path the manifest file.
result<batch_manifest> read_manifest(const std::string& path);

} // namespace govdisclose
