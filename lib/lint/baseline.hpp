// Lint baselines: `aip lint --write-baseline FILE` records today's findings,
// `aip lint --baseline FILE` fails only on findings not recorded there, as a
// team adopting aip on an existing codebase needs. A finding is recognised by
// its fingerprint: rule, resource, property path and message, never its line,
// so moving a resource within its file keeps it baselined.
//
//   {"format": "aip-lint-baseline/1",
//    "findings": [{"rule": "AIP-EXP-001", "resource": "Net/AppSg",
//                  "path": "Properties.SecurityGroupIngress.0", "message": "...",
//                  "fingerprint": "9f86d081884c7d65"}]}
//
// `fingerprint` is for people and other tools (a hash of the four fields);
// matching compares the fields. The same finding twice needs two entries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "lint/lint.hpp"

namespace aip::lint {

struct BaselineEntry {
  std::string rule;
  std::string resource;
  std::string path;  // "Properties.SecurityGroupIngress.0"; "" for spec-level findings
  std::string message;
  bool operator<(const BaselineEntry& o) const;
  bool operator==(const BaselineEntry& o) const = default;
};

BaselineEntry baseline_entry(const Finding& f);
// 16 hex digits (FNV-1a, 64 bits) over the entry's fields.
std::string fingerprint(const BaselineEntry& e);

// The baseline document of the unsuppressed findings, sorted, ending in a newline.
std::string write_baseline(const std::vector<Finding>& findings);

// nullopt, with errors at the file's line:col in `diags`, when `file` is not a baseline.
std::optional<std::vector<BaselineEntry>> read_baseline(const SourceFile& file, Diagnostics& diags);

// Marks the findings the baseline records as suppressed (baselined, with the
// reason "in the baseline FILE"), each entry matching one finding. Returns how
// many it marked.
std::size_t apply_baseline(std::vector<Finding>& findings, const std::vector<BaselineEntry>& baseline,
                           const std::string& baseline_path);

}  // namespace aip::lint
