#include "base/arn.hpp"

namespace aip::aws {

std::string arn(std::string_view partition, std::string_view service, std::string_view region,
                std::string_view account, std::string_view resource) {
  std::string out = "arn:";
  for (std::string_view part : {partition, service, region, account}) {
    out += part;
    out += ':';
  }
  out += resource;
  return out;
}

std::string account_root_arn(std::string_view partition, std::string_view account) {
  return arn(partition, "iam", "", account, "root");
}

}  // namespace aip::aws
