/// @file narrative.hpp
/// @brief Check a report's text against its tables, its sections and its year; write text that
/// agrees with the tables.
///
/// Inspectors find contradictions between the prose of a report and its tables as often as broken
/// sums. The checks here read the six narrative sections (report::narrative) for stated counts
/// (`办理依申请公开2件`, `行政复议1件`, `本年度无行政诉讼`, `二十三件`), compare each with the
/// table cell it names, add up stated totals and their parts (`223条，其中119条、72条、32条`), and
/// look at the sections found, the year and the 2021 template's 信息处理费 statement.
///
/// Precision comes before recall: a phrase that could name two cells is compared with both and
/// reported only when neither matches; a phrase that cannot be tied to one table count gives
/// nothing. See docs/narrative.md for every phrasing recognised and what is deliberately left out.
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/document.hpp>
#include <govdisclose/model.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

/// @brief What a count stated in the text is about: the table quantity it names, if any.
enum class count_topic : std::uint8_t {
  none,                  ///< Not tied to a table count (`发布政策解读6篇`).
  applications_any,      ///< `依申请公开2件`: new, new + carried over, or processed.
  applications_received, ///< `收到…政府信息公开申请34件`: new, or new + carried over.
  applications_new,      ///< `本年新收…申请34件`: new only.
  applications_handled, ///< `办理/办结/答复…申请`: new, new + carried over, or processed.
  carried_over,         ///< `上年结转…2件`.
  carried_forward,      ///< `结转下年度…1件`, `转下一年度办理的1件`.
  granted,              ///< `予以公开9件`, `同意公开9件`.
  partially_granted,    ///< `部分公开0件`.
  withheld,             ///< `不予公开2件`: the sum of （三）.
  unavailable,          ///< `无法提供10件`: the sum of （四）.
  not_processed,        ///< `不予处理0件`: the sum of （五）.
  other_processing,     ///< `其他处理14件`: the sum of （六） (2019: its one row).
  administrative_review, ///< `行政复议1件`.
  litigation,            ///< `行政诉讼0件`: direct, after review, or both.
  regulations_issued,    ///< `制发规章1件` (2019: new made or new published).
  regulations_repealed,  ///< `废止规章1件` (2021 only).
  regulations_in_force,  ///< `现行有效规章3件` (2021 only).
  normative_issued,      ///< `印发行政规范性文件13件` (2019: new made or new published).
  normative_repealed,    ///< `废止行政规范性文件2件` (2021 only).
  normative_in_force,    ///< `现行有效行政规范性文件55件` (2021 only).
  regulations_published, ///< `公开规章1件`: issued or in force (2019: published or made).
  normative_published, ///< `主动公开规范性文件13件`: issued or in force (2019: published or made).
};
BOOST_DESCRIBE_ENUM(count_topic, none, applications_any, applications_received, applications_new,
                    applications_handled, carried_over, carried_forward, granted, partially_granted,
                    withheld, unavailable, not_processed, other_processing, administrative_review,
                    litigation, regulations_issued, regulations_repealed, regulations_in_force,
                    normative_issued, normative_repealed, normative_in_force, regulations_published,
                    normative_published)

/// @brief One count stated in a narrative text.
///
/// Offsets count Unicode code points from the start of the section's text (what a reader of the
/// text counts); the byte range of the number serves programs that edit the text.
struct stated_count {
  std::int64_t value = 0; ///< The count (0 for a statement such as `本年度无行政诉讼`).
  std::string unit; ///< `件`, `条`, `次`, `篇`, `人次`, `项`…; empty for a "none" statement.
  count_topic topic = count_topic::none; ///< The table quantity it names, if any.
  std::size_t offset = 0;                ///< Code point offset of the number (or of the statement).
  std::string phrase;           ///< The phrase quoted in messages (`办理依申请公开2件`).
  std::size_t number_begin = 0; ///< Byte offset of the number's text (equal to #number_end
                                ///< for a statement without a number).
  std::size_t number_end = 0;   ///< Byte offset just past the number's text.
  friend bool operator==(const stated_count&, const stated_count&) = default;
};
BOOST_DESCRIBE_STRUCT(stated_count, (),
                      (value, unit, topic, offset, phrase, number_begin, number_end))

/// @brief A stated total and the parts listed after it (`223条，其中119条、72条、32条`).
struct stated_sum {
  stated_count total;              ///< The total.
  std::vector<stated_count> parts; ///< The parts, in text order (at least two).
  friend bool operator==(const stated_sum&, const stated_sum&) = default;
};
BOOST_DESCRIBE_STRUCT(stated_sum, (), (total, parts))

/// @brief What one section's text states.
struct narrative_statements {
  std::vector<stated_count> counts; ///< Every count with a unit and every "none" statement.
  std::vector<stated_sum> sums;     ///< Every total with a complete list of parts.
};

/// @brief Choices for check_narrative().
struct narrative_options {
  bool counts = true;         ///< `narrative.count_mismatch`: stated counts against the tables.
  bool sums = true;           ///< `narrative.sum_mismatch`: stated totals against their parts.
  bool year = true;           ///< `document.year_mismatch`: title year, meta.year, data period.
  bool processing_fee = true; ///< `other_matters.processing_fee_silent` (2021 template).
};

/// @brief Parse a count written in Arabic digits (ASCII or full-width, `1,234`) or in Chinese
/// numerals (`二十三`, `一百零五`, `两`, `〇`, `二〇二二`).
///
/// Strict: colloquial or ambiguous forms (`一百五`, `十二三`, `十两`) and anything that is not
/// entirely a numeral give nothing.
/// @param text the numeral alone, without unit or spaces.
/// @return the value, or nothing.
std::optional<std::int64_t> parse_count(std::string_view text) noexcept;

/// @brief Write a count in Chinese numerals (`105` → `一百零五`, `2` → `二`); parse_count()
/// reads it back.
/// @param n a count ≥ 0.
std::string chinese_numeral(std::int64_t n);

/// @brief Find the counts and the totals with parts stated in one section's text.
/// @param text the section's text, UTF-8 (invalid bytes are tolerated).
/// @param year the report year: counts in sentences about another year (`2021年收到…`) are
///   left without a topic. Nothing is left out when the year is unknown.
/// @param agency the reporting agency (report_meta::agency): counts whose subject is another
///   named unit (`其中区发改委受理…3件`) or a unit acting for it (`区政府办代表区政府受理…17件`)
///   are left without a topic. When it is empty, only `我…`/`本…` subjects count as its own.
/// @return the statements in text order.
narrative_statements find_statements(std::string_view text, std::optional<int> year = {},
                                     std::string_view agency = {});

/// @brief Check the narrative of a report against its tables, its year and its template.
///
/// Rules: `narrative.count_mismatch`, `narrative.sum_mismatch`, `document.year_mismatch` and,
/// for the 2021 template, `other_matters.processing_fee_silent` (all warnings). A diagnostic's
/// path is `narrative.<section>` (or `meta.title`); the narrative has no source spans, so the
/// message quotes the phrase and gives its code point offset in the section, and `position` is
/// the compared table cell's source position when it has one (the file is report::meta.source).
/// @param r the report.
/// @param o which checks to run.
/// @return the findings, section by section in text order.
std::vector<diagnostic> check_narrative(const report& r, const narrative_options& o = {});

/// @brief A section heading found in a document, with where it was found.
struct found_section {
  std::string code;         ///< `overview` … `other_matters`.
  source_position position; ///< Where the heading is, when known.
};

/// @brief Check the six sections found in a document: `document.missing_section` for each
/// section that is absent and `document.section_order` for each section that comes before one
/// it should follow (warnings).
///
/// Only the first occurrence of a code counts (reports that restart their numbering for the
/// tables repeat headings); unknown codes are ignored.
/// @param found the section codes in document order, with positions.
/// @param file the input's name for the diagnostics of missing sections.
std::vector<diagnostic> check_sections(const std::vector<found_section>& found,
                                       std::string_view file = {});

/// @brief check_sections() over bare codes in document order (no positions).
/// @param found_codes_in_order section codes (`overview`…) in the order the headings appear.
std::vector<diagnostic> check_sections(const std::vector<std::string>& found_codes_in_order);

/// @brief The section code a heading text names, if it is one of the six headings or a known
/// variant (full-width or ASCII brackets and spaces ignored; the numbering may differ).
///
/// The library's one heading matcher: the extractor's section boundaries use it too. A numbered
/// heading that does not end as a sentence also matches the single section whose heading or
/// variant is most similar to it (similarity 0.8 or more, as for row labels, no other section as
/// close): `五、存在的主要问题及整改措施` is `problems`.
/// @param text a heading or paragraph text.
std::optional<std::string> section_code(std::string_view text);

/// @brief A section heading run into a line of text, as byte offsets into the text.
struct inline_heading {
  std::size_t begin = 0; ///< Where its numbering (`二、`) starts.
  std::size_t end = 0;   ///< Just past its last character.
  std::string code;      ///< `overview` … `other_matters`.
};

/// @brief The six sections' headings inside one line of text (a crawled page whose body is one
/// line: `…的通知。一、总体情况2019年，…二、主动公开政府信息情况 第二十条…`).
///
/// Without a line break to mark it, a heading is taken only when the text says it is one: the
/// numbering is the section's own place in the template (`一、` … `六、`); the words after it are
/// the heading or a variant (spaces and punctuation aside; a near match — similarity 0.9 or
/// more, no other as close — for a typing error such as `行政法复议`); and the text does not go
/// on as a clause or a quotation (`一、总体情况，二、…` lists the sections, `“二、…”` quotes one).
/// The first heading of each section counts.
/// @param text a paragraph's text.
std::vector<inline_heading> inline_headings(std::string_view text);

/// @brief The six sections' headings found in a document's heading and paragraph blocks; for a
/// section no block names, a heading inside a paragraph (inline_headings()).
/// @param doc a read document.
std::vector<found_section> find_sections(const document& doc);

/// @brief check_sections() over the headings of a read document.
/// @param doc a read document.
std::vector<diagnostic> check_sections(const document& doc);

} // namespace govdisclose
