// libFuzzer target: arbitrary bytes through read_docx() (libzip from memory, the size, ratio and
// entry-count limits, libxml2 SAX2 with the depth and entity guards, gridSpan/vMerge expansion)
// must not crash, hang or leak, and every block and table cell must carry a position.
//
// Mutated archives mostly fail libzip's checks (CRC, sizes, the central directory), so input
// that starts with '<' is the parts of a package, packed (stored) into a valid archive first:
// the XML of word/document.xml, then optionally more parts, each after a line `#part NAME`
// (word/styles.xml, _rels/.rels, word/_rels/document.xml.rels…). Mutations thus reach the XML,
// styles, relationship and grid code. The corpus has both kinds (fuzz/corpus/read_docx/*.docx,
// small valid archives, and *.xml); fuzz/fuzz_read_docx.dict is WordprocessingML's vocabulary:
//
//   build-fuzz/fuzz/fuzz_read_docx -dict=fuzz/fuzz_read_docx.dict new-corpus/ fuzz/corpus/read_docx/
#include "check_document.hpp"

#include "../src/zip.hpp"
#include <govdisclose/readers.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using govdisclose::fuzzing::check_document;

namespace {

constexpr std::string_view part_marker = "\n#part ";
constexpr std::size_t max_parts = 8;

// The parts of a package written as `document.xml [\n#part NAME\n content]…`.
std::vector<govdisclose::detail::zip_entry> parts_of(std::string_view input) {
  std::vector<govdisclose::detail::zip_entry> parts;
  std::string name = "word/document.xml";
  for (;;) {
    const std::size_t at = parts.size() + 1 < max_parts ? input.find(part_marker)
                                                         : std::string_view::npos;
    parts.push_back({name, std::string(input.substr(0, at)), false});
    if (at == std::string_view::npos) break;
    input.remove_prefix(at + part_marker.size());
    const std::size_t eol = input.find('\n');
    name = std::string(input.substr(0, eol));
    input.remove_prefix(eol == std::string_view::npos ? input.size() : eol + 1);
  }
  return parts;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (size > 0 && data[0] == '<') {
    // A name given twice keeps the later part; a name libzip refuses gives no bytes at all,
    // which is a case too (docx.broken_archive).
    const std::string docx = govdisclose::detail::write_zip(parts_of(bytes));
    check_document(govdisclose::read_docx(docx).value);
    return 0;
  }
  check_document(govdisclose::read_docx(bytes).value);
  return 0;
}
