// What a command keeps to the end of the process instead of freeing: the CLI
// exits right after printing, and freeing large trees one node at a time costs
// more than some commands' work (4 % of a synth, more than a large diff's IAM
// analysis). The values stay reachable from a static that is never destroyed,
// so LeakSanitizer does not report them.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace aip::cli {

template <typename T>
T& kept_until_exit(T&& value) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  auto held = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
  kept->push_back(held);
  return *held;
}

}  // namespace aip::cli
