// Narrative text for generated reports: phrasings of real reports (the seed report, the 2024
// Shanghai 市科委 report, the old 平潭 reports), filled with the report's own table values.
#include <govdisclose/catalog.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/narrative.hpp>
#include <govdisclose/reflect.hpp>

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govdisclose {

namespace detail {
namespace {

template <std::size_t N>
std::string_view pick(random_source& rng, const std::array<std::string_view, N>& xs) {
  return xs[static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(N)))];
}

// The counts of a report's cells by path (blank, marker and text as 0), looked up by path.
class table_values {
public:
  explicit table_values(const report& r) {
    for_each_cell(r, [&](std::string_view path, const cell& c) {
      values_.emplace(std::string(path), c.is_number() ? c.value.whole_part() : 0);
    });
  }
  std::int64_t operator()(std::string_view path) const {
    const auto it = values_.find(path);
    return it == values_.end() ? 0 : it->second;
  }

private:
  std::map<std::string, std::int64_t, std::less<>> values_;
};

std::int64_t group_total(const report& r, const table_values& count_at, std::string_view group) {
  std::int64_t sum = 0;
  const table_def* t = catalog(r.template_).table("applications");
  for (const auto& row : t->rows) {
    const std::string_view c = row.code;
    if (row.local) continue;
    if (c == group ||
        (c.size() > group.size() && c.substr(0, group.size()) == group && c[group.size()] == '.'))
      sum += count_at("applications." + std::string(c) + ".total");
  }
  return sum;
}

// A count as a reader would see it: usually Arabic, sometimes spaced as in PDF text, sometimes
// full-width, sometimes in Chinese numerals.
std::string num(random_source& rng, std::int64_t v) {
  const auto roll = rng.below(100);
  if (roll < 12) return chinese_numeral(v);
  if (roll < 14 && v == 2) return "两";
  if (roll < 20) return " " + std::to_string(v) + " ";
  if (roll < 23) {
    std::string out;
    for (char c : std::to_string(v))
      append_utf8(out, static_cast<char32_t>(0xFF10 + (c - '0')));
    return out;
  }
  return std::to_string(v);
}

// Split a total into n ≥ 1 parts that add up to it.
std::vector<std::int64_t> split(random_source& rng, std::int64_t total, std::size_t n) {
  std::vector<std::int64_t> parts(n, 0);
  std::int64_t rest = total;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    parts[i] = rng.below(rest + 1);
    rest -= parts[i];
  }
  parts[n - 1] = rest;
  return parts;
}

constexpr std::array<std::string_view, 9> info_kinds = {"工作动态", "区县动态",     "通知公告",
                                                        "人事信息", "财政资金信息", "计划总结",
                                                        "图片新闻", "机构职能",     "重点领域信息"};

std::string list_of(random_source& rng, const std::vector<std::string_view>& names,
                    const std::vector<std::int64_t>& values, std::string_view unit) {
  const std::string_view sep = rng.chance(0.5) ? "、" : "，";
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += sep;
    out += names[i];
    out += num(rng, values[i]);
    out += unit;
  }
  return out;
}

std::string overview(const table_values& count_at, random_source& rng, int year,
                     const std::string& agency) {
  const std::string y = std::to_string(year);
  std::string s;
  const std::array<std::string_view, 3> intro = {
      "认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，扎实推进政务公开各项工作。",
      "严格按照《中华人民共和国政府信息公开条例》要求，积极拓展公开内容，创新公开形式，完善公开制度"
      "，强化公开监督，取得较好成效。",
      "坚持以公开为常态、不公开为例外，持续深化政务公开，不断提升政务服务水平。"};
  s += y + "年，" + agency + std::string(pick(rng, intro));
  if (rng.chance(0.6)) {
    const std::array<std::string_view, 3> period = {
        "本报告所列数据的统计期限自{Y}年1月1日起至{Y}年12月31日止。",
        "本年度报告中所列数据的统计周期为{Y}年1月1日至12月31日。",
        "统计期限为{Y}年1月1日至12月31日。"};
    std::string p(pick(rng, period));
    for (std::size_t at; (at = p.find("{Y}")) != std::string::npos;)
      p.replace(at, 3, y);
    s += p;
  }
  s += "\n\n（一）主动公开情况。坚持“公开为常态、不公开为例外”的原则。" + y + "年，通过" +
       (rng.chance(0.5) ? "门户网站" : "局网站") + "主动公开各类信息";
  // A total with its parts, sometimes with a nested list.
  const std::size_t n = 2 + static_cast<std::size_t>(rng.below(3));
  const std::int64_t total = rng.below(400) + static_cast<std::int64_t>(n);
  std::vector<std::int64_t> parts = split(rng, total, n);
  std::vector<std::string_view> names;
  std::vector<std::size_t> order(info_kinds.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  for (std::size_t i = 0; i < n; ++i) {
    const auto k =
        i + static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(order.size() - i)));
    std::swap(order[i], order[k]);
    names.push_back(info_kinds[order[i]]);
  }
  s += num(rng, total) + "条，其中";
  if (rng.chance(0.3)) {
    // 通知公告x条（其中公示公告a条、会议通知b条）
    const std::string_view sep = rng.chance(0.5) ? "、" : "，";
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) s += sep;
      s += names[i];
      s += num(rng, parts[i]) + "条";
      if (i == 0) {
        const auto sub = split(rng, parts[i], 2);
        s += "（其中公示公告" + num(rng, sub[0]) + "条、会议通知" + num(rng, sub[1]) + "条）";
      }
    }
  } else {
    s += list_of(rng, names, parts, "条");
  }
  s += "。";

  const std::int64_t fresh = count_at("applications.new_received.total");
  const std::int64_t over = count_at("applications.carried_over.total");
  const std::int64_t processed = count_at("applications.total_processed.total");
  const std::int64_t review = count_at("reviews.administrative_review.total");
  const std::int64_t lit = count_at("reviews.litigation_direct.total") +
                           count_at("reviews.litigation_after_review.total");
  if (rng.chance(0.7)) {
    s += "\n\n（二）依申请公开情况。" + y + "年，";
    const std::array<std::int64_t, 3> said = {fresh, fresh + over, processed};
    const std::int64_t applications = said[static_cast<std::size_t>(rng.below(3))];
    if (fresh == 0 && over == 0 && rng.chance(0.5))
      s += "未收到政府信息公开申请";
    else
      s += "办理依申请公开" + num(rng, applications) + "件";
    if (review == 0)
      s += "，未发生政府信息公开行政复议。";
    else
      s += "，行政复议" + num(rng, review) + "件，均按时办结。";
    s += lit == 0 ? "本年度无行政诉讼。" : "行政诉讼" + num(rng, lit) + "件。";
  }
  s += "\n\n（三）政府信息管理情况。高度重视信息公开保密审查工作，严格落实信息管理员制度，全年没有"
       "发生任何泄密事件。";
  s += "\n\n（四）政府信息公开平台建设情况。持续做好网站建设和管理，发挥门户网站的信息公开主渠道作"
       "用，指定专人负责维护。";
  s += "\n\n（五）监督保障情况。形成了主要领导亲自抓、分管领导具体抓、办公室综合协调的工作机制。";
  return s;
}

std::string proactive(const report& r, const table_values& count_at, random_source& rng, int year) {
  const std::string y = std::to_string(year);
  std::string s;
  if (r.template_ == template_id::t2021) {
    const auto ri = count_at("proactive.regulations.issued"),
               rr = count_at("proactive.regulations.repealed"),
               rf = count_at("proactive.regulations.in_force");
    const auto ni = count_at("proactive.normative_documents.issued"),
               nr = count_at("proactive.normative_documents.repealed"),
               nf = count_at("proactive.normative_documents.in_force");
    switch (rng.below(3)) {
    case 0:
      s += y + "年，制发规章" + num(rng, ri) + "件，废止规章" + num(rng, rr) + "件，现行有效规章" +
           num(rng, rf) + "件；制发行政规范性文件" + num(rng, ni) + "件，废止行政规范性文件" +
           num(rng, nr) + "件，现行有效行政规范性文件" + num(rng, nf) + "件。";
      break;
    case 1:
      s += "本年度印发行政规范性文件" + num(rng, ni) + "件，截至年底现行有效的行政规范性文件" +
           num(rng, nf) + "件。";
      break;
    default: s += "行政许可、行政处罚、行政强制等信息均按要求在门户网站公开。"; break;
    }
  } else {
    const auto np = count_at("proactive.normative_documents.produced"),
               npub = count_at("proactive.normative_documents.published");
    if (rng.chance(0.6))
      s += "本年新制作规范性文件" + num(rng, np) + "件，新公开规范性文件" + num(rng, npub) + "件。";
    else
      s += "行政许可、行政处罚等信息均按要求在门户网站公开。";
  }
  if (rng.chance(0.5)) s += "全年更新政务公开专栏信息" + num(rng, rng.below(200)) + "条。";
  return s;
}

std::string applications(const report& r, const table_values& count_at, random_source& rng,
                         int year) {
  const std::string y = std::to_string(year);
  const std::int64_t fresh = count_at("applications.new_received.total");
  const std::int64_t over = count_at("applications.carried_over.total");
  const std::int64_t processed = count_at("applications.total_processed.total");
  const std::int64_t forward = count_at("applications.carried_forward.total");
  const std::int64_t g = count_at("applications.granted.total");
  const std::int64_t pg = count_at("applications.partially_granted.total");
  const std::int64_t w = group_total(r, count_at, "withheld"),
                     u = group_total(r, count_at, "unavailable"),
                     np = group_total(r, count_at, "not_processed"),
                     o = group_total(r, count_at, "other");
  std::string s;
  if (fresh == 0 && over == 0 && rng.chance(0.5)) return "本年度未收到政府信息公开申请。";
  switch (rng.below(4)) {
  case 0: // 上海市科委 2024
    s += "全年收到政府信息公开申请" + num(rng, fresh) + "件，上年结转政府信息公开申请" +
         num(rng, over) + "件，所有申请均已按要求办理。所有办结的信息公开申请中同意公开答复" +
         num(rng, g) + "件，部分公开答复" + num(rng, pg) + "件，不予公开答复" + num(rng, w) +
         "件，无法提供的" + num(rng, u) + "件，不予处理" + num(rng, np) + "件，其他处理" +
         num(rng, o) + "件，转下一年度办理答复的有" + num(rng, forward) + "件。";
    break;
  case 1: {
    s += "本年度新收政府信息公开申请" + num(rng, fresh) + "件，上年结转" + num(rng, over) +
         "件，共计" + num(rng, fresh + over) + "件。办结" + num(rng, processed) +
         "件，其中予以公开" + num(rng, g) + "件，部分公开" + num(rng, pg) + "件，不予公开" +
         num(rng, w) + "件";
    // The nonzero reasons for withholding, as a nested list.
    std::vector<std::pair<std::string, std::int64_t>> reasons;
    const table_def* t = catalog(r.template_).table("applications");
    for (const auto& row : t->rows) {
      const std::string_view c = row.code;
      if (row.local || c.substr(0, 9) != "withheld.") continue;
      const auto v = count_at("applications." + std::string(c) + ".total");
      std::string label(row.label);
      label = label.substr(label.find('.') + 1);
      if (v > 0) reasons.push_back({label, v});
    }
    if (reasons.size() >= 2) {
      s += "（其中";
      for (std::size_t i = 0; i < reasons.size(); ++i)
        s += (i ? "、" : "") + reasons[i].first + num(rng, reasons[i].second) + "件";
      s += "）";
    }
    s += "，无法提供" + num(rng, u) + "件，不予处理" + num(rng, np) + "件，其他处理" + num(rng, o) +
         "件。结转下年度继续办理" + num(rng, forward) + "件。";
    break;
  }
  case 2:
    s += y + "年，共受理政府信息公开申请" + num(rng, fresh) + "件，办结政府信息公开申请" +
         num(rng, processed) + "件，结转下年度" + num(rng, forward) + "件。";
    break;
  default: {
    const std::int64_t person = count_at("applications.new_received.natural_person");
    s += "本年度共收到政府信息公开申请" + num(rng, fresh) + "件，其中自然人申请" +
         num(rng, person) + "件、法人或其他组织申请" + num(rng, fresh - person) +
         "件。上年结转政府信息公开申请" + num(rng, over) + "件。";
    break;
  }
  }
  return s;
}

std::string reviews(const report& r, const table_values& count_at, random_source& rng, int year,
                    const std::string& agency) {
  const std::int64_t review = count_at("reviews.administrative_review.total");
  const std::int64_t direct = count_at("reviews.litigation_direct.total");
  const std::int64_t after = count_at("reviews.litigation_after_review.total");
  if (review == 0 && direct + after == 0) {
    switch (rng.below(3)) {
    case 0: return "本年度未发生政府信息公开行政复议和行政诉讼案件。";
    case 1: return "本年度无行政复议、行政诉讼。";
    default:
      return std::to_string(year) + "年，" + agency +
             "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。";
    }
  }
  std::string s;
  if (review == 0) {
    s += "本年度未发生政府信息公开行政复议。";
  } else {
    s += "本年度因政府信息公开工作被申请行政复议" + num(rng, review) + "件";
    if (rng.chance(0.5)) {
      const review_block& b = r.reviews.administrative_review;
      auto v = [](const cell& c) { return c.is_number() ? c.value.whole_part() : 0; };
      s += "，其中结果维持" + num(rng, v(b.upheld)) + "件、结果纠正" + num(rng, v(b.corrected)) +
           "件、其他结果" + num(rng, v(b.other)) + "件、尚未审结" + num(rng, v(b.pending)) + "件";
    }
    s += "。";
  }
  if (direct + after == 0) {
    s += "本年度无行政诉讼。";
  } else {
    s += "被提起行政诉讼" + num(rng, direct + after) + "件";
    if (rng.chance(0.5))
      s +=
          "（其中未经复议直接起诉" + num(rng, direct) + "件、复议后起诉" + num(rng, after) + "件）";
    s += "。";
  }
  return s;
}

std::string problems(random_source& rng) {
  const std::array<std::string_view, 5> items = {
      "政务信息公开内容不够丰富，信息公开的种类不够多样化。",
      "政策解读数量有待提升，形式不够丰富。",
      "对政务公开工作重视程度还需提高，主动公开的内容、质量和时效需进一步加强。",
      "公开平台建设还需加强，栏目设置有待优化。", "工作人员业务水平有待提高。"};
  std::string s =
      "（一）" + std::string(pick(rng, items)) + "（二）" + std::string(pick(rng, items));
  s += "\n\n下一步，将进一步加强学习和培训，建立健全工作机制，丰富信息公开内容，提高信息公开的全面"
       "性和多样性。";
  return s;
}

std::string other_matters(const report& r, random_source& rng, int year,
                          const std::string& agency) {
  const std::string y = std::to_string(year);
  std::string s;
  if (rng.chance(0.5))
    s += "（一）" + y + "年，" + agency + "发布政策解读" + num(rng, rng.below(30)) +
         "篇，发起民意调查" + num(rng, rng.below(5)) + "次，较好完成年度任务。\n\n";
  if (r.template_ == template_id::t2021) {
    const std::array<std::string_view, 4> fee = {
        "本年度未收取信息处理费。", "{Y}年度{A}未产生、收取信息处理费。",
        "本年度信息公开处理费收费情况：{Y}年，未发生政府信息公开收费事项。",
        "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。"};
    std::string f(pick(rng, fee));
    for (std::size_t at; (at = f.find("{Y}")) != std::string::npos;)
      f.replace(at, 3, y);
    for (std::size_t at; (at = f.find("{A}")) != std::string::npos;)
      f.replace(at, 3, agency);
    s += f;
  } else {
    s += "无其他需要报告的事项。";
  }
  return s;
}

} // namespace
} // namespace detail

narrative_text generate_narrative(const report& r, random_source& rng) {
  const int year = r.meta.year.value_or(2022);
  const std::string agency = r.meta.agency.empty() ? "本机关" : r.meta.agency;
  const detail::table_values values(r);
  narrative_text n;
  n.overview = detail::overview(values, rng, year, agency);
  n.proactive = detail::proactive(r, values, rng, year);
  n.applications = detail::applications(r, values, rng, year);
  n.reviews = detail::reviews(r, values, rng, year, agency);
  n.problems = detail::problems(rng);
  n.other_matters = detail::other_matters(r, rng, year, agency);
  return n;
}

report generate_report_with_narrative(std::uint64_t seed, const generate_options& o) {
  report r = generate_report(seed, o);
  random_source rng(seed ^ 0x6E61727261746976ULL); // "narrativ"
  r.narrative = generate_narrative(r, rng);
  return r;
}

} // namespace govdisclose
