/// @file govdisclose.hpp
/// @brief Umbrella header: everything a program needs to read, check and write reports.
#pragma once

#include <govdisclose/batch.hpp>
#include <govdisclose/catalog.hpp>
#include <govdisclose/cell.hpp>
#include <govdisclose/compare.hpp>
#include <govdisclose/csv.hpp>
#include <govdisclose/dataset.hpp>
#include <govdisclose/decimal.hpp>
#include <govdisclose/diagnostic.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/document.hpp>
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/hint.hpp>
#include <govdisclose/inspection_page.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/manifest.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/narrative.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/result.hpp>
#include <govdisclose/rules.hpp>
#include <govdisclose/solve.hpp>
#include <govdisclose/source.hpp>
#include <govdisclose/text.hpp>
#include <govdisclose/validate.hpp>
#include <govdisclose/version.hpp>
