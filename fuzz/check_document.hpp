// The invariants every reader's document must keep, whatever the input: a position on every
// block and table cell, and spans only on the top-left position of a merged cell. Shared by the
// reader fuzz targets; a violation traps, which libFuzzer reports as a crash.
#pragma once

#include <govdisclose/document.hpp>

namespace govdisclose::fuzzing {

inline void check_document(const document& d) {
  for (const auto& b : d.blocks) {
    if (!b.span.known()) __builtin_trap();
    for (const auto& row : b.table.rows)
      for (const auto& c : row) {
        if (!c.span.known()) __builtin_trap();
        if (c.covered && (c.row_span != 1 || c.col_span != 1)) __builtin_trap();
      }
  }
}

} // namespace govdisclose::fuzzing
