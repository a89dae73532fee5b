// Generates a 500-resource network template (VPC, subnets, route tables,
// routes, security groups, endpoints; Refs, GetAtts, Subs, DependsOn) and
// prints the median time of validate_template over N runs, plus the cold
// first run that pays for lazily parsing the schemas it touches.
#include "cfn/schema/template_loader.hpp"
#include "cfn/schema/validate.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using aip::cfn::SchemaDb;
using nlohmann::json;

namespace {

json make_template(int resources) {
  json r = json::object();
  r["Vpc"] = {{"Type", "AWS::EC2::VPC"},
              {"Properties", {{"CidrBlock", "10.0.0.0/16"}, {"EnableDnsSupport", true}, {"EnableDnsHostnames", "true"},
                              {"Tags", {{{"Key", "Name"}, {"Value", {{"Fn::Sub", "${AWS::StackName}-vpc"}}}}}}}}};
  int n = 1;
  for (int i = 0; n + 5 <= resources; ++i) {
    const std::string s = std::to_string(i);
    r["Subnet" + s] = {{"Type", "AWS::EC2::Subnet"},
                       {"Properties", {{"VpcId", {{"Ref", "Vpc"}}},
                                       {"CidrBlock", {{"Fn::Select", {i % 256, {{"Fn::Cidr", {{{"Fn::GetAtt", {"Vpc", "CidrBlock"}}}, 256, 8}}}}}}},
                                       {"AvailabilityZone", {{"Fn::Select", {i % 3, {{"Fn::GetAZs", ""}}}}}},
                                       {"Tags", {{{"Key", "Name"}, {"Value", "subnet-" + s}}}}}}};
    r["Rt" + s] = {{"Type", "AWS::EC2::RouteTable"}, {"Properties", {{"VpcId", {{"Ref", "Vpc"}}}}}};
    r["Assoc" + s] = {{"Type", "AWS::EC2::SubnetRouteTableAssociation"},
                      {"Properties", {{"SubnetId", {{"Ref", "Subnet" + s}}}, {"RouteTableId", {{"Ref", "Rt" + s}}}}}};
    r["Sg" + s] = {{"Type", "AWS::EC2::SecurityGroup"},
                   {"DependsOn", "Rt" + s},
                   {"Properties", {{"GroupDescription", {{"Fn::Sub", "sg ${Subnet" + s + ".AvailabilityZone} in ${Vpc}"}}},
                                   {"VpcId", {{"Ref", "Vpc"}}},
                                   {"SecurityGroupIngress", {{{"IpProtocol", "tcp"}, {"FromPort", 443}, {"ToPort", "443"},
                                                              {"CidrIp", {{"Fn::GetAtt", "Vpc.CidrBlock"}}}}}}}}};
    r["Ep" + s] = {{"Type", "AWS::EC2::VPCEndpoint"},
                   {"Properties", {{"VpcId", {{"Ref", "Vpc"}}},
                                   {"ServiceName", {{"Fn::Sub", "com.amazonaws.${AWS::Region}.ssm"}}},
                                   {"VpcEndpointType", "Interface"},
                                   {"SubnetIds", {{{"Ref", "Subnet" + s}}}},
                                   {"SecurityGroupIds", {{{"Fn::GetAtt", {"Sg" + s, "GroupId"}}}}}}}};
    n += 5;
  }
  for (int i = 0; n < resources; ++i, ++n) {
    r["Queue" + std::to_string(i)] = {{"Type", "AWS::SQS::Queue"}, {"Properties", {{"DelaySeconds", "5"}}}};
  }
  json outputs = json::object();
  outputs["VpcId"] = {{"Value", {{"Ref", "Vpc"}}}, {"Export", {{"Name", {{"Fn::Sub", "${AWS::StackName}-VpcId"}}}}}};
  return {{"AWSTemplateFormatVersion", "2010-09-09"}, {"Resources", r}, {"Outputs", outputs}};
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  const json tmpl = make_template(500);
  const std::string text = tmpl.dump(2);

  // Opening the db indexes 1,828 embedded entries without parsing them.
  auto start = std::chrono::steady_clock::now();
  const SchemaDb& db = SchemaDb::builtin();
  const double open_ms = ms_since(start);

  start = std::chrono::steady_clock::now();
  const auto cold = aip::cfn::validate_template(tmpl, db);
  const double cold_ms = ms_since(start);

  std::vector<double> validate_ms, load_ms;
  for (int i = 0; i < iterations; ++i) {
    start = std::chrono::steady_clock::now();
    const auto findings = aip::cfn::validate_template(tmpl, db);
    validate_ms.push_back(ms_since(start));
    if (findings.size() != cold.size()) return 1;
    start = std::chrono::steady_clock::now();
    const auto loaded = aip::cfn::load_template(text);
    load_ms.push_back(ms_since(start));
  }
  std::sort(validate_ms.begin(), validate_ms.end());
  std::sort(load_ms.begin(), load_ms.end());
  std::printf("template: %zu resources, %zu bytes, %zu findings\n", tmpl["Resources"].size(), text.size(), cold.size());
  // The generated template is valid; any finding here is a validator bug.
  for (const auto& f : cold) std::printf("  finding: %s: %s\n", aip::cfn::format_finding_path("Bench", f).c_str(), f.message.c_str());
  std::printf("SchemaDb::builtin() first call: %.3f ms (%zu types, %s)\n", open_ms, db.type_names().size(),
              db.source_version().c_str());
  std::printf("first validation (parses the schemas it uses): %.2f ms\n", cold_ms);
  std::printf("median validate_template over %d runs: %.2f ms\n", iterations, validate_ms[validate_ms.size() / 2]);
  std::printf("median load_template (JSON text) over %d runs: %.2f ms\n", iterations, load_ms[load_ms.size() / 2]);
  return 0;
}
