// Parity with the established tools: how aip covers every cdk-nag
// AwsSolutions rule and every checkov CloudFormation check. The table is data,
// data/lint-parity.tsv (embedded at build time); docs/lint.md shows it and a
// test checks it against the rule registry.
#pragma once

#include <string>
#include <vector>

namespace aip::lint {

struct ParityRow {
  enum class Status { covered, not_applicable, gap };
  std::string tool;               // "cdk-nag" or "checkov"
  std::string id;                 // AwsSolutions-S1, CKV_AWS_18, CKV2_AWS_68
  std::string checks;             // what it checks, in its own words
  Status status = Status::gap;
  std::vector<std::string> aip;   // the aip rules that cover it (status covered)
  std::string note;               // how far aip's rules go, or why it does not apply / is not covered
  int line = 0;                   // in data/lint-parity.tsv
};

// Every row of data/lint-parity.tsv in file order. A malformed row (not five
// tab-separated fields, an unknown status) throws std::runtime_error naming
// its line: the file is part of the source and a test reads it.
const std::vector<ParityRow>& parity_table();

}  // namespace aip::lint
