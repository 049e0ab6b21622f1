// Batch manifests: a CSV file saying which agency and year each report file is, and which
// reports a summary report sums (manifest.hpp).
#include <govdisclose/compare.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/manifest.hpp>
#include <govdisclose/text.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

namespace govdisclose {
namespace {

// One CSV field and where it starts.
struct csv_field_at {
  std::string text;
  std::uint32_t line = 0, column = 0;
};

struct csv_record {
  std::vector<csv_field_at> fields;
  std::uint32_t line = 0;
};

class manifest_parser {
public:
  manifest_parser(std::string_view text, const std::string& path) : text_(text), path_(path) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  }

  // Where a line and column of the manifest is, for a diagnostic.
  source_position position(std::uint32_t line, std::uint32_t column) const {
    return {path_, line, column};
  }
  void add(diagnostic d) { out_.push_back(std::move(d)); }

  // The next record, or false at the end (or after a syntax error, which stops the parse).
  bool next(csv_record& rec) {
    rec.fields.clear();
    if (stopped_ || pos_ >= text_.size()) return false;
    rec.line = line_;
    csv_field_at field{{}, line_, column()};
    bool quoted = false, was_quoted = false;
    std::uint32_t quote_line = 0, quote_column = 0;
    while (pos_ < text_.size()) {
      const char ch = text_[pos_];
      if (quoted) {
        if (ch == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.text += '"';
          pos_ += 2;
        } else if (ch == '"') {
          quoted = false;
          ++pos_;
        } else {
          if (ch == '\n') {
            ++line_;
            line_start_ = pos_ + 1;
          }
          field.text += ch;
          ++pos_;
        }
        continue;
      }
      if (ch == '"' && trim(field.text).empty() && !was_quoted) {
        quoted = was_quoted = true;
        quote_line = line_;
        quote_column = column();
        field.text.clear();
        ++pos_;
      } else if (ch == ',') {
        rec.fields.push_back(finish(field, was_quoted));
        ++pos_;
        field = csv_field_at{{}, line_, column()};
        was_quoted = false;
      } else if (ch == '\r' || ch == '\n') {
        pos_ += (ch == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
        ++line_;
        line_start_ = pos_;
        rec.fields.push_back(finish(field, was_quoted));
        return true;
      } else {
        field.text += ch;
        ++pos_;
      }
    }
    if (quoted) {
      add(diagnostic_builder("manifest.syntax")
              .at(position(quote_line, quote_column))
              .expected("\"")
              .message("清单第" + std::to_string(quote_line) + "行：引号未闭合，清单无法继续读取。")
              .message_en("manifest: line " + std::to_string(quote_line) +
                          ": unterminated quote; cannot read on."));
      stopped_ = true;
      return false;
    }
    rec.fields.push_back(finish(field, was_quoted));
    return true;
  }

  std::vector<diagnostic>& diagnostics() { return out_; }

private:
  // 1-based column of pos_, in code points.
  std::uint32_t column() const {
    std::uint32_t n = 1;
    for (std::size_t p = line_start_; p < pos_;) {
      next_code_point(text_, p);
      ++n;
    }
    return n;
  }

  static csv_field_at finish(csv_field_at f, bool quoted) {
    if (!quoted) f.text = std::string(trim(f.text));
    return f;
  }

  std::string_view text_;
  const std::string& path_;
  std::vector<diagnostic> out_;
  std::size_t pos_ = 0, line_start_ = 0;
  std::uint32_t line_ = 1;
  bool stopped_ = false;
};

bool blank_record(const csv_record& r) {
  return std::all_of(r.fields.begin(), r.fields.end(),
                     [](const csv_field_at& f) { return trim(f.text).empty(); });
}

// `2023`, `2023年`, `２０２３` → 2023; nothing for anything else.
std::optional<int> parse_year(std::string_view raw) {
  std::string s = normalize_width(trim(raw));
  if (s.ends_with("年")) s.resize(s.size() - std::string_view("年").size());
  s = std::string(trim(s));
  int year = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
  if (ec != std::errc{} || end != s.data() + s.size() || year < 1990 || year > 2100)
    return std::nullopt;
  return year;
}

std::string resolve(const std::string& manifest_path, const std::string& file) {
  namespace fs = std::filesystem;
  fs::path p(file);
  const fs::path dir = fs::path(manifest_path).parent_path();
  if (p.is_relative() && !dir.empty()) p = dir / p;
  return p.lexically_normal().string();
}

// ---- the stages of parse_manifest() ----------------------------------------------------------

enum column_kind { c_file, c_agency, c_year, c_member_of, c_other };
constexpr std::array<std::string_view, 4> column_names = {"file", "agency", "year", "member_of"};

// The header's columns: the kind of each, and where each known column is (-1: absent).
struct manifest_header {
  std::vector<column_kind> kinds;
  std::array<int, 4> where{-1, -1, -1, -1};
  bool ok = false;

  const csv_field_at& field(const csv_record& rec, column_kind k) const {
    return rec.fields[static_cast<std::size_t>(where[k])];
  }
};

// A header field's column name: trimmed, half-width, lower case.
std::string column_name(const csv_field_at& f) {
  std::string name = normalize_width(trim(f.text));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return name;
}

// The columns of a header line: unknown ones are ignored (a warning), a known one twice is an
// error, and file, agency and year must be there.
void read_columns(manifest_parser& p, const csv_record& rec, manifest_header& h) {
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    const std::string name = column_name(rec.fields[i]);
    const auto it = std::find(column_names.begin(), column_names.end(), name);
    if (it == column_names.end()) {
      h.kinds.push_back(c_other);
      p.add(diagnostic_builder("manifest.unknown_column")
                .at(p.position(rec.line, rec.fields[i].column))
                .expected("file, agency, year, member_of")
                .found(name)
                .message("清单表头的“" + name +
                         "”列不是清单的列（file、agency、year、member_of），已忽略。")
                .message_en("manifest: column \"" + name +
                            "\" is not a manifest column (file, agency, year, "
                            "member_of); ignored."));
      continue;
    }
    const auto k = static_cast<std::size_t>(it - column_names.begin());
    if (h.where[k] >= 0) {
      p.add(diagnostic_builder("manifest.header")
                .at(p.position(rec.line, rec.fields[i].column))
                .expected("once")
                .found(name)
                .message("清单表头中“" + name + "”列出现了两次。")
                .message_en("manifest: column \"" + name + "\" appears twice."));
      h.ok = false;
    }
    h.where[k] = static_cast<int>(i);
    h.kinds.push_back(static_cast<column_kind>(k));
  }
  for (std::size_t k = 0; k < 3; ++k)
    if (h.where[k] < 0) {
      p.add(diagnostic_builder("manifest.header")
                .at(p.position(rec.line, 1))
                .expected("file,agency,year")
                .message("清单表头缺少“" + std::string(column_names[k]) +
                         "”列（表头须含 file、agency、year）。")
                .message_en("manifest: the header lacks the \"" + std::string(column_names[k]) +
                            "\" column (file, agency and year are required)."));
      h.ok = false;
    }
}

// The header: the first line that is not empty.
manifest_header read_header(manifest_parser& p, csv_record& rec) {
  manifest_header h;
  while (p.next(rec))
    if (!blank_record(rec)) {
      h.ok = true;
      read_columns(p, rec, h);
      return h;
    }
  if (p.diagnostics().empty())
    p.add(diagnostic_builder("manifest.header")
              .at(p.position(1, 1))
              .expected("file,agency,year")
              .message("清单为空：第一行须为表头 file,agency,year。")
              .message_en("manifest: empty: the first line must be the header file,agency,year."));
  return h;
}

// A data line as an entry (its file resolved against the manifest's folder), or nothing when
// it has the wrong number of fields or lacks a file, an agency or a year.
std::optional<manifest_entry> read_entry(manifest_parser& p, const csv_record& rec,
                                         const manifest_header& h, const std::string& path) {
  const std::string line_no = std::to_string(rec.line);
  if (rec.fields.size() != h.kinds.size()) {
    const auto& last = rec.fields.back();
    p.add(diagnostic_builder("manifest.syntax")
              .at(p.position(rec.line, rec.fields.size() > h.kinds.size()
                                           ? rec.fields[h.kinds.size()].column
                                           : last.column))
              .expected(std::to_string(h.kinds.size()) + " fields")
              .found(std::to_string(rec.fields.size()))
              .message("清单第" + line_no + "行有" + std::to_string(rec.fields.size()) +
                       "个字段，而表头有" + std::to_string(h.kinds.size()) + "列。")
              .message_en("manifest: line " + line_no + " has " +
                          std::to_string(rec.fields.size()) + " fields; the header has " +
                          std::to_string(h.kinds.size()) + "."));
    return std::nullopt;
  }
  const auto& f_file = h.field(rec, c_file);
  const auto& f_agency = h.field(rec, c_agency);
  const auto& f_year = h.field(rec, c_year);
  manifest_entry e;
  e.line = rec.line;
  e.file = std::string(trim(f_file.text));
  e.agency = std::string(trim(f_agency.text));
  if (h.where[c_member_of] >= 0) e.member_of = std::string(trim(h.field(rec, c_member_of).text));
  bool ok = true;
  if (e.file.empty()) {
    p.add(diagnostic_builder("manifest.file")
              .at(p.position(rec.line, f_file.column))
              .expected("a file name")
              .message("清单第" + line_no + "行没有填写文件（file）。")
              .message_en("manifest: line " + line_no + ": no file."));
    ok = false;
  }
  if (normalize_agency(e.agency).empty()) {
    p.add(diagnostic_builder("manifest.agency")
              .at(p.position(rec.line, f_agency.column))
              .expected("an agency")
              .message("清单第" + line_no + "行没有填写机关（agency）。")
              .message_en("manifest: line " + line_no + ": no agency."));
    ok = false;
  }
  const std::optional<int> year = parse_year(f_year.text);
  if (!year) {
    p.add(diagnostic_builder("manifest.year")
              .at(p.position(rec.line, f_year.column))
              .expected("a year such as 2023")
              .found(f_year.text)
              .message("清单第" + line_no + "行的年度“" + f_year.text + "”不是年份（应如 2023）。")
              .message_en("manifest: line " + line_no + ": year \"" + f_year.text +
                          "\" is not a year (2023)."));
    ok = false;
  }
  if (!ok) return std::nullopt;
  e.year = *year;
  e.file = resolve(path, e.file);
  return e;
}

// One report per agency and year, each file once: remembers the first line of each.
class duplicate_check {
public:
  // True for an entry seen first; false (and an error at the line) for a repeat.
  bool admit(manifest_parser& p, const csv_record& rec, const manifest_header& h,
             const manifest_entry& e) {
    const std::string line_no = std::to_string(rec.line);
    const auto [it, fresh] =
        seen_.emplace(std::make_pair(normalize_agency(e.agency), e.year), rec.line);
    if (!fresh) {
      p.add(diagnostic_builder("manifest.duplicate")
                .at(p.position(rec.line, h.field(rec, c_agency).column))
                .expected("one report per agency and year")
                .found(e.agency + " " + std::to_string(e.year))
                .message("清单第" + line_no + "行：" + e.agency + std::to_string(e.year) +
                         "年度的报告已在第" + std::to_string(it->second) +
                         "行列出，同一机关同一年度只能有一份报告。")
                .message_en("manifest: line " + line_no + ": " + e.agency + " " +
                            std::to_string(e.year) + " is already listed on line " +
                            std::to_string(it->second) + "; one report per agency and year."));
      return false;
    }
    const auto [fit, new_file] = files_.emplace(e.file, rec.line);
    if (!new_file) {
      p.add(diagnostic_builder("manifest.duplicate")
                .at(p.position(rec.line, h.field(rec, c_file).column))
                .expected("each file once")
                .found(e.file)
                .message("清单第" + line_no + "行：文件 " + e.file + " 已在第" +
                         std::to_string(fit->second) + "行列出。")
                .message_en("manifest: line " + line_no + ": file " + e.file +
                            " is already listed on line " + std::to_string(fit->second) + "."));
      return false;
    }
    return true;
  }

private:
  std::map<std::pair<std::string, int>, std::uint32_t> seen_;
  std::map<std::string, std::uint32_t> files_;
};

// The data lines after the header, as entries; `rec` is left at the last line read.
std::vector<manifest_entry> read_entries(manifest_parser& p, csv_record& rec,
                                         const manifest_header& h, const std::string& path) {
  std::vector<manifest_entry> entries;
  duplicate_check duplicates;
  while (p.next(rec)) {
    if (blank_record(rec)) continue;
    std::optional<manifest_entry> e = read_entry(p, rec, h, path);
    if (e && duplicates.admit(p, rec, h, *e)) entries.push_back(std::move(*e));
  }
  if (entries.empty() && !has_errors(p.diagnostics()))
    p.add(diagnostic_builder("manifest.empty")
              .at(p.position(rec.line == 0 ? 1 : rec.line, 1))
              .expected("at least one report")
              .found("0")
              .message("清单没有列出任何报告。")
              .message_en("manifest: lists no report."));
  return entries;
}

// member_of: a report of that agency in the same year, not itself, no cycle.
void check_member_of(manifest_parser& p, const std::vector<manifest_entry>& entries) {
  std::map<std::pair<std::string, int>, const manifest_entry*> by_key;
  for (const manifest_entry& e : entries)
    by_key.emplace(std::make_pair(normalize_agency(e.agency), e.year), &e);
  // Entries keep their line, not their columns: these findings are at path:line.
  constexpr std::uint32_t member_column = 0;
  for (const manifest_entry& e : entries) {
    if (e.member_of.empty()) continue;
    const std::string line_no = std::to_string(e.line);
    const std::string target = normalize_agency(e.member_of);
    if (target == normalize_agency(e.agency)) {
      p.add(
          diagnostic_builder("manifest.member_of")
              .at(p.position(e.line, member_column))
              .expected("another agency")
              .found(e.member_of)
              .message("清单第" + line_no + "行：报告不能汇总到自身（member_of 与 agency 相同）。")
              .message_en("manifest: line " + line_no +
                          ": a report cannot be a member of itself."));
      continue;
    }
    if (!by_key.count({target, e.year})) {
      p.add(diagnostic_builder("manifest.member_of")
                .at(p.position(e.line, member_column))
                .expected("a report of " + e.member_of + " for " + std::to_string(e.year))
                .message("清单第" + line_no + "行：清单中没有“" + e.member_of + "”" +
                         std::to_string(e.year) + "年度的汇总报告。")
                .message_en("manifest: line " + line_no + ": the manifest lists no " +
                            std::to_string(e.year) + " report of \"" + e.member_of +
                            "\" to sum this report into."));
      continue;
    }
    // Follow member_of upwards; coming back to this agency is a cycle.
    std::set<std::string> visited{normalize_agency(e.agency)};
    std::string at = target;
    while (true) {
      if (!visited.insert(at).second) {
        p.add(diagnostic_builder("manifest.member_of")
                  .at(p.position(e.line, member_column))
                  .expected("no cycle")
                  .found(e.member_of)
                  .message("清单第" + line_no + "行：member_of 形成循环（" + e.agency +
                           " 经汇总又回到自身）。")
                  .message_en("manifest: line " + line_no + ": member_of forms a cycle through " +
                              e.agency + "."));
        break;
      }
      const auto up = by_key.find({at, e.year});
      if (up == by_key.end() || up->second->member_of.empty()) break;
      at = normalize_agency(up->second->member_of);
    }
  }
}

} // namespace

const manifest_entry* batch_manifest::find(std::string_view file) const noexcept {
  for (const manifest_entry& e : entries)
    if (e.file == file) return &e;
  return nullptr;
}

std::vector<const manifest_entry*> batch_manifest::members_of(const manifest_entry& summary) const {
  std::vector<const manifest_entry*> out;
  const std::string agency = normalize_agency(summary.agency);
  for (const manifest_entry& e : entries)
    if (e.year == summary.year && !e.member_of.empty() && normalize_agency(e.member_of) == agency)
      out.push_back(&e);
  return out;
}

result<batch_manifest> parse_manifest(std::string_view text, const std::string& path) {
  result<batch_manifest> res;
  res.value.path = path;
  manifest_parser p(text, path);
  csv_record rec;
  const manifest_header header = read_header(p, rec);
  if (header.ok) {
    res.value.entries = read_entries(p, rec, header, path);
    check_member_of(p, res.value.entries);
  }
  res.diagnostics = std::move(p.diagnostics());
  // Findings in line order (member_of problems are found after the lines are read).
  std::stable_sort(
      res.diagnostics.begin(), res.diagnostics.end(),
      [](const diagnostic& a, const diagnostic& b) { return a.position.line < b.position.line; });
  return res;
}

result<batch_manifest> read_manifest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) {
    result<batch_manifest> res;
    res.value.path = path;
    res.diagnostics.push_back(diagnostic_builder("manifest.unreadable")
                                  .at(source_position{path})
                                  .message("无法读取清单文件 " + path + "。")
                                  .message_en("cannot read the manifest " + path + "."));
    return res;
  }
  result<batch_manifest> res = parse_manifest(text, path);
  // Every file must exist (findings at path:line).
  for (const manifest_entry& e : res.value.entries) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(e.file, ec)) continue;
    const bool exists = std::filesystem::exists(e.file, ec);
    res.diagnostics.push_back(
        diagnostic_builder("manifest.missing_file")
            .at(source_position{path, e.line, 0})
            .expected("a file")
            .found(e.file)
            .message("清单第" + std::to_string(e.line) + "行列出的文件 " + e.file +
                     (exists ? " 不是普通文件。" : " 不存在。"))
            .message_en("manifest line " + std::to_string(e.line) + ": " + e.file +
                        (exists ? " is not a regular file." : " does not exist.")));
  }
  std::stable_sort(
      res.diagnostics.begin(), res.diagnostics.end(),
      [](const diagnostic& a, const diagnostic& b) { return a.position.line < b.position.line; });
  return res;
}

} // namespace govdisclose
