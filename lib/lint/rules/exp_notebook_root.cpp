// AIP-EXP-014: a SageMaker notebook instance whose users have root access
// (checkov CKV_AWS_307; AWS's own SageMaker security best practices).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_notebook_root {

void check(Context& ctx) {
  for (const ResourceRef& n : ctx.resources("AWS::SageMaker::NotebookInstance")) {
    const Json* root = member(n.properties(), "RootAccess");
    if (root != nullptr && *root == "Disabled") continue;
    ctx.report(n, root != nullptr ? Path{"Properties", "RootAccess"} : Path{},
               fmt::format("notebook instance {} gives its users root access ({}): they can change the instance's "
                           "software, its lifecycle configuration's effects and its network settings",
                           n.display(), root != nullptr ? "RootAccess: Enabled" : "the default"));
  }
}

}  // namespace exp_notebook_root

const Rule& rule_exp_notebook_root() {
  static const Rule rule{
      {"AIP-EXP-014", "SageMaker notebook with root access", Severity::warning,
       {"exposure", "nist-800-53", "soc2", "iso27001"},
       "Users of a notebook instance are root unless RootAccess is Disabled. Root can undo what the lifecycle "
       "configuration set up (an idle shutdown, proxies, monitoring agents), install anything and read every "
       "file on the instance (NIST AC-6, least privilege). Lifecycle configurations still run as root.",
       "Set RootAccess: Disabled and install what users need in the lifecycle configuration (aip: every notebook "
       "does)."},
      &exp_notebook_root::check};
  return rule;
}

}  // namespace aip::lint
