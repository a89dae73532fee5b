// AIP-IAM-016: an identity policy that allows actions returning credentials
// (access keys, passwords, session tokens, authorization tokens) without
// resource constraints (cloudsplaining credentials exposure; checkov CKV_AWS_107).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "iam/action_catalog.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_credentials_exposure {

// cloudsplaining's ACTIONS_THAT_RETURN_CREDENTIALS (shared/constants.py at
// 5012eab1), lower case, without ecr:getauthorizationtoken, which checkov
// excludes: every image pull needs it and it cannot be scoped.
bool returns_credentials(const std::string& action) {
  static const std::set<std::string> kActions = {
      "airflow:createclitoken",
      "airflow:createweblogintoken",
      "appsync:createapikey",
      "chime:createapikey",
      "cloud9:createenvironmenttoken",
      "codeartifact:getauthorizationtoken",
      "codepipeline:pollforjobs",
      "cognito-identity:getopenidtoken",
      "cognito-identity:getopenidtokenfordeveloperidentity",
      "cognito-identity:getcredentialsforidentity",
      "cognito-idp:getsigningcertificate",
      "connect:getfederationtoken",
      "connect:getfederationtokens",
      "ec2:getpassworddata",
      "ecr-public:getauthorizationtoken",
      "emr-containers:getmanagedendpointsessioncredentials",
      "finspace-api:getprogrammaticaccesscredentials",
      "gamelift:requestuploadcredentials",
      "gamelift:getinstanceaccess",
      "gamelift:getcomputeaccess",
      "gamelift:getcomputeauthtoken",
      "grafana:createworkspaceapikey",
      "iam:createaccesskey",
      "iam:createloginprofile",
      "iam:createservicespecificcredential",
      "iam:resetservicespecificcredential",
      "iam:updateaccesskey",
      "license-manager:getaccesstoken",
      "lightsail:getinstanceaccessdetails",
      "lightsail:downloaddefaultkeypair",
      "lightsail:createbucketaccesskey",
      "lightsail:getrelationaldatabasemasteruserpassword",
      "mediapackage:rotatechannelcredentials",
      "mediapackage:rotateingestendpointcredentials",
      "rds-db:connect",
      "redshift:getclustercredentials",
      "redshift:getclustercredentialswithiam",
      "redshift-serverless:getcredentials",
      "sso:getrolecredentials",
      "sts:assumerole",
      "sts:assumerolewithsaml",
      "sts:assumerolewithwebidentity",
      "sts:getfederationtoken",
      "sts:getsessiontoken",
  };
  return kActions.count(lower(action)) != 0;
}

void check(Context& ctx) {
  const iam::ActionCatalog& catalog = iam::ActionCatalog::embedded();
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::identity) continue;
    for (std::size_t i = 0; i < d.policy.statements.size(); ++i) {
      const iam::Statement& s = d.policy.statements[i];
      if (s.effect != iam::Effect::Allow || !s.action) continue;
      const bool any = resource_is_any(s);
      std::vector<std::string> found;
      for (const std::string& pattern : *s.action) {
        if (pattern == "*") continue;  // AIP-IAM-001
        std::vector<std::string> actions = catalog.expand(pattern);
        if (actions.empty() && pattern.find('*') == std::string::npos) actions.push_back(pattern);
        for (const std::string& a : actions) {
          if (!returns_credentials(a)) continue;
          // Without resource constraints: Resource "*", or an action that takes no resource at all.
          if (!any && catalog.supports_resource_level(a)) continue;
          if (std::find(found.begin(), found.end(), a) == found.end()) found.push_back(a);
        }
      }
      if (found.empty()) continue;
      std::string list;
      for (std::size_t k = 0; k < found.size() && k < 3; ++k) list += fmt::format("{}{}", k ? ", " : "", found[k]);
      if (found.size() > 3) list += fmt::format(" and {} more", found.size() - 3);
      Path path = d.statement_path(i);
      path.push_back(any ? "Resource" : "Action");
      ctx.report(d.owner, path,
                 fmt::format("policy of {} allows {} without resource constraints: {} out credentials (sessions, "
                             "keys, passwords or tokens) of identities the principal is not",
                             d.owner.display(), list, found.size() == 1 ? "it hands" : "they hand"));
    }
  }
}

}  // namespace iam_credentials_exposure

const Rule& rule_iam_credentials_exposure() {
  static const Rule rule{
      {"AIP-IAM-016", "Actions that return credentials allowed without resource constraints", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Some actions hand out credentials: sts:AssumeRole returns a role's session, iam:CreateAccessKey a user's "
       "keys, rds-db:connect and redshift:GetClusterCredentials database logins, iam:CreateLoginProfile a console "
       "password. Allowed on Resource \"*\" (or, for those that take no resource, at all), the principal can "
       "become any role that trusts the account, or mint keys for any user, and everything those identities "
       "may do becomes its own (cloudsplaining's credentials exposure list; checkov CKV_AWS_107, which leaves out "
       "ecr:GetAuthorizationToken, as aip does).",
       "Name the roles, users, databases or clusters by ARN (arn:aws:iam::ACCOUNT:role/deployer, "
       "arn:aws:rds-db:REGION:ACCOUNT:dbuser:RESOURCE-ID/app); aip's `iam:` and `databases:` areas grant these "
       "actions only on the resources a spec names."},
      &iam_credentials_exposure::check};
  return rule;
}

}  // namespace aip::lint
