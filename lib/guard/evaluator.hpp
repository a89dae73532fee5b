// Evaluates a parsed Guard rule file over one document (a CloudFormation
// template as JSON): a status per rule and, for each failure, the resource,
// the property path Guard points at and the custom message. Plain results,
// not lint findings: lint turns them into findings at the spec line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/source.hpp"
#include "guard/ast.hpp"

namespace aip::guard {

enum class Status { pass, fail, skip };
const char* status_name(Status s);  // "PASS", "FAIL", "SKIP"

struct Failure {
  std::string resource;   // logical id when the value is under Resources/<id>; else empty
  std::string path;       // JSON pointer of the value that failed, e.g. /Resources/B/Properties/Status
  std::string property;   // the same inside the resource, e.g. /Properties/Status (empty: the resource itself)
  std::string missing;    // when a query did not resolve: the part that was not there ("VersioningConfiguration.Status")
  std::string message;    // the clause's << custom message >>, else empty
  std::string clause;     // the failing clause as written
  Location location;      // of that clause in the rule file
};

struct RuleResult {
  std::string name;
  Status status = Status::skip;
  std::vector<Failure> failures;  // when status is fail (suppressed resources left out)
  Location location;              // of `rule NAME`
};

struct EvalOptions {
  // Resources whose Metadata.guard.SuppressedRules lists a rule are not
  // reported for it; a rule whose every failure is suppressed is SKIP.
  bool honour_suppressed_rules = true;
  // What now() returns, in seconds since the epoch; the clock when unset.
  std::optional<std::int64_t> now;
};

// One result per rule, in file order. The rule file is only read.
std::vector<RuleResult> evaluate(const RuleFile& rules, const nlohmann::json& document, const EvalOptions& options = {});

}  // namespace aip::guard
