// What the batch files share (batch.cpp, batch_compare.cpp, inspection_page.cpp; the check
// command too): the comparisons across the reports of a batch, as the run drives them, and the
// counts and rules of an outcome. Not installed.
#pragma once

#include <govdisclose/batch.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace govdisclose::detail {

/// The rule ids of diagnostics, each once, in the order they first come.
std::vector<std::string> rules_of(const std::vector<diagnostic>& ds);

/// An outcome's error and warning counts from its diagnostics, and its status from them (an
/// unreadable outcome stays unreadable).
void count_findings(batch_item& item);

/// The comparisons across the reports of a batch (batch_compare.cpp): series and roll-ups
/// between the reports as they are handed over, and their derived figures.
class batch_comparer {
public:
  virtual ~batch_comparer() = default;

  /// The inputs to read before the run: those a report earlier in the input is compared with
  /// (manifest entries), and with `derive`, every input the manifest does not list.
  virtual std::vector<std::size_t> read_ahead() const = 0;
  /// An outcome read ahead of the run: keep what the comparisons need.
  virtual void remember(const batch_item& item) = 0;
  /// An outcome is about to be handed over: compare it with the reports known so far, and
  /// derive its figures.
  virtual void process(batch_item& item) = 0;
  /// The comparisons made, taken out.
  virtual std::vector<batch_comparison> take() = 0;
};

/// The comparer of a run over `inputs` with options `o` (its manifest, compare, derive); both
/// must outlive it.
std::unique_ptr<batch_comparer> make_comparer(const std::vector<batch_input>& inputs,
                                              const batch_options& o);

} // namespace govdisclose::detail
