// Dataset writers: long and wide CSV, JSON Lines and XLSX (libxlsxwriter, optional).
#include <govdisclose/catalog.hpp>
#include <govdisclose/dataset.hpp>
#include <govdisclose/json.hpp>
#include <govdisclose/reflect.hpp>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <ostream>
#include <unordered_map>
#include <utility>

#ifdef GOVDISCLOSE_HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

namespace govdisclose {
namespace detail {
namespace {

std::string year_text(const report& r) {
  return r.meta.year ? std::to_string(*r.meta.year) : std::string();
}

// table.row.column → its three parts (the row code may itself be dotted).
struct path_parts {
  std::string_view table, row, column;
};

path_parts split_path(std::string_view path) noexcept {
  const auto first = path.find('.');
  const auto last = path.rfind('.');
  if (first == std::string_view::npos || first == last) return {path, {}, {}};
  return {path.substr(0, first), path.substr(first + 1, last - first - 1), path.substr(last + 1)};
}

std::string_view source_of(const report& r, std::string_view source) {
  return source.empty() ? std::string_view(r.meta.source) : source;
}

// Each derived figure with its member name, in derived_figures' order.
template <class F>
void for_each_figure(const derived_figures& figures, F&& f) {
  using members = boost::describe::describe_members<derived_figures, boost::describe::mod_public>;
  boost::mp11::mp_for_each<members>(
      [&](auto d) { f(std::string_view(d.name), figures.*d.pointer); });
}

// A writer onto a stream: finish() flushes it and says when writing failed.
class stream_writer : public dataset_writer {
public:
  stream_writer(std::ostream& out, std::string_view what) : out_(out), what_(what) {}
  bool finish(std::string& error) override {
    out_.flush();
    if (out_) return true;
    error = "写入" + std::string(what_) + "失败";
    return false;
  }

protected:
  std::ostream& out_;

private:
  std::string_view what_;
};

class csv_long_writer final : public stream_writer {
public:
  explicit csv_long_writer(std::ostream& out) : stream_writer(out, "CSV") {
    for (std::size_t i = 0; i < long_csv_columns.size(); ++i)
      out_ << (i ? "," : "") << long_csv_columns[i];
    out_ << "\r\n";
  }
  using dataset_writer::add;
  void add(const report& r, std::string_view source, const derived_figures& figures) override {
    // The columns that are the same for every line of a report, quoted once.
    const std::string prefix = csv_field(source_of(r, source)) + ',' + csv_field(r.meta.agency) +
                               ',' + year_text(r) + ',' + std::string(template_code(r.template_));
    std::string line;
    for_each_cell(r, [&](std::string_view path, const cell& c) {
      if (!c.present()) return;
      const path_parts p = split_path(path);
      line = prefix;
      for (std::string_view part : {p.table, p.row, p.column}) {
        line += ',';
        line += part; // codes need no quoting
      }
      line += ',';
      line += csv_field(dataset_value(c));
      line += ',';
      line += state_name(c.state);
      line += "\r\n";
      out_ << line;
    });
    for_each_figure(figures, [&](std::string_view name, const std::optional<double>& v) {
      line = prefix;
      line += ",derived,";
      line += name;
      line += ",,";
      line += figure_text(v);
      line += v ? ",number\r\n" : ",absent\r\n";
      out_ << line;
    });
  }
};

class csv_wide_writer final : public stream_writer {
public:
  explicit csv_wide_writer(std::ostream& out) : stream_writer(out, "CSV") {
    const auto& paths = wide_csv_paths();
    for (std::size_t i = 0; i < paths.size(); ++i)
      index_.emplace(paths[i], i);
    for (std::size_t i = 0; i < wide_csv_meta_columns.size(); ++i)
      out_ << (i ? "," : "") << wide_csv_meta_columns[i];
    for (const auto& p : paths)
      out_ << ',' << p;
    for (const auto& d : derived_columns())
      out_ << ',' << d;
    out_ << "\r\n";
  }
  using dataset_writer::add;
  void add(const report& r, std::string_view source, const derived_figures& figures) override {
    std::vector<std::string> values(index_.size());
    for_each_cell(r, [&](std::string_view path, const cell& c) {
      if (const auto it = index_.find(path); it != index_.end())
        values[it->second] = csv_field(dataset_value(c));
    });
    std::string line = csv_field(source_of(r, source)) + ',' + csv_field(r.meta.agency) + ',' +
                       year_text(r) + ',' + std::string(template_code(r.template_));
    for (const auto& v : values) {
      line += ',';
      line += v;
    }
    for_each_figure(figures, [&](std::string_view, const std::optional<double>& v) {
      line += ',';
      line += figure_text(v);
    });
    line += "\r\n";
    out_ << line;
  }

private:
  std::unordered_map<std::string_view, std::size_t> index_;
};

class jsonl_writer final : public stream_writer {
public:
  explicit jsonl_writer(std::ostream& out) : stream_writer(out, "JSON Lines") {}
  using dataset_writer::add;
  void add(const report& r, std::string_view source, const derived_figures& figures) override {
    std::string line;
    if (source.empty() || source == r.meta.source) {
      line = to_json(r, json_options{0});
    } else {
      report copy = r;
      copy.meta.source = std::string(source);
      line = to_json(copy, json_options{0});
    }
    // The derived figures as the object's last member (the JSON reader ignores it).
    while (!line.empty() && line.back() != '}')
      line.pop_back();
    if (!line.empty()) line.pop_back();
    line += ",\"derived\":" + derived_to_json(figures, 0) + "}\n";
    out_ << line;
  }
};

// A text writer that owns its file.
class file_writer final : public dataset_writer {
public:
  file_writer(std::unique_ptr<std::ofstream> file, dataset_format f)
      : file_(std::move(file)), inner_(make_dataset_writer(f, *file_)) {}
  using dataset_writer::add;
  void add(const report& r, std::string_view source, const derived_figures& figures) override {
    inner_->add(r, source, figures);
  }
  bool finish(std::string& error) override {
    if (!inner_->finish(error)) return false;
    file_->close();
    if (*file_) return true;
    error = "关闭输出文件失败";
    return false;
  }

private:
  std::unique_ptr<std::ofstream> file_;
  std::unique_ptr<dataset_writer> inner_;
};

#ifdef GOVDISCLOSE_HAVE_XLSXWRITER

// One sheet per table: a line per report row, a column per column code of either template.
struct xlsx_sheet {
  std::string_view table;
  lxw_worksheet* sheet = nullptr;
  std::vector<std::string_view> columns; // column codes, 2021's first
  lxw_row_t next_row = 1;
};

class xlsx_writer final : public dataset_writer {
public:
  xlsx_writer(lxw_workbook* book, std::string path) : book_(book), path_(std::move(path)) {
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    reports_ = workbook_add_worksheet(book_, "reports");
    const char* report_columns[] = {"source", "agency", "year", "template", "title"};
    for (lxw_col_t c = 0; c < 5; ++c)
      worksheet_write_string(reports_, 0, c, report_columns[c], bold_);
    lxw_col_t col = 5;
    for (const std::string& d : derived_columns())
      worksheet_write_string(reports_, 0, col++, d.c_str(), bold_);
    worksheet_freeze_panes(reports_, 1, 0);
    for (template_id id : {template_id::t2021, template_id::t2019})
      for (const table_def& t : catalog(id).tables) {
        auto s = std::find_if(sheets_.begin(), sheets_.end(),
                              [&](const xlsx_sheet& x) { return x.table == t.code; });
        if (s == sheets_.end()) s = sheets_.insert(sheets_.end(), xlsx_sheet{t.code, {}, {}, 1});
        for (const row_def& r : t.rows)
          for (const column_def& c : r.columns)
            if (std::find(s->columns.begin(), s->columns.end(), c.code) == s->columns.end())
              s->columns.push_back(c.code);
      }
    for (xlsx_sheet& s : sheets_) {
      s.sheet = workbook_add_worksheet(book_, std::string(s.table).c_str());
      const char* lead[] = {"source", "agency", "year", "template", "row", "label"};
      for (lxw_col_t c = 0; c < 6; ++c)
        worksheet_write_string(s.sheet, 0, c, lead[c], bold_);
      for (std::size_t k = 0; k < s.columns.size(); ++k)
        worksheet_write_string(s.sheet, 0, static_cast<lxw_col_t>(6 + k),
                               std::string(s.columns[k]).c_str(), bold_);
      worksheet_freeze_panes(s.sheet, 1, 6);
    }
  }
  ~xlsx_writer() override {
    if (book_) workbook_close(book_);
  }

  using dataset_writer::add;
  void add(const report& r, std::string_view source, const derived_figures& figures) override {
    const std::string src(source_of(r, source));
    write_meta(reports_, report_row_, src, r);
    worksheet_write_string(reports_, report_row_, 4, r.meta.title.c_str(), nullptr);
    lxw_col_t col = 5;
    for_each_figure(figures, [&](std::string_view, const std::optional<double>& v) {
      if (v) worksheet_write_number(reports_, report_row_, col, *v, nullptr);
      ++col;
    });
    ++report_row_;
    std::unordered_map<std::string, const cell*> cells;
    for_each_cell(r, [&](std::string_view p, const cell& c) { cells.emplace(p, &c); });
    for (const table_def& t : catalog(r.template_).tables) {
      auto s = std::find_if(sheets_.begin(), sheets_.end(),
                            [&](const xlsx_sheet& x) { return x.table == t.code; });
      for (const row_def& rd : t.rows) {
        bool any = false;
        const std::string row_path = std::string(t.code) + "." + std::string(rd.code) + ".";
        for (const column_def& c : rd.columns) {
          const auto it = cells.find(row_path + std::string(c.code));
          any = any || (it != cells.end() && it->second->present());
        }
        if (!any) continue; // a row the report does not have
        if (s->next_row >= max_rows) {
          overflow_ = true;
          continue;
        }
        const lxw_row_t y = s->next_row++;
        write_meta(s->sheet, y, src, r);
        worksheet_write_string(s->sheet, y, 4, std::string(rd.code).c_str(), nullptr);
        const std::string label = rd.group_label.empty()
                                      ? std::string(rd.label)
                                      : std::string(rd.group_label) + " " + std::string(rd.label);
        worksheet_write_string(s->sheet, y, 5, label.c_str(), nullptr);
        for (const column_def& c : rd.columns) {
          const auto it = cells.find(row_path + std::string(c.code));
          if (it == cells.end()) continue;
          const auto k = static_cast<lxw_col_t>(
              6 + (std::find(s->columns.begin(), s->columns.end(), c.code) - s->columns.begin()));
          const cell& v = *it->second;
          if (v.is_number())
            worksheet_write_number(s->sheet, y, k, v.value.to_double(), nullptr);
          else if (v.state == cell_state::marker || v.state == cell_state::text)
            worksheet_write_string(s->sheet, y, k, v.raw.c_str(), nullptr);
        }
      }
    }
  }

  bool finish(std::string& error) override {
    const lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (overflow_) {
      error = "数据超过Excel工作表的最大行数（1048576行），多余的行未写入";
      return false;
    }
    if (e == LXW_NO_ERROR) return true;
    error = "无法写入 " + path_ + "：" + lxw_strerror(e);
    return false;
  }

private:
  static constexpr lxw_row_t max_rows = 1048576;

  void write_meta(lxw_worksheet* ws, lxw_row_t y, const std::string& src, const report& r) {
    worksheet_write_string(ws, y, 0, src.c_str(), nullptr);
    worksheet_write_string(ws, y, 1, r.meta.agency.c_str(), nullptr);
    if (r.meta.year) worksheet_write_number(ws, y, 2, *r.meta.year, nullptr);
    worksheet_write_string(ws, y, 3, std::string(template_code(r.template_)).c_str(), nullptr);
  }

  lxw_workbook* book_;
  std::string path_;
  lxw_format* bold_ = nullptr;
  lxw_worksheet* reports_ = nullptr;
  lxw_row_t report_row_ = 1;
  std::vector<xlsx_sheet> sheets_;
  bool overflow_ = false;
};

#endif

} // namespace
} // namespace detail

std::optional<dataset_format> dataset_format_from_name(std::string_view name) noexcept {
  if (name == "csv") return dataset_format::csv;
  if (name == "csv-wide") return dataset_format::csv_wide;
  if (name == "jsonl") return dataset_format::jsonl;
  if (name == "xlsx") return dataset_format::xlsx;
  return std::nullopt;
}

bool xlsx_supported() noexcept {
#ifdef GOVDISCLOSE_HAVE_XLSXWRITER
  return true;
#else
  return false;
#endif
}

const std::vector<std::string>& wide_csv_paths() {
  static const std::vector<std::string> paths = [] {
    std::vector<std::string> out;
    for (template_id id : {template_id::t2021, template_id::t2019}) {
      const report r = make_report(id);
      for_each_cell(r, [&](std::string_view p, const cell&) {
        if (std::find(out.begin(), out.end(), p) == out.end()) out.emplace_back(p);
      });
    }
    return out;
  }();
  return paths;
}

const std::vector<std::string>& derived_columns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    detail::for_each_figure(derived_figures{}, [&](std::string_view name, const auto&) {
      out.push_back("derived." + std::string(name));
    });
    return out;
  }();
  return names;
}

std::string dataset_value(const cell& c) {
  switch (c.state) {
  case cell_state::number: return c.value.to_string();
  case cell_state::marker:
  case cell_state::text: return c.raw;
  default: return {};
  }
}

std::unique_ptr<dataset_writer> make_dataset_writer(dataset_format f, std::ostream& out) {
  switch (f) {
  case dataset_format::csv: return std::make_unique<detail::csv_long_writer>(out);
  case dataset_format::csv_wide: return std::make_unique<detail::csv_wide_writer>(out);
  case dataset_format::jsonl: return std::make_unique<detail::jsonl_writer>(out);
  case dataset_format::xlsx: return nullptr;
  }
  return nullptr;
}

std::unique_ptr<dataset_writer> open_dataset(dataset_format f, const std::string& path,
                                             std::string& error) {
  if (f == dataset_format::xlsx) {
#ifdef GOVDISCLOSE_HAVE_XLSXWRITER
    if (path.empty() || path == "-") {
      error = "XLSX须写入文件：请用 -o 指定输出文件";
      return nullptr;
    }
    lxw_workbook_options opt{};
    opt.constant_memory = LXW_TRUE; // rows go to temporary files as written: memory stays flat
    opt.use_zip64 = LXW_TRUE;
    lxw_workbook* book = workbook_new_opt(path.c_str(), &opt);
    if (!book) {
      error = "无法创建 " + path;
      return nullptr;
    }
    return std::make_unique<detail::xlsx_writer>(book, path);
#else
    error = "本程序构建时未包含libxlsxwriter，不能写XLSX";
    return nullptr;
#endif
  }
  if (path.empty() || path == "-") return make_dataset_writer(f, std::cout);
  auto file = std::make_unique<std::ofstream>(path, std::ios::binary);
  if (!*file) {
    error = "无法创建 " + path;
    return nullptr;
  }
  return std::make_unique<detail::file_writer>(std::move(file), f);
}

} // namespace govdisclose
