// SchemaDb / ResourceSchema read API over the embedded data, plus the small
// helpers it is built on (type expressions, Levenshtein).
#include "base/did_you_mean.hpp"
#include "cfn/schema/checks.hpp"
#include "cfn/schema/schema_db.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace aip::cfn;

TEST_CASE("builtin db holds every resource type of the pinned spec") {
  const auto& db = SchemaDb::builtin();
  const auto names = db.type_names();
  CHECK(names.size() == 1828);
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(db.contains("AWS::EC2::VPC"));
  CHECK_FALSE(db.contains("AWS::EC2::Vpc"));
  CHECK(db.find("AWS::EC2::Nope") == nullptr);
  CHECK(db.source_version().rfind("@aws-cdk/aws-service-spec@0.1.216", 0) == 0);
}

TEST_CASE("lookups are cached: the same pointer comes back") {
  const auto& db = SchemaDb::builtin();
  const ResourceSchema* a = db.find("AWS::SQS::Queue");
  REQUIRE(a != nullptr);
  CHECK(db.find("AWS::SQS::Queue") == a);
}

TEST_CASE("VPC schema: properties, attributes, identifiers, tagging") {
  const ResourceSchema* vpc = SchemaDb::builtin().find("AWS::EC2::VPC");
  REQUIRE(vpc != nullptr);
  CHECK(vpc->type_name == "AWS::EC2::VPC");
  REQUIRE(vpc->property("CidrBlock") != nullptr);
  CHECK(vpc->property("CidrBlock")->type.kind == TypeRef::Kind::String);
  CHECK(vpc->property("EnableDnsSupport")->type.kind == TypeRef::Kind::Boolean);
  CHECK(vpc->property("Tags")->type.to_string() == "list<tag>");
  CHECK(vpc->required_properties().empty());
  CHECK(vpc->has_attribute("CidrBlock"));
  CHECK(vpc->has_attribute("DefaultSecurityGroup"));
  CHECK_FALSE(vpc->has_attribute("Arn"));
  CHECK(vpc->primary_identifier == std::vector<std::string>{"VpcId"});
  REQUIRE(vpc->tagging);
  CHECK(vpc->tagging->property == "Tags");
  CHECK(vpc->tagging->variant == "standard");
}

TEST_CASE("replacement: createOnly and conditionalCreateOnly paths") {
  const ResourceSchema* vpc = SchemaDb::builtin().find("AWS::EC2::VPC");
  REQUIRE(vpc != nullptr);
  CHECK(vpc->replacement({"CidrBlock"}) == Replacement::Always);
  CHECK(vpc->is_create_only({"CidrBlock"}));
  CHECK(vpc->replacement({"InstanceTenancy"}) == Replacement::Conditional);
  CHECK(vpc->is_conditional_create_only({"InstanceTenancy"}));
  CHECK(vpc->replacement({"EnableDnsSupport"}) == Replacement::None);
  // Below a createOnly object, every change replaces.
  CHECK(vpc->replacement({"VpcEncryptionControl", "Mode"}) == Replacement::Always);

  // A nested createOnly path: only that field of Rule replaces.
  const ResourceSchema* rule = SchemaDb::builtin().find("AWS::ObservabilityAdmin::TelemetryRule");
  REQUIRE(rule != nullptr);
  CHECK(std::find(rule->create_only.begin(), rule->create_only.end(), "Rule/AllRegions") != rule->create_only.end());
  CHECK(rule->is_create_only({"Rule", "AllRegions"}));
  CHECK_FALSE(rule->is_create_only({"Rule", "Regions"}));
}

TEST_CASE("replacement: list elements match the * segment") {
  const auto db = SchemaDb::from_jsonl(
      R"({"type":"X::Y::Z","properties":{"Items":{"type":"list<Item>"}},"types":{"Item":{"properties":{"Id":{"type":"string"},"Note":{"type":"string"}}}},"createOnly":["Items/*/Id"]})",
      "test");
  const ResourceSchema* z = db->find("X::Y::Z");
  REQUIRE(z != nullptr);
  CHECK(z->is_create_only({"Items", "3", "Id"}));
  CHECK_FALSE(z->is_create_only({"Items", "3", "Note"}));
  CHECK_FALSE(z->is_create_only({"Items"}));
}

TEST_CASE("readOnly comes from attributes, writeOnly and insertionOrder are not in the db") {
  const ResourceSchema* db = SchemaDb::builtin().find("AWS::RDS::DBInstance");
  REQUIRE(db != nullptr);
  const auto ro = db->read_only();
  CHECK(std::find(ro.begin(), ro.end(), "Endpoint/Address") != ro.end());
  CHECK(db->is_read_only({"Endpoint", "Address"}));
  CHECK_FALSE(db->is_read_only({"DBInstanceClass"}));
  CHECK(db->has_attribute("Endpoint.Address"));
  CHECK_FALSE(db->is_write_only({"MasterUserPassword"}));
  CHECK(db->unordered_lists().empty());
}

TEST_CASE("dynamic (json/map) attributes accept sub-keys") {
  const ResourceSchema* pp = SchemaDb::builtin().find("AWS::ServiceCatalog::CloudFormationProvisionedProduct");
  REQUIRE(pp != nullptr);
  CHECK(pp->has_attribute("Outputs"));
  CHECK(pp->has_attribute("Outputs.BucketName"));
  CHECK_FALSE(pp->has_attribute("Outputz.BucketName"));
}

TEST_CASE("attribute types: strings unless the schema says otherwise") {
  const auto& db = SchemaDb::builtin();
  const ResourceSchema* vpc = db.find("AWS::EC2::VPC");
  REQUIRE(vpc != nullptr);
  REQUIRE(vpc->attribute_type("VpcId"));
  CHECK(vpc->attribute_type("VpcId")->kind == TypeRef::Kind::String);
  REQUIRE(vpc->attribute_type("Ipv6CidrBlocks"));
  CHECK(vpc->attribute_type("Ipv6CidrBlocks")->to_string() == "list<string>");
  CHECK_FALSE(vpc->attribute_type("Arn"));

  const ResourceSchema* cluster = db.find("AWS::RDS::DBCluster");
  REQUIRE(cluster != nullptr);
  CHECK(cluster->attribute_type("Endpoint")->kind == TypeRef::Kind::Named);
  CHECK(cluster->attribute_type("Endpoint.Address")->kind == TypeRef::Kind::String);
  CHECK(cluster->attribute_type("StorageThroughput")->kind == TypeRef::Kind::Integer);

  // A map attribute's keys have its element type.
  const ResourceSchema* pp = db.find("AWS::ServiceCatalog::CloudFormationProvisionedProduct");
  REQUIRE(pp != nullptr);
  CHECK(pp->attribute_type("Outputs")->to_string() == "map<string>");
  CHECK(pp->attribute_type("Outputs.BucketName")->kind == TypeRef::Kind::String);
  CHECK_FALSE(pp->attribute_type("Outputz.BucketName"));
}

TEST_CASE("resolve walks nested types, lists and maps") {
  const ResourceSchema* sg = SchemaDb::builtin().find("AWS::EC2::SecurityGroup");
  REQUIRE(sg != nullptr);
  const PropertySchema* port = sg->resolve({"SecurityGroupIngress", "0", "FromPort"});
  REQUIRE(port != nullptr);
  CHECK(port->type.kind == TypeRef::Kind::Integer);
  const PropertySchema* list = sg->resolve({"SecurityGroupIngress", "0"});
  REQUIRE(list != nullptr);
  CHECK(list->type.to_string() == "list<Ingress>");
  CHECK(sg->resolve({"SecurityGroupIngress", "0", "Nope"}) == nullptr);
  CHECK(sg->resolve({"Nope"}) == nullptr);
  REQUIRE(sg->nested_type("Ingress") != nullptr);
  CHECK(sg->nested_type("Ingress")->required() == std::vector<std::string>{"IpProtocol"});
}

TEST_CASE("enum values are kept per property") {
  const ResourceSchema* ep = SchemaDb::builtin().find("AWS::EC2::VPCEndpoint");
  REQUIRE(ep != nullptr);
  const auto& e = ep->property("VpcEndpointType")->enum_values;
  CHECK(std::find(e.begin(), e.end(), "Interface") != e.end());
  CHECK(std::is_sorted(e.begin(), e.end()));
}

TEST_CASE("from_jsonl: unsorted lines, lazy parse, version") {
  const auto db = SchemaDb::from_jsonl(
      "{\"type\":\"B::B::B\",\"properties\":{}}\n\n{\"type\":\"A::A::A\",\"properties\":{\"P\":{\"type\":\"map<integer>\",\"required\":true}}}\n",
      "v1");
  CHECK(db->type_names() == std::vector<std::string>{"A::A::A", "B::B::B"});
  CHECK(db->source_version() == "v1");
  const ResourceSchema* a = db->find("A::A::A");
  REQUIRE(a != nullptr);
  CHECK(a->required_properties() == std::vector<std::string>{"P"});
  CHECK(a->property("P")->type.to_string() == "map<integer>");
}

TEST_CASE("type expressions parse and print back") {
  for (const char* text : {"string", "timestamp", "json", "tag", "list<string>", "map<list<Foo>>",
                           "union<json|string>", "list<union<boolean|Bar>>"}) {
    CHECK(parse_type_expr(text).to_string() == text);
  }
  const TypeRef t = parse_type_expr("map<Foo>");
  CHECK(t.kind == TypeRef::Kind::Map);
  CHECK(t.args.at(0).kind == TypeRef::Kind::Named);
  CHECK(t.args.at(0).name == "Foo");
  CHECK_THROWS_AS(parse_type_expr("list<string"), std::invalid_argument);
  CHECK_THROWS_AS(parse_type_expr("list<string>>"), std::invalid_argument);
  CHECK_THROWS_AS(parse_type_expr(""), std::invalid_argument);
}

TEST_CASE("edit distance and did-you-mean for templates") {
  CHECK(aip::edit_distance("", "") == 0);
  CHECK(aip::edit_distance("kitten", "sitting") == 3);
  CHECK(aip::edit_distance("abc", "") == 3);
  CHECK(aip::edit_distance("mian", "main") == 1);  // a swap of neighbours is one edit
  CHECK(aip::edit_distance("VPC", "Vpc", false) == 2);
  CHECK(aip::closest_match("CidrBlok", {"CidrBlock", "VpcId"}) == "CidrBlock");
  CHECK(aip::closest_match("AWS::EC2::Vpc", {"AWS::EC2::VPC", "AWS::EC2::VPCEndpoint"}) == "AWS::EC2::VPC");
  CHECK(aip::closest_match("Frobnicate", {"CidrBlock", "VpcId"}).empty());
  // Case-insensitive ties go to the exact-case spelling.
  CHECK(aip::closest_match("vpcid", {"VPCId", "VpcId"}) == "VpcId");
  CHECK(aip::did_you_mean("Envv", {"Env", "Other"}, aip::Quote::double_) == "; did you mean \"Env\"?");
  CHECK(aip::did_you_mean("Envv", {"Env", "Other"}) == "; did you mean 'Env'?");
  CHECK(aip::did_you_mean("zzz", {"Env"}, aip::Quote::double_).empty());
}

TEST_CASE("registry keywords: value limits and property-set rules are read") {
  const ResourceSchema* sg = SchemaDb::builtin().find("AWS::EC2::SecurityGroup");
  REQUIRE(sg != nullptr);
  const ValueLimits& description = sg->property("GroupDescription")->limits;
  CHECK(description.pattern == R"(^([a-z,A-Z,0-9,. _\-:/()#,@[\]+=&;\{\}!$*])*$)");
  CHECK(description.max_length == 255.0);
  CHECK_FALSE(description.min_length);  // 0 is left out of the data
  const StructSchema* ingress = sg->nested_type("Ingress");
  REQUIRE(ingress != nullptr);
  CHECK(ingress->exactly_one ==
        std::vector<std::string>{"CidrIp", "CidrIpv6", "SourcePrefixListId", "SourceSecurityGroupId", "SourceSecurityGroupName"});
  REQUIRE(ingress->find("FromPort") != nullptr);
  CHECK(ingress->find("FromPort")->limits.minimum == -1.0);
  const ResourceSchema* fn = SchemaDb::builtin().find("AWS::Lambda::Function");
  REQUIRE(fn != nullptr);
  CHECK(fn->property("Architectures")->limits.max_items == 1.0);
  CHECK(fn->property("Architectures")->limits.unique_items);
  const ResourceSchema* subnet = SchemaDb::builtin().find("AWS::EC2::Subnet");
  REQUIRE(subnet != nullptr);
  CHECK(subnet->properties.excludes.at("AvailabilityZone") == std::vector<std::string>{"AvailabilityZoneId"});
  CHECK(subnet->properties.requires_also.at("Ipv4IpamPoolId") == std::vector<std::string>{"Ipv4NetmaskLength"});
}

// Schema patterns aip::Pattern cannot match as ECMAScript would are skipped;
// this keeps the number known (docs/validate-checks.md quotes it).
TEST_CASE("schema patterns: how many aip can check") {
  std::set<std::string> all, skipped;
  const auto& db = SchemaDb::builtin();
  auto visit = [&](const StructSchema& s) {
    for (const auto& [_, p] : s.properties) {
      if (p.limits.pattern.empty()) continue;
      all.insert(p.limits.pattern);
      if (!aip::cfn::detail::schema_pattern_supported(p.limits.pattern)) skipped.insert(p.limits.pattern);
    }
  };
  for (const auto& name : db.type_names()) {
    const ResourceSchema* r = db.find(name);
    visit(r->properties);
    for (const auto& [_, t] : r->types) visit(t);
  }
  INFO(all.size() << " distinct patterns, " << skipped.size() << " skipped");
  CHECK(all.size() > 2000);
  CHECK(skipped.size() * 5 < all.size());  // fewer than one in five
  CHECK(skipped.count(R"(^\p{Print}+$)") == 1);
  // Unicode property classes are matched on ASCII values as their ASCII members.
  CHECK(skipped.count(R"(^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$)") == 0);
  CHECK(skipped.count(R"(^\P{C}*$)") == 0);
  CHECK(skipped.count(R"(^[^\p{C}]*$)") == 0);
  CHECK(skipped.count(R"(^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$)") == 0);
  CHECK(skipped.count(R"(^(?! )[\p{L}\p{N}\p{Z}-_]*(?<! )$)") == 1);  // lookaround, and no range in ECMAScript
  CHECK(skipped.count(R"(^[.\-_/#A-Za-z0-9]{1,512}\Z)") == 1);
  CHECK(all.count(R"(^([a-z,A-Z,0-9,. _\-:/()#,@[\]+=&;\{\}!$*])*$)") == 1);
  CHECK(skipped.count(R"(^([a-z,A-Z,0-9,. _\-:/()#,@[\]+=&;\{\}!$*])*$)") == 0);
}
