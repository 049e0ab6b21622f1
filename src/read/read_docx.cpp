// The DOCX reader: libzip opens the archive from memory, libxml2's SAX2 parser reads
// word/document.xml (and styles.xml for the heading styles) without building a tree, and tables
// come out as the same true grids as the HTML reader's (gridSpan = colspan, vMerge = rowspan).
//
// Hostile input is expected: sizes, entry counts, compression ratios and XML depth are checked
// before and while reading; DTDs that declare entities are refused (no entity is ever expanded,
// XML_PARSE_NOENT and XML_PARSE_HUGE stay off, nothing is loaded from the network).
//
// DOCX has no lines. Positions are "lines" of the document's reading order: every paragraph of
// the body (empty ones included) and every table row counts one line; a cell's column is its
// 1-based grid column. See docs/formats.md ("DOCX").
#include "read/reader_common.hpp"
#include "read/table_grid.hpp"
#include "read/xml_errors.hpp"

#include <govdisclose/readers.hpp>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace govdisclose {
namespace detail {
namespace {

constexpr std::size_t max_document_bytes = std::size_t{64} << 20; // word/document.xml
constexpr std::size_t max_part_bytes = std::size_t{16} << 20;     // styles.xml, .rels
constexpr zip_int64_t max_entries = 10000;
constexpr std::size_t bomb_floor_bytes = std::size_t{4} << 20; // ratios matter above this
constexpr double max_ratio = 100.0;                            // uncompressed / compressed
constexpr int max_xml_depth = 160;

constexpr const char* w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* w_strict_ns = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr const char* mc_ns = "http://schemas.openxmlformats.org/markup-compatibility/2006";

// A line break inside a paragraph (w:br, w:cr). XML 1.0 text cannot hold U+000B, so it cannot
// be confused with published text; append_folded() folds it like any control.
constexpr char break_mark = '\v';

// A diagnostic of the whole file (no line in a DOCX); every rule it reports is an error.
diagnostic docx_error(std::string rule, std::string_view source, std::string found,
                      std::string message, std::string message_en) {
  return diagnostic_builder(std::move(rule))
      .at(source_position{std::string(source)})
      .found(std::move(found))
      .message(std::move(message))
      .message_en(std::move(message_en));
}

// ---- a SAX2 driver shared by the three parts read ------------------------------------------

bool is_w(const xmlChar* uri) noexcept {
  if (uri == nullptr) return false;
  const char* u = reinterpret_cast<const char*>(uri);
  return std::strcmp(u, w_ns) == 0 || std::strcmp(u, w_strict_ns) == 0;
}

bool eq(const xmlChar* a, const char* b) noexcept {
  return a != nullptr && std::strcmp(reinterpret_cast<const char*>(a), b) == 0;
}

// The value of attribute `name` (in the w namespace or none): SAX2 gives five pointers per
// attribute, the value as [begin, end).
std::optional<std::string_view> attribute(int count, const xmlChar** atts, const char* name,
                                          bool any_namespace = false) {
  for (int i = 0; i < count; ++i) {
    const xmlChar** a = atts + 5 * i;
    if (!eq(a[0], name)) continue;
    if (!any_namespace && a[2] != nullptr && !is_w(a[2])) continue;
    if (a[3] == nullptr || a[4] == nullptr || a[4] < a[3]) return std::string_view{};
    return std::string_view(reinterpret_cast<const char*>(a[3]),
                            static_cast<std::size_t>(a[4] - a[3]));
  }
  return std::nullopt;
}

long number_of(std::string_view v, long cap) {
  long n = 0;
  bool any = false;
  for (const char c : v) {
    if (c < '0' || c > '9') break;
    any = true;
    n = std::min(cap, n * 10 + (c - '0'));
  }
  return any ? n : -1;
}

// What every part's handler implements; the driver owns the libxml2 context and the limits.
struct sax_handler {
  virtual ~sax_handler() = default;
  virtual void start(const xmlChar* name, const xmlChar* uri, int natts, const xmlChar** atts) = 0;
  virtual void end(const xmlChar* name, const xmlChar* uri) = 0;
  virtual void text(const char*, std::size_t) {}
};

struct sax_run {
  sax_handler* handler = nullptr;
  xmlParserCtxtPtr ctxt = nullptr;
  int depth = 0;
  bool too_deep = false;
  bool entities = false;
};

sax_run& run_of(void* ctx) {
  return *static_cast<sax_run*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

void sax_start(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar* uri, int,
               const xmlChar**, int natts, int, const xmlChar** atts) {
  sax_run& r = run_of(ctx);
  if (++r.depth > max_xml_depth) {
    if (!r.too_deep) xmlStopParser(r.ctxt);
    r.too_deep = true;
    return;
  }
  r.handler->start(name, uri, natts, atts);
}
void sax_end(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar* uri) {
  sax_run& r = run_of(ctx);
  if (r.depth-- > max_xml_depth) return;
  r.handler->end(name, uri);
}
void sax_characters(void* ctx, const xmlChar* ch, int len) {
  if (len > 0) run_of(ctx).handler->text(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len));
}
// An entity declaration: refused outright (billion laughs, external entities).
void sax_entity_decl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {
  sax_run& r = run_of(ctx);
  if (!r.entities) xmlStopParser(r.ctxt);
  r.entities = true;
}
void sax_silent(void*, xmlErrorPtr) {}

// The encoding an XML part declares (`<?xml … encoding="GB2312"?>`), or empty.
std::string declared_encoding(std::string_view xml) {
  if (!xml.starts_with("<?xml")) return {};
  const std::string_view decl = xml.substr(0, xml.find("?>"));
  std::size_t p = decl.find("encoding");
  if (p == std::string_view::npos) return {};
  p = decl.find_first_of("\"'", p);
  if (p == std::string_view::npos) return {};
  const std::size_t e = decl.find(decl[p], p + 1);
  if (e == std::string_view::npos || e - p > 41) return {};
  return std::string(decl.substr(p + 1, e - p - 1));
}

// The message of a failed encoding conversion among those captured, or nullptr; the parser's
// own "encoder error" (I/O) follows it and says less.
const xml_message* encoding_failure(const xml_error_capture& captured) {
  if (const xml_message* m = captured.first_of(XML_FROM_I18N)) return m;
  for (const auto& m : captured.messages())
    if (m.domain == XML_FROM_IO && m.code == XML_IO_ENCODER) return &m;
  return nullptr;
}

// Parse one XML part with `h`; returns false (with a diagnostic) when the part is refused or
// not well-formed. What the handler saw before a failure stays with it.
bool parse_part(std::string_view xml, std::string_view part, sax_handler& h, std::string_view source,
                std::vector<diagnostic>& diagnostics) {
  // Parser errors go to sax_silent; what libxml2 raises without the context (a failed encoding
  // conversion, an I/O error) would go to stderr: it is captured here instead (xml_errors.hpp).
  const xml_error_capture captured;
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(xml.data(), static_cast<int>(xml.size()));
  if (ctxt == nullptr) {
    diagnostics.push_back(docx_error("docx.xml_malformed", source, std::string(part),
                                     "文档中的 XML 无法解析：" + std::string(part),
                                     "the XML part " + std::string(part) + " could not be parsed"));
    return false;
  }
  xmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = sax_start;
  sax.endElementNs = sax_end;
  sax.characters = sax_characters;
  sax.cdataBlock = sax_characters;
  sax.entityDecl = sax_entity_decl;
  sax.serror = sax_silent;
  std::memcpy(ctxt->sax, &sax, sizeof sax);
  sax_run run;
  run.handler = &h;
  run.ctxt = ctxt;
  ctxt->_private = &run;
  ctxt->userData = ctxt;
  // No XML_PARSE_NOENT (entities are never substituted), no XML_PARSE_DTDLOAD, no
  // XML_PARSE_HUGE (libxml2's own size limits stay on).
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlParseDocument(ctxt);
  bool ok = true;
  const std::string p(part);
  if (run.entities) {
    diagnostics.push_back(docx_error(
        "docx.xml_entities", source, p + ": <!ENTITY>",
        "文档的 XML 部件 " + p + " 声明了实体（DOCX 从不需要），出于安全原因拒绝读取",
        "the XML part " + p + " declares entities (DOCX never does); refused for safety"));
    ok = false;
  } else if (run.too_deep) {
    diagnostics.push_back(docx_error(
        "docx.xml_too_deep", source, p + ": depth > " + std::to_string(max_xml_depth),
        "文档的 XML 嵌套过深（超过 " + std::to_string(max_xml_depth) + " 层），其余部分未读取",
        "the XML of " + p + " nests deeper than " + std::to_string(max_xml_depth) +
            " elements; the rest was not read"));
    ok = false;
  } else if (const xml_message* conversion = encoding_failure(captured)) {
    // A part that declares an encoding its bytes are not in (GB2312 on UTF-8 bytes): libxml2
    // stops at the first byte it cannot convert.
    std::string declared = declared_encoding(xml);
    if (declared.empty()) declared = "?";
    std::string found = p + ": encoding=\"" + declared + "\"";
    if (!conversion->text.empty()) found += ": " + conversion->text;
    diagnostics.push_back(docx_error(
        "docx.xml_encoding", source, std::move(found),
        "文档的 XML 部件 " + p + " 声明的字符编码为 " + declared + "，但内容不是按 " + declared +
            " 编码的，只读取了出错之前的内容",
        "the XML part " + p + " declares the encoding " + declared +
            " but its bytes are not in it; only what precedes the first undecodable byte was "
            "read"));
    ok = false;
  } else if (!ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt);
    std::string found = p;
    if (e != nullptr) {
      found += ':' + std::to_string(e->line) + ':' + std::to_string(e->int2);
      if (e->message != nullptr) {
        std::string m = e->message;
        while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
        found += ": " + m;
      }
    }
    diagnostics.push_back(docx_error("docx.xml_malformed", source, std::move(found),
                                     "文档的 XML 部件 " + p + " 格式错误，只读取了出错之前的内容",
                                     "the XML part " + p +
                                         " is not well-formed; only what precedes the error was read"));
    ok = false;
  }
  if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);
  xmlFreeParserCtxt(ctxt);
  return ok;
}

// ---- the archive ---------------------------------------------------------------------------

class archive {
public:
  archive(std::string_view bytes, std::string_view source, std::vector<diagnostic>& diagnostics)
      : source_(source), diagnostics_(diagnostics) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src != nullptr) {
      za_ = zip_open_from_source(src, ZIP_RDONLY, &error);
      if (za_ == nullptr) zip_source_free(src);
    }
    if (za_ == nullptr) {
      const char* why = zip_error_strerror(&error);
      diagnostics_.push_back(docx_error(
          "docx.broken_archive", source_, why != nullptr ? why : "",
          "文件不是有效的 DOCX（ZIP 压缩包损坏或不完整）",
          std::string("the file is not a valid DOCX: the ZIP archive is broken or incomplete (") +
              (why != nullptr ? why : "unknown error") + ")"));
    }
    zip_error_fini(&error);
  }
  archive(const archive&) = delete;
  archive& operator=(const archive&) = delete;
  ~archive() {
    if (za_ != nullptr) zip_discard(za_);
  }

  bool open() const noexcept { return za_ != nullptr; }
  zip_int64_t entries() const noexcept { return za_ == nullptr ? 0 : zip_get_num_entries(za_, 0); }

  bool has(const std::string& name) const {
    return za_ != nullptr && zip_name_locate(za_, name.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  // The entry's bytes, or nothing (with a diagnostic when it exists but cannot be read).
  std::optional<std::string> read(const std::string& name, std::size_t limit) {
    if (za_ == nullptr) return std::nullopt;
    const zip_int64_t index = zip_name_locate(za_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    const auto i = static_cast<zip_uint64_t>(index);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za_, i, 0, &st) != 0) return broken(name, "stat");
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > limit) return too_large(name, st.size, limit);
    if ((st.valid & ZIP_STAT_SIZE) != 0 && (st.valid & ZIP_STAT_COMP_SIZE) != 0 &&
        st.size > bomb_floor_bytes &&
        static_cast<double>(st.size) > max_ratio * static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1))) {
      const auto ratio = static_cast<unsigned long long>(
          static_cast<double>(st.size) / static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1)));
      diagnostics_.push_back(docx_error(
          "docx.zip_bomb", source_,
          name + ": " + std::to_string(st.comp_size) + " → " + std::to_string(st.size) +
              " bytes (" + std::to_string(ratio) + ":1)",
          "压缩包中的 " + name + " 压缩比异常（" + std::to_string(ratio) +
              ":1），疑似压缩炸弹，拒绝读取",
          "the entry " + name + " expands " + std::to_string(ratio) +
              " times (a zip bomb?); refused"));
      return std::nullopt;
    }
    zip_file_t* f = zip_fopen_index(za_, i, 0);
    if (f == nullptr) return broken(name, zip_strerror(za_));
    std::string out;
    if ((st.valid & ZIP_STAT_SIZE) != 0) out.reserve(static_cast<std::size_t>(st.size));
    char buf[65536];
    for (;;) {
      const zip_int64_t n = zip_fread(f, buf, sizeof buf);
      if (n < 0) {
        const std::string why = zip_file_strerror(f);
        zip_fclose(f);
        return broken(name, why);
      }
      if (n == 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      if (out.size() > limit) { // the header lied about the size
        zip_fclose(f);
        return too_large(name, out.size(), limit);
      }
    }
    zip_fclose(f);
    return out;
  }

private:
  std::optional<std::string> broken(const std::string& name, std::string why) {
    diagnostics_.push_back(docx_error("docx.broken_archive", source_, name + ": " + why,
                                      "无法解压 DOCX 中的 " + name + "（压缩包损坏）",
                                      "the entry " + name + " could not be unpacked (" + why + ")"));
    return std::nullopt;
  }
  std::optional<std::string> too_large(const std::string& name, zip_uint64_t size,
                                       std::size_t limit) {
    diagnostics_.push_back(docx_error(
        "docx.too_large", source_,
        name + ": " + std::to_string(size) + " bytes (limit " + std::to_string(limit) + ")",
        "DOCX 中的 " + name + " 过大（超过 " + std::to_string(limit >> 20) + " MiB），拒绝读取",
        "the entry " + name + " is larger than " + std::to_string(limit >> 20) + " MiB; refused"));
    return std::nullopt;
  }

  std::string_view source_;
  std::vector<diagnostic>& diagnostics_;
  zip_t* za_ = nullptr;
};

// ---- relationships (_rels/*.rels) ------------------------------------------------------------

struct rels_handler final : sax_handler {
  std::string type_suffix; // "/officeDocument", "/styles"
  std::string target;
  void start(const xmlChar* name, const xmlChar*, int natts, const xmlChar** atts) override {
    if (!target.empty() || !eq(name, "Relationship")) return;
    const auto type = attribute(natts, atts, "Type", true);
    const auto t = attribute(natts, atts, "Target", true);
    const auto mode = attribute(natts, atts, "TargetMode", true);
    if (type && t && !(mode && *mode == "External") && type->ends_with(type_suffix))
      target = std::string(*t);
  }
  void end(const xmlChar*, const xmlChar*) override {}
};

// A relationship target resolved against the folder of the part that names it.
std::string resolve(std::string_view folder, std::string_view target) {
  std::string path = target.starts_with("/") ? std::string(target.substr(1))
                                              : std::string(folder) + std::string(target);
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    const std::string seg = path.substr(pos, slash - pos);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    pos = slash + 1;
  }
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string relationship(archive& a, const std::string& rels_part, const char* type_suffix,
                         std::string_view folder, std::string_view source,
                         std::vector<diagnostic>& diagnostics) {
  const std::optional<std::string> xml = a.read(rels_part, max_part_bytes);
  if (!xml) return {};
  rels_handler h;
  h.type_suffix = type_suffix;
  parse_part(*xml, rels_part, h, source, diagnostics);
  return h.target.empty() ? std::string{} : resolve(folder, h.target);
}

// ---- styles.xml: which paragraph styles are headings ---------------------------------------

std::string ascii_lower_no_space(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '_' || c == '-') continue;
    out += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  return out;
}

// Heading level a style name or id spells: "heading 2", "Heading2", "标题 2", "Title"/"标题".
int level_of_name(std::string_view name) {
  const std::string n = ascii_lower_no_space(name);
  if (n == "title" || n == "标题") return 1;
  for (const std::string_view prefix : {std::string_view("heading"), std::string_view("标题")}) {
    if (n.size() == prefix.size() + 1 && n.starts_with(prefix)) {
      const char d = n.back();
      if (d >= '1' && d <= '9') return d - '0';
    }
  }
  return 0;
}

struct style_info {
  std::string name, based_on;
  int outline = -1; // w:outlineLvl, 0-based; 9 = body text
};

struct styles_handler final : sax_handler {
  std::map<std::string, style_info> styles;
  std::string current; // styleId of the open paragraph style
  bool in_style = false;
  void start(const xmlChar* name, const xmlChar* uri, int natts, const xmlChar** atts) override {
    if (!is_w(uri)) return;
    if (eq(name, "style")) {
      const auto type = attribute(natts, atts, "type");
      const auto id = attribute(natts, atts, "styleId");
      in_style = id && (!type || *type == "paragraph");
      current = in_style ? std::string(*id) : std::string{};
      if (in_style) styles[current];
      return;
    }
    if (!in_style) return;
    const auto val = attribute(natts, atts, "val");
    if (!val) return;
    if (eq(name, "name")) styles[current].name = std::string(*val);
    else if (eq(name, "basedOn")) styles[current].based_on = std::string(*val);
    else if (eq(name, "outlineLvl")) styles[current].outline = static_cast<int>(number_of(*val, 9));
  }
  void end(const xmlChar* name, const xmlChar* uri) override {
    if (is_w(uri) && eq(name, "style")) in_style = false;
  }
};

// styleId → heading level (only headings are listed).
std::map<std::string, int> heading_levels(const std::map<std::string, style_info>& styles) {
  std::map<std::string, int> out;
  for (const auto& [id, s] : styles) {
    int level = level_of_name(s.name);
    // Outline levels, own or inherited through basedOn (bounded: chains may loop).
    const style_info* cur = &s;
    for (int hop = 0; level == 0 && cur != nullptr && hop < 16; ++hop) {
      if (cur->outline >= 0) {
        if (cur->outline <= 8) level = cur->outline + 1;
        break;
      }
      const auto it = styles.find(cur->based_on);
      cur = it == styles.end() ? nullptr : &it->second;
    }
    if (level > 0) out.emplace(id, level);
  }
  return out;
}

// ---- document.xml --------------------------------------------------------------------------

enum class vmerge : std::uint8_t { none, restart, cont };

struct raw_cell {
  std::vector<segment> segments;
  source_span span;
  std::uint16_t col_span = 1;
  vmerge v = vmerge::none;
  bool h_continue = false; // legacy w:hMerge continue
};

struct raw_row {
  std::uint32_t line = 0;
  bool header = false;
  std::size_t grid_before = 0;
  std::vector<raw_cell> cells;
};

struct table_frame {
  bool layout = false;
  bool in_cell = false;
  bool truncated = false;
  std::size_t positions = 0; // grid positions collected so far (spans included)
  source_span span;
  std::uint32_t row_line = 0;
  std::size_t next_col = 0, cell_col = 0; // grid columns of the open row and cell
  std::size_t pending_span = 1;           // the open cell's gridSpan
  std::vector<raw_row> rows;
};

// A row and a cell as the shape of a table sees them (shape_of_table(), table_grid.hpp).
shape_row<raw_cell> shape_of_row(const raw_row& r) { return {r.grid_before, r.cells}; }
std::span<const segment> cell_segments(const table_frame&, const raw_cell& c) { return c.segments; }

struct paragraph_frame {
  std::string raw;
  std::string style;
  int outline = -1; // direct w:outlineLvl
  source_span span;
};

enum class el : std::uint8_t { other, p, ppr, r, t, tbl, tr, trpr, tc, tcpr };

struct document_handler final : sax_handler {
  std::string_view source;
  const std::map<std::string, int>* levels = nullptr; // styleId → heading level
  bool styles_known = false;                           // false: no styles part was read
  std::vector<block> blocks;
  std::vector<diagnostic> diagnostics;

  std::uint32_t line = 0;
  int depth = 0;
  int skip_until = 0; // > 0: inside a skipped subtree that started at this depth
  int run_depth = 0, t_depth = 0;
  std::vector<el> stack;
  std::vector<paragraph_frame> paragraphs;
  std::vector<table_frame> tables;

  bool collecting() const noexcept { return !tables.empty() && !tables.back().layout; }

  // Elements whose content is not the document's current text: revisions' old properties,
  // deleted text, the fallback copy of alternate content.
  static bool skipped(const xmlChar* name, const xmlChar* uri) {
    if (uri != nullptr && std::strcmp(reinterpret_cast<const char*>(uri), mc_ns) == 0)
      return eq(name, "Fallback");
    if (!is_w(uri)) return false;
    const std::string_view n(reinterpret_cast<const char*>(name));
    return n == "del" || n == "moveFrom" || n.ends_with("Change");
  }

  void emit(segment s) { blocks.push_back(segment_block(std::move(s))); }

  void to_layout(table_frame& t) {
    t.layout = true;
    for (auto& row : t.rows)
      for (auto& c : row.cells)
        for (auto& s : c.segments) emit(std::move(s));
    t.rows.clear();
  }

  // Where a paragraph starting now is: its cell, its table row, or the body's last line (a
  // cell outside any row, in broken XML, has no row line of its own).
  source_span here() const {
    const std::uint32_t body = std::max<std::uint32_t>(line, 1);
    if (tables.empty()) return {body, 1};
    const table_frame& t = tables.back();
    const std::uint32_t row = t.row_line > 0 ? t.row_line : body;
    if (t.in_cell) return {row, static_cast<std::uint32_t>(std::min(t.cell_col, max_grid_columns) + 1)};
    return {row, 1};
  }

  void start(const xmlChar* name, const xmlChar* uri, int natts, const xmlChar** atts) override {
    ++depth;
    if (skip_until > 0) return;
    if (skipped(name, uri)) {
      skip_until = depth;
      return;
    }
    el kind = el::other;
    if (is_w(uri)) {
      const char* n = reinterpret_cast<const char*>(name);
      kind = frame_kind(n);
      if (kind == el::other) leaf(n, natts, atts);
    }
    stack.push_back(kind);
    open(kind);
  }

  // The kind of an element that opens a frame or counts depth (w:p, w:tbl, w:r…); other for
  // the rest.
  static el frame_kind(const char* n) noexcept {
    switch (n[0]) {
    case 'p':
      if (n[1] == '\0') return el::p;
      return std::strcmp(n, "pPr") == 0 ? el::ppr : el::other;
    case 'r': return n[1] == '\0' ? el::r : el::other;
    case 't':
      if (n[1] == '\0') return el::t;
      if (std::strcmp(n, "tbl") == 0) return el::tbl;
      if (std::strcmp(n, "tr") == 0) return el::tr;
      if (std::strcmp(n, "tc") == 0) return el::tc;
      if (std::strcmp(n, "trPr") == 0) return el::trpr;
      if (std::strcmp(n, "tcPr") == 0) return el::tcpr;
      return el::other;
    default: return el::other;
    }
  }

  // True when the innermost open element is of kind `k`.
  bool inside(el k) const noexcept { return !stack.empty() && stack.back() == k; }

  // An element without a frame: a mark in a run (tab, break, hyphen) or a property of the open
  // paragraph (style, outline level), row (header, gridBefore) or cell (gridSpan, merges).
  void leaf(const char* n, int natts, const xmlChar** atts) {
    const bool in_run = run_depth > 0;
    switch (n[0]) {
    case 'p':
      if (std::strcmp(n, "pStyle") == 0 && inside(el::ppr)) {
        if (const auto v = attribute(natts, atts, "val"); v && !paragraphs.empty())
          paragraphs.back().style = std::string(*v);
      } else if (std::strcmp(n, "ptab") == 0 && in_run) {
        add_text("\t");
      }
      break;
    case 't':
      if (std::strcmp(n, "tab") == 0 && in_run) add_text("\t");
      else if (std::strcmp(n, "tblHeader") == 0 && inside(el::trpr)) row_header(natts, atts);
      break;
    case 'b':
    case 'c':
      if ((std::strcmp(n, "br") == 0 || std::strcmp(n, "cr") == 0) && in_run)
        add_text(std::string_view(&break_mark, 1));
      break;
    case 'n':
      if (std::strcmp(n, "noBreakHyphen") == 0 && in_run) add_text("-");
      break;
    case 'o':
      if (std::strcmp(n, "outlineLvl") == 0 && inside(el::ppr) && !paragraphs.empty())
        if (const auto v = attribute(natts, atts, "val"))
          paragraphs.back().outline = static_cast<int>(number_of(*v, 9));
      break;
    case 'g':
      if (inside(el::tcpr) && std::strcmp(n, "gridSpan") == 0) cell_span(natts, atts);
      else if (inside(el::trpr) && std::strcmp(n, "gridBefore") == 0) grid_before(natts, atts);
      break;
    case 'v':
      if (inside(el::tcpr) && std::strcmp(n, "vMerge") == 0) cell_merge(natts, atts, false);
      break;
    case 'h':
      if (inside(el::tcpr) && std::strcmp(n, "hMerge") == 0) cell_merge(natts, atts, true);
      break;
    default:
      break;
    }
  }

  // The frame of an element just opened: a paragraph, a table, a row or a cell; runs and text
  // count their depth.
  void open(el kind) {
    switch (kind) {
    case el::p: begin_paragraph(); break;
    case el::r: ++run_depth; break;
    case el::t: ++t_depth; break;
    case el::tbl: begin_table(); break;
    case el::tr: begin_row(); break;
    case el::tc: begin_cell(); break;
    default: break;
    }
  }

  void begin_paragraph() {
    paragraph_frame f;
    if (tables.empty() && paragraphs.empty()) ++line; // a paragraph of the body
    f.span = here();
    paragraphs.push_back(std::move(f));
  }

  // A table inside a table being collected makes the outer one layout.
  void begin_table() {
    if (collecting()) to_layout(tables.back());
    table_frame f;
    f.span = {line + 1, 1};
    tables.push_back(std::move(f));
  }

  void begin_row() {
    if (tables.empty()) return;
    table_frame& t = tables.back();
    ++line;
    t.row_line = line;
    t.next_col = 0;
    t.in_cell = false;
    if (!t.layout && !t.truncated) {
      if (t.positions >= max_grid_positions) t.truncated = true;
      else t.rows.push_back(raw_row{line, false, 0, {}});
    }
  }

  void begin_cell() {
    if (tables.empty()) return;
    table_frame& t = tables.back();
    t.in_cell = true;
    t.cell_col = t.next_col;
    t.pending_span = 1;
    if (!t.layout && !t.rows.empty() && !t.truncated) {
      raw_cell c;
      c.span = {t.row_line,
                static_cast<std::uint32_t>(std::min(t.cell_col, max_grid_columns) + 1)};
      t.rows.back().cells.push_back(std::move(c));
    }
  }

  raw_cell* open_cell() {
    if (!collecting() || !tables.back().in_cell || tables.back().rows.empty() ||
        tables.back().truncated)
      return nullptr;
    auto& cells = tables.back().rows.back().cells;
    return cells.empty() ? nullptr : &cells.back();
  }

  void row_header(int natts, const xmlChar** atts) {
    const auto v = attribute(natts, atts, "val");
    const bool on = !v || *v == "1" || *v == "true" || *v == "on";
    if (collecting() && !tables.back().rows.empty()) tables.back().rows.back().header = on;
  }
  void grid_before(int natts, const xmlChar** atts) {
    const auto v = attribute(natts, atts, "val");
    if (!v || tables.empty()) return;
    const long n = std::max(0L, number_of(*v, static_cast<long>(max_grid_columns)));
    table_frame& t = tables.back();
    t.next_col = static_cast<std::size_t>(n);
    if (!t.layout && !t.rows.empty()) t.rows.back().grid_before = static_cast<std::size_t>(n);
  }
  void cell_span(int natts, const xmlChar** atts) {
    const auto v = attribute(natts, atts, "val");
    if (!v || tables.empty() || !tables.back().in_cell) return;
    const long n = std::max(1L, number_of(*v, static_cast<long>(max_grid_columns)));
    // Grid columns of the cells that follow move by the span (layout tables too).
    if (raw_cell* c = open_cell()) c->col_span = static_cast<std::uint16_t>(n);
    tables.back().pending_span = static_cast<std::size_t>(n);
  }
  void cell_merge(int natts, const xmlChar** atts, bool horizontal) {
    raw_cell* c = open_cell();
    if (c == nullptr) return;
    const auto v = attribute(natts, atts, "val");
    const bool restart = v && *v == "restart";
    if (horizontal) c->h_continue = !restart;
    else c->v = restart ? vmerge::restart : vmerge::cont;
  }

  void add_text(std::string_view s) {
    if (!paragraphs.empty()) paragraphs.back().raw.append(s);
  }

  void text(const char* s, std::size_t len) override {
    if (skip_until == 0 && t_depth > 0) add_text(std::string_view(s, len));
  }

  int level_of(const paragraph_frame& p) const {
    if (p.outline >= 0) return p.outline <= 8 ? p.outline + 1 : 0;
    if (p.style.empty()) return 0;
    if (styles_known) {
      const auto it = levels->find(p.style);
      return it == levels->end() ? 0 : it->second;
    }
    return level_of_name(p.style); // no styles part: the id may say it (Heading1)
  }

  void end_paragraph() {
    paragraph_frame p = std::move(paragraphs.back());
    paragraphs.pop_back();
    const int level = level_of(p);
    if (collecting() && tables.back().in_cell && tables.back().truncated) return; // dropped rows
    if (raw_cell* c = open_cell()) {
      std::string text = fold_space(p.raw);
      if (!text.empty()) c->segments.push_back(segment{std::move(text), p.span, level});
      return;
    }
    if (level > 0) {
      std::string text = fold_space(p.raw);
      if (!text.empty()) emit(segment{std::move(text), p.span, level});
      return;
    }
    // Line breaks outside tables end paragraphs, as <br> does in the HTML reader.
    std::string_view rest(p.raw);
    for (;;) {
      const std::size_t br = rest.find(break_mark);
      std::string text = fold_space(rest.substr(0, br));
      if (!text.empty()) emit(segment{std::move(text), p.span, 0});
      if (br == std::string_view::npos) break;
      rest.remove_prefix(br + 1);
    }
  }

  void end(const xmlChar* name, const xmlChar* uri) override {
    const int d = depth--;
    if (skip_until > 0) {
      if (d == skip_until) skip_until = 0;
      return;
    }
    (void)name;
    (void)uri;
    if (stack.empty()) return;
    const el kind = stack.back();
    stack.pop_back();
    switch (kind) {
    case el::p:
      if (!paragraphs.empty()) end_paragraph();
      break;
    case el::r: --run_depth; break;
    case el::t: --t_depth; break;
    case el::tc:
      if (!tables.empty()) {
        table_frame& t = tables.back();
        t.in_cell = false;
        t.next_col = std::min(t.cell_col + t.pending_span, max_grid_columns);
        if (!t.layout && !t.rows.empty()) t.positions += t.pending_span;
        t.pending_span = 1;
      }
      break;
    case el::tbl: close_table(*this, tables); break;
    default: break;
    }
  }

  // gridSpan/vMerge into a true grid: every covered position repeats its cell's text.
  void expand(const table_frame& f, table_grid& grid) {
    constexpr std::size_t no_cell = static_cast<std::size_t>(-1);
    struct origin {
      std::size_t row = no_cell, col = no_cell;
    };
    std::vector<std::vector<origin>> owner; // per grid position, the cell covering it
    bool truncated = f.truncated;
    std::size_t positions = 0;
    auto covered_copy = [&](const origin& o) { return detail::covered_copy(grid, o.row, o.col); };
    for (const raw_row& raw : f.rows) {
      if (positions >= max_grid_positions) {
        truncated = true;
        break;
      }
      const std::size_t r = grid.rows.size();
      grid.rows.emplace_back();
      owner.emplace_back();
      auto& row = grid.rows[r];
      auto& own = owner[r];
      for (std::size_t k = 0; k < raw.grid_before && k < max_grid_columns; ++k) {
        table_cell empty;
        empty.span = {raw.line, static_cast<std::uint32_t>(k + 1)};
        empty.header = raw.header;
        row.push_back(std::move(empty));
        own.push_back({}); // no cell: nothing merges with it
      }
      for (const raw_cell& rc : raw.cells) {
        const std::size_t col = row.size();
        if (col >= max_grid_columns) {
          truncated = true;
          break;
        }
        const std::size_t span = clipped_col_span(rc.col_span, col);
        // A continuation merges with the cell above when it starts at the same grid column
        // and is as wide; otherwise it is a cell of its own.
        if (rc.v == vmerge::cont && r > 0 && col < owner[r - 1].size()) {
          const origin o = owner[r - 1][col];
          if (o.row != no_cell && o.col == col &&
              grid.rows[o.row][o.col].col_span == span &&
              grid.rows[o.row][o.col].row_span < max_grid_rowspan) {
            table_cell& top = grid.rows[o.row][o.col];
            ++top.row_span;
            for (std::size_t k = 0; k < span; ++k) {
              row.push_back(covered_copy(o));
              own.push_back(o);
            }
            positions += span;
            continue;
          }
        }
        if (rc.h_continue && col > 0) {
          const origin o = own[col - 1];
          if (o.row == r && grid.rows[o.row][o.col].row_span == 1 &&
              grid.rows[o.row][o.col].col_span + span <= max_grid_columns) {
            table_cell& left = grid.rows[o.row][o.col];
            left.col_span = static_cast<std::uint16_t>(left.col_span + span);
            for (std::size_t k = 0; k < span; ++k) {
              row.push_back(covered_copy(o));
              own.push_back(o);
            }
            positions += span;
            continue;
          }
        }
        table_cell c;
        c.text = joined_text(rc.segments);
        c.span = rc.span;
        c.header = raw.header;
        c.col_span = static_cast<std::uint16_t>(span);
        row.push_back(std::move(c));
        own.push_back({r, col});
        for (std::size_t k = 1; k < span; ++k) {
          row.push_back(covered_copy({r, col}));
          own.push_back({r, col});
        }
        positions += span;
      }
    }
    if (truncated)
      diagnostics.push_back(table_too_large("docx.table_too_large", source, f.span));
  }
};

} // namespace
} // namespace detail

result<document> read_docx(std::string_view bytes, std::string_view source) {
  using namespace detail;
  // libxml2 initialises itself lazily, which is not thread-safe: do it once, here.
  static const bool xml_ready = (xmlInitParser(), true);
  (void)xml_ready;
  result<document> out = empty_document("docx", source);
  auto finish = [&]() {
    out.value.diagnostics = out.diagnostics;
    return std::move(out);
  };

  // An OLE compound file: a password-protected DOCX or a Word 97–2003 .doc.
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    out.diagnostics.push_back(docx_error(
        "docx.legacy_or_encrypted", source, "OLE compound file",
        "文件是加密的 DOCX 或旧版 Word（.doc）文档，无法读取；请另存为未加密的 .docx",
        "the file is a password-protected DOCX or a Word 97-2003 .doc; save it as a plain .docx"));
    return finish();
  }

  if (bytes.empty()) {
    out.diagnostics.push_back(docx_error("docx.broken_archive", source, "0 bytes",
                                         "文件为空，不是 DOCX 文档",
                                         "the file is empty: not a DOCX document"));
    return finish();
  }
  archive zip(bytes, source, out.diagnostics);
  if (!zip.open()) return finish();
  if (zip.entries() > max_entries) {
    out.diagnostics.push_back(docx_error(
        "docx.too_many_entries", source,
        std::to_string(zip.entries()) + " entries (limit " + std::to_string(max_entries) + ")",
        "DOCX 压缩包中的文件过多，拒绝读取", "the DOCX archive holds too many entries; refused"));
    return finish();
  }

  // The main part: the officeDocument relationship of the package, word/document.xml by default.
  std::string main_part =
      relationship(zip, "_rels/.rels", "/officeDocument", "", source, out.diagnostics);
  if (main_part.empty() || !zip.has(main_part)) main_part = "word/document.xml";
  const std::size_t slash = main_part.rfind('/');
  const std::string folder = slash == std::string::npos ? "" : main_part.substr(0, slash + 1);
  const std::string file = slash == std::string::npos ? main_part : main_part.substr(slash + 1);

  if (!zip.has(main_part)) {
    out.diagnostics.push_back(docx_error(
        "docx.missing_document", source, "no " + main_part,
        "压缩包中没有 Word 正文（" + main_part + "），不是 DOCX 文档",
        "the archive has no " + main_part + ": it is not a DOCX document"));
    return finish();
  }
  const std::optional<std::string> xml = zip.read(main_part, max_document_bytes);
  if (!xml) return finish();

  std::string styles_part = relationship(zip, folder + "_rels/" + file + ".rels", "/styles",
                                         folder, source, out.diagnostics);
  if (styles_part.empty()) styles_part = folder + "styles.xml";
  std::map<std::string, int> levels;
  bool styles_known = false;
  if (const std::optional<std::string> styles_xml = zip.read(styles_part, max_part_bytes)) {
    styles_handler sh;
    parse_part(*styles_xml, styles_part, sh, source, out.diagnostics);
    levels = heading_levels(sh.styles);
    styles_known = !sh.styles.empty();
  }

  document_handler h;
  h.source = source;
  h.levels = &levels;
  h.styles_known = styles_known;
  parse_part(*xml, main_part, h, source, out.diagnostics);
  // Tables and paragraphs left open by a truncated part are finished as if closed.
  while (!h.paragraphs.empty()) h.end_paragraph();
  while (!h.tables.empty()) close_table(h, h.tables);
  out.value.blocks = std::move(h.blocks);
  out.diagnostics.insert(out.diagnostics.end(), h.diagnostics.begin(), h.diagnostics.end());
  return finish();
}

} // namespace govdisclose
