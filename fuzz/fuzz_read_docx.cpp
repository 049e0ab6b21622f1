// libFuzzer target: arbitrary bytes through read_docx() (libzip from memory, the size, ratio and
// entry-count limits, libxml2 SAX2 with the depth and entity guards, gridSpan/vMerge expansion)
// must not crash, hang or leak, and every block and table cell must carry a position.
//
// Mutated archives mostly fail their CRC, so input that starts with '<' is taken as the XML of
// word/document.xml and packed (stored) into an archive first: that reaches the XML and grid
// code. The corpus has both kinds (fuzz/corpus/read_docx/*.docx and *.xml).
#include "check_document.hpp"

#include <govdisclose/detail/zip.hpp>
#include <govdisclose/readers.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using govdisclose::fuzzing::check_document;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (size > 0 && data[0] == '<') {
    const std::string docx =
        govdisclose::detail::write_zip({{"word/document.xml", std::string(bytes), false}});
    check_document(govdisclose::read_docx(docx).value);
    return 0;
  }
  check_document(govdisclose::read_docx(bytes).value);
  return 0;
}
