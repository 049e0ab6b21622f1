// Helpers the C++ tests share: reading a file, picking blocks, the texts and covered flags of a
// grid row, counting diagnostics of a rule, what a call writes to stderr, and printing a source
// position in doctest's messages.
#pragma once

#include <govdisclose/diagnostic.hpp>
#include <govdisclose/document.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <iconv.h>
#include <unistd.h>

namespace doctest {
template <>
struct StringMaker<govdisclose::source_span> {
  static String convert(const govdisclose::source_span& s) {
    return (std::to_string(s.line) + ":" + std::to_string(s.column)).c_str();
  }
};
} // namespace doctest

namespace govdisclose::test {

/// The bytes of a file; the test fails when it cannot be opened.
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The blocks of one kind, in order.
inline std::vector<const block*> of_kind(const document& d, block_kind k) {
  std::vector<const block*> out;
  for (const auto& b : d.blocks)
    if (b.kind == k) out.push_back(&b);
  return out;
}

/// The texts of a grid row.
inline std::vector<std::string> texts(const std::vector<table_cell>& row) {
  std::vector<std::string> out;
  for (const auto& c : row) out.push_back(c.text);
  return out;
}

/// The covered flags of a grid row.
inline std::vector<bool> covered(const std::vector<table_cell>& row) {
  std::vector<bool> out;
  for (const auto& c : row) out.push_back(c.covered);
  return out;
}

/// How many diagnostics carry a rule id.
inline std::size_t count_rule(const std::vector<diagnostic>& ds, std::string_view rule) {
  return static_cast<std::size_t>(
      std::count_if(ds.begin(), ds.end(), [&](const diagnostic& d) { return d.rule == rule; }));
}

/// The line:column of a diagnostic's position.
inline source_span span_of(const diagnostic& d) { return {d.position.line, d.position.column}; }

/// What `f()` writes to the standard error stream, at the file descriptor (so what C libraries
/// such as libxml2 print is seen too); stderr is restored afterwards.
template <class F>
std::string stderr_of(F&& f) {
  std::fflush(stderr);
  std::FILE* capture = std::tmpfile();
  REQUIRE(capture != nullptr);
  const int saved = ::dup(2);
  REQUIRE(saved >= 0);
  ::dup2(::fileno(capture), 2);
  f();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::rewind(capture);
  std::string out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, capture)) > 0) out.append(buf, n);
  std::fclose(capture);
  return out;
}

/// UTF-8 text in another encoding (GBK, GB2312…), for decoding tests.
inline std::string encode(const std::string& utf8, const char* encoding) {
  iconv_t cd = iconv_open(encoding, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* dst = out.data();
  REQUIRE(iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

} // namespace govdisclose::test
