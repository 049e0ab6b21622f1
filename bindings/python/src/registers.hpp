/// @file registers.hpp
/// @brief One registration function per area of the `govdisclose._core` extension.
#pragma once

#include <pybind11/pybind11.h>

namespace govdisclose::python {

/// @brief Cells, rows, tables and the report (the generic binder over the described model).
void register_model(pybind11::module_& m);
/// @brief Diagnostics, source positions and the InputError exception.
void register_diagnostic(pybind11::module_& m);
/// @brief Reading files and bytes of every format, canonical JSON.
void register_io(pybind11::module_& m);
/// @brief Validation (the rules of TEMPLATE.md).
void register_validate(pybind11::module_& m);
/// @brief The random report generator and the template catalog.
void register_generate(pybind11::module_& m);
/// @brief Comparing reports: diffs, roll-ups, checks across years, derived figures.
void register_compare(pybind11::module_& m);
/// @brief The batch: many files checked or exported in parallel, as the CLI does.
void register_batch(pybind11::module_& m);

} // namespace govdisclose::python
