#include "cfn/tagging.hpp"

#include <array>
#include <utility>

namespace aip::cfn {

TagStyle tag_style(std::string_view type) {
  // Types aip emits. Types not listed take no tags (associations, routes,
  // attachments, rules), which is also the safe answer for unknown types.
  static constexpr std::array<std::pair<std::string_view, TagStyle>, 12> kStyles = {{
      {"AWS::EC2::EIP", TagStyle::list},
      {"AWS::EC2::FlowLog", TagStyle::list},
      {"AWS::EC2::InternetGateway", TagStyle::list},
      {"AWS::EC2::NatGateway", TagStyle::list},
      {"AWS::EC2::RouteTable", TagStyle::list},
      {"AWS::EC2::SecurityGroup", TagStyle::list},
      {"AWS::EC2::Subnet", TagStyle::list},
      {"AWS::EC2::VPC", TagStyle::list},
      {"AWS::EC2::VPCEndpoint", TagStyle::list},
      {"AWS::IAM::Role", TagStyle::list},
      {"AWS::KMS::Key", TagStyle::list},
      {"AWS::Logs::LogGroup", TagStyle::list},
  }};
  for (const auto& [name, style] : kStyles) {
    if (name == type) return style;
  }
  return TagStyle::none;
}

nlohmann::json tags_property(const std::map<std::string, std::string>& tags, TagStyle style) {
  if (style == TagStyle::map) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : tags) out[k] = v;
    return out;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [k, v] : tags) out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

}  // namespace aip::cfn
