// AIP-EXP-001: security group ingress from anywhere to SSH, RDP or database ports.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

const std::vector<std::pair<int, const char*>>& sensitive_ports() {
  static const std::vector<std::pair<int, const char*>> ports{
      {22, "SSH"},         {3389, "RDP"},          {3306, "MySQL"},   {5432, "PostgreSQL"},
      {1433, "SQL Server"}, {1521, "Oracle"},      {27017, "MongoDB"}, {6379, "Redis"}};
  return ports;
}

namespace exp_sg_admin_ports {

void check(Context& ctx) {
  for (const SgRule& r : ingress_rules(ctx)) {
    if (!r.open_to_world()) continue;
    auto range = port_range(*r.rule);
    if (!range) continue;
    std::string hit;
    for (const auto& [port, name] : sensitive_ports()) {
      if (range->covers(port)) hit += fmt::format("{}{} {}", hit.empty() ? "" : ", ", name, port);
    }
    if (hit.empty()) continue;
    ctx.report(r.owner, r.path,
               fmt::format("security group {} allows {} from {} ({}): administrative and database ports must never "
                           "be open to the internet",
                           r.owner.display(), range->str(), r.source(), hit));
  }
}

}  // namespace exp_sg_admin_ports

const Rule& rule_exp_sg_admin_ports() {
  static const Rule rule{
      {"AIP-EXP-001", "SSH, RDP or database port open to the internet", Severity::error,
       {"exposure", "network", "pci-dss", "nist-800-53", "soc2", "iso27001", "hipaa"},
       "Ingress from 0.0.0.0/0 or ::/0 to SSH (22), RDP (3389) or database ports (3306, 5432, 1433, 1521, 27017, "
       "6379) exposes the service to the whole internet, where these ports are scanned within minutes and "
       "brute-forced continuously. PCI DSS 1.3 and NIST SC-7 forbid it; it is the most common cause of "
       "compromised instances and leaked databases.",
       "Restrict the source to a security group (`from: sg:api`), the VPC (`from: vpc`) or a known corporate "
       "range. Use Session Manager instead of SSH/RDP, and reach databases through the application or a bastion."},
      &exp_sg_admin_ports::check};
  return rule;
}

}  // namespace aip::lint
