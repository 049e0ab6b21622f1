// The table of rules (rules.hpp), after simdjson's src/internal/error_tables.cpp: one line per
// rule id, sorted by id. docs/rules.md lists the same ids (tests/test_rules.cpp checks it).
#include <govdisclose/rules.hpp>

#include <algorithm>
#include <array>

namespace govdisclose {
namespace {

constexpr severity e = severity::error;
constexpr severity w = severity::warning;
constexpr bool unreadable = true;

// A rule whose finding says a row is in the source although its cells were left absent.
constexpr rule_info leaves_row_unread(rule_info r) {
  r.leaves_row_unread = true;
  return r;
}

constexpr std::array rules{
    rule_info{"across_years.carry_over", w, "compare_across_years"},
    rule_info{"across_years.in_force", w, "compare_across_years"},
    rule_info{"applications.balance", e, "rules_sums"},
    rule_info{"applications.results_total", e, "rules_sums"},
    rule_info{"applications.row_total", e, "rules_sums"},
    rule_info{"cell.blank", w, "rules_cells"},
    rule_info{"cell.negative", e, "rules_cells"},
    rule_info{"cell.not_a_number", e, "rules_cells"},
    rule_info{"cell.not_integer", e, "rules_cells"},
    rule_info{"cell.number_with_note", w, "extraction_diagnostics"},
    rule_info{"cell.spanned", w, "extraction_diagnostics"},
    rule_info{"cell.unit_converted", w, "extraction_diagnostics"},
    rule_info{"cell.unreadable", w, "extraction_diagnostics"},
    rule_info{"document.duplicate_section", w, "extraction_diagnostics"},
    rule_info{"document.missing_section", w, "narrative_rules"},
    rule_info{"document.mixed_template", w, "extraction_diagnostics"},
    rule_info{"document.not_template", e, "extraction_diagnostics", unreadable},
    rule_info{"document.partial", w, "extraction_diagnostics"},
    rule_info{"document.section_order", w, "narrative_rules"},
    rule_info{"document.template_year", w, "extraction_diagnostics"},
    rule_info{"document.year_mismatch", w, "narrative_rules"},
    rule_info{"docx.broken_archive", e, "formats_docx", unreadable},
    rule_info{"docx.legacy_or_encrypted", e, "formats_docx", unreadable},
    rule_info{"docx.missing_document", e, "formats_docx", unreadable},
    rule_info{"docx.table_too_large", w, "formats_docx"},
    rule_info{"docx.too_large", e, "formats_docx", unreadable},
    rule_info{"docx.too_many_entries", e, "formats_docx", unreadable},
    rule_info{"docx.xml_encoding", e, "formats_docx"},
    rule_info{"docx.xml_entities", e, "formats_docx"},
    rule_info{"docx.xml_malformed", e, "formats_docx"},
    rule_info{"docx.xml_too_deep", e, "formats_docx"},
    rule_info{"docx.zip_bomb", e, "formats_docx", unreadable},
    rule_info{"encoding.invalid_bytes", w, "formats_decoding"},
    rule_info{"encoding.mismatch", w, "formats_decoding"},
    rule_info{"encoding.unknown", w, "formats_decoding"},
    leaves_row_unread({"extract.split_ambiguous", w, "extraction-fused"}),
    leaves_row_unread({"extract.split_bound", w, "extraction-fused"}),
    rule_info{"extract.split_by_equations", w, "extraction-fused"},
    leaves_row_unread({"extract.split_infeasible", w, "extraction-fused"}),
    leaves_row_unread({"extract.split_none", w, "extraction-fused"}),
    rule_info{"html.parse", e, "formats_html", unreadable},
    rule_info{"html.table_too_large", w, "formats_html"},
    rule_info{"input.control_characters", w, "formats_decoding"},
    rule_info{"input.too_large", e, "formats_input", unreadable},
    rule_info{"input.unreadable", e, "formats_input", unreadable},
    rule_info{"input.unsupported_format", e, "formats_input", unreadable},
    rule_info{"json.depth", e, "json_reading", unreadable},
    rule_info{"json.duplicate_member", w, "json_reading"},
    rule_info{"json.number", e, "json_reading"},
    rule_info{"json.syntax", e, "json_reading", unreadable},
    rule_info{"json.template", e, "json_reading"},
    rule_info{"json.too_large", e, "json_reading", unreadable},
    rule_info{"json.too_many_diagnostics", e, "json_reading"},
    rule_info{"json.type", e, "json_reading"},
    rule_info{"json.unknown_member", w, "json_reading"},
    rule_info{"manifest.agency", e, "compare_manifest"},
    rule_info{"manifest.duplicate", e, "compare_manifest"},
    rule_info{"manifest.empty", e, "compare_manifest"},
    rule_info{"manifest.file", e, "compare_manifest"},
    rule_info{"manifest.header", e, "compare_manifest"},
    rule_info{"manifest.member_of", e, "compare_manifest"},
    rule_info{"manifest.missing_file", e, "compare_manifest"},
    rule_info{"manifest.syntax", e, "compare_manifest", unreadable},
    rule_info{"manifest.unknown_column", w, "compare_manifest"},
    rule_info{"manifest.unreadable", e, "compare_manifest"},
    rule_info{"manifest.year", e, "compare_manifest"},
    rule_info{"narrative.count_mismatch", w, "narrative_rules"},
    rule_info{"narrative.sum_mismatch", w, "narrative_rules"},
    rule_info{"other_matters.processing_fee_silent", w, "narrative_rules"},
    rule_info{"pdf.broken", e, "formats_pdf", unreadable},
    rule_info{"pdf.encrypted", e, "formats_pdf", unreadable},
    rule_info{"pdf.no_text_layer", e, "formats_pdf", unreadable},
    rule_info{"pdf.page_without_text", w, "formats_pdf"},
    rule_info{"pdf.rotated_text", w, "formats_pdf"},
    rule_info{"pdf.too_large", e, "formats_pdf", unreadable},
    rule_info{"proactive.fee_precision", w, "rules_cells"},
    rule_info{"reviews.block_total", e, "rules_sums"},
    rule_info{"rollup.empty", e, "compare_rollup"},
    rule_info{"rollup.incomplete", w, "compare_rollup"},
    rule_info{"rollup.not_summed", w, "compare_rollup"},
    rule_info{"rollup.sum", w, "compare_rollup"},
    rule_info{"rollup.template", e, "compare_rollup"},
    rule_info{"structure.ambiguous_label", w, "extraction_diagnostics"},
    rule_info{"structure.approximate_label", w, "extraction_diagnostics"},
    rule_info{"structure.cell_count", w, "extraction_diagnostics"},
    rule_info{"structure.collapsed_group", w, "extraction_diagnostics"},
    rule_info{"structure.duplicate_row", w, "extraction_diagnostics"},
    rule_info{"structure.empty_row", w, "extraction_diagnostics"},
    leaves_row_unread({"structure.extra_cells", w, "extraction_diagnostics"}),
    rule_info{"structure.missing_row", e, "rules_structure"},
    rule_info{"structure.missing_table", e, "rules_structure"},
    rule_info{"structure.shifted_cells", w, "extraction_diagnostics"},
    rule_info{"structure.short_row", w, "extraction_diagnostics"},
    rule_info{"structure.unidentified_row", w, "rules_structure"},
    rule_info{"structure.unknown_column", w, "extraction_diagnostics"},
    rule_info{"structure.unknown_row", w, "extraction_diagnostics"},
    rule_info{"structure.unknown_table", w, "extraction_diagnostics"},
    rule_info{"structure.unlabelled_row", w, "extraction_diagnostics"},
    rule_info{"text.cell_per_line", w, "formats_text"},
};

constexpr bool sorted_and_unique() {
  for (std::size_t i = 1; i < rules.size(); ++i)
    if (!(rules[i - 1].id < rules[i].id)) return false;
  return true;
}
static_assert(sorted_and_unique(), "keep the rule table sorted by id, each id once");

} // namespace

std::span<const rule_info> rule_table() noexcept { return rules; }

const rule_info* find_rule(std::string_view id) noexcept {
  const auto it = std::lower_bound(rules.begin(), rules.end(), id,
                                   [](const rule_info& r, std::string_view v) { return r.id < v; });
  return it != rules.end() && it->id == id ? &*it : nullptr;
}

bool is_unreadable_diagnostic(const diagnostic& d) noexcept {
  if (d.level != severity::error) return false;
  const rule_info* r = find_rule(d.rule);
  return r != nullptr && r->unreadable;
}

} // namespace govdisclose
