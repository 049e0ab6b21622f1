// Batch checking: walking folders, and reading + validating on worker threads with a bounded
// number of reports alive at once.
#include <govdisclose/batch.hpp>
#include <govdisclose/diagnostic_builder.hpp>
#include <govdisclose/reflect.hpp>

#include <libxml/parser.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

namespace govdisclose {
namespace detail {
namespace {

std::string error_text(const std::string& path, const std::error_code& ec) {
  return "无法访问 " + path + "：" + ec.message();
}

// Walk one folder; entries sorted by name so that runs are reproducible.
void walk_folder(const std::filesystem::path& dir, std::vector<batch_input>& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.push_back({dir.string(), error_text(dir.string(), ec)});
    return;
  }
  std::vector<fs::directory_entry> entries;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    entries.push_back(*it);
  }
  if (ec) out.push_back({dir.string(), error_text(dir.string(), ec)});
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& e : entries) {
    std::error_code sec;
    if (e.is_symlink(sec) && e.is_directory(sec)) continue; // no cycles
    if (e.is_directory(sec))
      walk_folder(e.path(), out);
    else if (e.is_regular_file(sec) && is_supported_file(e.path().filename().string()))
      out.push_back({e.path().string(), {}});
  }
}

batch_item unreadable_item(std::size_t index, const std::string& path, std::string reason) {
  batch_item item;
  item.index = index;
  item.path = path;
  item.status = batch_status::unreadable;
  item.diagnostics.push_back(diagnostic_builder("input.unreadable")
                                 .at(source_position{path})
                                 .message(reason)
                                 .message_en("cannot read " + path));
  item.errors = 1;
  item.reason = std::move(reason);
  return item;
}

} // namespace
} // namespace detail

bool is_supported_file(std::string_view name) noexcept {
  return format_from_file_name(name) != input_format::automatic;
}

std::vector<batch_input> collect_inputs(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<batch_input> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      out.push_back({p, "文件或目录不存在：" + p});
    } else if (fs::is_directory(st)) {
      detail::walk_folder(p, out);
    } else {
      out.push_back({p, {}});
    }
  }
  return out;
}

std::string_view status_name(batch_status s) noexcept {
  switch (s) {
  case batch_status::pass: return "pass";
  case batch_status::fail: return "fail";
  case batch_status::unreadable: return "unreadable";
  }
  return "unreadable";
}

std::string_view status_label_zh(batch_status s) noexcept {
  switch (s) {
  case batch_status::pass: return "通过";
  case batch_status::fail: return "不通过";
  case batch_status::unreadable: return "无法读取";
  }
  return "无法读取";
}

void batch_summary::add(const batch_item& item) {
  ++files;
  switch (item.status) {
  case batch_status::pass: ++passed; break;
  case batch_status::fail: ++failed; break;
  case batch_status::unreadable: ++unreadable; break;
  }
  errors += item.errors;
  warnings += item.warnings;
  std::vector<std::string_view> seen;
  for (const diagnostic& d : item.diagnostics) {
    auto [it, inserted] = rules.try_emplace(d.rule);
    if (inserted) it->second.level = d.level;
    ++it->second.findings;
    if (std::find(seen.begin(), seen.end(), d.rule) == seen.end()) {
      seen.push_back(d.rule);
      ++it->second.reports;
    }
  }
}

batch_item check_file(const std::string& path, const batch_options& o) {
  batch_item item;
  item.path = path;
  result<report> read = read_report_file(path, o.format);
  if (const diagnostic* bad = unreadable_cause(read)) {
    item.status = batch_status::unreadable;
    item.reason = bad->message.empty() ? bad->message_en : bad->message;
  }
  item.value = std::move(read.value);
  item.diagnostics = std::move(read.diagnostics);
  if (item.status != batch_status::unreadable && o.validate) {
    std::vector<diagnostic> found = validate(item.value, item.diagnostics, o.validation);
    item.diagnostics.insert(item.diagnostics.end(), std::make_move_iterator(found.begin()),
                            std::make_move_iterator(found.end()));
  }
  for (diagnostic& d : item.diagnostics)
    if (d.position.file.empty()) d.position.file = path;
  item.errors = count(item.diagnostics, severity::error);
  item.warnings = count(item.diagnostics, severity::warning);
  if (item.status != batch_status::unreadable)
    item.status = item.errors > 0 ? batch_status::fail : batch_status::pass;
  return item;
}


namespace detail {
namespace {

// ---- comparisons across the reports of a batch -------------------------------------------

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

class comparer {
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
  std::vector<std::size_t> read_ahead() const {
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
  void remember(const batch_item& item) {
    const auto who = identify(item);
    if (!who) return;
    known_.try_emplace(who->first, keep(item, who->first, who->second, full(who->first)));
  }

  // An outcome is about to be handed over: compare it with the reports known so far, and
  // derive its figures.
  void process(batch_item& item) {
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

  std::vector<batch_comparison> take() { return std::move(comparisons_); }

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
    item.errors = count(item.diagnostics, severity::error);
    item.warnings = count(item.diagnostics, severity::warning);
    if (item.status != batch_status::unreadable)
      item.status = item.errors > 0 ? batch_status::fail : batch_status::pass;
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
} // namespace detail

namespace detail {
namespace {

batch_item process(const batch_input& in, std::size_t index, const batch_options& o) {
  if (!in.error.empty()) return unreadable_item(index, in.path, in.error);
  try {
    batch_item item = check_file(in.path, o);
    item.index = index;
    return item;
  } catch (const std::exception& e) {
    // The readers do not throw on bad input; memory exhaustion and the like still might.
    return unreadable_item(index, in.path, std::string("读取时出现内部错误：") + e.what());
  }
}

// The shared state of a parallel run, guarded by `mutex`.
class batch_run {
public:
  batch_run(const std::vector<batch_input>& inputs, const batch_options& o, std::size_t capacity)
      : inputs_(inputs), options_(o), capacity_(capacity) {}

  void worker() {
    for (;;) {
      std::size_t index = 0;
      {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] {
          return stop_ || next_ >= inputs_.size() || next_ - delivered_ < capacity_;
        });
        if (stop_ || next_ >= inputs_.size()) return;
        index = next_++;
        peak_ = std::max(peak_, next_ - delivered_);
      }
      batch_item item = process(inputs_[index], index, options_);
      {
        std::lock_guard lock(mutex_);
        ready_.emplace(index, std::move(item));
      }
      done_.notify_one();
    }
  }

  // Hand every outcome to the callback on this thread.
  void deliver(const batch_callback& on_item, batch_summary& summary, comparer* cmp) {
    while (true) {
      batch_item item;
      {
        std::unique_lock lock(mutex_);
        if (delivered_ >= inputs_.size()) break;
        done_.wait(lock, [&] {
          return options_.ordered ? ready_.count(delivered_) != 0 : !ready_.empty();
        });
        auto it = options_.ordered ? ready_.find(delivered_) : ready_.begin();
        item = std::move(it->second);
        ready_.erase(it);
        ++delivered_;
      }
      space_.notify_all();
      if (cmp) cmp->process(item);
      summary.add(item);
      on_item(item);
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    space_.notify_all();
  }

  std::size_t peak() const noexcept { return peak_; }

private:
  const std::vector<batch_input>& inputs_;
  const batch_options& options_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable space_; // a worker may take another input
  std::condition_variable done_;  // an outcome is ready
  std::size_t next_ = 0;          // next input to take
  std::size_t delivered_ = 0;     // outcomes handed over
  std::size_t peak_ = 0;
  bool stop_ = false;
  std::map<std::size_t, batch_item> ready_; // finished, not yet handed over
};

} // namespace
} // namespace detail

batch_summary check_files(const std::vector<batch_input>& inputs, const batch_options& o,
                          const batch_callback& on_item) {
  batch_summary summary;
  // Comparisons across reports: read ahead what must be known before its turn, then compare
  // each outcome as it is handed over (on this thread).
  std::unique_ptr<detail::comparer> cmp;
  if (o.compare || o.derive) {
    cmp = std::make_unique<detail::comparer>(inputs, o);
    const std::vector<std::size_t> ahead = cmp->read_ahead();
    if (!ahead.empty()) {
      std::vector<batch_input> some;
      some.reserve(ahead.size());
      for (std::size_t i : ahead) some.push_back(inputs[i]);
      batch_options first = o;
      first.validate = false;
      first.compare = first.derive = false;
      first.ordered = true; // the first report of an agency and year is the one kept
      first.on_read_ahead = nullptr;
      std::size_t done = 0;
      check_files(some, first, [&](batch_item& item) {
        item.index = ahead[item.index];
        cmp->remember(item);
        if (o.on_read_ahead) o.on_read_ahead(++done, some.size());
      });
      summary.read_ahead = ahead.size();
    }
  }
  unsigned jobs = o.jobs != 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(inputs.size(), 1)));
  if (jobs <= 1) {
    // One worker: no threads, one report alive at a time.
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      batch_item item = detail::process(inputs[i], i, o);
      summary.peak_in_flight = 1;
      if (cmp) cmp->process(item);
      summary.add(item);
      on_item(item);
    }
    if (cmp) summary.comparisons = cmp->take();
    return summary;
  }
  // libxml2 (the HTML and DOCX readers) initialises itself lazily, which is not thread-safe.
  static const bool xml_ready = (xmlInitParser(), true);
  (void)xml_ready;
  const std::size_t capacity = o.queue_capacity != 0 ? o.queue_capacity : std::size_t{4} * jobs;
  detail::batch_run run(inputs, o, std::max(capacity, std::size_t{1}));
  std::vector<std::thread> workers;
  workers.reserve(jobs);
  std::exception_ptr failure;
  try {
    for (unsigned j = 0; j < jobs; ++j)
      workers.emplace_back([&run] { run.worker(); });
    run.deliver(on_item, summary, cmp.get());
  } catch (...) {
    failure = std::current_exception();
  }
  run.stop();
  for (auto& t : workers)
    t.join();
  if (failure) std::rethrow_exception(failure);
  summary.peak_in_flight = run.peak();
  if (cmp) summary.comparisons = cmp->take();
  return summary;
}

} // namespace govdisclose
