// AIP-EXP-040: an Elastic Beanstalk environment that names no VPC (cdk-nag
// AwsSolutions-EB1).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_beanstalk_vpc {

const Json* find_option(const Json* settings, std::string_view ns, std::string_view name) {
  if (settings == nullptr || !settings->is_array()) return nullptr;
  for (const Json& o : *settings) {
    const Json* n = member(o, "Namespace");
    const Json* key = member(o, "OptionName");
    if (n == nullptr || key == nullptr || !n->is_string() || !key->is_string()) continue;
    if (n->get<std::string>() == ns && key->get<std::string>() == name) {
      return member(o, "Value");
    }
  }
  return nullptr;
}

void check(Context& ctx) {
  for (const ResourceRef& env : ctx.resources("AWS::ElasticBeanstalk::Environment")) {
    if (beanstalk_option(ctx, env, "aws:ec2:vpc", "VPCId") != nullptr) continue;
    ctx.report(env, {},
               fmt::format("Elastic Beanstalk environment {} names no VPC (aws:ec2:vpc VPCId): its instances and load "
                           "balancer go to the default VPC, with public subnets and no network boundary chosen for "
                           "them",
                           env.display()));
  }
}

}  // namespace exp_beanstalk_vpc

const Json* beanstalk_option(const Context& ctx, const ResourceRef& env, std::string_view ns, std::string_view name) {
  if (const Json* v = exp_beanstalk_vpc::find_option(member(env.properties(), "OptionSettings"), ns, name)) return v;
  const Json* tpl = member(env.properties(), "TemplateName");
  if (tpl == nullptr) return nullptr;
  auto config = ctx.resolve(*env.tmpl, *tpl);
  if (!config || config->type() != "AWS::ElasticBeanstalk::ConfigurationTemplate") return nullptr;
  return exp_beanstalk_vpc::find_option(member(config->properties(), "OptionSettings"), ns, name);
}

const Rule& rule_exp_beanstalk_vpc() {
  static const Rule rule{
      {"AIP-EXP-040", "Elastic Beanstalk environment outside a chosen VPC", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "An Elastic Beanstalk environment without the aws:ec2:vpc VPCId option launches its instances and load "
       "balancer in the account's default VPC, whose subnets are all public and whose network ACLs admit "
       "everything: the instances get public addresses, and no private subnet, endpoint or flow log of the "
       "platform's own VPC applies (cdk-nag AwsSolutions-EB1).",
       "Set OptionSettings aws:ec2:vpc VPCId, Subnets (private) and ELBSubnets (public, for an internet-facing "
       "load balancer), with AssociatePublicIpAddress false."},
      &exp_beanstalk_vpc::check};
  return rule;
}

}  // namespace aip::lint
