#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

using namespace govdisclose;
namespace fs = std::filesystem;

namespace {

// A scratch directory removed at the end of the test.
struct scratch_dir {
  fs::path path;
  scratch_dir() {
    path = fs::temp_directory_path() /
           ("govdisclose-test-read-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~scratch_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    const fs::path p = path / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

} // namespace

TEST_SUITE("read") {

  TEST_CASE("JSON is recognised by its first non-space character, whatever the name") {
    CHECK(detect_format("{\"template\": \"2021\"}") == input_format::json);
    CHECK(detect_format(" \n\t{}", "report.html") == input_format::json);
    CHECK(detect_format("\xEF\xBB\xBF{}", "report.txt") == input_format::json);
  }

  TEST_CASE("binary containers are recognised by their magic bytes") {
    CHECK(detect_format(std::string("PK\x03\x04rest", 8), "report.txt") == input_format::docx);
    CHECK(detect_format("%PDF-1.7\n...", "report.html") == input_format::pdf);
  }

  TEST_CASE("HTML is recognised by its tags") {
    CHECK(detect_format("<!DOCTYPE html><html><body></body></html>") == input_format::html);
    CHECK(detect_format("<HTML><HEAD><META charset=gbk>") == input_format::html);
    CHECK(detect_format("<table><tr><td>1</td></tr></table>") == input_format::html);
    CHECK(detect_format("郑州市大数据局\n<table><tr><td>1</td></tr></table>") ==
          input_format::html);
  }

  TEST_CASE("Markdown is recognised by a heading or a pipe table's delimiter row") {
    CHECK(detect_format("# 郑州市大数据局2022年政府信息公开工作年度报告\n\n一、总体情况\n") ==
          input_format::markdown);
    CHECK(detect_format("正文\n\n| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 | 0 |\n") ==
          input_format::markdown);
    CHECK(detect_format("#不是标题\n") == input_format::text);
  }

  TEST_CASE("plain text is the fallback, and a file name's extension is a hint") {
    CHECK(detect_format("规章\t0\t0\t0\n行政规范性文件\t0\t0\t0\n") == input_format::text);
    CHECK(detect_format("") == input_format::text);
    CHECK(detect_format("一、总体情况", "report.md") == input_format::markdown);
    CHECK(detect_format("一、总体情况", "REPORT.HTM") == input_format::html);
    CHECK(detect_format("<table> in a text copy", "copy.txt") == input_format::text);
  }

  TEST_CASE("a missing file gives an input.unreadable error naming the path and the reason") {
    const scratch_dir dir;
    const std::string path = (dir.path / "no-such-report.json").string();
    const result<report> r = read_report_file(path);
    REQUIRE(r.diagnostics.size() == 1);
    const diagnostic& d = r.diagnostics.front();
    CHECK(d.rule == "input.unreadable");
    CHECK(d.level == severity::error);
    CHECK(d.position.file == path);
    CHECK(d.message.find(path) != std::string::npos);
    CHECK(d.message.find("文件不存在") != std::string::npos);
    CHECK(d.message_en.find("No such file") != std::string::npos);
    CHECK_FALSE(r.ok());
  }

  TEST_CASE("a directory is not a readable report") {
    const scratch_dir dir;
    const result<report> r = read_report_file(dir.path.string());
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.front().rule == "input.unreadable");
    CHECK_FALSE(r.ok());
  }

  TEST_CASE("a JSON file reads back the report that was written") {
    const scratch_dir dir;
    for (template_id t : {template_id::t2019, template_id::t2021}) {
      CAPTURE(template_code(t));
      generate_options o;
      o.template_ = t;
      o.blank_zero_rate = 0.3;
      const report written = generate_report(11, o);
      const std::string path = dir.write("report.json", to_json(written));
      const result<report> r = read_report_file(path);
      CHECK(r.ok());
      CHECK(r.value == written);
    }
  }

  TEST_CASE("malformed JSON gives a diagnostic, not a throw") {
    const result<report> r = read_report("{\"template\": ", read_options{"broken.json"});
    CHECK_FALSE(r.ok());
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.front().position.file == "broken.json");
  }

  TEST_CASE("a forced format overrides detection") {
    // Forced to JSON, a text copy is malformed JSON rather than a text report.
    const result<report> r =
        read_report("规章\t0\t0\t0\n", read_options{"copy.txt", input_format::json});
    CHECK_FALSE(r.ok());
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.front().rule.starts_with("json."));
  }

} // TEST_SUITE
