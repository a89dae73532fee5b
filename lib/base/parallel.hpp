// for_each_index: independent pieces of one run (a stack's checks, a stack's
// files, a stack pair's diff) spread over a few cores. Each call writes only its own slot,
// so callers join results in index order and output stays deterministic.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace aip {

// Calls work(0) ... work(count - 1), each exactly once, on this thread and at
// most max_threads - 1 others (two by default: aip's target machines have two
// cores, and a third thread only adds start-up cost). Indexes are handed out
// in order as threads come free, so uneven pieces balance. An exception in
// any call stops handing out indexes and is rethrown here once every thread
// has stopped.
template <typename Work>
void for_each_index(std::size_t count, Work&& work, unsigned max_threads = 2) {
  const unsigned cores = std::max(1u, std::min(max_threads, std::thread::hardware_concurrency()));
  const std::size_t threads = std::min<std::size_t>(cores, count);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;
      }
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(run);
  run();
  for (std::thread& h : helpers) h.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace aip
