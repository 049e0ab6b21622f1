// The rule table (rules.hpp): the code and docs/rules.md list the same rule ids, and the code
// reports no id the table lacks.
#include "test_helpers.hpp"

#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/rules.hpp>
#include <govdisclose/validate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

using govdisclose::test::slurp;
namespace fs = std::filesystem;

const std::string source_dir = GOVDISCLOSE_SOURCE_DIR;

struct doc_row {
  std::string level, unreadable, anchor;
};

// The rows of docs/rules.md's "Every rule id" table, by id.
std::map<std::string, doc_row> documented_rules() {
  const std::string md = slurp(source_dir + "/docs/rules.md");
  const auto begin = md.find("## Every rule id");
  REQUIRE(begin != std::string::npos);
  const auto end = md.find("\n## ", begin + 1);
  const std::string section = md.substr(begin, end - begin);
  static const std::regex row(R"(\n\| `([a-z_.]+)` \| (error|warning) \| (yes|) *\| @ref ([A-Za-z_-]+) \|)");
  std::map<std::string, doc_row> out;
  for (std::sregex_iterator it(section.begin(), section.end(), row), stop; it != stop; ++it) {
    const auto& m = *it;
    CHECK_MESSAGE(out.count(m[1]) == 0, m[1] << " is listed twice");
    out[m[1]] = {m[2], m[3], m[4]};
  }
  return out;
}

std::string level_name(govdisclose::severity s) {
  return s == govdisclose::severity::error ? "error" : "warning";
}

} // namespace

TEST_SUITE("rules") {

TEST_CASE("docs/rules.md lists exactly the ids of the rule table, with their level and section") {
  const auto docs = documented_rules();
  CHECK(docs.size() == govdisclose::rule_table().size());
  for (const auto& r : govdisclose::rule_table()) {
    const std::string id(r.id);
    const auto it = docs.find(id);
    if (it == docs.end()) {
      FAIL_CHECK(id << " is in the rule table but not in docs/rules.md");
      continue;
    }
    CHECK_MESSAGE(it->second.level == level_name(r.level), id);
    CHECK_MESSAGE((it->second.unreadable == "yes") == r.unreadable, id);
    CHECK_MESSAGE(it->second.anchor == r.doc, id);
  }
  for (const auto& entry : docs) { // not a structured binding: clang 14 can't capture one
    const std::string& id = entry.first;
    CHECK_MESSAGE(govdisclose::find_rule(id) != nullptr,
                  id << " is in docs/rules.md but not in the rule table");
  }
}

TEST_CASE("every section the rule table names is an anchor of the docs") {
  std::string all;
  for (const auto& e : fs::directory_iterator(source_dir + "/docs"))
    if (e.path().extension() == ".md") all += slurp(e.path().string());
  for (const auto& r : govdisclose::rule_table())
    CHECK_MESSAGE(all.find("{#" + std::string(r.doc) + "}") != std::string::npos,
                  r.id << ": no section {#" << r.doc << "}");
}

TEST_CASE("the library's sources report no rule id the table lacks") {
  std::set<std::string> families;
  for (const auto& r : govdisclose::rule_table())
    families.insert(std::string(r.id.substr(0, r.id.find('.'))));
  // Literals of a rule family's shape that are model paths, not rule ids.
  const std::set<std::string> paths = {"narrative.other_matters"};
  static const std::regex literal(R"re("([a-z_]+)\.([a-z_]+)")re");
  for (const char* dir : {"/src", "/include"})
    for (const auto& e : fs::recursive_directory_iterator(source_dir + dir)) {
      const auto ext = e.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      const std::string code = slurp(e.path().string());
      for (std::sregex_iterator it(code.begin(), code.end(), literal), stop; it != stop; ++it) {
        const std::string id = (*it)[1].str() + "." + (*it)[2].str();
        if (families.count((*it)[1]) == 0 || paths.count(id) != 0) continue;
        CHECK_MESSAGE(govdisclose::find_rule(id) != nullptr,
                      e.path().filename().string() << " reports " << id
                                                   << ", which the rule table lacks");
      }
    }
}

TEST_CASE("find_rule finds every id of the table and nothing else") {
  for (const auto& r : govdisclose::rule_table()) CHECK(govdisclose::find_rule(r.id) == &r);
  CHECK(govdisclose::find_rule("") == nullptr);
  CHECK(govdisclose::find_rule("cell") == nullptr);
  CHECK(govdisclose::find_rule("zzz.none") == nullptr);
  REQUIRE(govdisclose::find_rule("html.parse") != nullptr);
  CHECK(govdisclose::find_rule("html.parse")->level == govdisclose::severity::error);
}

TEST_CASE("a refusal as an error makes an input unreadable, as a warning it does not") {
  govdisclose::diagnostic d;
  d.rule = "docx.broken_archive";
  CHECK(govdisclose::is_unreadable_diagnostic(d));
  d.level = govdisclose::severity::warning;
  CHECK_FALSE(govdisclose::is_unreadable_diagnostic(d));
  d.rule = "input.control_characters";
  CHECK_FALSE(govdisclose::is_unreadable_diagnostic(d));
  d.level = govdisclose::severity::error;
  d.rule = "cell.negative";
  CHECK_FALSE(govdisclose::is_unreadable_diagnostic(d));
}

TEST_CASE("the rules marked as leaving a row unread are the fused-digit splits and extra cells") {
  std::set<std::string_view> marked;
  for (const auto& r : govdisclose::rule_table())
    if (r.leaves_row_unread) marked.insert(r.id);
  CHECK(marked == std::set<std::string_view>{"extract.split_ambiguous", "extract.split_bound",
                                             "extract.split_infeasible", "extract.split_none",
                                             "structure.extra_cells"});
}

TEST_CASE("validate() calls no row missing that the reader said it left unread, by the mark") {
  govdisclose::generate_options o;
  o.template_ = govdisclose::template_id::t2021;
  govdisclose::report r = govdisclose::generate_report(13, o);
  const std::string row = "applications.granted";
  govdisclose::for_each_cell(r, [&](std::string_view p, govdisclose::cell& c) {
    if (p.substr(0, row.size() + 1) == row + ".") c = govdisclose::cell{};
  });
  const auto missing = [&](const std::vector<govdisclose::diagnostic>& reading) {
    const auto ds = govdisclose::validate(r, reading, {});
    return std::any_of(ds.begin(), ds.end(), [&](const govdisclose::diagnostic& d) {
      return d.rule == "structure.missing_row" && d.path == row;
    });
  };
  CHECK(missing({}));
  for (const auto& rule : govdisclose::rule_table()) {
    CAPTURE(rule.id);
    govdisclose::diagnostic said = govdisclose::diagnostic_builder(std::string(rule.id)).path(row);
    CHECK(missing({said}) != rule.leaves_row_unread);
  }
}

TEST_CASE("a read with errors and no cell is unreadable; the cause is its first error") {
  govdisclose::result<govdisclose::report> r;
  CHECK(govdisclose::unreadable_cause(r) == nullptr); // no error: an empty report is readable
  govdisclose::diagnostic warning;
  warning.rule = "encoding.unknown";
  warning.level = govdisclose::severity::warning;
  r.diagnostics.push_back(warning);
  CHECK_FALSE(govdisclose::is_unreadable(r));
  govdisclose::diagnostic error;
  error.rule = "docx.xml_malformed";
  r.diagnostics.push_back(error);
  CHECK(govdisclose::unreadable_cause(r) == &r.diagnostics.back());
  std::get<govdisclose::applications_2021>(r.value.applications).granted.total =
      govdisclose::cell::number(std::int64_t{1});
  CHECK_FALSE(govdisclose::is_unreadable(r)); // some cells were read: errors, but readable
}

TEST_CASE("the diagnostic builder names every part and takes the rule's level from the table") {
  const govdisclose::diagnostic d = govdisclose::diagnostic_builder("cell.blank")
                                        .path("applications.granted.total")
                                        .at("a.txt", govdisclose::source_span{3, 4})
                                        .expected("a number")
                                        .found("blank")
                                        .message("为空白")
                                        .message_en("is blank");
  CHECK(d.rule == "cell.blank");
  CHECK(d.level == govdisclose::severity::warning);
  CHECK(d.path == "applications.granted.total");
  CHECK(d.position.to_string() == "a.txt:3:4");
  CHECK(d.expected == "a number");
  CHECK(d.found == "blank");
  CHECK(d.message == "为空白");
  CHECK(d.message_en == "is blank");
  CHECK_FALSE(d.hint);
  const govdisclose::diagnostic e = govdisclose::diagnostic_builder("json.too_many_diagnostics")
                                        .level(govdisclose::severity::warning);
  CHECK(e.level == govdisclose::severity::warning);
  CHECK(govdisclose::diagnostic(govdisclose::diagnostic_builder("no.such_rule")).level ==
        govdisclose::severity::error);
}

} // TEST_SUITE
