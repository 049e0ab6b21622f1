/// @file inspection_page.hpp
/// @brief One self-contained HTML page for inspectors: the results of a batch, and each report's
/// tables in the official layout with the failing cells marked and the diagnostics beside them.
///
/// The page is written as outcomes arrive (memory stays flat: only one summary line per report
/// is kept). It loads nothing from the network: CSS and JavaScript are inline. The tables come
/// from render_document(), so the layout is the renderers'; a marked cell is a `<td>` with the
/// class `gd-marked` plus `gd-error` or `gd-warning`, `data-path` (its model path), `data-rule`
/// (the rule ids, space-separated) and `data-diags` (the ids of its diagnostics). Each
/// diagnostic is an `<li class="gd-diag">` whose `data-cells` lists the ids of its cells; a
/// click on either side highlights and scrolls to the other. See the @ref inspection page.
#pragma once

#include <govdisclose/batch.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace govdisclose {

/// @brief One report as an HTML fragment, as the inspection page lays it out: the official
/// tables with the cells the diagnostics name marked (`gd-marked gd-error` / `gd-warning`,
/// their messages in the `title`, shown on hover), and the list of diagnostics beside them.
///
/// Self-contained (a scoped `<style>`, no script, nothing from the network): for notebooks
/// (the Python `Report._repr_html_()`) and for embedding.
/// @param r the report.
/// @param diagnostics its findings (validate(), and reader or comparison findings).
/// @param id prefix of the element ids; unique among fragments shown on one page.
std::string report_html(const report& r, const std::vector<diagnostic>& diagnostics,
                        const std::string& id = "gd");

/// @brief Choices for an inspection page.
struct inspection_options {
  std::string title = "政府信息公开工作年度报告检查结果"; ///< The page's heading.
  /// Lay out the tables of reports without any finding too (by default only the summary line).
  bool all_reports = false;
};

/// @brief Writes an inspection page to a stream, one outcome at a time.
class inspection_page {
public:
  /// @brief Start the page: the head, its style and the heading.
  /// @param out the stream; it must outlive the page.
  /// @param o the title and what to lay out.
  explicit inspection_page(std::ostream& out, inspection_options o = {});
  /// @brief Destroy the page writer (call finish() first to complete the page).
  ~inspection_page();
  inspection_page(const inspection_page&) = delete;            ///< Not copyable.
  inspection_page& operator=(const inspection_page&) = delete; ///< Not copyable.

  /// @brief Add one outcome: its section (tables, marked cells, diagnostics) is written now.
  void add(const batch_item& item);

  /// @brief Write the summary (per report and per rule, with filters) and the script; close the
  /// page.
  void finish(const batch_summary& s);

private:
  struct state;
  std::unique_ptr<state> state_;
};

} // namespace govdisclose
