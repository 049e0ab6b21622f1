// libFuzzer target: arbitrary bytes through read_markdown() must not crash, hang or leak, and every
// block and table cell must carry a position.
#include "check_document.hpp"

#include <govdisclose/readers.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using govdisclose::fuzzing::check_document;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto decoded = govdisclose::decode_to_utf8(bytes);
  check_document(govdisclose::read_markdown(decoded.value).value);
  check_document(govdisclose::read_markdown(bytes).value); // undecoded bytes must be safe too
  return 0;
}
