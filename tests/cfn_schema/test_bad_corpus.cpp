// The broken-template corpus under tests/cfn_schema/bad/: each file must give
// exactly these findings, rendered as "Stack/Path: message [ID rule] @line:col"
// (see test_support.hpp), or exactly this load error.
#include "cfn/schema/check_catalog.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <utility>

using namespace aip::cfn;
using aip::cfn::test::corpus_path;
using aip::cfn::test::validate_file;

namespace {

struct Expected {
  const char* file;
  std::vector<std::string> findings;
};

const std::vector<Expected>& expected_findings() {
  static const std::vector<Expected> cases = {
      {"bad/cidrs.yaml",
       {
           "T/Outside/Properties/CidrBlock: subnet 10.2.0.0/24 is not inside the CIDR blocks of VPC \"Vpc\" (10.0.0.0/16, 10.1.0.0/16) [AIP-CFN-E090 subnet-outside-vpc] @15:7",
           "T/Second/Properties/CidrBlock: subnet 10.0.0.128/25 overlaps subnet \"First\" (10.0.0.0/24) in VPC \"Vpc\" [AIP-CFN-E091 subnet-overlap] @30:7",
       }},
      {"bad/cidrs_conditional.yaml",
       {
           "T/ProdB/Properties/CidrBlock: subnet 10.0.1.128/25 overlaps subnet \"ProdA\" (10.0.1.0/24) in VPC \"Vpc\" [AIP-CFN-E091 subnet-overlap] @35:7",
           "T/ProdOverAlways/Properties/CidrBlock: subnet 10.0.0.0/25 overlaps subnet \"Always\" (10.0.0.0/24) in VPC \"Vpc\" [AIP-CFN-E091 subnet-overlap] @23:7",
       }},
      {"bad/condition_shapes.yaml",
       {
           "T/Conditions/AndOne/Fn::And: Fn::And takes a list of 2 to 10 conditions, got 1 item [AIP-CFN-E080 condition-shape] @10:11",
           "T/Conditions/NotTwo/Fn::Not: Fn::Not takes a list of exactly one condition, got 2 items [AIP-CFN-E080 condition-shape] @9:11",
           "T/Conditions/OrMissing/Fn::Or/1/Condition: condition \"IsPord\" is not defined in Conditions; did you mean \"IsProd\"? [AIP-CFN-E046 unknown-condition] @11:41",
           "T/Conditions/Plain: expected a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition), got \"prod\" [AIP-CFN-E080 condition-shape] @12:3",
           "T/Conditions/ThreeWay/Fn::Equals: Fn::Equals takes a list of exactly two values, got 3 items [AIP-CFN-E080 condition-shape] @8:13",
           "T/Conditions/Unused: condition \"Unused\" is declared but never used (no Condition attribute, Fn::If or Condition reference) [AIP-CFN-W002 unused-condition] @13:3",
       }},
      {"bad/conditions.yaml",
       {
           "T/Conditions/HasQueue: condition \"HasQueue\" is declared but never used (no Condition attribute, Fn::If or Condition reference) [AIP-CFN-W002 unused-condition] @6:3",
           "T/Conditions/HasQueue/Fn::Equals/0/Ref: Ref \"Queue\" in Conditions must name a parameter, not a resource [AIP-CFN-E041 ref-in-conditions] @6:22",
           "T/Conditions/IsProd: condition \"IsProd\" is declared but never used (no Condition attribute, Fn::If or Condition reference) [AIP-CFN-W002 unused-condition] @5:3",
           "T/Outputs/Out/Condition: condition \"Nope\" is not defined in Conditions [AIP-CFN-E046 unknown-condition] @21:5",
           "T/Queue/Condition: condition \"IsProdd\" is not defined in Conditions; did you mean \"IsProd\"? [AIP-CFN-E046 unknown-condition] @14:5",
           "T/Queue/Properties/DelaySeconds/Fn::FindInMap/0: mapping \"Region\" is not defined in Mappings; did you mean \"Regions\"? [AIP-CFN-E047 unknown-mapping] @17:33",
           "T/Queue/Properties/KmsMasterKeyId/Fn::Joinn: unknown intrinsic function \"Fn::Joinn\"; did you mean \"Fn::Join\"? [AIP-CFN-E048 unknown-function] @18:24",
           "T/Queue/Properties/QueueName/Fn::If/0: condition \"IsProdd\" is not defined in Conditions; did you mean \"IsProd\"? [AIP-CFN-E046 unknown-condition] @16:23",
       }},
      {"bad/cycle.yaml",
       {
           "T/A: dependency cycle: A -> B -> C -> A [AIP-CFN-E050 dependency-cycle] @2:3",
           "T/Self: dependency cycle: Self -> Self [AIP-CFN-E050 dependency-cycle] @13:3",
       }},
      {"bad/depends_on.json",
       {
           "T/Queue/DependsOn: DependsOn target \"Topick\" is not a resource; did you mean \"Topic\"? [AIP-CFN-E045 unresolved-depends-on] @3:43",
           "T/Topic/DependsOn/1: DependsOn target \"Nothing\" is not a resource [AIP-CFN-E045 unresolved-depends-on] @4:66",
           "T/Topic/DependsOn/2: expected a logical ID, got 5 [AIP-CFN-E022 type-mismatch] @4:77",
       }},
      {"bad/dynamic_refs.yaml",
       {
           "T: template uses 61 dynamic references; the CloudFormation limit is 60 [AIP-CFN-E005 limit] @1:1",
       }},
      {"bad/enum.json",
       {
           "T/Endpoint/Properties/IpAddressType: value \"ipv5\" is not allowed; expected one of: dualstack, ipv4, ipv6, not-specified; did you mean \"ipv4\"? [AIP-CFN-E023 invalid-enum] @6:103",
           "T/Endpoint/Properties/VpcEndpointType: value \"interface\" is not allowed; expected one of: Gateway, GatewayLoadBalancer, Interface, Resource, ServiceNetwork, Tunnel; did you mean \"Interface\"? [AIP-CFN-E023 invalid-enum] @6:71",
           "T/Fn/DeletionPolicy: value \"Keep\" is not allowed; expected one of: Delete, Retain, RetainExceptOnCreate, Snapshot [AIP-CFN-E023 invalid-enum] @10:7",
           "T/Fn/Properties/PackageType/Fn::If/2: value \"Tarball\" is not allowed; expected one of: Image, Zip [AIP-CFN-E023 invalid-enum] @11:108",
           "T/Fn/Properties/Role: value \"r\" does not match the pattern ^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$ [AIP-CFN-E030 pattern-mismatch] @11:23",
       }},
      {"bad/functions.yaml",
       {
           "T/Mappings/Empty: mapping has no top-level keys [AIP-CFN-E084 mapping-shape] @8:3",
           "T/Mappings/Flat/Key: top-level key \"Key\" must map to an object of second-level keys, got \"value\" [AIP-CFN-E084 mapping-shape] @13:5",
           "T/Mappings/Nested/Key/Deep: a mapping value must be a string, a number, a boolean or a list of them, got an object [AIP-CFN-E084 mapping-shape] @11:7",
           "T/Queue/Properties/DelaySeconds/Fn::Length: Fn::Length needs \"Transform: AWS::LanguageExtensions\" [AIP-CFN-E087 needs-language-extensions] @21:21",
           "T/Queue/Properties/KmsMasterKeyId/Fn::FindInMap/2: mapping \"Regions\" has no key \"Amy\" under \"us-east-1\"; did you mean \"Ami\"? [AIP-CFN-E085 mapping-key] @19:55",
           "T/Queue/Properties/QueueName/Fn::FindInMap/1: mapping \"Regions\" has no top-level key \"us-east-2\"; did you mean \"us-east-1\"? [AIP-CFN-E085 mapping-key] @18:39",
           "T/Queue/Properties/RedriveAllowPolicy/Fn::ToJsonString: Fn::ToJsonString needs \"Transform: AWS::LanguageExtensions\" [AIP-CFN-E087 needs-language-extensions] @20:27",
           "T/Queue/Properties/Tags/0/Value/Fn::Select/0: Fn::Select index 2 is out of range: the list has 2 items [AIP-CFN-E086 select-index] @24:27",
           "T/Queue/Properties/Tags/1/Value/Fn::Select/0: Fn::Select index must be a non-negative integer, got -1 [AIP-CFN-E086 select-index] @26:27",
           "T/Queue/Properties/Tags/2/Value/Fn::Join/0: Fn::Join delimiter must be a literal string, got an object [AIP-CFN-E049 malformed-intrinsic] @28:25",
           "T/Queue/Properties/Tags/3/Value/Fn::Join/1: Fn::Join takes a list of values to join, got \"x\" [AIP-CFN-E049 malformed-intrinsic] @30:30",
           "T/Queue/Properties/Tags/4/Value/Fn::Select/1/Fn::Split/1: Fn::Split takes a string to split, got a list [AIP-CFN-E049 malformed-intrinsic] @32:43",
           "T/Queue/Properties/Tags/5/Value/Fn::Select/1/Fn::GetAZs: Fn::GetAZs takes a region name, \"\" or a Ref to AWS::Region, got a list [AIP-CFN-E049 malformed-intrinsic] @34:30",
           "T/Queue/Properties/Tags/6/Value/Fn::GetStackOutput: Fn::GetStackOutput needs OutputName [AIP-CFN-E049 malformed-intrinsic] @36:18",
           "T/Queue/Properties/Tags/6/Value/Fn::GetStackOutput/OutputNam: unknown Fn::GetStackOutput argument \"OutputNam\"; did you mean \"OutputName\"? [AIP-CFN-E049 malformed-intrinsic] @36:53",
           "T/Queue/Properties/Tags/7/Value/Fn::FindInMap/3: the fourth argument of Fn::FindInMap must be {DefaultValue: Value} [AIP-CFN-E049 malformed-intrinsic] @38:55",
           "T/Queue/Properties/Tags/8/Value/Fn::Base64: Fn::Base64 takes a string, got a list [AIP-CFN-E049 malformed-intrinsic] @40:18",
           "T/Queue/Properties/Tags/9/Value/Fn::Select/1/Fn::Cidr: Fn::Cidr must be [IpBlock, Count, CidrBits] [AIP-CFN-E049 malformed-intrinsic] @42:30",
           "T/Queue/Properties/Tags/10/Value/Fn::FindInMap/3: Fn::FindInMap with a DefaultValue needs \"Transform: AWS::LanguageExtensions\" [AIP-CFN-E087 needs-language-extensions] @44:55",
       }},
      {"bad/getatt.json",
       {
           "T/Queue/Properties/KmsMasterKeyId/Fn::GetAtt: resource \"Topic\" (AWS::SNS::Topic) has no attribute \"Arn\" [AIP-CFN-E043 invalid-attribute] @19:106",
           "T/Topic/Properties/ContentBasedDeduplication/Fn::GetAtt: Fn::GetAtt target \"AttrName\" is not a resource [AIP-CFN-E042 unresolved-getatt] @13:40",
           "T/Topic/Properties/KmsMasterKeyId/Fn::GetAtt: Fn::GetAtt target \"Database\" is not a resource [AIP-CFN-E042 unresolved-getatt] @10:29",
           "T/Topic/Properties/TopicName/Fn::GetAtt: resource \"Db\" (AWS::RDS::DBInstance) has no attribute \"Endpoint.Adress\"; did you mean \"Endpoint.Address\"? [AIP-CFN-E043 invalid-attribute] @9:24",
           "T/Topic/Properties/TracingConfig/Fn::GetAtt: Fn::GetAtt must be [LogicalId, AttributeName] or \"LogicalId.AttributeName\" [AIP-CFN-E049 malformed-intrinsic] @12:28",
       }},
      {"bad/getatt_types.yaml",
       {
           "T/DbEndpoint/Properties/Description/Fn::If/1/Fn::GetAtt: Fn::GetAtt \"Vpc.CidrBlockAssociations\" (AWS::EC2::VPC) returns a list (list<string>), expected a string; pick one item with Fn::Select or join them with Fn::Join [AIP-CFN-E093 getatt-type-mismatch] @30:34",
           "T/DbEndpoint/Properties/Value/Fn::GetAtt: Fn::GetAtt \"Db.Endpoint\" (AWS::RDS::DBCluster) returns an object (Endpoint), expected a string; name one of its fields, such as Db.Endpoint.Address [AIP-CFN-E093 getatt-type-mismatch] @29:14",
           "T/Endpoint/Properties/SecurityGroupIds/Fn::GetAtt: Fn::GetAtt \"Sg.GroupId\" (AWS::EC2::SecurityGroup) returns a string, expected a list; write it as a list item: [!GetAtt Sg.GroupId] [AIP-CFN-E093 getatt-type-mismatch] @41:25",
           "T/Endpoint/Properties/SubnetIds/0/Fn::GetAtt: Fn::GetAtt \"Lb.SecurityGroups\" (AWS::ElasticLoadBalancingV2::LoadBalancer) returns a list (list<string>), expected a string; pick one item with Fn::Select or join them with Fn::Join [AIP-CFN-E093 getatt-type-mismatch] @43:11",
           "T/Ingress/Properties/CidrIpv6/Fn::GetAtt: Fn::GetAtt \"Vpc.Ipv6CidrBlocks\" (AWS::EC2::VPC) returns a list (list<string>), expected a string; pick one item with Fn::Select or join them with Fn::Join [AIP-CFN-E093 getatt-type-mismatch] @20:17",
       }},
      {"bad/logical_ids.json",
       {
           "T/Outputs/Out_1: logical ID \"Out_1\" must be alphanumeric (A-Z, a-z, 0-9) [AIP-CFN-E006 logical-id] @7:16",
           "T/Parameters/env-name: logical ID \"env-name\" must be alphanumeric (A-Z, a-z, 0-9) [AIP-CFN-E006 logical-id] @2:19",
           "T/Parameters/env-name: parameter \"env-name\" is declared but never used (no Ref or ${env-name}) [AIP-CFN-W001 unused-parameter] @2:19",
           "T/Q123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345: logical ID is 256 characters long; the limit is 255 [AIP-CFN-E006 logical-id] @5:5",
           "T/my-queue: logical ID \"my-queue\" must be alphanumeric (A-Z, a-z, 0-9) [AIP-CFN-E006 logical-id] @4:5",
       }},
      {"bad/missing_type.yaml",
       {
           "T/Bucket: resource has no Type [AIP-CFN-E010 missing-type] @2:3",
           "T/Other/Type: expected a string, got a list [AIP-CFN-E022 type-mismatch] @6:5",
       }},
      {"bad/nested.yaml",
       {
           "T/Fn/Properties/Code/S3Bucket: value is 1 characters long; the minimum is 3 [AIP-CFN-E031 string-length] @7:9",
           "T/Fn/Properties/Code/S3Kee: unknown property \"S3Kee\"; did you mean \"S3Key\"? [AIP-CFN-E020 unknown-property] @8:9",
           "T/Fn/Properties/Environment/Variables/BAD: expected a string, got a list [AIP-CFN-E022 type-mismatch] @12:11",
           "T/Fn/Properties/Tags/0/Valu: unknown property \"Valu\"; did you mean \"Value\"? [AIP-CFN-E020 unknown-property] @17:11",
           "T/Fn/Properties/VpcConfig/SubnetIds: expected a list, got \"subnet-1\" [AIP-CFN-E022 type-mismatch] @14:9",
       }},
      {"bad/no_resources.json",
       {
           "T/Resources: template must declare at least one resource [AIP-CFN-E004 no-resources] @1:45",
       }},
      {"bad/null_value.json",
       {
           "T/Outputs/Out/Value: null values are not allowed in templates [AIP-CFN-E024 null-value] @5:25",
           "T/Vpc/Properties/CidrBlock: null values are not allowed in templates [AIP-CFN-E024 null-value] @3:55",
       }},
      {"bad/outputs.yaml",
       {
           "T/Outputs/Azs/Value: an output Value must be a string, got the list Fn::GetAZs returns; join it with Fn::Join [AIP-CFN-E060 output-shape] @28:5",
           "T/Outputs/BadExport/Export: Export must be an object with a Name [AIP-CFN-E060 output-shape] @9:5",
           "T/Outputs/Literal/Export/Name: export name \"queue_url.v1\" must be 1 to 255 characters of A-Z, a-z, 0-9, ':' and '-' [AIP-CFN-E060 output-shape] @32:7",
           "T/Outputs/Literal/Value: an output Value must be a string, got a list [AIP-CFN-E060 output-shape] @30:5",
           "T/Outputs/NoName/Export: Export must be an object with a Name [AIP-CFN-E060 output-shape] @12:5",
           "T/Outputs/NoValue: output has no Value [AIP-CFN-E060 output-shape] @5:3",
           "T/Outputs/NotAnObject: output must be an object, got \"just a string\" [AIP-CFN-E060 output-shape] @26:3",
           "T/Outputs/Second/Export/Name: export name \"${AWS::StackName}-Queue\" is also exported by output \"First\" [AIP-CFN-E061 duplicate-export] @21:7",
           "T/Outputs/Third/Exports: unknown output attribute \"Exports\"; did you mean \"Export\"? [AIP-CFN-E060 output-shape] @24:5",
       }},
      {"bad/parameters.yaml",
       {
           "T/Parameters/Azs/Default: Default \"us-east-1x\" is not one of the AllowedValues; did you mean \"us-east-1a\"? [AIP-CFN-E072 parameter-default] @27:5",
           "T/Parameters/Env/Type: unknown parameter type \"Strin\"; did you mean \"String\"? [AIP-CFN-E070 parameter-type] @4:5",
           "T/Parameters/Name/Default: Default \"UPPER\" does not match the AllowedPattern [a-z]+ [AIP-CFN-E072 parameter-default] @17:5",
           "T/Parameters/Name/Default: Default is 5 characters long; MaxLength is 3 [AIP-CFN-E072 parameter-default] @17:5",
           "T/Parameters/Secret/AllowedValues: AllowedValues must be a list, got \"silver\" [AIP-CFN-E071 parameter-attribute] @23:5",
           "T/Parameters/Secret/Defualt: unknown parameter attribute \"Defualt\"; did you mean \"Default\"? [AIP-CFN-E071 parameter-attribute] @24:5",
           "T/Parameters/Secret/NoEcho: NoEcho must be true or false, got \"yes\" [AIP-CFN-E071 parameter-attribute] @22:5",
           "T/Parameters/Size/Default: Default 12 is above MaxValue 10 [AIP-CFN-E072 parameter-default] @8:5",
           "T/Parameters/Tier/Default: Default \"gold\" is not one of the AllowedValues [AIP-CFN-E072 parameter-default] @13:5",
           "T/Parameters/Unused: parameter \"Unused\" is declared but never used (no Ref or ${Unused}) [AIP-CFN-W001 unused-parameter] @29:3",
       }},
      {"bad/policies.yaml",
       {
           "T/BucketPolicy/Properties/PolicyDocument/Statement/0: a resource policy statement needs a Principal [AIP-CFN-E089 policy-principal] @44:13",
           "T/LogPolicy/Properties/PolicyDocument: policy document is a string that is not JSON [AIP-CFN-E088 policy-grammar] @51:7",
           "T/Managed/Properties/PolicyDocument/Statement/0: missing Action or NotAction [AIP-CFN-E088 policy-grammar] @35:13",
           "T/Managed/Properties/PolicyDocument/Statement/0/Actions: unknown key \"Actions\" in a statement; did you mean \"Action\"? [AIP-CFN-E088 policy-grammar] @36:13",
           "T/Managed/Properties/PolicyDocument/Version: Version must be \"2012-10-17\" or \"2008-10-17\", got \"2012-10-18\" [AIP-CFN-E088 policy-grammar] @33:9",
           "T/Role/Properties/AssumeRolePolicyDocument/Statement/0: a trust policy statement needs a Principal [AIP-CFN-E089 policy-principal] @8:13",
           "T/Role/Properties/AssumeRolePolicyDocument/Statement/0/Resource: a trust policy must not name a Resource; the resource is the role itself [AIP-CFN-E089 policy-principal] @10:13",
           "T/Role/Properties/Policies/0/PolicyDocument/Statement/0/Effect: Effect must be \"Allow\" or \"Deny\", got \"Permit\" [AIP-CFN-E088 policy-grammar] @19:17",
           "T/Role/Properties/Policies/0/PolicyDocument/Statement/1/Principal: an identity policy must not name a Principal; the principal is whoever the policy is attached to [AIP-CFN-E089 policy-principal] @23:17",
           "T/Role/Properties/Policies/0/PolicyDocument/Statement/2: an identity policy statement needs a Resource or NotResource [AIP-CFN-E089 policy-principal] @26:17",
       }},
      {"bad/ref_types.yaml",
       {
           "T/Endpoint/Properties/SecurityGroupIds/Ref: Ref \"SecurityGroup\" returns a string (parameter \"SecurityGroup\" of type AWS::EC2::SecurityGroup::Id), expected a list; write it as a list item: [!Ref SecurityGroup] [AIP-CFN-E092 ref-type-mismatch] @19:25",
           "T/Endpoint/Properties/SubnetIds/Ref: Ref \"Subnet\" returns a string (resource \"Subnet\" (AWS::EC2::Subnet)), expected a list; write it as a list item: [!Ref Subnet] [AIP-CFN-E092 ref-type-mismatch] @18:18",
           "T/Instance/Properties/SubnetId/Ref: Ref \"SubnetIds\" returns a list (parameter \"SubnetIds\" of type List<AWS::EC2::Subnet::Id>), expected a string; pick one item with Fn::Select or join them with Fn::Join [AIP-CFN-E092 ref-type-mismatch] @24:17",
       }},
      {"bad/ref_unknown.yaml",
       {
           "T/Parameters/Env: parameter \"Env\" is declared but never used (no Ref or ${Env}) [AIP-CFN-W001 unused-parameter] @2:3",
           "T/Subnet/Properties/AvailabilityZone/Ref: Ref \"AWS::Regionn\" is not a resource, parameter or pseudo parameter; did you mean \"AWS::Region\"? [AIP-CFN-E040 unresolved-ref] @14:25",
           "T/Subnet/Properties/CidrBlock/Ref: Ref \"Envv\" is not a resource, parameter or pseudo parameter; did you mean \"Env\"? [AIP-CFN-E040 unresolved-ref] @13:18",
           "T/Subnet/Properties/Tags/0/Value/Ref: Ref must be a logical ID or parameter name [AIP-CFN-E049 malformed-intrinsic] @17:19",
           "T/Subnet/Properties/VpcId/Ref: Ref \"MainVPC\" is not a resource, parameter or pseudo parameter; did you mean \"MainVpc\"? [AIP-CFN-E040 unresolved-ref] @12:14",
       }},
      {"bad/required_missing.json",
       {
           "T/Custom/Properties: missing required property \"ServiceToken\" [AIP-CFN-E021 required-property] @9:64",
           "T/Fn/Properties: missing required property \"Code\" [AIP-CFN-E021 required-property] @4:5",
           "T/Fn/Properties: missing required property \"Role\" [AIP-CFN-E021 required-property] @4:5",
           "T/Sg/Properties/SecurityGroupIngress/0: exactly one of \"CidrIp\", \"CidrIpv6\", \"SourcePrefixListId\", \"SourceSecurityGroupId\" or \"SourceSecurityGroupName\" is required; none is set [AIP-CFN-E035 exactly-one-of] @7:74",
           "T/Sg/Properties/SecurityGroupIngress/0: missing required property \"IpProtocol\" [AIP-CFN-E021 required-property] @7:74",
           "T/Subnet/Properties: missing required property \"VpcId\" [AIP-CFN-E021 required-property] @3:45",
       }},
      {"bad/rules.yaml",
       {
           "T/Queue/Properties/QueueName/Fn::Contains: Fn::Contains is a rule function: only the Rules section may use it [AIP-CFN-E048 unknown-function] @28:18",
           "T/Rules/Broken/Assertions/0/Assert/Fn::And: Fn::And takes a list of 2 to 10 conditions, got 1 item [AIP-CFN-E082 rule-function] @17:17",
           "T/Rules/Broken/Assertions/1/Assert/Fn::EachMemberIn/1: Fn::EachMemberIn takes a list here, got \"vpc-1\" [AIP-CFN-E082 rule-function] @18:61",
           "T/Rules/Broken/RuleCondition: expected a rule condition (Fn::And, Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, Fn::Equals, Fn::Not or Fn::Or), got Fn::Sub [AIP-CFN-E082 rule-function] @15:5",
           "T/Rules/Extra/Assertion: unknown rule attribute \"Assertion\"; did you mean \"Assertions\"? [AIP-CFN-E081 rule-shape] @22:5",
           "T/Rules/Extra/Assertions: Assertions must be a non-empty list of {Assert, AssertDescription}, got a list [AIP-CFN-E081 rule-shape] @23:5",
           "T/Rules/NoAssertions: rule has no Assertions [AIP-CFN-E081 rule-shape] @19:3",
           "T/Rules/ProdOnly/Assertions/0/Assert/Fn::Contains/1/Ref: Ref \"Envv\" in Rules must name a parameter; did you mean \"Env\"? [AIP-CFN-E083 ref-in-rules] @10:36",
           "T/Rules/ProdOnly/Assertions/0/AssertDescription: AssertDescription must be a string, got 5 [AIP-CFN-E081 rule-shape] @11:9",
           "T/Rules/ProdOnly/Assertions/1/Assert/Fn::EachMemberEquals/1/Ref: Ref \"Queue\" in Rules must name a parameter; \"Queue\" is a resource [AIP-CFN-E083 ref-in-rules] @12:81",
           "T/Rules/ProdOnly/Assertions/2: assertion has no Assert [AIP-CFN-E081 rule-shape] @13:9",
           "T/Rules/ProdOnly/Assertions/2/Asert: unknown assertion attribute \"Asert\"; did you mean \"Assert\"? [AIP-CFN-E081 rule-shape] @13:9",
       }},
      {"bad/sub.yaml",
       {
           "T/Sg/Properties/GroupDescription/Fn::Sub: Fn::Sub references \"${Missing}\", which is not a resource, parameter, pseudo parameter or Sub variable [AIP-CFN-E044 unresolved-sub] @12:25",
           "T/Sg/Properties/Tags/0/Value/Fn::Sub: Fn::Sub must be a string or [String, {Name: Value}] [AIP-CFN-E049 malformed-intrinsic] @18:18",
           "T/Sg/Properties/VpcId/Fn::Sub/0: Fn::Sub references \"${Idd}\", which is not a resource, parameter, pseudo parameter or Sub variable; did you mean \"Id\"? [AIP-CFN-E044 unresolved-sub] @14:11",
           "T/Sg/Properties/VpcId/Fn::Sub/0: resource \"Vpc\" (AWS::EC2::VPC) has no attribute \"CidrBlok\"; did you mean \"CidrBlock\"? [AIP-CFN-E043 invalid-attribute] @14:11",
       }},
      {"bad/sub_semantics.yaml",
       {
           "T/Bucket/Properties/Tags/0/Value: \"${Env}\" in a plain string is not replaced; CloudFormation substitutes it only inside Fn::Sub [AIP-CFN-W003 sub-needed] @10:11",
           "T/Bucket/Properties/Tags/1/Value/Fn::Join/1/0: \"${AWS::Region}\" in a plain string is not replaced; CloudFormation substitutes it only inside Fn::Sub [AIP-CFN-W003 sub-needed] @12:31",
           "T/Bucket/Properties/Tags/2/Value: \"${Bucket.Arn}\" in a plain string is not replaced; CloudFormation substitutes it only inside Fn::Sub [AIP-CFN-W003 sub-needed] @14:11",
           "T/Bucket/Properties/Tags/3/Value/Fn::Sub/1/Plain: \"${Env}\" in a plain string is not replaced; CloudFormation substitutes it only inside Fn::Sub [AIP-CFN-W003 sub-needed] @20:15",
           "T/Bucket/Properties/Tags/3/Value/Fn::Sub/1/Plain: Fn::Sub variable \"Plain\" is not used in the string [AIP-CFN-W004 unused-sub-variable] @20:15",
           "T/Bucket/Properties/Tags/3/Value/Fn::Sub/1/Unused: Fn::Sub variable \"Unused\" is not used in the string [AIP-CFN-W004 unused-sub-variable] @19:15",
           "T/Bucket/Properties/Tags/4/Value/Fn::Sub: Fn::Sub string has no ${...} to substitute; a plain string does the same [AIP-CFN-W005 sub-not-needed] @22:18",
           "T/Quiet/Properties/Tags/1/Value/Fn::Sub: Fn::Sub string has no ${...} to substitute; a plain string does the same [AIP-CFN-W005 sub-not-needed] @36:18",
       }},
      {"bad/template_shape.yaml",
       {
           "T/AWSTemplateFormatVersion: AWSTemplateFormatVersion must be \"2010-09-09\", got \"2010-09-10\" [AIP-CFN-E001 template-shape] @1:1",
           "T/Parameters/NoType: parameter \"NoType\" is declared but never used (no Ref or ${NoType}) [AIP-CFN-W001 unused-parameter] @14:3",
           "T/Parameters/NoType: parameter has no Type [AIP-CFN-E003 parameter-shape] @14:3",
           "T/Parameters/Scalar: parameter must be an object, got 5 [AIP-CFN-E003 parameter-shape] @16:3",
           "T/Resource: unknown template section \"Resource\"; did you mean \"Resources\"? [AIP-CFN-E002 unknown-section] @2:1",
           "T/Queue/DependOn: unknown resource attribute \"DependOn\"; did you mean \"DependsOn\"? [AIP-CFN-E012 unknown-resource-attribute] @8:5",
           "T/Queue/Properties: expected an object, got \"just-a-string\" [AIP-CFN-E022 type-mismatch] @10:5",
           "T/Queue/UpdateReplacePolicy: value \"Snapshott\" is not allowed; expected one of: Delete, Retain, Snapshot; did you mean \"Snapshot\"? [AIP-CFN-E023 invalid-enum] @9:5",
       }},
      {"bad/type_mismatch.yaml",
       {
           "T/Sg/Properties/SecurityGroupIngress/0: exactly one of \"CidrIp\", \"CidrIpv6\", \"SourcePrefixListId\", \"SourceSecurityGroupId\" or \"SourceSecurityGroupName\" is required; none is set [AIP-CFN-E035 exactly-one-of] @15:11",
           "T/Sg/Properties/SecurityGroupIngress/0/FromPort: expected an integer, got \"eighty\" [AIP-CFN-E022 type-mismatch] @16:11",
           "T/Sg/Properties/SecurityGroupIngress/1: expected an object (Ingress), got \"not an object\" [AIP-CFN-E022 type-mismatch] @18:11",
           "T/Vpc/Properties/CidrBlock: expected a string, got a list [AIP-CFN-E022 type-mismatch] @5:7",
           "T/Vpc/Properties/EnableDnsSupport: expected a boolean, got \"yes\" [AIP-CFN-E022 type-mismatch] @6:7",
           "T/Vpc/Properties/Ipv4NetmaskLength: \"Ipv4NetmaskLength\" requires \"Ipv4IpamPoolId\", which is not set [AIP-CFN-E037 dependent-required] @7:7",
           "T/Vpc/Properties/Ipv4NetmaskLength: expected an integer, got 16.5 [AIP-CFN-E022 type-mismatch] @7:7",
           "T/Vpc/Properties/Tags: expected a list, got an object [AIP-CFN-E022 type-mismatch] @8:7",
       }},
      {"bad/unknown_property.json",
       {
           "T/Vpc/Properties: exactly one of \"CidrBlock\" or \"Ipv4IpamPoolId\" is required; none is set [AIP-CFN-E035 exactly-one-of] @5:7",
           "T/Vpc/Properties/CidrBlok: unknown property \"CidrBlok\"; did you mean \"CidrBlock\"? [AIP-CFN-E020 unknown-property] @5:23",
           "T/Vpc/Properties/Frobnicate: unknown property \"Frobnicate\" [AIP-CFN-E020 unknown-property] @5:76",
       }},
      {"bad/value_limits.yaml",
       {
           "T/Acl/Properties/AssociationConfig/RequestBody/APIGATEWAY: key \"APIGATEWAY\" does not match the pattern ^(CLOUDFRONT|API_GATEWAY|COGNITO_USER_POOL|APP_RUNNER_SERVICE|VERIFIED_ACCESS_INSTANCE)$; did you mean \"API_GATEWAY\"? [AIP-CFN-E039 map-key-pattern] @50:11",
           "T/Fn/Properties/Architectures: list has 2 items; the maximum is 1 [AIP-CFN-E033 list-length] @20:7",
           "T/Fn/Properties/Description: value is 257 characters long; the maximum is 256 [AIP-CFN-E031 string-length] @19:7",
           "T/Fn/Properties/Layers/1: list items must be unique; this one repeats item 0 [AIP-CFN-E034 duplicate-item] @23:11",
           "T/Policy/Properties/ResourceId: \"ResourceId\" requires \"ScalableDimension\", which is not set [AIP-CFN-E037 dependent-required] @41:7",
           "T/Policy/Properties/ResourceId: \"ResourceId\" requires \"ServiceNamespace\", which is not set [AIP-CFN-E037 dependent-required] @41:7",
           "T/Queue/Properties/DelaySeconds: value 901 is above the maximum 900 [AIP-CFN-E032 number-range] @12:7",
           "T/Queue/Properties/MaximumMessageSize: value 1000 is below the minimum 1024 [AIP-CFN-E032 number-range] @13:7",
           "T/Sg/Properties/GroupDescription: value \"AI gateway handlers (seed 001 \"API Gateway Security Group\")\" does not match the pattern ^([a-z,A-Z,0-9,. _\\-:/()#,@[\\]+=&;\\{\\}!$*])*$ [AIP-CFN-E030 pattern-mismatch] @7:7",
           "T/Subnet/Properties: one of \"CidrBlock\", \"Ipv4IpamPoolId\", \"Ipv6CidrBlock\" or \"Ipv6IpamPoolId\" is required; none is set [AIP-CFN-E036 at-least-one-of] @32:5",
           "T/Subnet/Properties/AvailabilityZone: \"AvailabilityZone\" cannot be set together with \"AvailabilityZoneId\" [AIP-CFN-E038 dependent-excluded] @34:7",
           "T/Vpc/Properties: only one of \"CidrBlock\" or \"Ipv4IpamPoolId\" may be set; found \"CidrBlock\" and \"Ipv4IpamPoolId\" [AIP-CFN-E035 exactly-one-of] @26:5",
       }},
      {"bad/unicode_patterns.yaml",
       {
           "T/Group/Properties/GroupName: value \"admins team\" does not match the pattern ^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$ [AIP-CFN-E030 pattern-mismatch] @19:7",
           "T/Option/Properties/Key: value \"cost$center\" does not match the pattern ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$ [AIP-CFN-E030 pattern-mismatch] @7:7",
           "T/Repo/Properties/Description: value \"line one\tline two\" does not match the pattern ^\\P{C}*$ [AIP-CFN-E030 pattern-mismatch] @14:7",
       }},
      {"bad/unknown_type.json",
       {
           "T/Thing/Type: unknown resource type \"AWS::Nope::Nothing\" [AIP-CFN-E011 unknown-resource-type] @4:16",
           "T/Vpc/Type: unknown resource type \"AWS::EC2::Vpcc\"; did you mean \"AWS::EC2::VPC\"? [AIP-CFN-E011 unknown-resource-type] @3:14",
       }},
  };
  return cases;
}

}  // namespace

TEST_CASE("bad corpus: every file gives exactly its findings") {
  for (const auto& c : expected_findings()) {
    INFO(c.file);
    CHECK(validate_file(c.file) == c.findings);
  }
}

const std::vector<std::pair<const char*, const char*>>& expected_load_errors() {
  static const std::vector<std::pair<const char*, const char*>> cases = {
      {"bad/duplicate_key.json", "4:5: duplicate key 'Queue'"},
      {"bad/duplicate_key.yaml", "4:3: duplicate key 'Queue'"},
      {"bad/malformed.json", "3:42: invalid JSON: syntax error while parsing object - unexpected string literal; expected '}'"},
      {"bad/malformed.yaml", "5:1: YAML syntax error: end of sequence flow not found"},
      {"bad/unknown_tag.yaml", "5:18: unknown tag !Reff"},
  };
  return cases;
}

TEST_CASE("bad corpus: malformed files give a load error with line:col") {
  for (const auto& [file, message] : expected_load_errors()) {
    INFO(file);
    try {
      load_template_file(corpus_path(file));
      FAIL("expected a load error");
    } catch (const TemplateLoadError& e) {
      CHECK(std::string(e.what()) == message);
    }
  }
}

TEST_CASE("bad corpus: every file in bad/ has expectations") {
  std::set<std::string> covered;
  for (const auto& c : expected_findings()) covered.insert(c.file);
  for (const auto& [file, _] : expected_load_errors()) covered.insert(file);
  for (const auto& entry : std::filesystem::directory_iterator(corpus_path("bad"))) {
    const std::string name = "bad/" + entry.path().filename().string();
    INFO(name);
    CHECK(covered.count(name) == 1);
  }
}

TEST_CASE("check catalog: stable ids, one per rule, each with a broken template in bad/") {
  std::set<std::string_view> ids, rules;
  std::string_view previous;
  for (const CheckInfo& c : check_catalog()) {
    INFO(c.id);
    CHECK(c.id.size() == 12);
    CHECK(c.id.substr(0, 8) == "AIP-CFN-");
    CHECK(c.id[8] == (c.severity == CheckSeverity::error ? 'E' : 'W'));
    CHECK(previous < c.id);
    previous = c.id;
    CHECK(ids.insert(c.id).second);
    CHECK(rules.insert(c.rule).second);
    CHECK(find_check(c.rule) == &c);
    CHECK(find_check(c.id) == &c);
    CHECK_FALSE(c.summary.empty());
    const std::string label = "[" + std::string(c.id) + " " + std::string(c.rule) + "]";
    bool exercised = false;
    for (const auto& e : expected_findings()) {
      for (const auto& line : e.findings) exercised = exercised || line.find(label) != std::string::npos;
    }
    CHECK(exercised);
  }
  CHECK(find_check("no-such-rule") == nullptr);
  CHECK(check_label("no-such-rule") == "no-such-rule");
}
