// The PDF reader: poppler's text layer (words with their boxes) handed to the layout rules
// (src/read/pdf_layout.cpp, src/read/pdf_table.cpp). Only this file uses poppler, the optional component.
#include "read/pdf_layout.hpp"

#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/readers.hpp>

#ifdef GOVDISCLOSE_HAVE_PDF
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#endif

#include <limits>
#include <memory>
#include <mutex>

namespace govdisclose {

#ifndef GOVDISCLOSE_HAVE_PDF

bool pdf_supported() noexcept { return false; }

result<document> read_pdf(std::string_view, std::string_view source) {
  result<document> out = detail::empty_document("pdf", source);
  out.diagnostics.push_back(
      diagnostic_builder("input.unsupported_format")
          .at(source_position{std::string(source)})
          .found("pdf")
          .message("此版本未包含PDF读取功能（构建时未找到poppler-cpp）")
          .message_en("this build has no PDF reader (built without poppler-cpp)"));
  return out;
}

#else

bool pdf_supported() noexcept { return true; }

namespace {

// Limits: a report has a few dozen pages; anything far beyond is refused, not read for minutes.
constexpr int max_pages = 2000;
constexpr std::size_t max_words = 2'000'000;

void quiet_poppler(const std::string&, void*) {}

} // namespace

result<document> read_pdf(std::string_view bytes, std::string_view source) {
  using namespace detail;
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(quiet_poppler, nullptr); });

  result<document> out = detail::empty_document("pdf", source);
  auto error = [&](std::string rule, std::uint32_t page, std::string found, std::string zh,
                   std::string en) {
    out.diagnostics.push_back(diagnostic_builder(std::move(rule))
                                  .at(source_position{std::string(source), page})
                                  .found(std::move(found))
                                  .message(std::move(zh))
                                  .message_en(std::move(en)));
  };
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    error("pdf.too_large", 0, std::to_string(bytes.size()) + " bytes", "PDF文件过大，未读取",
          "the PDF is too large to read");
    return out;
  }
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) {
    error("pdf.broken", 0, {}, "PDF文件已损坏或不是PDF，无法读取",
          "the PDF is broken (or not a PDF) and cannot be read");
    return out;
  }
  if (pdf->is_locked()) {
    error("pdf.encrypted", 0, {}, "PDF文件已加密（需要密码），无法读取",
          "the PDF is encrypted (needs a password) and cannot be read");
    return out;
  }
  const int pages = pdf->pages();
  if (pages > max_pages) {
    error("pdf.too_large", 0, std::to_string(pages) + " pages",
          "PDF共" + std::to_string(pages) + "页，超过上限" + std::to_string(max_pages) + "页，未读取",
          "the PDF has " + std::to_string(pages) + " pages, over the limit of " +
              std::to_string(max_pages));
    return out;
  }

  std::vector<pdf_page> text(static_cast<std::size_t>(pages));
  std::vector<int> empty_pages;
  std::size_t words = 0, rotated = 0;
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(pdf->create_page(p));
    pdf_page& tp = text[static_cast<std::size_t>(p)];
    if (page) {
      tp.height = page->page_rect().height();
      for (const auto& box : page->text_list()) {
        const poppler::byte_array utf8 = box.text().to_utf8();
        std::string t = fold_space(std::string_view(utf8.data(), utf8.size()));
        if (t.empty()) continue;
        if (box.rotation() != 0) {
          ++rotated;
          continue;
        }
        const poppler::rectf r = box.bbox();
        tp.words.push_back({std::move(t), r.x(), r.y(), r.width(), r.height(),
                            box.has_space_after()});
      }
    }
    words += tp.words.size();
    if (words > max_words) {
      error("pdf.too_large", static_cast<std::uint32_t>(p + 1), std::to_string(words) + " words",
            "PDF文字过多（超过" + std::to_string(max_words) + "个词），未读取",
            "the PDF holds too many words (over " + std::to_string(max_words) + ")");
      return out;
    }
    if (tp.words.empty()) empty_pages.push_back(p);
  }
  if (words == 0) {
    error("pdf.no_text_layer", 0, std::to_string(pages) + " pages",
          "PDF没有文字层（可能是扫描件），无法读取；请使用原始文档或先进行文字识别（OCR）",
          "the PDF has no text layer (a scan?); read the original document, or run OCR first");
    return out;
  }
  for (int p : empty_pages)
    out.diagnostics.push_back(
        diagnostic_builder("pdf.page_without_text")
            .at(source_position{std::string(source), static_cast<std::uint32_t>(p + 1)})
            .message("第" + std::to_string(p + 1) + "页没有文字层（可能是扫描页），该页内容未读取")
            .message_en("page " + std::to_string(p + 1) +
                        " has no text layer (a scanned page?); not read"));
  if (rotated > 0)
    out.diagnostics.push_back(
        diagnostic_builder("pdf.rotated_text")
            .at(source_position{std::string(source)})
            .found(std::to_string(rotated) + " words")
            .message("PDF中有" + std::to_string(rotated) + "个旋转的词，未读取")
            .message_en(std::to_string(rotated) + " rotated words were not read"));
  layout_pdf(text, out.value);
  return out;
}

#endif

} // namespace govdisclose
