// Decoding published bytes to UTF-8: UTF-8 (BOM or not), UTF-16 with a BOM, and the Chinese
// national encodings GBK / GB2312 / GB18030 through glibc's iconv (GB18030 is a superset of the
// other two, so all three decode as GB18030). Invalid bytes become U+FFFD with a warning.
#include "read/reader_common.hpp"

#include <govdisclose/readers.hpp>

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace govdisclose {
namespace detail {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";
constexpr std::size_t max_listed_errors = 10;

// Length of the valid UTF-8 sequence at `pos`, or 0 when the bytes there are not one (strict:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t pos) noexcept {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return 1;
  auto at = [&](std::size_t k) -> unsigned {
    return pos + k < s.size() ? static_cast<unsigned char>(s[pos + k]) : 0u;
  };
  auto cont = [](unsigned b) { return (b & 0xC0) == 0x80; };
  const unsigned b1 = at(1);
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(b1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(b1) || !cont(at(2))) return 0;
    if (b0 == 0xE0 && b1 < 0xA0) return 0; // overlong
    if (b0 == 0xED && b1 >= 0xA0) return 0; // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(b1) || !cont(at(2)) || !cont(at(3))) return 0;
    if (b0 == 0xF0 && b1 < 0x90) return 0;
    if (b0 == 0xF4 && b1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// Byte offsets of the invalid bytes met while decoding, and the decoded text's line:column
// at each, for the warnings.
struct decode_errors {
  std::size_t count = 0;
  std::vector<std::pair<std::size_t, source_span>> first; // byte offset, position in output
  // Incremental line/column over the output written so far.
  std::size_t scanned = 0;
  std::uint32_t line = 1, column = 1;

  void add(std::size_t offset, std::string_view out) {
    ++count;
    if (first.size() >= max_listed_errors) return;
    for (; scanned < out.size(); ++scanned) {
      const auto b = static_cast<unsigned char>(out[scanned]);
      if (b == '\n') {
        ++line;
        column = 1;
      } else if ((b & 0xC0) != 0x80) {
        ++column;
      }
    }
    first.emplace_back(offset, source_span{line, column});
  }
};

std::string decode_utf8(std::string_view s, std::size_t base, decode_errors& errors) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    // ASCII and valid runs are copied in one piece.
    const std::size_t run = pos;
    std::size_t n = 0;
    while (pos < s.size() && (n = utf8_sequence(s, pos)) != 0) pos += n;
    out.append(s.data() + run, pos - run);
    if (pos < s.size()) {
      errors.add(base + pos, out);
      out.append(replacement);
      ++pos;
    }
  }
  return out;
}

bool valid_utf8(std::string_view s, bool& non_ascii) noexcept {
  non_ascii = false;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t n = utf8_sequence(s, pos);
    if (n == 0) return false;
    if (n > 1) non_ascii = true;
    pos += n;
  }
  return true;
}

std::string decode_utf16(std::string_view s, std::size_t base, bool big_endian,
                         decode_errors& errors) {
  std::string out;
  out.reserve(s.size() * 3 / 2);
  auto unit = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    return big_endian ? static_cast<char32_t>((a << 8) | b) : static_cast<char32_t>((b << 8) | a);
  };
  std::size_t i = 0;
  for (; i + 1 < s.size(); i += 2) {
    const char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      errors.add(base + i, out);
      out.append(replacement);
      continue;
    }
    append_utf8(out, u);
  }
  if (i < s.size()) { // an odd final byte
    errors.add(base + i, out);
    out.append(replacement);
  }
  return out;
}

// Decode with iconv from `charset`; false when iconv does not know the charset.
bool decode_iconv(std::string_view s, std::size_t base, const char* charset, std::string& out,
                  decode_errors& errors) {
  iconv_t cd = iconv_open("UTF-8", charset);
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.clear();
  out.resize(s.size() * 2 + 16);
  // iconv takes char* even for the input it only reads.
  char* in = const_cast<char*>(s.data());
  std::size_t in_left = s.size();
  std::size_t written = 0;
  while (in_left > 0) {
    char* dst = out.data() + written;
    std::size_t out_left = out.size() - written;
    const std::size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
    written = out.size() - out_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    const int err = errno;
    if (err == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    if (err != EILSEQ && err != EINVAL) break; // not expected from glibc; keep what we have
    // An invalid sequence (EILSEQ) or an incomplete one at the end (EINVAL): one byte is
    // replaced and decoding resumes after it.
    errors.add(base + static_cast<std::size_t>(in - s.data()), std::string_view(out.data(), written));
    if (out.size() - written < replacement.size()) out.resize(out.size() * 2 + replacement.size());
    std::memcpy(out.data() + written, replacement.data(), replacement.size());
    written += replacement.size();
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr); // reset the shift state
  }
  out.resize(written);
  iconv_close(cd);
  return true;
}

std::string lower_name(std::string_view declared) {
  std::string name;
  for (char c : declared) {
    if (c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    name += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  return name;
}

bool is_gb_name(const std::string& n) {
  return n == "gbk" || n == "gb2312" || n == "gb18030" || n == "cp936" || n == "x-gbk" ||
         n == "euc-cn" || n == "ms936" || n == "windows-936" || n == "gb_2312-80" ||
         n == "csgb2312" || n == "x-euc-cn" || n == "chinese";
}

bool is_utf8_name(const std::string& n) { return n == "utf-8" || n == "utf8"; }

} // namespace
} // namespace detail

result<std::string> decode_to_utf8(std::string_view bytes, std::string_view declared,
                                   std::string_view source) {
  using namespace detail;
  result<std::string> out;
  decode_errors errors;
  std::string used; // the encoding actually used, for the warnings

  const std::string name = lower_name(declared);
  auto warn = [&](std::string rule, std::string found, std::string zh, std::string en) {
    out.diagnostics.push_back(diagnostic_builder(std::move(rule))
                                  .at(source_position{std::string(source)})
                                  .found(std::move(found))
                                  .message(std::move(zh))
                                  .message_en(std::move(en)));
  };

  if (bytes.starts_with("\xEF\xBB\xBF")) {
    used = "UTF-8";
    out.value = decode_utf8(bytes.substr(3), 3, errors);
  } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const bool be = bytes[0] == '\xFE';
    used = be ? "UTF-16BE" : "UTF-16LE";
    out.value = decode_utf16(bytes.substr(2), 2, be, errors);
  } else if (bytes.starts_with("\x84\x31\x95\x33")) { // the GB18030 byte order mark
    used = "GB18030";
    if (!decode_iconv(bytes.substr(4), 4, "GB18030", out.value, errors)) {
      used = "UTF-8";
      out.value = decode_utf8(bytes.substr(4), 4, errors);
    }
  } else {
    bool non_ascii = false;
    const bool utf8_ok = valid_utf8(bytes, non_ascii);
    bool declared_known = name.empty() || is_utf8_name(name) || is_gb_name(name);
    if (!name.empty() && !declared_known) {
      // Another encoding iconv may know (Big5, ISO-8859-1…), unless the bytes are clean UTF-8.
      if (!(utf8_ok && non_ascii)) {
        decode_errors tried;
        std::string text;
        if (decode_iconv(bytes, 0, name.c_str(), text, tried)) {
          out.value = std::move(text);
          errors = tried;
          used = name;
          declared_known = true;
        }
      } else {
        declared_known = true; // decoded as UTF-8 below; reported as a mismatch
      }
      if (!declared_known)
        warn("encoding.unknown", std::string(declared),
             "无法识别声明的字符编码“" + std::string(declared) + "”，已按内容判断编码",
             "unknown declared encoding '" + std::string(declared) +
                 "'; the encoding was detected from the content");
    }
    if (used.empty()) {
      if (utf8_ok) {
        used = "UTF-8";
        out.value.assign(bytes.data(), bytes.size());
        if (non_ascii && !name.empty() && !is_utf8_name(name))
          warn("encoding.mismatch", std::string(declared),
               "文件声明的字符编码为“" + std::string(declared) + "”，但内容是 UTF-8，已按 UTF-8 读取",
               "the input declares '" + std::string(declared) +
                   "' but its bytes are UTF-8; read as UTF-8");
      } else {
        decode_errors gb_errors;
        std::string gb;
        const bool have_gb = decode_iconv(bytes, 0, "GB18030", gb, gb_errors);
        if (have_gb && (is_gb_name(name) || gb_errors.count == 0)) {
          used = "GB18030";
          out.value = std::move(gb);
          errors = gb_errors;
        } else {
          decode_errors utf8_errors;
          std::string u = decode_utf8(bytes, 0, utf8_errors);
          if (!have_gb || utf8_errors.count <= gb_errors.count) {
            used = "UTF-8";
            out.value = std::move(u);
            errors = utf8_errors;
          } else {
            used = "GB18030";
            out.value = std::move(gb);
            errors = gb_errors;
          }
        }
        if (is_utf8_name(name) && used != "UTF-8")
          warn("encoding.mismatch", std::string(declared),
               "文件声明的字符编码为 UTF-8，但内容是 GB18030（GBK），已按 GB18030 读取",
               "the input declares UTF-8 but its bytes are GB18030 (GBK); read as GB18030");
      }
    }
  }

  for (const auto& [offset, pos] : errors.first) {
    out.diagnostics.push_back(diagnostic_builder("encoding.invalid_bytes")
                                  .at(std::string(source), pos)
                                  .expected(used)
                                  .found("byte offset " + std::to_string(offset))
                                  .message("第 " + std::to_string(offset) + " 字节处有按 " + used +
                                           " 无法解码的字节，已替换为 U+FFFD")
                                  .message_en("bytes at offset " + std::to_string(offset) +
                                              " are not valid " + used + "; replaced by U+FFFD"));
  }
  if (errors.count > errors.first.size()) {
    const std::string more = std::to_string(errors.count - errors.first.size());
    warn("encoding.invalid_bytes", more + " more",
         "另有 " + more + " 处无法解码的字节，已替换为 U+FFFD",
         more + " more invalid byte sequences were replaced by U+FFFD");
  }
  return out;
}

} // namespace govdisclose
