#include "output.hpp"

#include <govdisclose/json.hpp>
#include <govdisclose/reflect.hpp>

#include <fstream>
#include <iostream>
#include <string_view>

namespace govdisclose::cli {

std::string format_diagnostic(const diagnostic& d, const std::string& file, language lang) {
  source_position where = d.position;
  if (where.file.empty()) where.file = file;
  std::string line = where.to_string();
  line += ": ";
  if (lang == language::zh)
    line += d.level == severity::error ? "错误" : "警告";
  else
    line += d.level == severity::error ? "error" : "warning";
  line += " [" + d.rule + "] ";
  if (!d.path.empty()) line += d.path + ": ";
  const std::string& message = lang == language::zh && !d.message.empty() ? d.message
                               : !d.message_en.empty()                    ? d.message_en
                                                                          : d.message;
  line += message;
  line += expected_found_note(d, lang == language::zh);
  return line;
}

void print_diagnostics(std::ostream& out, const std::vector<diagnostic>& ds,
                       const std::string& file) {
  for (const auto& d : ds) out << format_diagnostic(d, file, language::zh) << '\n';
}

std::string format_hint(const correction_hint& h, language lang) {
  const std::string& m = lang == language::zh && !h.message.empty() ? h.message : h.message_en;
  return m;
}

namespace {

const char* status_code(const file_outcome& o) {
  if (o.unreadable) return "unreadable";
  return has_errors(o.diagnostics) ? "fail" : "pass";
}

} // namespace

std::string format_summary(const file_outcome& o, language lang) {
  const auto errors = std::to_string(count(o.diagnostics, severity::error));
  const auto warnings = std::to_string(count(o.diagnostics, severity::warning));
  const std::string_view status = status_code(o);
  if (lang == language::zh) {
    const char* verdict = status == "unreadable" ? "无法读取"
                          : status == "fail"     ? "不通过"
                                                 : "通过";
    return o.file + ": " + verdict + "（" + errors + " 个错误，" + warnings + " 个警告）";
  }
  const char* verdict = status == "unreadable" ? "UNREADABLE" : status == "fail" ? "FAIL" : "PASS";
  return o.file + ": " + verdict + " (" + errors + " errors, " + warnings + " warnings)";
}

std::string format_total(const std::vector<file_outcome>& outcomes, language lang) {
  std::size_t pass = 0, fail = 0, unreadable = 0;
  for (const auto& o : outcomes) {
    const std::string_view s = status_code(o);
    (s == "pass" ? pass : s == "fail" ? fail : unreadable) += 1;
  }
  const auto n = [](std::size_t k) { return std::to_string(k); };
  if (lang == language::zh)
    return "共 " + n(outcomes.size()) + " 个文件：" + n(pass) + " 个通过，" + n(fail) +
           " 个不通过，" + n(unreadable) + " 个无法读取";
  return n(outcomes.size()) + " files: " + n(pass) + " passed, " + n(fail) + " failed, " +
         n(unreadable) + " unreadable";
}

boost::json::value outcomes_to_json(const std::vector<file_outcome>& outcomes) {
  boost::json::array files;
  for (const auto& o : outcomes) {
    boost::json::object f;
    f["file"] = o.file;
    f["status"] = status_code(o);
    f["errors"] = count(o.diagnostics, severity::error);
    f["warnings"] = count(o.diagnostics, severity::warning);
    // The library's own diagnostic JSON, so the CLI and the API agree on the shape.
    f["diagnostics"] = boost::json::parse(diagnostics_to_json(o.diagnostics, json_options{0}));
    files.push_back(std::move(f));
  }
  return files;
}

bool write_output(const std::string& file, const std::string& text) {
  if (file.empty() || file == "-") {
    std::cout << text << std::flush;
    return static_cast<bool>(std::cout);
  }
  std::ofstream out(file, std::ios::binary);
  out << text;
  out.close();
  if (out) return true;
  std::cerr << "govdisclose: cannot write " << file << '\n';
  return false;
}

} // namespace govdisclose::cli
