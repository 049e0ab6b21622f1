// The stages of extract_report() (extract.cpp) that have files of their own: where the sections
// are and their text (extract_sections.cpp), the title, agency and year (extract_meta.cpp), and
// which template the tables follow (extract_template.cpp). Not installed; see docs/extraction.md.
#pragma once

#include "extract/extract_detail.hpp"

#include <govdisclose/narrative.hpp>

#include <array>
#include <optional>
#include <vector>

namespace govdisclose::detail {

/// The six sections of a report (一 to 六), as indexes into the catalog's sections.
constexpr std::size_t section_count = 6;

// ---- sections (extract_sections.cpp) ----------------------------------------------------------

/// Where a section's heading is: a block, and the byte offset of a heading inside its text.
struct heading_place {
  std::size_t block = 0;
  std::size_t offset = 0;
  source_span span;
};

/// Where the six sections are in a document.
struct section_map {
  std::vector<int> heading_of; // per block: the section its heading names, or -1 (tables: -1)
  std::vector<int> member_of;  // per block: the section it belongs to, or -1 (headings: -1)
  // Per block: a table whose first row is one cell naming a section (a reader took the heading
  // right above the table for its first line); the row is no row of the table.
  std::vector<bool> heading_row;
  std::array<std::vector<heading_place>, section_count> found{}; // each section's headings
  std::vector<std::vector<inline_heading>> inner; // per block: the headings inside its text
};

/// Every heading (or heading-like paragraph) of the six sections is a boundary: where they are,
/// and which section each block belongs to.
section_map map_sections(const document& doc);

/// The template table a section holds (二, 三, 四), or none.
table_kind kind_of_section(int section);

/// The text of the blocks no table took, each in its section's narrative. A paragraph with
/// headings inside gives each piece to its section, the headings to none.
void read_narrative(const document& doc, const section_map& sections,
                    const std::vector<bool>& consumed, narrative_text& out);

/// Missing and out-of-order sections: the same check as check_sections() (narrative.hpp) over
/// the sections' first headings in document order.
void check_section_order(const document& doc, const section_map& sections, sink& diags);

/// A section met again is joined, and said.
void check_duplicate_sections(const document& doc, const section_map& sections, sink& diags);

// ---- meta (extract_meta.cpp) ------------------------------------------------------------------

/// The report's title, agency and year (from its title, else from the first paragraph that names
/// a year), and its source and format.
report_meta read_meta(const document& doc, const section_map& sections);

// ---- the template (extract_template.cpp) -------------------------------------------------------

/// The rows of sections 二 and 三 with their wrapped labels joined by one template's labels.
struct template_rows {
  std::vector<doc_row> proactive, applications;
};

/// The template the tables follow, with the rows of sections 二 and 三 joined by its labels.
struct template_found {
  template_id id = template_id::t2021;
  template_rows rows;
};

/// The template the rows of sections 二 and 三 follow, told by the labels only one template has
/// (document.mixed_template, document.template_year when they disagree with each other or the
/// year), and those rows with their wrapped labels joined by its labels.
template_found find_template(const std::vector<doc_row>& proactive,
                             const std::vector<doc_row>& applications, std::optional<int> year,
                             sink& diags);

} // namespace govdisclose::detail
