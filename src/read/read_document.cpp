// read_document(): decode the bytes and hand them to the reader of their format.
#include "read/reader_common.hpp"

#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/read.hpp>
#include <govdisclose/readers.hpp>

#include <string>

namespace govdisclose {

result<document> read_document(std::string_view bytes, const read_options& o) {
  const input_format format =
      o.format == input_format::automatic ? detect_format(bytes, o.source) : o.format;
  result<document> out;
  switch (format) {
  case input_format::html:
    out = read_html(bytes, o.source);
    break;
  case input_format::docx:
    out = read_docx(bytes, o.source);
    break;
  case input_format::pdf:
    out = read_pdf(bytes, o.source);
    break;
  case input_format::text:
  case input_format::markdown: {
    result<std::string> text = decode_to_utf8(bytes, {}, o.source);
    out = format == input_format::text ? read_text(text.value, o.source)
                                       : read_markdown(text.value, o.source);
    out.diagnostics.insert(out.diagnostics.begin(), text.diagnostics.begin(),
                           text.diagnostics.end());
    break;
  }
  default: {
    const std::string name(boost::describe::enum_to_string(format, "unknown"));
    out.value.format = name;
    out.diagnostics.push_back(diagnostic_builder("input.unsupported_format")
                                  .at(source_position{o.source})
                                  .found(name)
                                  .message("暂不支持读取 " + name + " 格式的文件")
                                  .message_en("reading " + name + " files is not supported yet"));
    break;
  }
  }
  out.value.source = o.source;
  out.value.diagnostics = out.diagnostics;
  return out;
}

} // namespace govdisclose
