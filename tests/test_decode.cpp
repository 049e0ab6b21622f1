#include <govdisclose/readers.hpp>
#include <govdisclose/text.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <iconv.h>

#include <string>

using namespace govdisclose;
using govdisclose::test::count_rule;

namespace {

// Encode UTF-8 text into another charset with iconv, as a published file would hold it.
std::string encode(const std::string& utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  REQUIRE(rc != static_cast<std::size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

const std::string sample = "郑州市大数据局2022年政府信息公开工作年度报告\n"
                           "行政许可\t０\t“三安全一稳定”\n";

} // namespace

TEST_SUITE("decode") {

TEST_CASE("UTF-8 passes through unchanged, full-width digits included") {
  const auto r = decode_to_utf8(sample);
  CHECK(r.value == sample);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("a UTF-8 byte order mark is removed") {
  const auto r = decode_to_utf8("\xEF\xBB\xBF" + sample);
  CHECK(r.value == sample);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("UTF-16 with either byte order mark decodes, surrogate pairs included") {
  const std::string text = sample + "𠀀";
  const auto le = decode_to_utf8(encode(text, "UTF-16LE").insert(0, "\xFF\xFE"));
  CHECK(le.value == text);
  CHECK(le.diagnostics.empty());
  const auto be = decode_to_utf8(encode(text, "UTF-16BE").insert(0, "\xFE\xFF"));
  CHECK(be.value == text);
}

TEST_CASE("GBK, GB2312 and GB18030 bytes are detected without a declaration") {
  for (const char* charset : {"GBK", "GB2312", "GB18030"}) {
    CAPTURE(charset);
    const std::string bytes = encode(sample, charset);
    REQUIRE(bytes != sample);
    const auto r = decode_to_utf8(bytes);
    CHECK(r.value == sample);
    CHECK(r.diagnostics.empty());
  }
}

TEST_CASE("a declared GBK encoding is used, in any spelling") {
  const std::string bytes = encode(sample, "GBK");
  for (const char* name : {"gbk", "GB2312", "\"gb18030\"", "x-gbk", "CP936"}) {
    CAPTURE(name);
    const auto r = decode_to_utf8(bytes, name);
    CHECK(r.value == sample);
    CHECK(r.diagnostics.empty());
  }
}

TEST_CASE("UTF-8 bytes declared as GBK are read as UTF-8 with a mismatch warning") {
  const auto r = decode_to_utf8(sample, "gb2312", "page.html");
  CHECK(r.value == sample);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "encoding.mismatch");
  CHECK(r.diagnostics[0].level == severity::warning);
  CHECK(r.diagnostics[0].position.file == "page.html");
}

TEST_CASE("GBK bytes declared as UTF-8 are read as GB18030 with a mismatch warning") {
  const auto r = decode_to_utf8(encode(sample, "GBK"), "utf-8");
  CHECK(r.value == sample);
  CHECK(count_rule(r.diagnostics, "encoding.mismatch") == 1);
}

TEST_CASE("invalid bytes become U+FFFD with a warning naming the byte offset and position") {
  const std::string bytes = "ab\ncd\xFF" "ef";
  const auto r = decode_to_utf8(bytes, {}, "x.txt");
  CHECK(r.value == "ab\ncd\xEF\xBF\xBD" "ef");
  REQUIRE(count_rule(r.diagnostics, "encoding.invalid_bytes") == 1);
  const diagnostic& d = r.diagnostics.front();
  CHECK(d.level == severity::warning);
  CHECK(d.found == "byte offset 5");
  CHECK(d.position.line == 2);
  CHECK(d.position.column == 3);
  CHECK_FALSE(d.message.empty());
  CHECK_FALSE(d.message_en.empty());
}

TEST_CASE("a GBK text with one broken byte keeps the rest and warns once") {
  std::string bytes = encode("政府信息公开工作年度报告", "GBK");
  bytes.insert(4, "\xFF");
  const auto r = decode_to_utf8(bytes);
  CHECK(r.value == "政府\xEF\xBF\xBD信息公开工作年度报告");
  CHECK(count_rule(r.diagnostics, "encoding.invalid_bytes") == 1);
  CHECK(r.diagnostics.front().found == "byte offset 4");
}

TEST_CASE("overlong forms, surrogates and truncated sequences are never passed through") {
  for (const std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                "\xE4\xB8"}) {
    // Some of these are valid GB18030 and decode as such; none survives as it was.
    const auto r = decode_to_utf8("x" + bad);
    CHECK(r.value != "x" + bad);
    CHECK(decode_to_utf8(r.value).diagnostics.empty());
  }
  const auto r = decode_to_utf8("x\xED\xA0\x80\xFF");
  CHECK(r.value.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK_FALSE(r.diagnostics.empty());
}

TEST_CASE("garbage input decodes to valid UTF-8 and lists at most ten offsets plus a summary") {
  std::string bytes;
  for (int i = 0; i < 300; ++i) bytes += static_cast<char>(0x80 + (i * 37) % 128);
  bytes += "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF";
  const auto r = decode_to_utf8(bytes);
  const auto again = decode_to_utf8(r.value);
  CHECK(again.value == r.value); // the output is valid UTF-8
  CHECK(again.diagnostics.empty());
  CHECK(r.diagnostics.size() <= 11);
  CHECK(count_rule(r.diagnostics, "encoding.invalid_bytes") == r.diagnostics.size());
}

TEST_CASE("an unknown declared encoding warns and falls back to detection") {
  const auto r = decode_to_utf8("abc", "no-such-charset");
  CHECK(r.value == "abc");
  CHECK(count_rule(r.diagnostics, "encoding.unknown") == 1);
}

TEST_CASE("another encoding iconv knows is used when declared") {
  const std::string text = "政府信息";
  const auto r = decode_to_utf8(encode(text, "BIG5"), "big5");
  CHECK(r.value == text);
  CHECK(r.diagnostics.empty());
}

} // TEST_SUITE

TEST_CASE("code points and UTF-8 convert both ways (text.hpp)") {
  // One to four bytes a code point: ASCII, 公开 (three), ™ (two), an astral ideograph (four).
  const std::string text = "No.3 公开™\xF0\xA0\x80\x80";
  const std::u32string cps = govdisclose::to_u32(text);
  CHECK(cps == U"No.3 公开™\U00020000");
  CHECK(govdisclose::to_utf8(cps) == text);
  // Invalid bytes read as U+FFFD, one a byte, so the conversion always ends.
  CHECK(govdisclose::to_u32("a\xFF" "b") == U"a\uFFFDb");
  CHECK(govdisclose::is_ascii_digit(U'7'));
  CHECK_FALSE(govdisclose::is_ascii_digit(U'７')); // full-width: normalize_width() first
  CHECK_FALSE(govdisclose::is_ascii_digit(U'七'));
}
