/// @file model.hpp
/// @brief The report model: plain described data for both national templates.
///
/// Member names are the codes of the template (shared/spec/TEMPLATE.md) and are the wire format:
/// JSON keys, CSV `row`/`column` values and Python attributes. Do not rename them.
#pragma once

#include <govdisclose/cell.hpp>

#include <boost/describe.hpp>
#include <boost/describe/operators.hpp>

#include <optional>
#include <string>
#include <variant>

namespace govdisclose {

// Member-wise ==/!= for every described model type (found by argument-dependent lookup).
using boost::describe::operators::operator==;
using boost::describe::operators::operator!=;

/// @brief The national template a report follows.
enum class template_id : std::uint8_t {
  t2019, ///< 国办公开办函〔2019〕60号 (report years 2019, 2020); code "2019".
  t2021, ///< 国办公开办函〔2021〕30号 (report years 2021 on); code "2021".
};
BOOST_DESCRIBE_ENUM(template_id, t2019, t2021)

/// @brief The template's code as used on the wire: "2019" or "2021".
constexpr std::string_view template_code(template_id t) noexcept {
  return t == template_id::t2019 ? "2019" : "2021";
}
/// @brief The template for a code ("2019", "2021"), if it is one.
constexpr std::optional<template_id> template_from_code(std::string_view code) noexcept {
  if (code == "2019") return template_id::t2019;
  if (code == "2021") return template_id::t2021;
  return std::nullopt;
}

// ---- 二、主动公开政府信息情况 -------------------------------------------------

/// @brief 2021 第二十条第（一）项: 规章 or 行政规范性文件 counts.
struct document_counts_2021 {
  cell issued;   ///< 本年制发件数
  cell repealed; ///< 本年废止件数
  cell in_force; ///< 现行有效件数
};
BOOST_DESCRIBE_STRUCT(document_counts_2021, (), (issued, repealed, in_force))

/// @brief 2021 第二十条第（五）（六）项: decisions made this year.
struct decision_counts {
  cell decisions; ///< 本年处理决定数量
};
BOOST_DESCRIBE_STRUCT(decision_counts, (), (decisions))

/// @brief 2021 第二十条第（八）项: 行政事业性收费 amount in 万元.
struct fee_amount {
  cell amount; ///< 本年收费金额（单位：万元）, exact to 0.0001 万元.
};
BOOST_DESCRIBE_STRUCT(fee_amount, (), (amount))

/// @brief Section 二 of a 2021-template report.
struct proactive_2021 {
  document_counts_2021 regulations;         ///< 规章
  document_counts_2021 normative_documents; ///< 行政规范性文件
  decision_counts licensing;                ///< 行政许可
  decision_counts penalties;                ///< 行政处罚
  decision_counts coercion;                 ///< 行政强制
  fee_amount fees;                          ///< 行政事业性收费
};
BOOST_DESCRIBE_STRUCT(proactive_2021, (),
                      (regulations, normative_documents, licensing, penalties, coercion, fees))

/// @brief 2019 （一）: 规章 or 规范性文件 counts.
struct document_counts_2019 {
  cell produced;        ///< 本年新制作数量
  cell published;       ///< 本年新公开数量
  cell total_published; ///< 对外公开总数量
};
BOOST_DESCRIBE_STRUCT(document_counts_2019, (), (produced, published, total_published))

/// @brief 2019 （五）（六）: matters with last year's count, this year's change and decisions.
struct matter_counts_2019 {
  cell items_last_year; ///< 上一年项目数量
  cell items_change;    ///< 本年增/减 (may be negative)
  cell decisions;       ///< 处理决定数量
};
BOOST_DESCRIBE_STRUCT(matter_counts_2019, (), (items_last_year, items_change, decisions))

/// @brief 2019 （八）: 行政事业性收费 item counts (not an amount).
struct fee_counts_2019 {
  cell items_last_year; ///< 上一年项目数量
  cell items_change;    ///< 本年增/减 (may be negative)
};
BOOST_DESCRIBE_STRUCT(fee_counts_2019, (), (items_last_year, items_change))

/// @brief 2019 （九）: 政府集中采购.
struct procurement_2019 {
  cell items;  ///< 采购项目数量
  cell amount; ///< 采购总金额 (unit as published)
};
BOOST_DESCRIBE_STRUCT(procurement_2019, (), (items, amount))

/// @brief Section 二 of a 2019-template report.
struct proactive_2019 {
  document_counts_2019 regulations;         ///< 规章
  document_counts_2019 normative_documents; ///< 规范性文件
  matter_counts_2019 licensing;             ///< 行政许可
  matter_counts_2019 other_services;        ///< 其他对外管理服务事项
  matter_counts_2019 penalties;             ///< 行政处罚
  matter_counts_2019 coercion;              ///< 行政强制
  fee_counts_2019 fees;                     ///< 行政事业性收费
  procurement_2019 procurement;             ///< 政府集中采购
};
BOOST_DESCRIBE_STRUCT(proactive_2019, (),
                      (regulations, normative_documents, licensing, other_services, penalties,
                       coercion, fees, procurement))

// ---- 三、收到和处理政府信息公开申请情况 -------------------------------------------

/// @brief One row of the application matrix: a cell per applicant kind and the total.
struct applicant_row {
  cell natural_person;              ///< 自然人
  cell commercial_enterprise;       ///< 法人或其他组织 / 商业企业
  cell research_institution;        ///< 法人或其他组织 / 科研机构
  cell social_welfare_organization; ///< 法人或其他组织 / 社会公益组织
  cell legal_service_agency;        ///< 法人或其他组织 / 法律服务机构
  cell other_organization;          ///< 法人或其他组织 / 其他
  cell total;                       ///< 总计
  cell organization_subtotal;       ///< Local addition: 法人或其他组织小计 (absent when not published)
};
BOOST_DESCRIBE_STRUCT(applicant_row, (),
                      (natural_person, commercial_enterprise, research_institution,
                       social_welfare_organization, legal_service_agency, other_organization,
                       total, organization_subtotal))

/// @brief （三）不予公开.
struct withheld_rows {
  applicant_row state_secret;           ///< 1.属于国家秘密
  applicant_row prohibited_by_law;      ///< 2.其他法律行政法规禁止公开
  applicant_row security_and_stability; ///< 3.危及“三安全一稳定”
  applicant_row third_party_rights;     ///< 4.保护第三方合法权益
  applicant_row internal_affairs;       ///< 5.属于三类内部事务信息
  applicant_row process_information;    ///< 6.属于四类过程性信息
  applicant_row enforcement_files;      ///< 7.属于行政执法案卷
  applicant_row administrative_query;   ///< 8.属于行政查询事项
  applicant_row subtotal;               ///< Local addition: 小计 (absent when not published)
};
BOOST_DESCRIBE_STRUCT(withheld_rows, (),
                      (state_secret, prohibited_by_law, security_and_stability,
                       third_party_rights, internal_affairs, process_information,
                       enforcement_files, administrative_query, subtotal))

/// @brief （四）无法提供.
struct unavailable_rows {
  applicant_row not_held;                 ///< 1.本机关不掌握相关政府信息
  applicant_row needs_creation;           ///< 2.没有现成信息需要另行制作
  applicant_row unclear_after_correction; ///< 3.补正后申请内容仍不明确
  applicant_row subtotal;                 ///< Local addition: 小计
};
BOOST_DESCRIBE_STRUCT(unavailable_rows, (),
                      (not_held, needs_creation, unclear_after_correction, subtotal))

/// @brief （五）不予处理.
struct not_processed_rows {
  applicant_row petition_or_complaint; ///< 1.信访举报投诉类申请
  applicant_row duplicate;             ///< 2.重复申请
  applicant_row publication;           ///< 3.要求提供公开出版物
  applicant_row excessive;             ///< 4.无正当理由大量反复申请
  applicant_row confirmation;          ///< 5.要求行政机关确认或重新出具已获取信息
  applicant_row subtotal;              ///< Local addition: 小计
};
BOOST_DESCRIBE_STRUCT(not_processed_rows, (),
                      (petition_or_complaint, duplicate, publication, excessive, confirmation,
                       subtotal))

/// @brief （六）其他处理 (2021 template: three rows).
struct other_rows {
  applicant_row overdue_correction; ///< 1.申请人无正当理由逾期不补正…
  applicant_row overdue_fee;        ///< 2.申请人逾期未按收费通知要求缴纳费用…
  applicant_row other;              ///< 3.其他
  applicant_row subtotal;           ///< Local addition: 小计
};
BOOST_DESCRIBE_STRUCT(other_rows, (), (overdue_correction, overdue_fee, other, subtotal))

/// @brief Section 三 of a 2021-template report: 25 data rows.
struct applications_2021 {
  applicant_row new_received;      ///< 一、本年新收政府信息公开申请数量
  applicant_row carried_over;      ///< 二、上年结转政府信息公开申请数量
  applicant_row granted;           ///< （一）予以公开
  applicant_row partially_granted; ///< （二）部分公开
  withheld_rows withheld;          ///< （三）不予公开
  unavailable_rows unavailable;    ///< （四）无法提供
  not_processed_rows not_processed; ///< （五）不予处理
  other_rows other;                ///< （六）其他处理
  applicant_row total_processed;   ///< （七）总计
  applicant_row carried_forward;   ///< 四、结转下年度继续办理
};
BOOST_DESCRIBE_STRUCT(applications_2021, (),
                      (new_received, carried_over, granted, partially_granted, withheld,
                       unavailable, not_processed, other, total_processed, carried_forward))

/// @brief Section 三 of a 2019-template report: 23 data rows, （六）其他处理 as one row.
struct applications_2019 {
  applicant_row new_received;       ///< 一、本年新收政府信息公开申请数量
  applicant_row carried_over;       ///< 二、上年结转政府信息公开申请数量
  applicant_row granted;            ///< （一）予以公开
  applicant_row partially_granted;  ///< （二）部分公开
  withheld_rows withheld;           ///< （三）不予公开
  unavailable_rows unavailable;     ///< （四）无法提供
  not_processed_rows not_processed; ///< （五）不予处理
  applicant_row other;              ///< （六）其他处理
  applicant_row total_processed;    ///< （七）总计
  applicant_row carried_forward;    ///< 四、结转下年度继续办理
};
BOOST_DESCRIBE_STRUCT(applications_2019, (),
                      (new_received, carried_over, granted, partially_granted, withheld,
                       unavailable, not_processed, other, total_processed, carried_forward))

// ---- 四、政府信息公开行政复议、行政诉讼情况 ---------------------------------------

/// @brief One block of five columns in section 四.
struct review_block {
  cell upheld;    ///< 结果维持
  cell corrected; ///< 结果纠正
  cell other;     ///< 其他结果
  cell pending;   ///< 尚未审结
  cell total;     ///< 总计
};
BOOST_DESCRIBE_STRUCT(review_block, (), (upheld, corrected, other, pending, total))

/// @brief Section 四: administrative review and litigation (both templates).
struct reviews_table {
  review_block administrative_review;   ///< 行政复议
  review_block litigation_direct;       ///< 行政诉讼 / 未经复议直接起诉
  review_block litigation_after_review; ///< 行政诉讼 / 复议后起诉
};
BOOST_DESCRIBE_STRUCT(reviews_table, (),
                      (administrative_review, litigation_direct, litigation_after_review))

// ---- the report ---------------------------------------------------------------

/// @brief What is known about a report besides its tables.
struct report_meta {
  std::string title;       ///< The report's title as published.
  std::string agency;      ///< The publishing agency (from the title or text).
  std::optional<int> year; ///< The report year (the data period), when known.
  std::string source;      ///< The file or URL it was read from, empty when built by a program.
  std::string format;      ///< The format it was read from (json, text, markdown, html, docx, pdf).
};
BOOST_DESCRIBE_STRUCT(report_meta, (), (title, agency, year, source, format))

/// @brief The six sections' text, verbatim (tables left out).
struct narrative_text {
  std::string overview;      ///< 一、总体情况
  std::string proactive;     ///< 二、主动公开政府信息情况
  std::string applications;  ///< 三、收到和处理政府信息公开申请情况
  std::string reviews;       ///< 四、政府信息公开行政复议、行政诉讼情况
  std::string problems;      ///< 五、存在的主要问题及改进情况
  std::string other_matters; ///< 六、其他需要报告的事项
};
BOOST_DESCRIBE_STRUCT(narrative_text, (),
                      (overview, proactive, applications, reviews, problems, other_matters))

/// @brief Section 二 in either template.
using proactive_tables = std::variant<proactive_2021, proactive_2019>;
/// @brief Section 三 in either template.
using applications_tables = std::variant<applications_2021, applications_2019>;

/// @brief One annual report on open government information.
///
/// The alternatives held by #proactive and #applications follow #template_; make_report()
/// builds a consistent empty report. The JSON key of #template_ is `template`.
struct report {
  template_id template_ = template_id::t2021; ///< The national template (`template` on the wire).
  report_meta meta;                           ///< Title, agency, year, source.
  narrative_text narrative;                   ///< The six sections' text.
  proactive_tables proactive;                 ///< Section 二.
  applications_tables applications;           ///< Section 三.
  reviews_table reviews;                      ///< Section 四.
};
BOOST_DESCRIBE_STRUCT(report, (), (template_, meta, narrative, proactive, applications, reviews))

/// @brief An empty report (every cell absent) for a template.
inline report make_report(template_id t) {
  report r;
  r.template_ = t;
  if (t == template_id::t2019) {
    r.proactive = proactive_2019{};
    r.applications = applications_2019{};
  }
  return r;
}

} // namespace govdisclose
