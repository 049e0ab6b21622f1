// Batch manifests: who is who among a batch's files (manifest.hpp).
#include <govdisclose/manifest.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace govdisclose;

namespace {

std::vector<const diagnostic*> with_rule(const std::vector<diagnostic>& ds, std::string_view rule) {
  std::vector<const diagnostic*> out;
  for (const auto& d : ds)
    if (d.rule == rule) out.push_back(&d);
  return out;
}

// The one finding of a rule, at `line` (and `column` when given) of m.csv.
void check_one(const result<batch_manifest>& r, std::string_view rule, std::uint32_t line,
               std::uint32_t column = 0) {
  const auto found = with_rule(r.diagnostics, rule);
  REQUIRE_MESSAGE(found.size() == 1, rule);
  CHECK(found.front()->position.file.ends_with("m.csv"));
  CHECK(found.front()->position.line == line);
  if (column != 0) CHECK(found.front()->position.column == column);
  CHECK_FALSE(found.front()->message.empty());
  CHECK_FALSE(found.front()->message_en.empty());
}

} // namespace

TEST_SUITE("manifest") {

  TEST_CASE("a manifest gives each file its agency, year and summary, in its order") {
    const auto r =
        parse_manifest("\xEF\xBB\xBF"
                       "Year,file,member_of,agency,note\r\n"
                       "2023,a.html,某县人民政府,某县教育局,x\r\n"
                       "\r\n"
                       "２０２３年,\"b, c.html\",某县人民政府,\"某县\"\"卫健\"\"委\",\r\n"
                       "2023 , sum.json ,,  某县 人民政府 ,\r\n",
                       "lists/m.csv");
    CHECK(r.ok());
    check_one(r, "manifest.unknown_column", 1, 28); // `note`: ignored, with a warning
    CHECK(r.diagnostics.front().level == severity::warning);
    REQUIRE(r.value.entries.size() == 3);
    const manifest_entry& a = r.value.entries[0];
    CHECK(a.file == (fs::path("lists") / "a.html").string()); // resolved against the folder
    CHECK(a.agency == "某县教育局");
    CHECK(a.year == 2023);
    CHECK(a.member_of == "某县人民政府");
    CHECK(a.line == 2);
    CHECK(r.value.entries[1].file == (fs::path("lists") / "b, c.html").string());
    CHECK(r.value.entries[1].agency == "某县\"卫健\"委");
    CHECK(r.value.entries[1].year == 2023);
    CHECK(r.value.entries[1].line == 4);
    const manifest_entry& sum = r.value.entries[2];
    CHECK(sum.agency == "某县 人民政府");
    CHECK(sum.member_of.empty());
    // Members are found after normalising the agency (white space, full width).
    const auto members = r.value.members_of(sum);
    REQUIRE(members.size() == 2);
    CHECK(members[0] == &r.value.entries[0]);
    CHECK(r.value.find((fs::path("lists") / "sum.json").string()) == &sum);
    CHECK(r.value.find("sum.json") == nullptr);
  }

  TEST_CASE("an absolute file stays as it is; a manifest in the working folder keeps names as "
            "written") {
    const auto r =
        parse_manifest("file,agency,year\n/data/a.json,甲,2022\n./b.json,乙,2022\n", "m.csv");
    REQUIRE(r.ok());
    CHECK(r.value.entries[0].file == "/data/a.json");
    CHECK(r.value.entries[1].file == "b.json");
  }

  TEST_CASE("each malformed line is reported at manifest:line:column and left out") {
    const auto r = parse_manifest("file,agency,year,member_of\n"
                                  "a.json,甲局,2022\n"              // 2: a field short
                                  ",乙局,2022,\n"                   // 3: no file
                                  "c.json,  ,2022,\n"               // 4: no agency
                                  "d.json,丁局,去年,\n"             // 5: not a year
                                  "e.json,戊局,2022,\n"             // 6: fine
                                  "f.json,戊 局,2022,\n"            // 7: 戊局 again in 2022
                                  "e.json,己局,2022,\n"             // 8: e.json again
                                  "g.json,庚局,2022,某市人民政府\n" // 9: no such summary
                                  "h.json,辛局,2022,辛局\n",        // 10: a member of itself
                                  "m.csv");
    CHECK_FALSE(r.ok());
    check_one(r, "manifest.syntax", 2);
    check_one(r, "manifest.file", 3, 1);
    check_one(r, "manifest.agency", 4, 8);
    check_one(r, "manifest.year", 5, 11);
    CHECK(with_rule(r.diagnostics, "manifest.duplicate").size() == 2);
    CHECK(with_rule(r.diagnostics, "manifest.duplicate")[0]->position.line == 7);
    CHECK(with_rule(r.diagnostics, "manifest.duplicate")[0]->message.find("第6行") !=
          std::string::npos);
    CHECK(with_rule(r.diagnostics, "manifest.duplicate")[1]->position.line == 8);
    CHECK(with_rule(r.diagnostics, "manifest.member_of").size() == 2);
    CHECK(with_rule(r.diagnostics, "manifest.member_of")[0]->position.line == 9);
    CHECK(with_rule(r.diagnostics, "manifest.member_of")[1]->position.line == 10);
    // Findings come in line order; the good lines are kept.
    for (std::size_t i = 1; i < r.diagnostics.size(); ++i)
      CHECK(r.diagnostics[i - 1].position.line <= r.diagnostics[i].position.line);
    CHECK(r.value.entries.size() == 3); // e.json, g.json, h.json
  }

  TEST_CASE("a header without the required columns, or with one twice, is an error") {
    check_one(parse_manifest("file,year\na.json,2022\n", "m.csv"), "manifest.header", 1);
    check_one(parse_manifest("file,agency,year,File\na,b,2022,c\n", "m.csv"), "manifest.header", 1,
              18);
    check_one(parse_manifest("", "m.csv"), "manifest.header", 1);
    check_one(parse_manifest("\n\n", "m.csv"), "manifest.header", 1);
    check_one(parse_manifest("file,agency,year\n", "m.csv"), "manifest.empty", 1);
  }

  TEST_CASE("an unterminated quote stops the manifest at the line where the quote opens") {
    const auto r = parse_manifest("file,agency,year\n"
                                  "a.json,甲局,2022\n"
                                  "\"b.json,乙局,2022\n"
                                  "c.json,丙局,2022\n",
                                  "m.csv");
    check_one(r, "manifest.syntax", 3, 1);
    CHECK(r.value.entries.size() == 1);
  }

  TEST_CASE("summaries that sum each other are a cycle") {
    const auto r = parse_manifest("file,agency,year,member_of\n"
                                  "a.json,甲,2022,乙\n"
                                  "b.json,乙,2022,甲\n"
                                  "c.json,丙,2023,乙\n", // no 乙 in 2023
                                  "m.csv");
    CHECK(with_rule(r.diagnostics, "manifest.member_of").size() == 3);
    CHECK(r.diagnostics.front().message.find("循环") != std::string::npos);
  }

  TEST_CASE("reading a manifest checks that its files exist") {
    const fs::path dir =
        fs::temp_directory_path() /
        ("govdisclose-manifest-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir / "sub");
    std::ofstream(dir / "a.json") << "{}";
    std::ofstream(dir / "m.csv") << "file,agency,year\na.json,甲,2022\nmissing.json,乙,2022\n"
                                    "sub,丙,2022\n";
    const auto r = read_manifest((dir / "m.csv").string());
    CHECK_FALSE(r.ok());
    const auto missing = with_rule(r.diagnostics, "manifest.missing_file");
    REQUIRE(missing.size() == 2);
    CHECK(missing[0]->position.to_string() == (dir / "m.csv").string() + ":3");
    CHECK(missing[0]->message.find("不存在") != std::string::npos);
    CHECK(missing[1]->position.line == 4);
    CHECK(missing[1]->message.find("不是普通文件") != std::string::npos);
    CHECK(r.value.entries.front().file == (dir / "a.json").string());

    const auto none = read_manifest((dir / "nowhere.csv").string());
    CHECK_FALSE(none.ok());
    CHECK(with_rule(none.diagnostics, "manifest.unreadable").size() == 1);
    fs::remove_all(dir);
  }

} // TEST_SUITE
