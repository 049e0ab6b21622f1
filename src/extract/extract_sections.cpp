// Where the six sections of a report are (their headings, as blocks, first table rows or inside
// a one-line paragraph), the narrative text of each, and the findings about missing,
// out-of-order and repeated sections. See docs/extraction.md.
#include "extract/extract_stages.hpp"

#include <algorithm>

namespace govdisclose::detail {
namespace {

// The section a heading names, or -1: the library's one heading matcher (section_code(),
// narrative.hpp), as an index into the catalog's sections.
int section_of(std::string_view text) {
  const auto code = section_code(text);
  if (!code) return -1;
  const auto& sections = catalog(template_id::t2021).sections;
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (sections[i].code == *code) return static_cast<int>(i);
  return -1;
}

// The section a table's first row names when it is one cell of text (a section title set like
// body text, taken by a reader for the table's first line), or -1.
int heading_in_first_row(const table_grid& t) {
  if (t.rows.empty()) return -1;
  const table_cell* only = nullptr;
  for (const auto& c : t.rows.front()) {
    if (trim(c.text).empty()) continue;
    if (only) return -1;
    only = &c;
  }
  return only ? section_of(only->text) : -1;
}

// The index of a section code in the catalog's sections, or -1.
int section_of_code(std::string_view code) {
  const auto& sections = catalog(template_id::t2021).sections;
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (sections[i].code == code) return static_cast<int>(i);
  return -1;
}

// For each block, the headings inside its text (inline_headings()) of the sections no block
// names: a crawled page's body on one line. Each is added to `found`.
std::vector<std::vector<inline_heading>>
headings_inside(const document& doc, const std::vector<int>& heading_of,
                std::array<std::vector<heading_place>, section_count>& found) {
  std::vector<std::vector<inline_heading>> out(doc.blocks.size());
  std::array<bool, section_count> named{};
  for (std::size_t s = 0; s < section_count; ++s)
    named[s] = !found[s].empty();
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (b.kind == block_kind::table || heading_of[i] >= 0) continue;
    for (inline_heading& h : inline_headings(b.text)) {
      const int s = section_of_code(h.code);
      if (s < 0 || named[static_cast<std::size_t>(s)]) continue;
      named[static_cast<std::size_t>(s)] = true; // the first counts
      found[static_cast<std::size_t>(s)].push_back({i, h.begin, span_in(b, h.begin)});
      out[i].push_back(std::move(h));
    }
  }
  return out;
}

} // namespace

section_map map_sections(const document& doc) {
  section_map m;
  m.heading_of.assign(doc.blocks.size(), -1);
  m.member_of.assign(doc.blocks.size(), -1);
  m.heading_row.assign(doc.blocks.size(), false);
  std::vector<int> starts(doc.blocks.size(), -1); // the section a heading block or row starts
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    const bool table = b.kind == block_kind::table;
    starts[i] = table ? heading_in_first_row(b.table) : section_of(b.text);
    if (!table) m.heading_of[i] = starts[i];
    m.heading_row[i] = table && starts[i] >= 0;
    if (starts[i] >= 0) m.found[static_cast<std::size_t>(starts[i])].push_back({i, 0, b.span});
  }
  // Headings run into a paragraph (one-line text), for the sections no block names.
  m.inner = headings_inside(doc, m.heading_of, m.found);
  int current = -1;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (starts[i] >= 0) current = starts[i];
    if (m.heading_of[i] >= 0) continue;
    m.member_of[i] = current;
    if (!m.inner[i].empty()) current = section_of_code(m.inner[i].back().code);
  }
  return m;
}

table_kind kind_of_section(int s) {
  switch (s) {
  case 1: return table_kind::proactive;
  case 2: return table_kind::applications;
  case 3: return table_kind::reviews;
  default: return table_kind::none;
  }
}

void read_narrative(const document& doc, const section_map& sections,
                    const std::vector<bool>& consumed, narrative_text& out) {
  std::array<std::string*, section_count> text = {&out.overview,     &out.proactive,
                                                  &out.applications, &out.reviews,
                                                  &out.problems,     &out.other_matters};
  auto append = [&](int section, std::string_view piece) {
    if (section < 0 || trim(piece).empty()) return;
    std::string& t = *text[static_cast<std::size_t>(section)];
    if (!t.empty()) t += '\n';
    t += trim(piece);
  };
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const block& b = doc.blocks[i];
    if (sections.member_of[i] < 0 && sections.inner[i].empty()) continue;
    if (consumed[i] || b.kind == block_kind::table) continue;
    std::string_view rest = b.text;
    std::size_t from = 0;
    int section = sections.member_of[i];
    for (const inline_heading& h : sections.inner[i]) {
      append(section, rest.substr(from, h.begin - from));
      section = section_of_code(h.code);
      from = h.end;
    }
    append(section, rest.substr(from));
  }
}

void check_section_order(const document& doc, const section_map& sections, sink& diags) {
  const auto& defs = catalog(template_id::t2021).sections;
  std::vector<std::pair<heading_place, std::size_t>> firsts; // (where, section)
  for (std::size_t s = 0; s < section_count; ++s)
    if (!sections.found[s].empty()) firsts.emplace_back(sections.found[s].front(), s);
  std::sort(firsts.begin(), firsts.end(), [](const auto& a, const auto& b) {
    return std::pair(a.first.block, a.first.offset) < std::pair(b.first.block, b.first.offset);
  });
  std::vector<found_section> in_order;
  for (const auto& [at, s] : firsts)
    in_order.push_back(
        {std::string(defs[s].code), source_position{doc.source, at.span.line, at.span.column}});
  for (auto& d : check_sections(in_order, doc.source))
    diags.add(std::move(d));
}

void check_duplicate_sections(const document& doc, const section_map& sections, sink& diags) {
  const auto& defs = catalog(template_id::t2021).sections;
  for (std::size_t s = 0; s < section_count; ++s) {
    const std::string heading(defs[s].heading);
    const auto& found = sections.found[s];
    for (std::size_t k = 1; k < found.size(); ++k)
      diags.add(
          diagnostic_builder("document.duplicate_section")
              .path("narrative." + std::string(defs[s].code))
              .at(diags.file, found[k].span)
              .expected(heading)
              .found(doc.blocks[found[k].block].text)
              .message("「" + heading + "」部分重复出现，内容合并")
              .message_en("the section \"" + heading + "\" appears again; its parts are joined"));
  }
}

} // namespace govdisclose::detail
