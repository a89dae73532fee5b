// for_each_index (base/parallel.hpp): every index exactly once, whichever
// thread takes it, and a failure comes back to the caller.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "base/parallel.hpp"

using aip::for_each_index;

TEST_CASE("for_each_index calls every index exactly once") {
  for (std::size_t count : {0u, 1u, 2u, 3u, 1000u}) {
    std::vector<std::atomic<int>> calls(count);
    for_each_index(count, [&](std::size_t i) { ++calls[i]; });
    for (std::size_t i = 0; i < count; ++i) REQUIRE(calls[i] == 1);
  }
}

TEST_CASE("for_each_index with one thread runs the indexes in order on the caller") {
  std::vector<std::size_t> order;
  for_each_index(5, [&](std::size_t i) { order.push_back(i); }, 1);
  REQUIRE(order == std::vector<std::size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("for_each_index rethrows a failure once every thread has stopped") {
  std::atomic<int> running{0};
  REQUIRE_THROWS_AS(for_each_index(100,
                                   [&](std::size_t i) {
                                     ++running;
                                     if (i == 7) {
                                       --running;
                                       throw std::runtime_error("seven");
                                     }
                                     --running;
                                   }),
                    std::runtime_error);
  REQUIRE(running == 0);
}
