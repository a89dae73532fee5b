// AIP-EXP-012: a security group rule's CIDR has host bits set (1.0.0.0/0 is the whole internet).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_sg_cidr_host_bits {

void check_rules(Context& ctx, const std::vector<SgRule>& rules, const char* direction) {
  for (const SgRule& r : rules) {
    for (const char* key : {"CidrIp", "CidrIpv6"}) {
      const Json* v = member(*r.rule, key);
      if (v == nullptr || !v->is_string()) continue;
      auto c = read_cidr(v->get<std::string>());
      if (!c || !c->host_bits) continue;
      Path path = r.path;
      if (path.empty()) path = {"Properties"};
      path.push_back(key);
      ctx.report(r.owner, path,
                 fmt::format("{} rule of {} has {} {}, which has host bits set: the range is {}{}; write it as {}",
                             direction, r.owner.display(), key, v->get<std::string>(), c->prefix.str(),
                             c->prefix.length() == 0 ? ", the whole internet" : "", c->prefix.str()));
    }
  }
}

void check(Context& ctx) {
  check_rules(ctx, ingress_rules(ctx), "ingress");
  check_rules(ctx, egress_rules(ctx), "egress");
}

}  // namespace exp_sg_cidr_host_bits

const Rule& rule_exp_sg_cidr_host_bits() {
  static const Rule rule{
      {"AIP-EXP-012", "Security group CIDR with host bits set", Severity::warning,
       {"exposure", "network", "nist-800-53", "pci-dss"},
       "A CIDR such as 1.0.0.0/0 or 10.0.0.5/16 has bits set below its prefix length. The range it stands for is "
       "the prefix with those bits cleared, so 1.0.0.0/0 and ff::/0 open the rule to the whole internet while "
       "reading like a single network; the text is malformed and misleads every reviewer. aip's exposure rules "
       "(AIP-EXP-001, -002, -003) read it as the range it stands for.",
       "Write the network address of the range: 0.0.0.0/0 if the whole internet is meant (and then reconsider), "
       "otherwise the address with the host bits cleared, or a /32 (/128) for one host."},
      &exp_sg_cidr_host_bits::check};
  return rule;
}

}  // namespace aip::lint
