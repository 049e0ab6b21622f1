/// @file render.hpp
/// @brief Renderers: a report → a document in the official layout → HTML, Markdown or text.
#pragma once

#include <govdisclose/document.hpp>
#include <govdisclose/model.hpp>

#include <string>

namespace govdisclose {

/// @brief Lay a report out as a document: title, the six headings with their text, and the
/// tables in the official layout (merged header cells marked as spans).
document render_document(const report& r);

/// @brief Write a document as a self-contained HTML page (rowspan/colspan for merged cells).
std::string write_html(const document& d);

/// @brief Write a document as Markdown with pipe tables.
std::string write_markdown(const document& d);

/// @brief Write a document as plain text with tab-separated tables.
std::string write_text(const document& d);

/// @brief Write a document as a minimal Word 2007+ file (DOCX): heading styles, paragraphs and
/// bordered tables whose merged cells are gridSpan/vMerge; the bytes of the ZIP archive.
std::string write_docx(const document& d);

} // namespace govdisclose
