#include "spec/regions.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"

namespace aip::spec {

const std::vector<std::string>& known_regions() {
  static const std::vector<std::string> regions = {
      "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
      "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",   "ca-west-1",      "cn-north-1",
      "cn-northwest-1", "eu-central-1",   "eu-central-2",   "eu-north-1",     "eu-south-1",     "eu-south-2",
      "eu-west-1",      "eu-west-2",      "eu-west-3",      "il-central-1",   "me-central-1",   "me-south-1",
      "mx-central-1",   "sa-east-1",      "us-east-1",      "us-east-2",      "us-gov-east-1",  "us-gov-west-1",
      "us-west-1",      "us-west-2"};
  return regions;
}

std::optional<std::string> read_region(const YamlNode& n, Diagnostics& diags) {
  auto s = read_string(n, "region", diags);
  if (!s) return std::nullopt;
  static const Pattern shape("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]");
  const auto& regions = known_regions();
  if (std::find(regions.begin(), regions.end(), *s) != regions.end()) return s;
  std::string suggestion = closest_match(*s, regions);
  if (!shape.matches(*s) || !suggestion.empty()) {
    diags.error(n.location, fmt::format("'{}' is not an AWS region{}", *s, did_you_mean(*s, regions)));
    return std::nullopt;
  }
  return s;
}

}  // namespace aip::spec
