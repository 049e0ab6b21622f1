/// @file catalog.hpp
/// @brief The template catalog: the single source of truth for sections, tables, rows, columns,
/// labels, label variants, groups and sum rules of both national templates.
///
/// The extractor matches labels with it, renderers lay tables out with it, the validator derives
/// its sum rules from it, and CSV and Python take their names from it. Codes are those of
/// shared/spec/TEMPLATE.md; a row code is dotted below its table (`withheld.state_secret`), and a
/// cell's model path is `table.row.column` (`applications.withheld.state_secret.total`).
#pragma once

#include <govdisclose/model.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

/// @brief What a column holds, which decides the cell rules that apply to it.
enum class value_kind : std::uint8_t {
  count,        ///< A whole number ≥ 0.
  signed_count, ///< A whole number that may be negative (2019 本年增/减).
  amount,       ///< A decimal ≥ 0 (money).
};

/// @brief One column of a table row.
struct column_def {
  std::string_view code;                  ///< Member name: `natural_person`, `issued`…
  std::string_view label;                 ///< Official label: 自然人, 本年制发件数…
  std::string_view group_label;           ///< Spanning header above it (法人或其他组织), or empty.
  std::vector<std::string_view> variants; ///< Other labels seen in published reports.
  value_kind kind = value_kind::count;    ///< What the cells hold.
  bool local = false;                     ///< A local addition, absent from the official template.
  int max_decimals = 0;                   ///< For amounts: decimals the template asks for (0 = any).
};

/// @brief One row of a table (for section 四, one block of five columns).
struct row_def {
  std::string_view code;                  ///< Dotted code below the table: `withheld.state_secret`.
  std::string_view label;                 ///< Official label: 1.属于国家秘密.
  std::string_view group_label;           ///< The group's label (（三）不予公开), or empty.
  std::string_view item;                  ///< 2021 section 二: 第二十条第（一）项; 2019: （一）.
  std::vector<std::string_view> variants; ///< Other labels seen in published reports.
  std::vector<column_def> columns;        ///< The row's columns in order.
  bool local = false;                     ///< A local addition (group 小计 rows).
  bool result = false;                    ///< Counted in （七）总计 (三、本年度办理结果).
};

/// @brief A sum rule over rows, checked in every column: Σ lhs rows = Σ rhs rows.
struct row_equation {
  std::string_view rule;              ///< Rule id: `applications.balance`.
  std::vector<std::string_view> lhs;  ///< Row codes on the left.
  std::vector<std::string_view> rhs;  ///< Row codes on the right.
};

/// @brief A sum rule within each row: column `total` = Σ `addends`.
struct column_equation {
  std::string_view rule;                 ///< Rule id: `applications.row_total`.
  std::string_view total;                ///< The total column's code.
  std::vector<std::string_view> addends; ///< The columns that add up to it.
};

/// @brief One table of a template.
struct table_def {
  std::string_view code;                   ///< `proactive`, `applications`, `reviews`.
  std::string_view title;                  ///< The section heading it belongs to.
  std::string_view corner;                 ///< Text of the corner cell, if the template has one.
  std::vector<row_def> rows;               ///< Rows in template order.
  std::vector<row_equation> row_equations; ///< Sum rules across rows.
  std::vector<column_equation> column_equations; ///< Sum rules within rows.
  /// Header words that are neither row nor column labels (申请人情况, 信息内容): the extractor
  /// recognises them in header rows and does not report them as unknown columns.
  std::vector<std::string_view> header_labels;

  /// @brief The row with a code, or nullptr.
  const row_def* row(std::string_view row_code) const noexcept {
    for (const auto& r : rows)
      if (r.code == row_code) return &r;
    return nullptr;
  }
};

/// @brief One of the six sections.
struct section_def {
  std::string_view code;                  ///< `overview` … `other_matters`.
  std::string_view heading;               ///< Official heading: 一、总体情况.
  std::vector<std::string_view> variants; ///< Heading variants seen in published reports.
};

/// @brief Where a model path points in the catalog.
struct cell_location {
  const struct table_def* table = nullptr;   ///< The table.
  const struct row_def* row = nullptr;       ///< The row.
  const struct column_def* column = nullptr; ///< The column.
  /// @brief True when every part was found.
  explicit operator bool() const noexcept { return table && row && column; }
};

/// @brief One national template.
struct template_def {
  template_id id;                    ///< Which template.
  std::string_view code;             ///< "2019" or "2021".
  std::string_view notice;           ///< The notice that issued it.
  std::vector<section_def> sections; ///< The six sections in order.
  std::vector<table_def> tables;     ///< proactive, applications, reviews.

  /// @brief The table with a code, or nullptr.
  const table_def* table(std::string_view table_code) const noexcept {
    for (const auto& t : tables)
      if (t.code == table_code) return &t;
    return nullptr;
  }

  /// @brief Resolve a model path (`applications.withheld.state_secret.total`).
  cell_location locate(std::string_view path) const noexcept {
    cell_location loc;
    const auto first = path.find('.');
    const auto last = path.rfind('.');
    if (first == std::string_view::npos || first == last) return loc;
    loc.table = table(path.substr(0, first));
    if (!loc.table) return loc;
    loc.row = loc.table->row(path.substr(first + 1, last - first - 1));
    if (!loc.row) return loc;
    for (const auto& c : loc.row->columns)
      if (c.code == path.substr(last + 1)) loc.column = &c;
    return loc;
  }

  /// @brief A Chinese description of a cell for messages: `三、（三）不予公开 1.属于国家秘密 / 自然人`.
  std::string describe(std::string_view path) const {
    const auto loc = locate(path);
    if (!loc) return std::string(path);
    std::string s;
    s += loc.row->group_label;
    if (!loc.row->group_label.empty()) s += ' ';
    s += loc.row->label;
    s += " / ";
    if (!loc.column->group_label.empty()) {
      s += loc.column->group_label;
      s += ' ';
    }
    s += loc.column->label;
    return s;
  }
};

/// @brief The catalog entry of a template (built once, never modified).
inline const template_def& catalog(template_id id);

} // namespace govdisclose

#include <govdisclose/impl/catalog.hpp>
