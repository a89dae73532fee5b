// Every rule, one per file in this directory. A rule file keeps its helpers in
// a namespace named after the file (not an anonymous one): unity builds compile
// several rule files as one. Add a rule: write rules/<name>.cpp, declare it
// here, list it in registry.cpp and lib/lint/CMakeLists.txt.
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "lint/lint.hpp"

namespace aip::lint {

const Rule& rule_enc_bucket_encryption();
const Rule& rule_enc_bucket_tls_only();
const Rule& rule_enc_database_storage();
const Rule& rule_enc_sns_topic();
const Rule& rule_enc_sqs_queue();
const Rule& rule_enc_aoss_aws_owned_key();
const Rule& rule_exp_aoss_public_network();
const Rule& rule_exp_aoss_broad_data_access();
const Rule& rule_enc_customer_managed_key();
const Rule& rule_log_retention_one_year();
const Rule& rule_res_bucket_versioning();
const Rule& rule_net_zone_adjacency();
const Rule& rule_exp_alb_without_waf();
const Rule& rule_exp_api_method_without_auth();
const Rule& rule_exp_api_without_waf();
const Rule& rule_exp_bucket_public_access();
const Rule& rule_exp_public_database();
const Rule& rule_exp_public_resource_policy();
const Rule& rule_exp_sg_admin_ports();
const Rule& rule_exp_sg_open_egress();
const Rule& rule_exp_sg_open_ingress();
const Rule& rule_iam_admin_managed_policy();
const Rule& rule_iam_for_all_values();
const Rule& rule_iam_github_oidc();
const Rule& rule_iam_not_action();
const Rule& rule_iam_pass_role();
const Rule& rule_iam_privilege_escalation();
const Rule& rule_iam_restriction_granted();
const Rule& rule_iam_trust_any_principal();
const Rule& rule_iam_trust_whole_account();
const Rule& rule_iam_unknown_action();
const Rule& rule_iam_wildcard_action();
const Rule& rule_iam_wildcard_resource();
const Rule& rule_lint_bad_suppression();
const Rule& rule_lint_stale_suppression();
const Rule& rule_log_alb_access_logs();
const Rule& rule_log_api_access_logs();
const Rule& rule_log_bucket_access_logs();
const Rule& rule_log_group_retention();
const Rule& rule_net_docker_bridge();
const Rule& rule_net_on_prem_overlap();
const Rule& rule_net_subnet_capacity();
const Rule& rule_net_subnet_outside_vpc();
const Rule& rule_net_subnet_overlap();
const Rule& rule_net_vpc_overlap();
const Rule& rule_res_database_deletion_protection();

// AIP-LINT-002 runs after suppressions are applied: the engine records which
// suppressions covered a finding and calls this when the rule is selected.
struct SuppressionUse {
  std::set<std::size_t> spec;  // indexes into Spec::lint_suppressions
  std::set<std::tuple<const Template*, std::string, std::size_t>> resource;  // template, logical id, index
};
void report_stale_suppressions(Context& ctx, const std::vector<const Rule*>& selected, const SuppressionUse& use);

// Shared between rules.
bool is_full_wildcard(const std::string& action);  // "*" or "service:*" (iam_wildcard_action.cpp)
const std::vector<std::pair<int, const char*>>& sensitive_ports();  // SSH, RDP, databases (exp_sg_admin_ports.cpp)

}  // namespace aip::lint
