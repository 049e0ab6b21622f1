/// @file extract.hpp
/// @brief The extractor: a document in, a report of the national template out.
#pragma once

#include <govdisclose/document.hpp>
#include <govdisclose/model.hpp>
#include <govdisclose/result.hpp>

namespace govdisclose {

/// @brief Find the six sections, detect the template, match the tables' labels with the
/// catalog and read every cell; never throws.
///
/// What cannot be read becomes a diagnostic with its source position, and the rest of the report
/// is still returned. A document that is not a report of the national template (an old-format
/// report, say) gives an `document.not_template` error and an empty report.
result<report> extract_report(const document& doc);

} // namespace govdisclose
