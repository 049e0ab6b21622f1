// libFuzzer target: arbitrary bytes through read_docx() (libzip from memory, the size, ratio and
// entry-count limits, libxml2 SAX2 with the depth and entity guards, gridSpan/vMerge expansion)
// must not crash, hang or leak, and every block and table cell must carry a position.
#include <govdisclose/readers.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void check(const govdisclose::document& d) {
  for (const auto& b : d.blocks) {
    if (!b.span.known()) __builtin_trap();
    for (const auto& row : b.table.rows)
      for (const auto& c : row) {
        if (!c.span.known()) __builtin_trap();
        if (c.covered && (c.row_span != 1 || c.col_span != 1)) __builtin_trap();
      }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check(govdisclose::read_docx(bytes).value);
  return 0;
}
