/// @file impl/validate.hpp
/// @brief The validator: the walk over the catalog and every rule's check, with the definitions of
/// sum_rules() and validate(). Included by <govdisclose/validate.hpp>; not a header to include
/// by itself.
#pragma once

#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/hint.hpp>
#include <govdisclose/narrative.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/rules.hpp>
#include <govdisclose/validate.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace govdisclose {

namespace detail {

// Whether the options keep a diagnostic (warnings on, rule not skipped).
inline bool rule_wanted(const validate_options& o, const diagnostic& d) {
  if (!o.warnings && d.level == severity::warning) return false;
  for (const std::string& s : o.skip_rules) {
    if (d.rule == s) return false;
    if (d.rule.size() > s.size() && d.rule.compare(0, s.size(), s) == 0 && d.rule[s.size()] == '.')
      return false;
  }
  return true;
}

// One catalog cell of a template, as the validator walks it.
struct validate_cell {
  const row_def* row = nullptr;
  const column_def* column = nullptr;
  std::string path;      // table.row.column
  std::size_t order = 0; // position in template order (row-major over all tables)
};

struct validate_row {
  const row_def* def = nullptr;
  std::string path;                 // table.row
  std::vector<validate_cell> cells; // parallel to def->columns

  const validate_cell* at(std::string_view column) const noexcept {
    for (const auto& c : cells)
      if (c.column->code == column) return &c;
    return nullptr;
  }
};

struct validate_table {
  const table_def* def = nullptr;
  std::vector<validate_row> rows; // parallel to def->rows

  const validate_row* row(std::string_view code) const noexcept {
    for (const auto& r : rows)
      if (r.def->code == code) return &r;
    return nullptr;
  }
};

// The catalog of a template laid out for validation, built once per template: every cell with
// its path and order, and where each cell of a report's walk (for_each_cell) lands.
struct validate_layout {
  std::vector<validate_table> tables;
  std::size_t cell_count = 0;
  std::vector<std::string> model_paths;   // a report's cells in for_each_cell order
  std::vector<std::size_t> model_to_cell; // walk index -> validate_cell::order
};

inline validate_layout make_validate_layout(template_id id) {
  validate_layout l;
  std::unordered_map<std::string, std::size_t> orders;
  for (const table_def& t : catalog(id).tables) {
    validate_table vt;
    vt.def = &t;
    for (const row_def& rd : t.rows) {
      validate_row vr;
      vr.def = &rd;
      vr.path = std::string(t.code) + "." + std::string(rd.code);
      for (const column_def& cd : rd.columns) {
        validate_cell vc{&rd, &cd, vr.path + "." + std::string(cd.code), l.cell_count++};
        orders.emplace(vc.path, vc.order);
        vr.cells.push_back(std::move(vc));
      }
      vt.rows.push_back(std::move(vr));
    }
    l.tables.push_back(std::move(vt));
  }
  const report empty = make_report(id);
  for_each_cell(empty, [&](std::string_view p, const cell&) {
    const auto it = orders.find(std::string(p));
    l.model_paths.emplace_back(p);
    l.model_to_cell.push_back(it == orders.end() ? static_cast<std::size_t>(-1) : it->second);
  });
  return l;
}

inline const validate_layout& validate_layout_of(template_id id) {
  static const validate_layout t2019 = make_validate_layout(template_id::t2019);
  static const validate_layout t2021 = make_validate_layout(template_id::t2021);
  return id == template_id::t2019 ? t2019 : t2021;
}

} // namespace detail

inline std::vector<sum_rule> sum_rules(template_id id) {
  std::vector<sum_rule> out;
  for (const detail::validate_table& t : detail::validate_layout_of(id).tables) {
    for (const row_equation& e : t.def->row_equations) {
      std::vector<const detail::validate_row*> lhs, rhs;
      bool ok = !e.lhs.empty() && !e.rhs.empty();
      for (auto code : e.lhs) ok = ok && (lhs.emplace_back(t.row(code)) != nullptr);
      for (auto code : e.rhs) ok = ok && (rhs.emplace_back(t.row(code)) != nullptr);
      if (!ok) continue;
      for (const column_def& col : lhs.front()->def->columns) {
        sum_rule s{e.rule, {}, {}};
        for (auto* r : lhs)
          if (auto* c = r->at(col.code)) s.lhs.push_back(c->path);
        for (auto* r : rhs)
          if (auto* c = r->at(col.code)) s.rhs.push_back(c->path);
        out.push_back(std::move(s));
      }
    }
    for (const detail::validate_row& r : t.rows)
      for (const column_equation& e : t.def->column_equations) {
        const detail::validate_cell* total = r.at(e.total);
        if (!total) continue;
        sum_rule s{e.rule, {total->path}, {}};
        bool ok = true;
        for (auto code : e.addends) {
          const detail::validate_cell* c = r.at(code);
          ok = ok && c != nullptr;
          if (c) s.rhs.push_back(c->path);
        }
        if (ok) out.push_back(std::move(s));
      }
  }
  return out;
}

namespace detail {

// What is wrong with a cell by itself.
enum class cell_problem : std::uint8_t { none, absent, blank, marker, text, negative, fraction };

inline cell_problem problem_of(value_kind kind, const cell& c) noexcept {
  switch (c.state) {
  case cell_state::absent: return cell_problem::absent;
  case cell_state::blank: return cell_problem::blank;
  case cell_state::marker: return cell_problem::marker;
  case cell_state::text: return cell_problem::text;
  case cell_state::number: break;
  }
  if (kind != value_kind::signed_count && c.value < decimal{}) return cell_problem::negative;
  if (kind != value_kind::amount && !c.value.is_integer()) return cell_problem::fraction;
  return cell_problem::none;
}

inline std::string number_text(decimal d) { return d.normalized().to_string(); }

inline std::string signed_number_text(decimal d) {
  return d > decimal{} ? "+" + number_text(d) : number_text(d);
}

inline std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) s += sep;
    s += parts[i];
  }
  return s;
}

// A row's label in a list of rows: members of a coded group (`withheld.state_secret`) carry
// their group's label, top-level rows (`granted`) their own label only.
inline std::string short_row_label(const row_def& r) {
  std::string s;
  if (r.code.find('.') != std::string_view::npos && !r.group_label.empty()) {
    s += r.group_label;
    s += ' ';
  }
  s += r.label;
  return s;
}

// A row's label with its group, as in a heading: 三、本年度办理结果 （一）予以公开.
inline std::string full_row_label(const row_def& r) {
  std::string s(r.group_label);
  if (!s.empty()) s += ' ';
  s += r.label;
  return s;
}

inline std::string full_column_label(const column_def& c) {
  std::string s(c.group_label);
  if (!s.empty()) s += ' ';
  s += c.label;
  return s;
}

// Columns listed with their spanning header once: 自然人、法人或其他组织（商业企业、…、其他）.
inline std::string column_list_zh(const std::vector<const column_def*>& cols) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < cols.size();) {
    const std::string_view group = cols[i]->group_label;
    std::size_t j = i;
    std::vector<std::string> members;
    while (j < cols.size() && cols[j]->group_label == group)
      members.emplace_back(cols[j++]->label);
    if (group.empty()) {
      for (auto& m : members)
        parts.push_back(std::move(m));
    } else {
      parts.push_back(std::string(group) + "（" + join(members, "、") + "）");
    }
    i = j;
  }
  return join(parts, "、");
}

// Rows listed for a sum: a whole group of the template becomes `（三）不予公开各项` /
// `withheld.*`, other rows are listed one by one.
inline std::pair<std::string, std::string> row_list(const table_def& t,
                                                    const std::vector<const row_def*>& rows) {
  std::vector<std::string> zh, en;
  for (std::size_t i = 0; i < rows.size();) {
    const std::string_view group = rows[i]->group_label;
    std::size_t j = i + 1;
    while (j < rows.size() && !group.empty() && rows[j]->group_label == group)
      ++j;
    std::size_t members = 0;
    for (const row_def& r : t.rows)
      if (!r.local && !group.empty() && r.group_label == group) ++members;
    const std::string_view first = rows[i]->code;
    const auto dot = first.find('.');
    if (j - i > 1 && j - i == members && dot != std::string_view::npos) {
      zh.push_back(std::string(group) + "各项");
      en.push_back(std::string(first.substr(0, dot)) + ".*");
    } else {
      for (std::size_t k = i; k < j; ++k) {
        zh.push_back(short_row_label(*rows[k]));
        en.emplace_back(rows[k]->code);
      }
    }
    i = j;
  }
  return {join(zh, "、"), join(en, " + ")};
}

// One side of a sum.
struct sum_side {
  decimal total{};
  std::vector<const validate_cell*> zeros; // blanks and markers counted as 0
  bool ok = true;                          // false: a term is absent, text or otherwise broken
};

// The reader's findings that say a row is in the source although its cells were left absent:
// the rules the table marks `leaves_row_unread` (rules.hpp).
inline bool says_row_unread(const diagnostic& d) {
  const rule_info* r = find_rule(d.rule);
  return r != nullptr && r->leaves_row_unread;
}

// True when `path` is the row path `row` or one of its cells (`row.column`).
inline bool names_row(std::string_view path, std::string_view row) {
  return path.substr(0, row.size()) == row && (path.size() == row.size() || path[row.size()] == '.');
}

class validator {
public:
  validator(const report& r, const validate_options& o,
            const std::vector<diagnostic>* reading = nullptr)
      : report_(r), options_(o), catalog_(catalog(r.template_)), reading_(reading) {}

  std::vector<diagnostic> run() {
    static const cell absent{};
    const validate_layout& layout = validate_layout_of(report_.template_);
    values_.assign(layout.cell_count, &absent);
    // Fast path: the report's walk matches its template's (its variants follow template_).
    std::size_t i = 0;
    bool matches = true;
    for_each_cell(report_, [&](std::string_view p, const cell& c) {
      if (matches && i < layout.model_paths.size() && p == layout.model_paths[i]) {
        if (layout.model_to_cell[i] < values_.size()) values_[layout.model_to_cell[i]] = &c;
      } else {
        matches = false;
      }
      ++i;
    });
    if (!matches || i != layout.model_paths.size()) {
      std::unordered_map<std::string_view, std::size_t> orders;
      for (const auto& t : layout.tables)
        for (const auto& r : t.rows)
          for (const auto& c : r.cells)
            orders.emplace(c.path, c.order);
      values_.assign(layout.cell_count, &absent);
      for_each_cell(report_, [&](std::string_view p, const cell& c) {
        if (const auto it = orders.find(p); it != orders.end()) values_[it->second] = &c;
      });
    }
    for (const validate_table& t : layout.tables)
      check_table(t);
    // Template order: by cell, then structure before cell rules before sums (stable).
    std::stable_sort(found_.begin(), found_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<diagnostic> out;
    out.reserve(found_.size());
    for (auto& [key, d] : found_)
      if (wanted(d)) out.push_back(std::move(d));
    return out;
  }

private:
  const report& report_;
  const validate_options& options_;
  const template_def& catalog_;
  const std::vector<diagnostic>* reading_; // what the reader said, when given
  std::vector<const cell*> values_; // the report's cells by validate_cell::order
  std::vector<std::pair<std::size_t, diagnostic>> found_;

  const cell& cell_of(const validate_cell& c) const noexcept { return *values_[c.order]; }
  cell_problem problem(const validate_cell& c) const noexcept {
    return problem_of(c.column->kind, cell_of(c));
  }

  bool wanted(const diagnostic& d) const { return rule_wanted(options_, d); }

  // Keep a finding with the template order of the cell it is about (run() sorts by it). Each is
  // made with diagnostic_builder, at a span of the report's source file.
  void add(std::size_t order, diagnostic d) { found_.emplace_back(order, std::move(d)); }

  void check_table(const validate_table& t) {
    if (!check_structure(t)) return; // a missing table says it all
    check_cells(t);
    check_row_equations(t);
    check_column_equations(t);
  }

  bool row_present(const validate_row& r, bool official_only) const {
    return std::any_of(r.cells.begin(), r.cells.end(), [&](const validate_cell& c) {
      return (!official_only || !c.column->local) && cell_of(c).present();
    });
  }

  // A group published as one row (a 2021 table's （六）其他处理 in the 2019 form, a group given
  // only by its total): every member row absent and the group's 小计 row present. The 小计 row
  // then stands for the members — in results_total and instead of a missing_row for each — and
  // the extractor says so once (structure.collapsed_group). Returns the 小计 row of the group
  // `r` belongs to when that group is collapsed, else nullptr.
  const validate_row* collapsed_into(const validate_table& t, const validate_row& r) const {
    const std::string_view code = r.def->code;
    const auto dot = code.find('.');
    if (r.def->local || dot == std::string_view::npos) return nullptr;
    const std::string_view group = code.substr(0, dot + 1); // "other."
    const validate_row* subtotal = nullptr;
    for (const auto& x : t.rows) {
      const std::string_view c = x.def->code;
      if (c.substr(0, group.size()) != group) continue;
      if (x.def->local) {
        if (c.substr(group.size()) == "subtotal") subtotal = &x;
      } else if (row_present(x, false)) {
        return nullptr; // a member was published: not collapsed
      }
    }
    return subtotal && row_present(*subtotal, true) ? subtotal : nullptr;
  }

  // structure.missing_table / structure.missing_row; false when the whole table is absent.
  bool check_structure(const validate_table& t) {
    bool any = false;
    for (const auto& r : t.rows)
      for (const auto& c : r.cells)
        any = any || cell_of(c).present();
    if (!any) {
      const std::string code(t.def->code);
      add(t.rows.empty() ? 0 : t.rows.front().cells.front().order,
          diagnostic_builder("structure.missing_table")
              .path(code)
              .at(report_.meta.source, {})
              .expected("table " + code)
              .found("absent")
              .message("缺少“" + std::string(t.def->title) + "”表格：表中所有单元格均未找到。")
              .message_en("table " + code + " is missing: none of its cells was found."));
      return false;
    }
    std::vector<const validate_row*> absent; // rows none of whose template cells was found
    for (const auto& r : t.rows) {
      bool official_present = false, row_present = false;
      for (const auto& c : r.cells) {
        row_present = row_present || cell_of(c).present();
        if (!c.column->local) official_present = official_present || cell_of(c).present();
      }
      if (r.def->local && !row_present) continue; // a local row that was not published
      if (!official_present) {
        // The reader saw the row and said why its cells are absent: not missing.
        if (r.def->local || collapsed_into(t, r) || reader_saw(r.path)) continue;
        absent.push_back(&r);
        continue;
      }
      for (const auto& c : r.cells) {
        if (c.column->local || cell_of(c).present() || reader_saw(c.path)) continue;
        add(c.order,
            diagnostic_builder("structure.missing_row")
                .path(c.path)
                .at(report_.meta.source, {})
                .expected("cell " + std::string(c.column->code))
                .found("absent")
                .message(catalog_.describe(c.path) +
                         " 未找到：该行其他单元格已填写，唯独缺少此单元格。")
                .message_en(c.path + " is missing although other cells of its row are present."));
      }
    }
    // Data rows without a label (structure.unlabelled_row, said by the reader) may be the absent
    // rows: when they are as many, an absent row is unidentified, not missing.
    const std::size_t unlabelled = reader_count(t, "structure.unlabelled_row");
    for (const validate_row* r : absent)
      absent.size() <= unlabelled ? unidentified_row(t, *r, unlabelled) : missing_row(t, *r);
    return true;
  }

  // True when the reader said the row or cell at `path` is in the source but left it absent.
  bool reader_saw(std::string_view path) const {
    return reading_ && std::any_of(reading_->begin(), reading_->end(), [&](const diagnostic& d) {
             return says_row_unread(d) && names_row(d.path, path);
           });
  }

  // How many findings of `rule` the reader made about table `t` as a whole.
  std::size_t reader_count(const validate_table& t, std::string_view rule) const {
    if (!reading_) return 0;
    return static_cast<std::size_t>(
        std::count_if(reading_->begin(), reading_->end(),
                      [&](const diagnostic& d) { return d.rule == rule && d.path == t.def->code; }));
  }

  void missing_row(const validate_table& t, const validate_row& r) {
    add(r.cells.front().order,
        diagnostic_builder("structure.missing_row")
            .path(r.path)
            .at(report_.meta.source, {})
            .expected("row " + std::string(r.def->code))
            .found("absent")
            .message("“" + std::string(t.def->title) + "”表格缺少“" + full_row_label(*r.def) +
                     "”的全部数据（该行所有单元格均未找到）。")
            .message_en("row " + r.path + " is missing: none of its cells was found."));
  }

  void unidentified_row(const validate_table& t, const validate_row& r, std::size_t unlabelled) {
    const std::string n = std::to_string(unlabelled);
    add(r.cells.front().order,
        diagnostic_builder("structure.unidentified_row")
            .path(r.path)
            .at(report_.meta.source, {})
            .expected("row " + std::string(r.def->code))
            .found("not identified; " + n + " unlabelled data rows")
            .message("“" + std::string(t.def->title) + "”表格中未找到标有“" +
                     full_row_label(*r.def) + "”的行；表中有" + n +
                     "行数据没有行标签，该行可能在其中，其数据未读取。")
            .message_en(
                "row " + r.path + " was not found by its label; the table has " + n +
                " data rows without a label, and it may be one of them; its cells are not read."));
  }

  // cell.not_a_number, cell.negative, cell.not_integer, cell.blank, proactive.fee_precision.
  void check_cells(const validate_table& t) {
    for (const auto& r : t.rows)
      for (const auto& c : r.cells)
        check_cell(c);
  }

  void check_cell(const validate_cell& c) {
    const cell& v = cell_of(c);
    const cell_problem problem = this->problem(c);
    const bool amount = c.column->kind == value_kind::amount;
    const int max = c.column->max_decimals;
    const bool too_precise =
        problem == cell_problem::none && amount && max > 0 && v.value.significant_decimals() > max;
    // Absence is structure.*'s to report; a marker says "none"; most cells are fine.
    if (problem == cell_problem::absent || problem == cell_problem::marker ||
        (problem == cell_problem::none && !too_precise))
      return;
    const std::string where = catalog_.describe(c.path);
    const std::string value = number_text(v.value);
    const std::string what_en = amount ? "an amount" : "a count";
    switch (problem) {
    case cell_problem::blank:
      add(c.order,
          diagnostic_builder("cell.blank")
              .path(c.path)
              .at(report_.meta.source, v.span)
              .expected("a number")
              .found("blank")
              .message(where + " 为空白：模板要求填写数字，没有的应填0；校验勾稽关系时按0计算。")
              .message_en(c.path +
                          " is blank: the template asks for a number (0 when there is none); sums "
                          "count it as 0."));
      return;
    case cell_problem::text:
      add(c.order, diagnostic_builder("cell.not_a_number")
                       .path(c.path)
                       .at(report_.meta.source, v.span)
                       .expected("a number")
                       .found("\"" + v.raw + "\"")
                       .message(where + " 应填写数字，实际为“" + v.raw + "”。")
                       .message_en(c.path + ": expected a number, found text \"" + v.raw + "\"."));
      return;
    case cell_problem::negative:
      add(c.order,
          diagnostic_builder("cell.negative")
              .path(c.path)
              .at(report_.meta.source, v.span)
              .expected(">= 0")
              .found(value)
              .message(where + " 为 " + value + "，" + (amount ? "金额" : "数量") + "不能为负数。")
              .message_en(c.path + " is " + value + ": " + what_en + " cannot be negative."));
      return;
    case cell_problem::fraction:
      add(c.order,
          diagnostic_builder("cell.not_integer")
              .path(c.path)
              .at(report_.meta.source, v.span)
              .expected("a whole number")
              .found(value)
              .message(where + " 为 " + value + "，数量应为整数。")
              .message_en(c.path + " is " + value + ": " + what_en + " must be a whole number."));
      return;
    default: {
      const std::string n = std::to_string(max);
      add(c.order, diagnostic_builder("proactive.fee_precision")
                       .path(c.path)
                       .at(report_.meta.source, v.span)
                       .expected("at most " + n + " decimals")
                       .found(value)
                       .message(where + " 为 " + value + "，超过模板要求的" + n + "位小数。")
                       .message_en(c.path + " is " + value + ": more than " + n + " decimals."));
    }
    }
  }

  // Add a cell to one side of a sum; a broken or absent cell makes the sum unevaluable (its own
  // diagnostic already says what is wrong: no cascades).
  void add_term(sum_side& side, const validate_cell* c) const {
    if (!c) {
      side.ok = false;
      return;
    }
    switch (problem(*c)) {
    case cell_problem::none: side.total = side.total + cell_of(*c).value; return;
    case cell_problem::blank:
    case cell_problem::marker:
      if (options_.blank_counts_as_zero)
        side.zeros.push_back(c);
      else
        side.ok = false;
      return;
    default: side.ok = false; return;
    }
  }

  // 其中自然人（空白）、商业企业（“/”）未填数字，按0计算。
  std::pair<std::string, std::string> zero_note(const sum_side& a, const sum_side& b,
                                                bool by_row) const {
    std::vector<std::string> zh, en;
    for (const sum_side* s : {&a, &b})
      for (const validate_cell* c : s->zeros) {
        const bool blank = cell_of(*c).state == cell_state::blank;
        zh.push_back((by_row ? short_row_label(*c->row) : std::string(c->column->label)) +
                     (blank ? "（空白）" : "（“" + cell_of(*c).raw + "”）"));
        en.push_back(std::string(by_row ? c->row->code : c->column->code) +
                     (blank ? " (blank)" : " (\"" + cell_of(*c).raw + "\")"));
      }
    if (zh.empty()) return {};
    return {"其中" + join(zh, "、") + "未填数字，按0计算。",
            " Counted as 0: " + join(en, ", ") + "."};
  }

  // Row equations (applications.balance, applications.results_total and the group 小计 rows),
  // checked in every column of the rows.
  void check_row_equations(const validate_table& t) {
    for (const row_equation& e : t.def->row_equations) {
      std::vector<const validate_row*> lhs, rhs;
      // The rows of a collapsed group are one term: its 小计 row.
      const auto push = [&](std::vector<const validate_row*>& side, std::string_view code) {
        const validate_row* r = t.row(code);
        if (const validate_row* sub = r ? collapsed_into(t, *r) : nullptr) r = sub;
        if (std::find(side.begin(), side.end(), r) == side.end() || r == nullptr)
          side.push_back(r);
      };
      for (auto code : e.lhs)
        push(lhs, code);
      for (auto code : e.rhs)
        push(rhs, code);
      const auto unknown = [](const validate_row* r) { return r == nullptr; };
      if (lhs.empty() || rhs.empty() || std::any_of(lhs.begin(), lhs.end(), unknown) ||
          std::any_of(rhs.begin(), rhs.end(), unknown) || lhs == rhs)
        continue;
      for (const column_def& col : lhs.front()->def->columns) {
        sum_side found, expected;
        for (auto* r : lhs)
          add_term(found, r->at(col.code));
        for (auto* r : rhs)
          add_term(expected, r->at(col.code));
        if (!found.ok || !expected.ok || found.total == expected.total) continue;
        // Texts are made only for a failed sum: validating a clean report allocates little.
        std::vector<const row_def*> lhs_defs, rhs_defs;
        for (auto* r : lhs)
          lhs_defs.push_back(r->def);
        for (auto* r : rhs)
          rhs_defs.push_back(r->def);
        const auto [lhs_zh, lhs_en] = row_list(*t.def, lhs_defs);
        const auto [rhs_zh, rhs_en] = row_list(*t.def, rhs_defs);
        const validate_cell& at = *lhs.front()->at(col.code);
        const auto [note_zh, note_en] = zero_note(found, expected, true);
        const std::string f = number_text(found.total), x = number_text(expected.total);
        const std::string diff = signed_number_text(found.total - expected.total);
        add(at.order, diagnostic_builder(std::string(e.rule))
                          .path(at.path)
                          .at(report_.meta.source, cell_of(at).span)
                          .expected(x)
                          .found(f)
                          .message("“" + full_column_label(col) + "”列：" + lhs_zh +
                                   (lhs.size() > 1 ? "之和为 " : " 为 ") + f + "，不等于" + rhs_zh +
                                   "之和 " + x + "，相差 " + diff + "。" + note_zh)
                          .message_en("column " + std::string(col.code) + ": " + lhs_en + " is " +
                                      f + " but " + rhs_en + " is " + x + " (difference " + diff +
                                      ")." + note_en));
      }
    }
  }

  // Column equations (applications.row_total, reviews.block_total), checked in every row.
  void check_column_equations(const validate_table& t) {
    for (const validate_row& r : t.rows)
      for (const column_equation& e : t.def->column_equations) {
        const validate_cell* total = r.at(e.total);
        if (!total) continue;
        sum_side found, expected;
        add_term(found, total);
        for (auto code : e.addends)
          add_term(expected, r.at(code));
        if (!found.ok || !expected.ok || found.total == expected.total) continue;
        std::vector<const column_def*> addends;
        std::vector<std::string> addends_en;
        for (auto code : e.addends) {
          addends.push_back(r.at(code)->column); // present: add_term accepted every addend
          addends_en.emplace_back(code);
        }
        const auto [note_zh, note_en] = zero_note(found, expected, false);
        const std::string f = number_text(found.total), x = number_text(expected.total);
        const std::string diff = signed_number_text(found.total - expected.total);
        add(total->order,
            diagnostic_builder(std::string(e.rule))
                .path(total->path)
                .at(report_.meta.source, cell_of(*total).span)
                .expected(x)
                .found(f)
                .message(catalog_.describe(total->path) + " 为 " + f + "，不等于本行" +
                         column_list_zh(addends) + "之和 " + x + "，相差 " + diff + "。" + note_zh)
                .message_en(total->path + " is " + f + " but the sum of " + join(addends_en, ", ") +
                            " in its row is " + x + " (difference " + diff + ")." + note_en));
      }
  }
};

} // namespace detail

namespace detail {

// validate() with or without what the reader said of the report.
inline std::vector<diagnostic> validate_reading(const report& r, const validate_options& o,
                                                const std::vector<diagnostic>* reading) {
  std::vector<diagnostic> out = validator(r, o, reading).run();
  if (o.hints) attach_hints(r, out);
  if (o.narrative)
    for (diagnostic& d : check_narrative(r))
      if (rule_wanted(o, d)) out.push_back(std::move(d));
  return out;
}

} // namespace detail

inline std::vector<diagnostic> validate(const report& r, const validate_options& o) {
  return detail::validate_reading(r, o, nullptr);
}

inline std::vector<diagnostic> validate(const report& r, const std::vector<diagnostic>& reading,
                                        const validate_options& o) {
  return detail::validate_reading(r, o, &reading);
}

} // namespace govdisclose
