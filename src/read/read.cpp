// Reading published files: format detection, and the dispatch bytes → report.
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/extract.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/rules.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>

namespace govdisclose {
namespace detail {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iends_with(std::string_view s, std::string_view suffix) noexcept {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (ascii_lower(s[i]) != suffix[i]) return false;
  return true;
}

bool icontains(std::string_view haystack, std::string_view needle) noexcept {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && ascii_lower(haystack[i + k]) == needle[k])
      ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

bool is_ascii_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Markdown by content: an ATX heading (`# `) or a pipe table's delimiter row (`|---|`).
bool looks_like_markdown(std::string_view head) noexcept {
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t end = head.find('\n', pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && is_ascii_space(line.front()))
      line.remove_prefix(1);
    while (!line.empty() && is_ascii_space(line.back()))
      line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.front() == '#') {
      std::size_t hashes = line.find_first_not_of('#');
      if (hashes <= 6 && line[hashes] == ' ') return true;
    }
    if (line.front() == '|' && line.find("---") != std::string_view::npos &&
        line.find_first_not_of("|-: ") == std::string_view::npos)
      return true;
  }
  return false;
}

diagnostic input_diagnostic(std::string rule, std::string_view source, std::string message,
                            std::string message_en, std::string found = {}) {
  return diagnostic_builder(std::move(rule))
      .at(source_position{std::string(source)})
      .found(std::move(found))
      .message(std::move(message))
      .message_en(std::move(message_en));
}

// A short Chinese reason for the common ways opening a file fails.
std::string reason_zh(int err) {
  switch (err) {
  case ENOENT: return "文件不存在";
  case EACCES:
  case EPERM: return "没有读取权限";
  case EISDIR: return "这是一个目录，不是文件";
  case ENOTDIR: return "路径中的某一级不是目录";
  case ENAMETOOLONG: return "文件名过长";
  default: return "读取失败";
  }
}

} // namespace
} // namespace detail

input_format detect_format(std::string_view bytes, std::string_view name) {
  using namespace detail;
  // Binary containers are recognised by their magic bytes whatever the name says.
  if (bytes.starts_with("PK\x03\x04")) return input_format::docx;
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return input_format::pdf;

  std::string_view text = bytes;
  if (text.starts_with(utf8_bom)) text.remove_prefix(utf8_bom.size());
  std::size_t first = 0;
  while (first < text.size() && is_ascii_space(text[first]))
    ++first;
  if (first < text.size() && text[first] == '{') return input_format::json;

  if (const input_format by_name = format_from_file_name(name);
      by_name != input_format::automatic && by_name != input_format::json &&
      by_name != input_format::docx && by_name != input_format::pdf)
    return by_name;

  const std::string_view head = text.substr(0, std::size_t{64} * 1024);
  if (first < head.size() && head[first] == '<' &&
      (icontains(head, "<html") || icontains(head, "<!doctype html") || icontains(head, "<body") ||
       icontains(head, "<table") || icontains(head, "<p")))
    return input_format::html;
  if (icontains(head, "<html") || icontains(head, "<table")) return input_format::html;
  if (looks_like_markdown(head)) return input_format::markdown;
  return input_format::text;
}

result<report> read_report(std::string_view bytes, const read_options& o) {
  const input_format format =
      o.format == input_format::automatic ? detect_format(bytes, o.source) : o.format;

  if (format == input_format::json) {
    // The canonical JSON carries its own meta (source, format); it is returned as written.
    return report_from_json(bytes, o.source);
  }

  // Published formats: bytes → document (read_document) → report (extract_report); the
  // reader's diagnostics come first, then the extractor's.
  result<document> doc = read_document(bytes, read_options{o.source, format});
  if (!doc.ok() && doc.value.blocks.empty()) {
    result<report> out;
    out.value.meta.source = o.source;
    out.diagnostics = std::move(doc.diagnostics);
    return out;
  }
  result<report> out = extract_report(doc.value);
  out.diagnostics.insert(out.diagnostics.begin(), doc.diagnostics.begin(), doc.diagnostics.end());
  if (out.value.meta.source.empty()) out.value.meta.source = o.source;
  if (out.value.meta.format.empty()) out.value.meta.format = doc.value.format;
  return out;
}

result<report> read_report_file(const std::string& path, input_format format) {
  std::string bytes;
  int err = 0;
  errno = 0;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
      bytes.append(buffer, n);
    if (std::ferror(f)) err = errno != 0 ? errno : EIO;
    std::fclose(f);
  } else {
    err = errno != 0 ? errno : EIO;
  }
  if (err != 0) {
    result<report> out;
    const std::string reason = std::generic_category().message(err);
    out.diagnostics.push_back(detail::input_diagnostic(
        "input.unreadable", path,
        "无法读取文件 " + path + "：" + detail::reason_zh(err) + "（" + reason + "）",
        "cannot read " + path + ": " + reason));
    return out;
  }
  return read_report(bytes, read_options{path, format});
}

input_format format_from_file_name(std::string_view name) noexcept {
  using detail::iends_with;
  if (iends_with(name, ".json")) return input_format::json;
  if (iends_with(name, ".html") || iends_with(name, ".htm") || iends_with(name, ".shtml"))
    return input_format::html;
  if (iends_with(name, ".md") || iends_with(name, ".markdown")) return input_format::markdown;
  if (iends_with(name, ".docx")) return input_format::docx;
  if (iends_with(name, ".pdf")) return input_format::pdf;
  if (iends_with(name, ".txt") || iends_with(name, ".tsv")) return input_format::text;
  return input_format::automatic;
}

const diagnostic* unreadable_cause(const result<report>& r) noexcept {
  const auto& ds = r.diagnostics;
  const auto refusal = std::find_if(ds.begin(), ds.end(), is_unreadable_diagnostic);
  if (refusal != ds.end()) return &*refusal;
  const auto error = std::find_if(ds.begin(), ds.end(),
                                  [](const diagnostic& d) { return d.level == severity::error; });
  if (error == ds.end()) return nullptr;
  bool any_cell = false;
  for_each_cell(r.value,
                [&](std::string_view, const cell& c) { any_cell = any_cell || c.present(); });
  return any_cell ? nullptr : &*error;
}

} // namespace govdisclose
