#include "base/aws_regions.hpp"

#include <array>
#include <utility>

namespace aip::aws {

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

std::string partition_of(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

std::string dns_suffix(std::string_view partition) {
  return partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

std::string_view elb_log_account(std::string_view region) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kAccounts = {{
      {"af-south-1", "098369216593"},     {"ap-east-1", "754344448648"},      {"ap-northeast-1", "582318560864"},
      {"ap-northeast-2", "600734575887"}, {"ap-northeast-3", "383597477331"}, {"ap-south-1", "718504428378"},
      {"ap-southeast-1", "114774131450"}, {"ap-southeast-2", "783225319266"}, {"ap-southeast-3", "589379963580"},
      {"ca-central-1", "985666609251"},   {"cn-north-1", "638102146993"},     {"cn-northwest-1", "037604701340"},
      {"eu-central-1", "054676820928"},   {"eu-north-1", "897822967062"},     {"eu-south-1", "635631232127"},
      {"eu-west-1", "156460612806"},      {"eu-west-2", "652711504416"},      {"eu-west-3", "009996457667"},
      {"me-south-1", "076674570225"},     {"sa-east-1", "507241528517"},      {"us-east-1", "127311923021"},
      {"us-east-2", "033677994240"},      {"us-gov-east-1", "190560391635"},  {"us-gov-west-1", "048591011584"},
      {"us-west-1", "027434742980"},      {"us-west-2", "797873946194"},
  }};
  for (const auto& [name, account] : kAccounts) {
    if (name == region) return account;
  }
  return {};
}

std::string_view guardduty_fargate_agent_account(std::string_view region) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 33> kAccounts = {{
      {"af-south-1", "197869348890"},     {"ap-east-1", "258348409381"},      {"ap-east-2", "259886477082"},
      {"ap-northeast-1", "533107202818"}, {"ap-northeast-2", "914738172881"}, {"ap-northeast-3", "273192626886"},
      {"ap-south-1", "251508486986"},     {"ap-south-2", "950823858135"},     {"ap-southeast-1", "174946120834"},
      {"ap-southeast-2", "005257825471"}, {"ap-southeast-3", "510637619217"}, {"ap-southeast-4", "251357961535"},
      {"ap-southeast-5", "156041399949"}, {"ap-southeast-7", "054037130133"}, {"ca-central-1", "354763396469"},
      {"ca-west-1", "339712888787"},      {"eu-central-1", "323658145986"},   {"eu-central-2", "529164026651"},
      {"eu-north-1", "591436053604"},     {"eu-south-1", "266869475730"},     {"eu-south-2", "919611009337"},
      {"eu-west-1", "694911143906"},      {"eu-west-2", "892757235363"},      {"eu-west-3", "665651866788"},
      {"il-central-1", "870907303882"},   {"me-central-1", "000014521398"},   {"me-south-1", "536382113932"},
      {"mx-central-1", "311141559934"},   {"sa-east-1", "758426053663"},      {"us-east-1", "593207742271"},
      {"us-east-2", "307168627858"},      {"us-west-1", "684579721401"},      {"us-west-2", "733349766148"},
  }};
  for (const auto& [name, account] : kAccounts) {
    if (name == region) return account;
  }
  return {};
}

}  // namespace aip::aws
