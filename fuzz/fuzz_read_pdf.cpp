// libFuzzer target: arbitrary bytes through read_pdf() (poppler's parser and text layer, then the
// reader's lines, running header/footer removal, table columns and cross-page joins) must not
// crash, hang or leak, and every block and cell must carry a page:line position. Without the PDF reader
// (built without poppler-cpp) it checks that every input gives input.unsupported_format.
//
// The corpus (fuzz/corpus/read_pdf/, made by tests/pdf/make_fixtures.py) holds an uncompressed
// hand-written table over two pages, so that mutations reach the text operators, a page with
// only an image (no text layer) and a small LibreOffice export with an embedded CJK font.
#include "check_document.hpp"

#include <govdisclose/readers.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto r = govdisclose::read_pdf(bytes, "fuzz.pdf");
  if (!govdisclose::pdf_supported() && r.ok()) __builtin_trap();
  govdisclose::fuzzing::check_document(r.value);
  return 0;
}
