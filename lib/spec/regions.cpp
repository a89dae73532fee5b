#include "spec/regions.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/aws_regions.hpp"
#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"

namespace aip::spec {

const std::vector<std::string>& known_regions() { return aws::known_regions(); }

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
