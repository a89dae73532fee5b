// Whether to print colour: only to a terminal, and never when NO_COLOR is set.
#pragma once

#include <cstdio>
#include <cstdlib>

#include <unistd.h>

namespace aip::cli {

inline bool use_color(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(fileno(stream)) != 0;
}

}  // namespace aip::cli
