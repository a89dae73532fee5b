// Whether to print colour: `--color always|never` decides; otherwise
// (`auto`, the default) only to a terminal, and never when NO_COLOR is set.
#pragma once

#include <cstdio>
#include <cstdlib>

#include <unistd.h>

namespace aip::cli {

enum class ColorMode { automatic, always, never };

// Set once, by the --color option (color_option.cpp), before a command runs.
inline ColorMode& color_mode() {
  static ColorMode mode = ColorMode::automatic;
  return mode;
}

inline bool use_color(std::FILE* stream) {
  if (color_mode() != ColorMode::automatic) return color_mode() == ColorMode::always;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(fileno(stream)) != 0;
}

}  // namespace aip::cli
