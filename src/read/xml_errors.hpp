// libxml2's messages, kept off standard error. The parser context's own handlers (and
// XML_PARSE_NOERROR) do not see every message: encoding conversion failures and I/O errors are
// raised without a context and go to libxml2's generic error handler, whose default prints to
// stderr. A library must never print, so each parse of the HTML and DOCX readers runs inside an
// xml_error_capture, which points the calling thread's generic and structured handlers at
// itself for its lifetime and gives the caller's handlers back at its end. libxml2 keeps both
// handlers per thread, so parses on other threads are not disturbed. Internal; not installed.
#pragma once

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

namespace govdisclose::detail {

/// One message libxml2 raised during a parse.
struct xml_message {
  int domain = XML_FROM_NONE; // xmlErrorDomain
  int code = 0;               // xmlParserErrors
  int level = XML_ERR_ERROR;  // xmlErrorLevel
  std::string text;           // without the trailing line break
};

/// Captures libxml2's messages on this thread while it lives (see the file comment).
class xml_error_capture {
public:
  /// Messages kept; a hostile input can raise one per byte, and the first ones tell the story.
  static constexpr std::size_t max_kept = 32;

  xml_error_capture() noexcept
      : generic_((init(), xmlGenericError)), generic_context_(xmlGenericErrorContext),
        structured_(xmlStructuredError), structured_context_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(this, &on_generic);
    xmlSetStructuredErrorFunc(this, &on_structured);
  }
  xml_error_capture(const xml_error_capture&) = delete;
  xml_error_capture& operator=(const xml_error_capture&) = delete;
  ~xml_error_capture() {
    xmlSetGenericErrorFunc(generic_context_, generic_);
    xmlSetStructuredErrorFunc(structured_context_, structured_);
  }

  /// The first max_kept messages, in the order raised.
  const std::vector<xml_message>& messages() const noexcept { return messages_; }
  /// All messages raised, kept or not.
  std::size_t count() const noexcept { return count_; }

  /// The first message of `domain`, or nullptr.
  const xml_message* first_of(int domain) const noexcept {
    for (const auto& m : messages_)
      if (m.domain == domain) return &m;
    return nullptr;
  }

private:
  // libxml2 initialises itself lazily, which is not thread-safe (and would reset the generic
  // handler): once, before the first capture.
  static void init() noexcept {
    static const bool ready = (xmlInitParser(), true);
    (void)ready;
  }

  // Counts the message; true when it is to be kept (building it costs an allocation).
  bool wanted() noexcept { return ++count_ <= max_kept; }

  void keep(xml_message m) noexcept {
    try {
      while (!m.text.empty() && (m.text.back() == '\n' || m.text.back() == ' '))
        m.text.pop_back();
      messages_.push_back(std::move(m));
    } catch (...) { // out of memory inside a C callback: the message is lost, nothing thrown
    }
  }

  static void on_structured(void* self, xmlErrorPtr e) {
    auto* capture = static_cast<xml_error_capture*>(self);
    if (capture == nullptr || e == nullptr || !capture->wanted()) return;
    xml_message m;
    m.domain = e->domain;
    m.code = e->code;
    m.level = e->level;
    try {
      if (e->message != nullptr) m.text = e->message;
    } catch (...) {
    }
    capture->keep(std::move(m));
  }

  // The generic handler is called with printf-style pieces, not always whole lines; with a
  // structured handler set libxml2 rarely uses it, but nothing it says may reach stderr.
  [[gnu::format(printf, 2, 3)]] static void on_generic(void* self, const char* format, ...) {
    auto* capture = static_cast<xml_error_capture*>(self);
    if (capture == nullptr || format == nullptr || !capture->wanted()) return;
    char buf[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    xml_message m;
    try {
      m.text = buf;
    } catch (...) {
    }
    capture->keep(std::move(m));
  }

  xmlGenericErrorFunc generic_;
  void* generic_context_;
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
  std::vector<xml_message> messages_;
  std::size_t count_ = 0;
};

} // namespace govdisclose::detail
