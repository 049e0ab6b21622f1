/// @file impl/catalog.hpp
/// @brief The catalog's builders: the two templates' sections, tables, rows and columns, and
/// catalog()'s definition. Included by <govdisclose/catalog.hpp>; not a header to include by
/// itself.
#pragma once

#include <govdisclose/catalog.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace govdisclose {

namespace detail {

inline std::vector<column_def> applicant_columns() {
  constexpr std::string_view org = "法人或其他组织";
  return {
      {"natural_person", "自然人", "", {}},
      {"commercial_enterprise", "商业企业", org, {}},
      {"research_institution", "科研机构", org, {}},
      {"social_welfare_organization", "社会公益组织", org, {"公益组织"}},
      {"legal_service_agency", "法律服务机构", org, {}},
      {"other_organization", "其他", org, {}},
      {"total", "总计", "", {"合计"}},
      {"organization_subtotal", "小计", org, {"法人或其他组织小计"}, value_kind::count, true},
  };
}

inline std::vector<column_equation> applicant_column_equations() {
  return {
      {"applications.row_total",
       "total",
       {"natural_person", "commercial_enterprise", "research_institution",
        "social_welfare_organization", "legal_service_agency", "other_organization"}},
      {"applications.row_total",
       "organization_subtotal",
       {"commercial_enterprise", "research_institution", "social_welfare_organization",
        "legal_service_agency", "other_organization"}},
  };
}

struct group_spec {
  std::string_view code, label;
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> rows; // label + variants
  std::vector<std::string_view> codes;
};

inline table_def applications_table(bool template2021) {
  table_def t;
  t.code = "applications";
  t.title = "三、收到和处理政府信息公开申请情况";
  t.corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
  t.header_labels = {"申请人情况"};
  const auto cols = applicant_columns();
  auto add = [&](std::string_view code, std::string_view label, std::string_view group,
                 std::vector<std::string_view> variants, bool result, bool local = false) {
    t.rows.push_back(row_def{code, label, group, "", std::move(variants), cols, local, result});
  };
  constexpr std::string_view results = "三、本年度办理结果";
  add("new_received", "一、本年新收政府信息公开申请数量", "", {}, false);
  add("carried_over", "二、上年结转政府信息公开申请数量", "", {}, false);
  add("granted", "（一）予以公开", results, {}, true);
  add("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", results,
      {"（二）部分公开"}, true);

  const std::vector<group_spec> groups = {
      {"withheld",
       "（三）不予公开",
       {{"1.属于国家秘密", {}},
        {"2.其他法律行政法规禁止公开", {"2.其他法律行政止公开"}},
        {"3.危及“三安全一稳定”", {"3.危及\"三安全一稳定\"", "3.危及三安全一稳定"}},
        {"4.保护第三方合法权益", {}},
        {"5.属于三类内部事务信息", {}},
        {"6.属于四类过程性信息", {}},
        {"7.属于行政执法案卷", {}},
        {"8.属于行政查询事项", {}}},
       {"withheld.state_secret", "withheld.prohibited_by_law", "withheld.security_and_stability",
        "withheld.third_party_rights", "withheld.internal_affairs",
        "withheld.process_information", "withheld.enforcement_files",
        "withheld.administrative_query"}},
      {"unavailable",
       "（四）无法提供",
       {{"1.本机关不掌握相关政府信息", {}},
        {"2.没有现成信息需要另行制作", {}},
        {"3.补正后申请内容仍不明确", {}}},
       {"unavailable.not_held", "unavailable.needs_creation",
        "unavailable.unclear_after_correction"}},
      {"not_processed",
       "（五）不予处理",
       {{"1.信访举报投诉类申请", {}},
        {"2.重复申请", {}},
        {"3.要求提供公开出版物", {}},
        {"4.无正当理由大量反复申请", {}},
        {"5.要求行政机关确认或重新出具已获取信息", {}}},
       {"not_processed.petition_or_complaint", "not_processed.duplicate",
        "not_processed.publication", "not_processed.excessive", "not_processed.confirmation"}},
  };
  std::vector<group_spec> all = groups;
  if (template2021)
    all.push_back(
        {"other",
         "（六）其他处理",
         {{"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
           {"1.申请人无正当理由逾期不补正"}},
          {"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
           {"2.申请人逾期未按收费通知要求缴纳费用"}},
          {"3.其他", {}}},
         {"other.overdue_correction", "other.overdue_fee", "other.other"}});

  std::vector<std::string_view> result_rows = {"granted", "partially_granted"};
  std::vector<row_equation> subtotals;
  // Subtotal codes must outlive the catalog: they are string literals below.
  static constexpr std::string_view subtotal_codes[] = {"withheld.subtotal", "unavailable.subtotal",
                                                        "not_processed.subtotal", "other.subtotal"};
  for (const auto& g : all) {
    for (std::size_t i = 0; i < g.rows.size(); ++i) {
      add(g.codes[i], g.rows[i].first, g.label, g.rows[i].second, true);
      result_rows.push_back(g.codes[i]);
    }
    std::string_view sub;
    for (auto s : subtotal_codes)
      if (s.substr(0, s.find('.')) == g.code) sub = s;
    add(sub, "小计", g.label, {"合计"}, false, true);
    subtotals.push_back({"applications.results_total", {sub}, g.codes});
  }
  if (!template2021) {
    add("other", "（六）其他处理", results, {}, true);
    result_rows.push_back("other");
  }
  add("total_processed", "（七）总计", results, {}, false);
  add("carried_forward", "四、结转下年度继续办理", "", {}, false);

  t.row_equations.push_back({"applications.balance",
                             {"new_received", "carried_over"},
                             {"total_processed", "carried_forward"}});
  t.row_equations.push_back({"applications.results_total", {"total_processed"}, result_rows});
  for (auto& e : subtotals) t.row_equations.push_back(std::move(e));
  t.column_equations = applicant_column_equations();
  return t;
}

inline table_def reviews_table_def() {
  table_def t;
  t.code = "reviews";
  t.title = "四、政府信息公开行政复议、行政诉讼情况";
  const std::vector<column_def> cols = {
      {"upheld", "结果维持", "", {}},      {"corrected", "结果纠正", "", {}},
      {"other", "其他结果", "", {}},       {"pending", "尚未审结", "", {}},
      {"total", "总计", "", {"合计"}},
  };
  t.rows = {
      row_def{"administrative_review", "行政复议", "", "", {}, cols},
      row_def{"litigation_direct", "未经复议直接起诉", "行政诉讼", "", {}, cols},
      row_def{"litigation_after_review", "复议后起诉", "行政诉讼", "", {}, cols},
  };
  t.column_equations = {
      {"reviews.block_total", "total", {"upheld", "corrected", "other", "pending"}}};
  return t;
}

inline table_def proactive_2021_table() {
  const std::vector<column_def> docs = {
      {"issued", "本年制发件数", "", {}},
      {"repealed", "本年废止件数", "", {}},
      {"in_force", "现行有效件数", "", {}},
  };
  const std::vector<column_def> decisions = {
      {"decisions", "本年处理决定数量", "", {"处理决定数量"}}};
  const std::vector<column_def> fee = {
      {"amount",
       "本年收费金额（单位：万元）",
       "",
       {"本年收费金额（单位：万元，保留4位小数）", "本年收费金额"},
       value_kind::amount,
       false,
       4}};
  table_def t;
  t.code = "proactive";
  t.title = "二、主动公开政府信息情况";
  t.header_labels = {"信息内容"};
  t.rows = {
      row_def{"regulations", "规章", "", "第二十条第（一）项", {}, docs},
      row_def{"normative_documents", "行政规范性文件", "", "第二十条第（一）项", {"规范性文件"},
              docs},
      row_def{"licensing", "行政许可", "", "第二十条第（五）项", {}, decisions},
      row_def{"penalties", "行政处罚", "", "第二十条第（六）项", {}, decisions},
      row_def{"coercion", "行政强制", "", "第二十条第（六）项", {}, decisions},
      row_def{"fees", "行政事业性收费", "", "第二十条第（八）项", {}, fee},
  };
  return t;
}

inline table_def proactive_2019_table() {
  const std::vector<column_def> docs = {
      {"produced", "本年新制作数量", "", {}},
      {"published", "本年新公开数量", "", {}},
      {"total_published", "对外公开总数量", "", {}},
  };
  const std::vector<column_def> matters = {
      {"items_last_year", "上一年项目数量", "", {}},
      {"items_change", "本年增/减", "", {"本年增减"}, value_kind::signed_count},
      {"decisions", "处理决定数量", "", {"本年处理决定数量"}},
  };
  const std::vector<column_def> fees = {matters[0], matters[1]};
  const std::vector<column_def> procurement = {
      {"items", "采购项目数量", "", {}},
      {"amount", "采购总金额", "", {}, value_kind::amount},
  };
  table_def t;
  t.code = "proactive";
  t.title = "二、主动公开政府信息情况";
  t.header_labels = {"信息内容"};
  t.rows = {
      row_def{"regulations", "规章", "", "（一）", {}, docs},
      row_def{"normative_documents", "规范性文件", "", "（一）", {"行政规范性文件"}, docs},
      row_def{"licensing", "行政许可", "", "（五）", {}, matters},
      row_def{"other_services", "其他对外管理服务事项", "", "（五）", {}, matters},
      row_def{"penalties", "行政处罚", "", "（六）", {}, matters},
      row_def{"coercion", "行政强制", "", "（六）", {}, matters},
      row_def{"fees", "行政事业性收费", "", "（八）", {}, fees},
      row_def{"procurement", "政府集中采购", "", "（九）", {}, procurement},
  };
  return t;
}

inline std::vector<section_def> sections() {
  return {
      {"overview", "一、总体情况", {}},
      {"proactive", "二、主动公开政府信息情况", {}},
      {"applications", "三、收到和处理政府信息公开申请情况", {}},
      {"reviews",
       "四、政府信息公开行政复议、行政诉讼情况",
       {"四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "四、政府信息公开行政复议和行政诉讼情况"}},
      {"problems",
       "五、存在的主要问题及改进情况",
       {"五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及改进措施",
        "五、主要问题及改进情况"}},
      {"other_matters", "六、其他需要报告的事项", {}},
  };
}

inline template_def make_template(template_id id) {
  const bool t2021 = id == template_id::t2021;
  template_def t{id,
                 template_code(id),
                 t2021 ? "国办公开办函〔2021〕30号" : "国办公开办函〔2019〕60号",
                 sections(),
                 {}};
  t.tables.push_back(t2021 ? proactive_2021_table() : proactive_2019_table());
  t.tables.push_back(applications_table(t2021));
  t.tables.push_back(reviews_table_def());
  return t;
}

} // namespace detail

inline const template_def& catalog(template_id id) {
  static const template_def t2019 = detail::make_template(template_id::t2019);
  static const template_def t2021 = detail::make_template(template_id::t2021);
  return id == template_id::t2019 ? t2019 : t2021;
}

} // namespace govdisclose
