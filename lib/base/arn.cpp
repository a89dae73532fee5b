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

std::string arn_part(std::string_view arn, int part) {
  std::size_t at = 0;
  for (int i = 0; i < part; ++i) {
    at = arn.find(':', at);
    if (at == std::string_view::npos) return {};
    ++at;
  }
  std::size_t end = part == 5 ? arn.size() : arn.find(':', at);
  return std::string(arn.substr(at, end == std::string_view::npos ? arn.size() - at : end - at));
}

}  // namespace aip::aws
