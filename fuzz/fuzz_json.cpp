// Fuzz target: the JSON report reader, and the write → read → write round trip.
//
// Any input must give a result without a crash, a hang or a throw. An input that reads without
// errors must then survive the round trip: writing the report and reading it back gives the same
// report, and writing that again gives the same bytes.
#include <govdisclose/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace govdisclose;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const result<report> r = report_from_json(text, "fuzz.json");
  (void)diagnostics_to_json(r.diagnostics, {0});
  if (!r.ok()) return 0;
  const std::string once = to_json(r.value);
  const result<report> back = report_from_json(once);
  if (!back.ok() || !(back.value == r.value)) std::abort();
  if (to_json(back.value) != once) std::abort();
  return 0;
}
