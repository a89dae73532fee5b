// Shell completions from the command model: commands, options, and the
// choices of options that have them; files for every other argument.
#pragma once

#include <string>

#include "command_model.hpp"

namespace aip::cli {

std::string bash_completion(const CommandModel& root);
std::string zsh_completion(const CommandModel& root);
std::string fish_completion(const CommandModel& root);

}  // namespace aip::cli
