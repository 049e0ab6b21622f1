// A section's text compacted for matching, and the phrases found in it: what a count is about,
// the verbs, the words that make a count another one, "none" statements (docs/narrative.md).
#include "check/narrative_detail.hpp"

#include <govdisclose/text.hpp>

#include <algorithm>
#include <map>

namespace govdisclose::detail::narrative {

// ---- the text, compacted --------------------------------------------------------

ctext::ctext(std::string_view text) : src(text) {
  std::size_t index = 0;
  for (std::size_t pos = 0; pos < text.size(); ++index) {
    const std::size_t start = pos;
    char32_t c = next_code_point(text, pos);
    if (is_space(c)) continue;
    const char32_t o = c;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c == U'【' || c == U'〔' || c == U'［') c = U'(';
    if (c == U'】' || c == U'〕' || c == U'］') c = U')';
    s += c;
    orig += o;
    cp.push_back(index);
    bbeg.push_back(start);
    bend.push_back(pos);
  }
  int d = 0;
  depth.reserve(s.size());
  for (char32_t c : s) {
    depth.push_back(d);
    if (c == U'(')
      ++d;
    else if (c == U')' && d > 0)
      --d;
  }
}

bool is_clause_delim(char32_t c) noexcept {
  return c == U',' || c == U'、' || c == U'。' || c == U';' || c == U':' || c == U'!' ||
         c == U'?' || c == U'(' || c == U')' || c == U'．' || c == U'﹐';
}
bool is_sentence_delim(char32_t c) noexcept {
  return c == U'。' || c == U';' || c == U'!' || c == U'?';
}

std::size_t sentence_start(const ctext& t, std::size_t i) {
  while (i > 0 && !is_sentence_delim(t.s[i - 1]))
    --i;
  return i;
}

// ---- phrase table -----------------------------------------------------------------

namespace {

struct phrase {
  std::u32string_view text;
  kind k;
};

// Longest match wins at each position; see docs/narrative.md for the list in prose.
const std::vector<phrase>& phrases() {
  static const std::vector<phrase> table = [] {
    std::vector<phrase> p = {
        // what the count is about
        {U"政府信息公开申请", kind::volume},
        {U"信息公开申请", kind::volume},
        {U"依申请公开", kind::volume},
        {U"公开申请", kind::volume},
        {U"申请公开", kind::volume},
        {U"上年结转", kind::carried_over},
        {U"上年度结转", kind::carried_over},
        {U"上一年度结转", kind::carried_over},
        {U"上一年结转", kind::carried_over},
        {U"上年转入", kind::carried_over},
        {U"上年度转入", kind::carried_over},
        {U"上年度未办结", kind::carried_over},
        {U"上年未办结", kind::carried_over},
        {U"结转下", kind::carried_forward},
        {U"结转至下", kind::carried_forward},
        {U"结转到下", kind::carried_forward},
        {U"转下一", kind::carried_forward},
        {U"转下年", kind::carried_forward},
        {U"转入下", kind::carried_forward},
        {U"转至下", kind::carried_forward},
        {U"结转至次年", kind::carried_forward},
        {U"结转次年", kind::carried_forward},
        {U"转入次年", kind::carried_forward},
        {U"下年度继续办理", kind::carried_forward},
        {U"下一年度继续办理", kind::carried_forward},
        {U"尚未办结", kind::carried_forward},
        {U"未办结", kind::carried_forward},
        {U"予以公开", kind::granted},
        {U"同意公开", kind::granted},
        {U"全部公开", kind::granted},
        {U"部分公开", kind::partially},
        {U"部分予以公开", kind::partially},
        {U"不予公开", kind::withheld},
        {U"不予以公开", kind::withheld},
        {U"不同意公开", kind::withheld},
        {U"无法提供", kind::unavailable},
        {U"不予处理", kind::not_processed},
        {U"其他处理", kind::other_processing},
        {U"行政复议", kind::review},
        {U"行政诉讼", kind::litigation},
        {U"规章", kind::regulations},
        {U"规范性文件", kind::normative},
        // verbs
        {U"新收", kind::verb_new},
        {U"新收到", kind::verb_new},
        {U"收到", kind::verb_received},
        {U"受理", kind::verb_received},
        {U"接收", kind::verb_received},
        {U"接到", kind::verb_received},
        {U"办理", kind::verb_handled},
        {U"办结", kind::verb_handled},
        {U"答复", kind::verb_handled},
        {U"处理", kind::verb_handled},
        {U"处置", kind::verb_handled},
        {U"制发", kind::verb_issue},
        {U"印发", kind::verb_issue},
        {U"出台", kind::verb_issue},
        {U"制定", kind::verb_issue},
        {U"发布", kind::verb_issue},
        {U"新制发", kind::verb_issue},
        {U"新制作", kind::verb_issue},
        {U"制作", kind::verb_issue},
        {U"公开", kind::verb_publish},
        {U"新公开", kind::verb_publish},
        {U"废止", kind::verb_repeal},
        {U"废除", kind::verb_repeal},
        {U"宣布失效", kind::verb_repeal},
        {U"现行有效", kind::verb_in_force},
        // words that make a count something else than the table's
        {U"较上年", kind::block},
        {U"比上年", kind::block},
        {U"较去年", kind::block},
        {U"比去年", kind::block},
        {U"同比", kind::block},
        {U"环比", kind::block},
        {U"增加", kind::block},
        {U"减少", kind::block},
        {U"增长", kind::block},
        {U"下降", kind::block},
        {U"上升", kind::block},
        {U"提高", kind::block},
        {U"降低", kind::block},
        {U"累计", kind::block},
        {U"历年", kind::block},
        {U"去年", kind::block},
        {U"上年", kind::block},
        {U"上一年", kind::block},
        {U"全市", kind::block},
        {U"全区", kind::block},
        {U"全县", kind::block},
        {U"全省", kind::block},
        {U"全州", kind::block},
        {U"全盟", kind::block},
        {U"全旗", kind::block},
        {U"全国", kind::block},
        {U"各级", kind::block},
        {U"各部门", kind::block},
        {U"各单位", kind::block},
        {U"各地", kind::block},
        {U"各乡镇", kind::block},
        {U"各县", kind::block},
        {U"各街道", kind::block},
        {U"系统内", kind::block},
        {U"全系统", kind::block},
        {U"所属", kind::block},
        {U"下属", kind::block},
        {U"平均", kind::block},
        {U"分别", kind::block},
        {U"以上", kind::block},
        {U"左右", kind::block},
        {U"以内", kind::block},
        {U"以下", kind::block},
        {U"超过", kind::block},
        {U"不足", kind::block},
        {U"约", kind::block},
        {U"近", kind::block},
        {U"逾", kind::block},
        {U"规章制度", kind::block},
        {U"纠错", kind::block},
        {U"纠正", kind::block},
        {U"败诉", kind::block},
        {U"撤销", kind::block},
        {U"维持", kind::block},
        {U"审结", kind::block},
        {U"驳回", kind::block},
        {U"确认违法", kind::block},
        {U"咨询", kind::block},
        {U"投诉", kind::block},
        {U"来电", kind::block},
        {U"留言", kind::block},
        {U"热线", kind::block},
        {U"来信", kind::block},
        {U"信件", kind::block},
        {U"建议", kind::block},
        {U"提案", kind::block},
        {U"占", kind::block},
        {U"比例", kind::block},
        {U"率", kind::block},
        {U"清理", kind::block_docs},
        {U"审查", kind::block_docs},
        {U"审核", kind::block_docs},
        {U"备案", kind::block_docs},
        {U"解读", kind::block_docs},
        {U"征求", kind::block_docs},
        {U"修订", kind::block_docs},
        {U"修改", kind::block_docs},
        {U"起草", kind::block_docs},
        {U"评估", kind::block_docs},
        {U"合法性", kind::block_docs},
        {U"信息", kind::block_docs}, // 规范性文件类信息223条: items of information, not documents
        {U"依申请公开信息", kind::block},
        {U"依申请公开的信息", kind::block},
        // a unit acting for another: its share is not the report's count
        {U"代表", kind::proxy},
        // "none" statements
        {U"无", kind::negator},
        {U"未发生", kind::negator},
        {U"没有发生", kind::negator},
        {U"未产生", kind::negator},
        {U"未出现", kind::negator},
        {U"未有", kind::negator},
        {U"没有", kind::negator},
        {U"未收到", kind::negator_receive},
        {U"未接到", kind::negator_receive},
        {U"没有收到", kind::negator_receive},
        {U"未受理", kind::negator_receive},
        // words that contain the above but are something else
        {U"无法", kind::neutral},
        {U"无正当理由", kind::neutral},
        {U"无需", kind::neutral},
        {U"无须", kind::neutral},
        {U"无关", kind::neutral},
        {U"无论", kind::neutral},
        {U"无误", kind::neutral},
        {U"无缝", kind::neutral},
        {U"无纸化", kind::neutral},
        {U"无障碍", kind::neutral},
        {U"并无", kind::neutral},
    };
    std::stable_sort(p.begin(), p.end(), [](const phrase& a, const phrase& b) {
      return a.text.size() > b.text.size();
    });
    return p;
  }();
  return table;
}

} // namespace

std::vector<match> scan_phrases(const ctext& t) {
  // The phrases by first code point, longest first.
  static const std::map<char32_t, std::vector<const phrase*>> by_first = [] {
    std::map<char32_t, std::vector<const phrase*>> m;
    for (const auto& p : phrases())
      m[p.text.front()].push_back(&p);
    return m;
  }();
  std::vector<match> out;
  for (std::size_t i = 0; i < t.size();) {
    const phrase* best = nullptr;
    const auto it = by_first.find(t.s[i]);
    if (it != by_first.end()) {
      for (const phrase* p : it->second) {
        if (t.at(i, p->text)) {
          best = p;
          break; // sorted longest first
        }
      }
    }
    if (best) {
      out.push_back({i, i + best->text.size(), best->k});
      i += best->text.size();
    } else {
      ++i;
    }
  }
  return out;
}

} // namespace govdisclose::detail::narrative
