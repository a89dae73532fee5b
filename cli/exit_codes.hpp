// Exit codes, the same for every command (documented in the README).
#pragma once

namespace aip::cli {

inline constexpr int kExitOk = 0;        // success; no findings at or above --fail-on
inline constexpr int kExitFindings = 1;  // lint or validation findings
inline constexpr int kExitInput = 2;     // bad spec, bad arguments, output refused
inline constexpr int kExitInternal = 3;  // aip produced something invalid: a bug in aip

}  // namespace aip::cli
