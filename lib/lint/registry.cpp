// The registry: every rule aip has, sorted by id.
#include <algorithm>

#include "lint/rules/rules.hpp"

namespace aip::lint {

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> list{
        &rule_enc_bucket_encryption(),
        &rule_enc_bucket_tls_only(),
        &rule_enc_database_storage(),
        &rule_enc_sns_topic(),
        &rule_enc_sqs_queue(),
        &rule_enc_aoss_aws_owned_key(),
        &rule_exp_aoss_public_network(),
        &rule_exp_aoss_broad_data_access(),
        &rule_enc_customer_managed_key(),
        &rule_log_retention_one_year(),
        &rule_res_bucket_versioning(),
        &rule_net_zone_adjacency(),
        &rule_exp_alb_without_waf(),
        &rule_exp_api_method_without_auth(),
        &rule_exp_api_without_waf(),
        &rule_exp_bucket_public_access(),
        &rule_exp_public_database(),
        &rule_exp_public_resource_policy(),
        &rule_exp_sg_admin_ports(),
        &rule_exp_sg_open_egress(),
        &rule_exp_sg_open_ingress(),
        &rule_iam_admin_managed_policy(),
        &rule_iam_for_all_values(),
        &rule_iam_github_oidc(),
        &rule_iam_not_action(),
        &rule_iam_pass_role(),
        &rule_iam_privilege_escalation(),
        &rule_iam_restriction_granted(),
        &rule_iam_trust_any_principal(),
        &rule_iam_trust_whole_account(),
        &rule_iam_unknown_action(),
        &rule_iam_wildcard_action(),
        &rule_iam_wildcard_resource(),
        &rule_lint_bad_suppression(),
        &rule_lint_stale_suppression(),
        &rule_log_alb_access_logs(),
        &rule_log_api_access_logs(),
        &rule_log_bucket_access_logs(),
        &rule_log_group_retention(),
        &rule_net_docker_bridge(),
        &rule_net_on_prem_overlap(),
        &rule_net_subnet_capacity(),
        &rule_net_subnet_outside_vpc(),
        &rule_net_subnet_overlap(),
        &rule_net_vpc_overlap(),
        &rule_res_database_deletion_protection(),
    };
    std::sort(list.begin(), list.end(), [](const Rule* a, const Rule* b) { return a->info.id < b->info.id; });
    return list;
  }();
  return rules;
}

}  // namespace aip::lint
