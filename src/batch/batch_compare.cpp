// Comparisons across the reports of a batch: each report with last year's and next year's of
// its agency, and each summary with its members (the manifest's member_of), as the outcomes are
// handed over; what a batch keeps of a report for that is small.
#include <govdisclose/batch.hpp>
#include <govdisclose/compare.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/reflect.hpp>

#include "batch/batch_detail.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace govdisclose::detail {
namespace {

// Who a report is, for grouping: the normalised agency and the year.
using report_key = std::pair<std::string, int>;

// A kept cell: what the comparisons read (state, value, position), not the raw text.
struct kept_cell {
  decimal value;
  source_span span;
  cell_state state = cell_state::absent;
};

// What a batch keeps of a report to compare it with others: who it is and the cells the
// comparisons read, in walk order (all of them for a roll-up's summary and members). Small:
// some 1 KiB for a report of the series, as many reports as the batch has.
struct kept_report {
  report_key key;
  std::size_t index = 0; // input index
  std::string file;
  std::string agency; // as the manifest or the meta writes it
  bool readable = false;
  bool full = false;
  bool delivered = false;
  template_id template_ = template_id::t2021;
  std::vector<kept_cell> cells;
};

kept_report keep(const batch_item& item, const report_key& key, const std::string& agency,
                 bool full) {
  kept_report k;
  k.key = key;
  k.index = item.index;
  k.file = item.path;
  k.agency = agency;
  k.readable = item.status != batch_status::unreadable;
  k.full = full;
  if (!k.readable) return k;
  k.template_ = item.value.template_;
  k.cells.reserve(full ? 256 : 24);
  for_each_cell(item.value, [&](std::string_view p, const cell& c) {
    if (full || compared_across_years(p)) k.cells.push_back({c.value, c.span, c.state});
  });
  k.cells.shrink_to_fit();
  return k;
}

// The report back from what was kept: the cells kept (without their raw text), others absent;
// named by its file, which is what the comparisons' messages call it.
report restore(const kept_report& k) {
  report r = make_report(k.template_);
  r.meta.source = k.file;
  std::size_t i = 0;
  for_each_cell(r, [&](std::string_view p, cell& c) {
    if ((k.full || compared_across_years(p)) && i < k.cells.size()) {
      const kept_cell& kc = k.cells[i++];
      c.state = kc.state;
      c.value = kc.value;
      c.span = kc.span;
    }
  });
  return r;
}

// The report of an outcome, named by its file while a comparison reads it.
class named_as_file {
public:
  explicit named_as_file(batch_item& item)
      : r_(item.value), saved_(std::exchange(item.value.meta.source, item.path)) {}
  ~named_as_file() { r_.meta.source = std::move(saved_); }
  named_as_file(const named_as_file&) = delete;
  named_as_file& operator=(const named_as_file&) = delete;

private:
  report& r_;
  std::string saved_;
};

class comparer final : public batch_comparer {
public:
  comparer(const std::vector<batch_input>& inputs, const batch_options& o)
      : inputs_(inputs), options_(o) {
    if (!o.manifest) return;
    for (const manifest_entry& e : o.manifest->entries)
      by_file_.emplace(e.file, &e);
    for (const manifest_entry& e : o.manifest->entries) {
      if (e.member_of.empty()) continue;
      const report_key summary{normalize_agency(e.member_of), e.year};
      const report_key member = key_of(e);
      members_[summary].push_back(member);
      summary_of_[member] = summary;
    }
  }

  // The inputs to read before the run: those a report earlier in the input is compared with
  // (manifest entries), and with `derive`, every input the manifest does not list.
  std::vector<std::size_t> read_ahead() const override {
    std::vector<bool> ahead(inputs_.size(), false);
    std::map<report_key, std::size_t> index;
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
      const manifest_entry* e = entry_of(i);
      if (e) index.emplace(key_of(*e), i);
      else if (options_.derive) ahead[i] = true;
    }
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
      const manifest_entry* e = entry_of(i);
      if (!e) continue;
      std::vector<report_key> needs{{normalize_agency(e->agency), e->year - 1}};
      if (const auto m = members_.find(key_of(*e)); m != members_.end() && options_.compare)
        needs.insert(needs.end(), m->second.begin(), m->second.end());
      for (const report_key& k : needs)
        if (const auto j = index.find(k); j != index.end() && j->second > i) ahead[j->second] = true;
    }
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < ahead.size(); ++i)
      if (ahead[i]) out.push_back(i);
    return out;
  }

  // An outcome read ahead of the run: keep what the comparisons need.
  void remember(const batch_item& item) override {
    const auto who = identify(item);
    if (!who) return;
    known_.try_emplace(who->first, keep(item, who->first, who->second, full(who->first)));
  }

  // An outcome is about to be handed over: compare it with the reports known so far, and
  // derive its figures.
  void process(batch_item& item) override {
    const auto who = identify(item);
    const bool readable = item.status != batch_status::unreadable;
    if (!who) {
      if (options_.derive && readable) item.derived = derive(item.value);
      return;
    }
    const report_key& key = who->first;
    auto [it, fresh] = known_.try_emplace(key);
    if (fresh) it->second = keep(item, key, who->second, full(key));
    const bool first = it->second.index == item.index; // else a second report of the year
    const report_key last{key.first, key.second - 1};
    const kept_report* prev = find(last);
    if (options_.derive && readable)
      item.derived = prev && prev->readable ? derive(item.value, restore(*prev)) : derive(item.value);
    if (!first || !options_.compare) return;
    it->second.delivered = true;

    // This year against last year, and (when it came first) next year against this year.
    if (prev && !series_done_.count(key)) series(*prev, it->second, item, true);
    const report_key next{key.first, key.second + 1};
    if (const kept_report* n = find(next); n && n->delivered && !series_done_.count(next))
      series(it->second, *n, item, false);
    // Roll-ups this report is the summary or a member of.
    if (members_.count(key)) rollup(key, item);
    if (const auto s = summary_of_.find(key); s != summary_of_.end()) {
      const kept_report* summary = find(s->second);
      if (summary && summary->delivered) rollup(s->second, item);
    }
  }

  std::vector<batch_comparison> take() override { return std::move(comparisons_); }

private:
  static report_key key_of(const manifest_entry& e) {
    return {normalize_agency(e.agency), e.year};
  }

  const manifest_entry* entry_of(std::size_t index) const {
    const auto it = by_file_.find(inputs_[index].path);
    return it == by_file_.end() ? nullptr : it->second;
  }

  // The key and the agency as written: from the manifest, else from the report's meta.
  std::optional<std::pair<report_key, std::string>> identify(const batch_item& item) const {
    if (item.index < inputs_.size())
      if (const manifest_entry* e = entry_of(item.index)) return {{key_of(*e), e->agency}};
    if (item.status == batch_status::unreadable || !item.value.meta.year) return std::nullopt;
    std::string agency = normalize_agency(item.value.meta.agency);
    if (agency.empty()) return std::nullopt;
    return {{{std::move(agency), *item.value.meta.year}, item.value.meta.agency}};
  }

  bool full(const report_key& k) const { return members_.count(k) || summary_of_.count(k); }

  const kept_report* find(const report_key& k) const {
    const auto it = known_.find(k);
    return it == known_.end() ? nullptr : &it->second;
  }

  // Add a comparison's findings to the outcome being handed over.
  void attach(batch_item& item, std::vector<diagnostic> found, batch_comparison c) {
    for (diagnostic& d : found) {
      if (!rule_wanted(options_.validation, d)) continue;
      // The report a finding is about: this year's (series), the summary (roll-up).
      if (d.position.file.empty())
        d.position.file = c.kind == comparison_kind::series ? c.files.back() : c.files.front();
      (d.level == severity::error ? c.errors : c.warnings)++;
      item.diagnostics.push_back(std::move(d));
    }
    count_findings(item);
    c.reported_in = item.path;
    comparisons_.push_back(std::move(c));
  }

  // `item` is this year's outcome (`item_is_this`) or last year's.
  void series(const kept_report& last, const kept_report& now, batch_item& item,
              bool item_is_this) {
    series_done_.insert(now.key);
    if (!last.readable || !now.readable) return;
    std::vector<diagnostic> found;
    {
      named_as_file name(item);
      found = item_is_this ? check_series(restore(last), item.value)
                           : check_series(item.value, restore(now));
    }
    batch_comparison c;
    c.kind = comparison_kind::series;
    c.agency = now.agency;
    c.year = now.key.second;
    c.files = {last.file, now.file};
    attach(item, std::move(found), std::move(c));
  }

  // Check a summary against its members once every one of them is known.
  void rollup(const report_key& summary_key, batch_item& item) {
    if (rollup_done_.count(summary_key)) return;
    const kept_report* summary = find(summary_key);
    if (!summary) return;
    std::vector<const kept_report*> members;
    for (const report_key& m : members_.at(summary_key)) {
      const kept_report* k = find(m);
      if (!k) return; // not read yet
      members.push_back(k);
    }
    rollup_done_.insert(summary_key);
    if (!summary->readable) return;
    batch_comparison c;
    c.kind = comparison_kind::rollup;
    c.agency = summary->agency;
    c.year = summary_key.second;
    c.files.push_back(summary->file);
    std::vector<std::string> unreadable;
    for (const kept_report* m : members) {
      c.files.push_back(m->file);
      if (!m->readable) unreadable.push_back(m->file);
    }
    std::vector<diagnostic> found;
    if (!unreadable.empty()) {
      std::string list;
      for (const auto& f : unreadable) list += (list.empty() ? "" : "、") + f;
      found.push_back(diagnostic_builder("rollup.incomplete")
                          .at(source_position{summary->file})
                          .expected(std::to_string(members.size()) + " readable members")
                          .found(std::to_string(members.size() - unreadable.size()))
                          .message("汇总报告“" + summary->file + "”的成员报告 " + list +
                                   " 无法读取，未核对汇总。")
                          .message_en("summary \"" + summary->file + "\" not checked: member(s) " +
                                      list + " could not be read."));
    } else {
      std::vector<report> reports;
      reports.reserve(members.size());
      for (const kept_report* m : members)
        reports.push_back(m->index == item.index ? report(item.value) : restore(*m));
      for (std::size_t i = 0; i < members.size(); ++i) reports[i].meta.source = members[i]->file;
      if (summary->index == item.index) {
        named_as_file name(item);
        found = check_rollup(item.value, reports);
      } else {
        found = check_rollup(restore(*summary), reports);
      }
    }
    attach(item, std::move(found), std::move(c));
  }

  const std::vector<batch_input>& inputs_;
  const batch_options& options_;
  std::unordered_map<std::string, const manifest_entry*> by_file_;
  std::map<report_key, std::vector<report_key>> members_; // summary → members
  std::map<report_key, report_key> summary_of_;           // member → summary
  std::map<report_key, kept_report> known_;
  std::set<report_key> series_done_; // this years whose pair was compared
  std::set<report_key> rollup_done_; // summaries checked
  std::vector<batch_comparison> comparisons_;
};

} // namespace

std::unique_ptr<batch_comparer> make_comparer(const std::vector<batch_input>& inputs,
                                              const batch_options& o) {
  return std::make_unique<comparer>(inputs, o);
}

} // namespace govdisclose::detail
