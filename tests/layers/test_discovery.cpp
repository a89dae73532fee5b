// Cloud Map service discovery (discovery:): namespaces in a VPC, services
// registered by name, and callers wired to them (variable, security groups).
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

// Line 5 on.
const char* kDiscoveryBase =
    "network:\n"
    "  vpcs:\n"
    "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
    "    other: {cidr: 10.1.0.0/16, azs: 2, tiers: {private: 24}}\n"
    "discovery:\n"
    "  namespaces:\n"
    "    internal: {vpc: main, domain: app.internal, ttl: 60}\n"
    "compute:\n"
    "  clusters:\n"
    "    apps: {vpc: main}\n"
    "  services:\n"
    "    backend: {cluster: apps, image: nginx:1.27, port: 8000, discovery: internal}\n";

}  // namespace

TEST_CASE("a registered service gets a Cloud Map service, its callers its name and the group rules") {
  auto p = plan_text(std::string(kHeader) + kDiscoveryBase +
                     "    frontend: {cluster: apps, image: nginx:1.27, port: 8501, calls: [backend]}\n");
  CHECK(p.schema_findings().empty());
  const auto& ns = *p.stack("test-dev-discovery").find("InternalNamespace");
  CHECK(ns.type == "AWS::ServiceDiscovery::PrivateDnsNamespace");
  CHECK(ns.properties["Name"] == "app.internal");
  CHECK(ns.properties["Vpc"] == Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcRef"})"));
  const auto& compute = p.stack("test-dev-compute");
  const auto& registered = *compute.find("BackendDiscoveryService");
  CHECK(registered.properties["Name"] == "backend");
  CHECK(registered.properties["NamespaceId"] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-discovery:InternalNamespaceId"})"));
  CHECK(registered.properties["DnsConfig"] ==
        Json::parse(R"({"DnsRecords": [{"Type": "A", "TTL": 60}], "RoutingPolicy": "MULTIVALUE"})"));
  CHECK(compute.find("BackendService")->properties["ServiceRegistries"] ==
        Json::parse(R"([{"RegistryArn": {"Fn::GetAtt": ["BackendDiscoveryService", "Arn"]}}])"));
  CHECK_FALSE(compute.find("FrontendService")->properties.contains("ServiceRegistries"));
  const Json& env = compute.find("FrontendTaskDefinition")->properties["ContainerDefinitions"][0]["Environment"];
  CHECK(env == Json::parse(R"([{"Name": "SERVICE_BACKEND_HOST", "Value": "backend.app.internal"}])"));
  const auto& in = *compute.find("BackendServiceSecurityGroupIngressFromFrontendServiceSecurityGroup8000");
  CHECK(in.properties["SourceSecurityGroupId"] ==
        Json::parse(R"({"Fn::GetAtt": ["FrontendServiceSecurityGroup", "GroupId"]})"));
  CHECK(compute.find("FrontendServiceSecurityGroupEgressToBackendServiceSecurityGroup8000") != nullptr);
}

TEST_CASE("discovery errors point at the spec") {
  // kDiscoveryBase ends at line 16.
  auto errors = [](const std::string& more) { return errors_of(std::string(kDiscoveryBase) + more); };
  CHECK(errors("    frontend: {cluster: apps, image: nginx:1.27, calls: [backedn]}\n") ==
        "spec.yaml:17:58: service 'frontend' calls service 'backedn', which is not defined; did you mean "
        "'backend'?\n");
  CHECK(errors("    frontend: {cluster: apps, image: nginx:1.27, discovery: internl}\n") ==
        "spec.yaml:17:61: service 'frontend' registers in namespace 'internl', which is not defined; did you mean "
        "'internal'?\n");
  CHECK(errors("    frontend: {cluster: apps, image: nginx:1.27, calls: [frontend]}\n") ==
        "spec.yaml:17:58: service 'frontend' calls itself; list the services it calls\n");
  CHECK(errors("    frontend: {cluster: apps, image: nginx:1.27, calls: [backend, backend]}\n") ==
        "spec.yaml:17:67: service 'frontend' lists 'backend' twice in 'calls'\n");
  CHECK(errors("    frontend: {cluster: apps, image: nginx:1.27}\n    web: {cluster: apps, image: nginx:1.27, calls: [frontend]}\n") ==
        "spec.yaml:18:53: service 'web' calls service 'frontend', which registers in no namespace; give it "
        "'discovery: NAMESPACE'\n");
  CHECK(errors("    worker: {cluster: apps, image: nginx:1.27, discovery: internal}\n"
               "    frontend: {cluster: apps, image: nginx:1.27, calls: [worker]}\n") ==
        "spec.yaml:18:58: service 'frontend' calls service 'worker', which has no 'port' to call\n");
  // A cluster in the other VPC (line 15), its service at line 18.
  auto other_vpc = [](const std::string& service) {
    std::string base = kDiscoveryBase;
    base.replace(base.find("    apps: {vpc: main}\n"), 22, "    apps: {vpc: main}\n    edge: {vpc: other}\n");
    return errors_of(base + service);
  };
  CHECK(other_vpc("    frontend: {cluster: edge, image: nginx:1.27, discovery: internal}\n") ==
        "spec.yaml:18:61: service 'frontend' runs in vpc 'other'; namespace 'internal' answers in vpc 'main'\n");
  CHECK(other_vpc("    frontend: {cluster: edge, image: nginx:1.27, calls: [backend]}\n") ==
        "spec.yaml:18:58: service 'frontend' (vpc 'other') cannot call service 'backend' in vpc 'main' by name\n");
  CHECK(errors("  clusters_: {}\n").find("unknown key") != std::string::npos);
  auto namespace_errors = [](const std::string& ns) {
    return errors_of(std::string("network:\n  vpcs:\n    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
                                 "discovery:\n  namespaces:\n") +
                     ns);
  };
  // Namespaces start at line 10.
  CHECK(namespace_errors("    internal: {vpc: mian, domain: app.internal}\n") ==
        "spec.yaml:10:21: namespace 'internal' refers to vpc 'mian', which is not defined; did you mean 'main'?\n");
  CHECK(namespace_errors("    internal: {vpc: main, domain: App_Internal}\n") ==
        "spec.yaml:10:35: 'domain' must be a lowercase DNS name such as app.internal, got 'App_Internal'\n");
  CHECK(namespace_errors("    internal: {vpc: main}\n") ==
        "spec.yaml:10:5: namespace 'internal' is missing required key 'domain'\n");
  CHECK(namespace_errors("    a: {vpc: main, domain: app.internal}\n    b: {vpc: main, domain: app.internal}\n") ==
        "spec.yaml:11:28: namespaces 'a' and 'b' both answer for 'app.internal' in vpc 'main'\n");
}
