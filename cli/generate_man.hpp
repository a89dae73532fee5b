// Man pages from the command model: aip(1) and aip-COMMAND(1) for each command.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "command_model.hpp"

namespace aip::cli {

// (file name, roff source) pairs: "aip.1", "aip-synth.1", ...
std::vector<std::pair<std::string, std::string>> man_pages(const CommandModel& root, const std::string& version);

}  // namespace aip::cli
