// Test data for the golden tests of bytes the fuzzers found (issue 19), written under
// <work>/controls/ from the rendered 2021 report in tests/data/golden/render/:
//
//   nul-first.{txt,md,html}    one NUL byte in front (libxml2 read the page as nothing at all)
//   nul-between.{txt,md,html}  a NUL before the line of 二、主动公开政府信息情况 (and, in the HTML,
//                              another between two rows of its first table)
//   ucs4.{txt,md,html}         00 00 00 in front: `00 00 00 3C` made libxml2 guess UCS-4
//   decl-<encoding>.docx       word/document.xml declares GB2312, BIG5, SHIFT_JIS, EUC-JP,
//                              ISO-2022-JP or UCS-4 and holds UTF-8 (libxml2 printed on stderr)
//   nul-first.docx             word/document.xml with a NUL byte in front
//
//   govdisclose_make_controls <golden render folder> <work folder>
#include "make_files.hpp"

#include "../../src/zip.hpp"

#include <cctype>
#include <filesystem>
#include <iostream>
#include <string>

namespace fs = std::filesystem;

namespace {

using govdisclose::test::read_file;
using govdisclose::test::write_file;

// `bytes` with a NUL inserted before the first `before` (which must be there).
bool insert_nul(std::string& bytes, const std::string& before) {
  const std::size_t at = bytes.find(before);
  if (at == std::string::npos) return false;
  bytes.insert(at, 1, '\0');
  return true;
}

std::string document_xml(const std::string& encoding) {
  return "<?xml version=\"1.0\" encoding=\"" + encoding +
         "\" standalone=\"yes\"?>\n<w:document "
         "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
         "<w:p><w:r><w:t>某区市场监督管理局2021年政府信息公开工作年度报告</w:t></w:r></w:p>"
         "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>";
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: govdisclose_make_controls <golden render folder> <work folder>\n";
    return 2;
  }
  const fs::path golden = argv[1];
  const fs::path out = fs::path(argv[2]) / "controls";
  bool ok = true;
  for (const char* ext : {"txt", "md", "html"}) {
    const std::string report = read_file(golden / (std::string("report-2021.") + ext));
    if (report.empty()) {
      std::cerr << "cannot read report-2021." << ext << " in " << golden << '\n';
      return 1;
    }
    ok = write_file(out / (std::string("nul-first.") + ext), std::string(1, '\0') + report) && ok;
    ok = write_file(out / (std::string("ucs4.") + ext), std::string(3, '\0') + report) && ok;
    std::string between = report;
    const std::string title = "二、主动公开政府信息情况";
    ok = insert_nul(between, std::string(ext) == "html" ? "<h2>" + title
                             : std::string(ext) == "md" ? "## " + title
                                                        : title) && ok;
    if (std::string(ext) == "html") ok = insert_nul(between, "<tr><th>信息内容</th>") && ok;
    ok = write_file(out / (std::string("nul-between.") + ext), between) && ok;
  }
  for (const char* encoding : {"GB2312", "BIG5", "SHIFT_JIS", "EUC-JP", "ISO-2022-JP", "UCS-4"}) {
    std::string name = encoding;
    for (char& c : name)
      c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ok = write_file(out / ("decl-" + name + ".docx"),
                    govdisclose::detail::write_zip(
                        {{"word/document.xml", document_xml(encoding), true}})) &&
         ok;
  }
  ok = write_file(
           out / "nul-first.docx",
           govdisclose::detail::write_zip(
               {{"word/document.xml", std::string(1, '\0') + document_xml("UTF-8"), true}})) &&
       ok;
  if (!ok) std::cerr << "could not write the controls under " << out << '\n';
  return ok ? 0 : 1;
}
