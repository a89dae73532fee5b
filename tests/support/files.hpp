// Files in tests: reading and writing whole files, and a fresh directory per
// test process.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace aip::test {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// An empty directory of its own under AIP_TEST_TMP: CTest runs test cases as
// parallel processes, so the pid keeps them apart.
inline std::filesystem::path fresh_dir(const std::string& name) {
  std::filesystem::path p = std::filesystem::path(AIP_TEST_TMP) / (name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(p);
  return p;
}

}  // namespace aip::test
