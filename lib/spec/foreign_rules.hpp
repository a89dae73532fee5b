// aip lint rules and the rules of other tools that check the same thing, so a
// suppression written for one agrees with the other: `aip lint` honours
// cfn_nag's, checkov's, cdk-nag's and cfn-lint's suppressions of a mapped rule,
// and `aip synth` writes a spec's suppressions in their forms too. Only rules
// that check the same property of the same resource types are mapped; the
// table (foreign_rules.cpp) names the source of each id. It lives in lib/spec,
// below both lib/plan (synth writes the forms) and lib/lint (which reads them).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aip::spec {

enum class ForeignTool { cfn_nag, checkov, cdk_nag, cfn_lint };

struct ForeignRule {
  std::string_view aip;      // "AIP-LOG-003"
  ForeignTool tool;
  std::string_view id;       // "W35", "CKV_AWS_18", "AwsSolutions-S1", "W3037"
  std::string_view source;   // where the foreign id is documented
};

// The whole table, in aip rule order.
const std::vector<ForeignRule>& foreign_rules();

// The foreign ids of `tool` that an aip rule maps to (case-insensitive on the aip id).
std::vector<std::string_view> foreign_ids(std::string_view aip_rule, ForeignTool tool);

// The aip rules a foreign id of `tool` maps to.
std::vector<std::string_view> aip_rules_for(ForeignTool tool, std::string_view foreign_id);

// "cfn_nag", "checkov", "cdk_nag", "cfn-lint": the Metadata key each tool reads.
std::string_view metadata_key(ForeignTool tool);

}  // namespace aip::spec
