// Running the aip binary from tests, capturing its output and exit code.
#pragma once

#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace aip::test {

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout, then stderr
  std::string err;     // stderr alone
};

// Runs `aip ARGS` in the source directory (so example paths are relative) with
// NO_COLOR set; ARGS is shell syntax.
inline RunResult run_aip(const std::string& args) {
  // CTest runs test cases as parallel processes: the pid keeps their files apart.
  static int counter = 0;
  std::string err_file = std::string(AIP_TEST_TMP) + "/stderr-" + std::to_string(getpid()) + "-" +
                         std::to_string(counter++);
  std::string command = "cd '" + std::string(AIP_SOURCE_DIR) + "' && NO_COLOR=1 '" + std::string(AIP_BINARY) + "' " +
                        args + " 2>'" + err_file + "' </dev/null";
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* f = fopen(err_file.c_str(), "r")) {
    while ((n = fread(buffer.data(), 1, buffer.size(), f)) > 0) result.err.append(buffer.data(), n);
    fclose(f);
    std::remove(err_file.c_str());
  }
  result.output += result.err;
  return result;
}

}  // namespace aip::test
