// AIP-EXP-039: a message broker or file transfer server reachable from the
// internet: MSK brokers with public IPs (checkov CKV_AWS_291), an Amazon MQ
// broker with PubliclyAccessible (CKV_AWS_69), a Transfer Family server with a
// public endpoint (CKV_AWS_164).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_public_broker {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::MSK::Cluster")) {
    const Json* type = member_path(c.properties(), {"BrokerNodeGroupInfo", "ConnectivityInfo", "PublicAccess", "Type"});
    if (type == nullptr || *type != "SERVICE_PROVIDED_EIPS") continue;
    ctx.report(c, {"Properties", "BrokerNodeGroupInfo", "ConnectivityInfo", "PublicAccess", "Type"},
               fmt::format("MSK cluster {} gives its brokers public IP addresses (PublicAccess "
                           "SERVICE_PROVIDED_EIPS): the brokers answer from the internet",
                           c.display()));
  }
  for (const ResourceRef& b : ctx.resources("AWS::AmazonMQ::Broker")) {
    const Json* open = member(b.properties(), "PubliclyAccessible");
    if (open != nullptr && (is_false(*open) || (!open->is_boolean() && !open->is_string()))) continue;
    ctx.report(b, open != nullptr ? Path{"Properties", "PubliclyAccessible"} : Path{},
               fmt::format("Amazon MQ broker {} is publicly accessible: its endpoints and web console resolve to "
                           "internet addresses",
                           b.display()));
  }
  for (const ResourceRef& s : ctx.resources("AWS::Transfer::Server")) {
    const Json* type = member(s.properties(), "EndpointType");
    if (type != nullptr && (!type->is_string() || *type == "VPC" || *type == "VPC_ENDPOINT")) continue;
    ctx.report(s, type != nullptr ? Path{"Properties", "EndpointType"} : Path{},
               fmt::format("Transfer Family server {} has a public endpoint (EndpointType {}): SFTP, FTPS or FTP "
                           "is open to every address, with no security group in front",
                           s.display(), type != nullptr ? type->get<std::string>() : "PUBLIC, the default"));
  }
}

}  // namespace exp_public_broker

const Rule& rule_exp_public_broker() {
  static const Rule rule{
      {"AIP-EXP-039", "Message broker or Transfer Family server reachable from the internet", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Brokers and file transfer endpoints carry an application's data in bulk. An MSK cluster with public "
       "access (SERVICE_PROVIDED_EIPS), an Amazon MQ broker with PubliclyAccessible true or a Transfer Family "
       "server with the PUBLIC endpoint type (the default when EndpointType is absent) answers on the internet, "
       "so only its own authentication stands between a password spray and the data; a Transfer Family PUBLIC "
       "endpoint takes no security group at all (checkov CKV_AWS_291, CKV_AWS_69, CKV_AWS_164).",
       "Keep MSK PublicAccess DISABLED, set PubliclyAccessible: false on the broker and reach both through the "
       "VPC (PrivateLink, a VPN, peering); give a Transfer Family server EndpointType VPC with security groups "
       "(and Elastic IPs only if partners connect from the internet, with their addresses allowed)."},
      &exp_public_broker::check};
  return rule;
}

}  // namespace aip::lint
