// Batch checking: walking folders, and reading + validating on worker threads with a bounded
// number of reports alive at once.
#include <govdisclose/batch.hpp>
#include <govdisclose/diagnostic_builder.hpp>

#include "batch/batch_detail.hpp"

#include <libxml/parser.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
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

std::vector<std::string> rules_of(const std::vector<diagnostic>& ds) {
  std::vector<std::string> rules;
  for (const diagnostic& d : ds)
    if (std::find(rules.begin(), rules.end(), d.rule) == rules.end()) rules.push_back(d.rule);
  return rules;
}

void count_findings(batch_item& item) {
  item.errors = count(item.diagnostics, severity::error);
  item.warnings = count(item.diagnostics, severity::warning);
  if (item.status != batch_status::unreadable)
    item.status = item.errors > 0 ? batch_status::fail : batch_status::pass;
}

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
  for (const diagnostic& d : item.diagnostics) {
    auto [it, inserted] = rules.try_emplace(d.rule);
    if (inserted) it->second.level = d.level;
    ++it->second.findings;
  }
  for (const std::string& rule : detail::rules_of(item.diagnostics)) ++rules[rule].reports;
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
  detail::count_findings(item);
  return item;
}


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
  void deliver(const batch_callback& on_item, batch_summary& summary, batch_comparer* cmp) {
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
  std::unique_ptr<detail::batch_comparer> cmp;
  if (o.compare || o.derive) {
    cmp = detail::make_comparer(inputs, o);
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
