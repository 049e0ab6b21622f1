/// @file govdisclose.hpp
/// @brief Umbrella header: everything a program needs to read, check and write reports.
#pragma once

#include <govdisclose/catalog.hpp>
#include <govdisclose/compare.hpp>
#include <govdisclose/cell.hpp>
#include <govdisclose/decimal.hpp>
#include <govdisclose/diagnostic.hpp>
#include <govdisclose/document.hpp>
#include <govdisclose/extract.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/narrative.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>
#include <govdisclose/result.hpp>
#include <govdisclose/source.hpp>
#include <govdisclose/text.hpp>
#include <govdisclose/validate.hpp>
#include <govdisclose/version.hpp>
