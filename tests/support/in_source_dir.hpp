// In-process checks of what a command does, run from the source directory as
// run_aip runs the binary, so paths (and the messages that quote them) are
// relative, as a user types them. CTest runs each test case in its own
// process, so changing the directory affects no other test.
#pragma once

#include <filesystem>

namespace aip::test {

class InSourceDir {
 public:
  InSourceDir() : previous_(std::filesystem::current_path()) { std::filesystem::current_path(AIP_SOURCE_DIR); }
  ~InSourceDir() { std::filesystem::current_path(previous_); }
  InSourceDir(const InSourceDir&) = delete;
  InSourceDir& operator=(const InSourceDir&) = delete;

 private:
  std::filesystem::path previous_;
};

}  // namespace aip::test
