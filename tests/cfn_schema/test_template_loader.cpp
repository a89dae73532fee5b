// Loading JSON and YAML templates: short-form tags, scalar typing, line:col.
#include "cfn/schema/template_loader.hpp"

#include <catch2/catch.hpp>

using namespace aip::cfn;
using nlohmann::json;

namespace Catch {
template <>
struct StringMaker<SourceLocation> {
  static std::string convert(const SourceLocation& l) { return std::to_string(l.line) + ":" + std::to_string(l.column); }
};
template <>
struct StringMaker<std::optional<SourceLocation>> {
  static std::string convert(const std::optional<SourceLocation>& l) {
    return l ? StringMaker<SourceLocation>::convert(*l) : "nullopt";
  }
};
}  // namespace Catch

namespace {
std::optional<SourceLocation> at(int line, int column) { return SourceLocation{line, column}; }
}  // namespace

TEST_CASE("YAML short-form tags become long forms") {
  const auto t = load_template(R"(Resources:
  X:
    Type: AWS::SQS::Queue
    Properties:
      A: !Ref Other
      B: !GetAtt Db.Endpoint.Address
      C: !GetAtt [Db, Arn]
      D: !Sub "${AWS::Region}-x"
      E: !Sub
        - "${V}"
        - V: !Ref AWS::StackName
      F: !Join ["-", [a, !Select [0, !Split [",", "x,y"]]]]
      G: !If [Cond, !Base64 abc, !Ref AWS::NoValue]
      H: !FindInMap [M, !Ref AWS::Region, K]
      I: !ImportValue shared
      J: !GetAZs ""
      K: !Cidr [10.0.0.0/16, 4, 8]
      L: !Not [!Equals [a, !Condition C2]]
      M: !And [!Or [!Condition C1, !Condition C2], !Condition C3]
      N: !GetAZs
)");
  const json& p = t.json["Resources"]["X"]["Properties"];
  CHECK(p["A"] == json{{"Ref", "Other"}});
  CHECK(p["B"] == json{{"Fn::GetAtt", {"Db", "Endpoint.Address"}}});
  CHECK(p["C"] == json{{"Fn::GetAtt", {"Db", "Arn"}}});
  CHECK(p["D"] == json{{"Fn::Sub", "${AWS::Region}-x"}});
  CHECK(p["E"] == json::parse(R"({"Fn::Sub": ["${V}", {"V": {"Ref": "AWS::StackName"}}]})"));
  CHECK(p["F"] == json::parse(R"({"Fn::Join": ["-", ["a", {"Fn::Select": [0, {"Fn::Split": [",", "x,y"]}]}]]})"));
  CHECK(p["G"] == json::parse(R"({"Fn::If": ["Cond", {"Fn::Base64": "abc"}, {"Ref": "AWS::NoValue"}]})"));
  CHECK(p["H"] == json::parse(R"({"Fn::FindInMap": ["M", {"Ref": "AWS::Region"}, "K"]})"));
  CHECK(p["I"] == json{{"Fn::ImportValue", "shared"}});
  CHECK(p["J"] == json{{"Fn::GetAZs", ""}});
  CHECK(p["K"] == json::parse(R"({"Fn::Cidr": ["10.0.0.0/16", 4, 8]})"));
  CHECK(p["L"] == json::parse(R"({"Fn::Not": [{"Fn::Equals": ["a", {"Condition": "C2"}]}]})"));
  CHECK(p["M"] == json::parse(
                      R"({"Fn::And": [{"Fn::Or": [{"Condition": "C1"}, {"Condition": "C2"}]}, {"Condition": "C3"}]})"));
  CHECK(p["N"] == json{{"Fn::GetAZs", ""}});
}

TEST_CASE("YAML scalars: YAML 1.2 core types, dates and leading zeros stay strings") {
  const auto t = load_template(R"(AWSTemplateFormatVersion: 2010-09-09
A: 5
B: -12
C: 1.5
D: true
E: False
F: ~
G:
H: "5"
I: '0123'
J: 0123
K: 012345678901
L: 99999999999999999999
M: text
N: !Ref 5
O: 1e3
P: .5
)");
  const json& j = t.json;
  CHECK(j["AWSTemplateFormatVersion"] == "2010-09-09");
  CHECK(j["A"] == 5);
  CHECK(j["B"] == -12);
  CHECK(j["C"] == 1.5);
  CHECK(j["D"] == true);
  CHECK(j["E"] == false);
  CHECK(j["F"].is_null());
  CHECK(j["G"].is_null());
  CHECK(j["H"] == "5");
  CHECK(j["I"] == "0123");
  CHECK(j["J"] == "0123");
  CHECK(j["K"] == "012345678901");
  CHECK(j["L"] == "99999999999999999999");
  CHECK(j["M"] == "text");
  CHECK(j["N"] == json{{"Ref", "5"}});
  CHECK(j["O"] == 1000.0);
  CHECK(j["P"] == 0.5);
}

TEST_CASE("YAML locations are 1-based line:col of keys and items") {
  const auto t = load_template(R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref Cidr
      Tags:
        - Key: a
          Value: b
)");
  CHECK(t.locate({"Resources"}) == at(1, 1));
  CHECK(t.locate({"Resources", "Vpc"}) == at(2, 3));
  CHECK(t.locate({"Resources", "Vpc", "Properties", "CidrBlock"}) == at(5, 7));
  CHECK(t.locate({"Resources", "Vpc", "Properties", "CidrBlock", "Ref"}) == at(5, 18));
  CHECK(t.locate({"Resources", "Vpc", "Properties", "Tags", "0"}) == at(7, 11));
  CHECK(t.locate({"Resources", "Vpc", "Properties", "Tags", "0", "Value"}) == at(8, 11));
  // A path that does not exist falls back to its nearest located parent.
  CHECK(t.locate({"Resources", "Vpc", "Properties", "Missing"}) == at(4, 5));
  CHECK(t.locations.at("/Resources/Vpc/Type") == SourceLocation{3, 5});
}

TEST_CASE("JSON locations are 1-based line:col of keys and items") {
  const auto t = load_template("{\n  \"Resources\": {\n    \"Q\": {\"Type\": \"AWS::SQS::Queue\",\n      \"DependsOn\": [\"A\", \"B\"]}\n  }\n}\n");
  CHECK(t.json["Resources"]["Q"]["Type"] == "AWS::SQS::Queue");
  CHECK(t.locate({}) == at(1, 1));
  CHECK(t.locate({"Resources"}) == at(2, 3));
  CHECK(t.locate({"Resources", "Q"}) == at(3, 5));
  CHECK(t.locate({"Resources", "Q", "Type"}) == at(3, 11));
  CHECK(t.locate({"Resources", "Q", "DependsOn", "1"}) == at(4, 26));
}

TEST_CASE("JSON keys with escapes and slashes are located") {
  const auto t = load_template(R"({"Metadata": {"a/b": {"q\"x": 1}}})");
  CHECK(t.json["Metadata"]["a/b"]["q\"x"] == 1);
  CHECK(t.locations.count("/Metadata/a~1b/q\"x") == 1);
  CHECK(t.locate({"Metadata", "a/b", "q\"x"}) == at(1, 23));
}

TEST_CASE("JSON that only YAML accepts still loads, as in CloudFormation") {
  const auto t = load_template("{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\",},},}");
  CHECK(t.json["Resources"]["Q"]["Type"] == "AWS::SQS::Queue");
}

TEST_CASE("load errors carry line:col") {
  auto error_of = [](std::string_view text) -> std::string {
    try {
      load_template(text);
    } catch (const TemplateLoadError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error_of("") == "1:1: template is empty");
  CHECK(error_of("  \n") == "1:1: template is empty");
  CHECK(error_of("- a\n- b\n") == "1:1: template must be a mapping of sections");
  CHECK(error_of("A: [1, 2\n") == "2:1: YAML syntax error: end of sequence flow not found");
  CHECK(error_of("A:\n  B: 1\n   C: 2\n") == "3:5: YAML syntax error: illegal map value");
  CHECK(error_of("A: !Foo x\n") == "1:4: unknown tag !Foo");
  CHECK(error_of("A: 1\nA: 2\n") == "2:1: duplicate key 'A'");
  CHECK(error_of("{\n \"A\": [1,\n") == "3:1: invalid JSON: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal");
  CHECK(error_of("{\"A\": 1, \"A\": 2}") == "1:10: duplicate key 'A'");
  try {
    load_template("A: 1\nB: [\n");
    FAIL("expected an error");
  } catch (const TemplateLoadError& e) {
    CHECK(e.where == SourceLocation{3, 1});
    CHECK(e.detail == "YAML syntax error: end of sequence flow not found");
  }
}

TEST_CASE("a UTF-8 byte order mark is skipped") {
  const auto t = load_template("\xEF\xBB\xBF{\"Resources\": {}}");
  CHECK(t.json.contains("Resources"));
}

TEST_CASE("json_pointer escapes per RFC 6901") {
  CHECK(json_pointer({}) == "");
  CHECK(json_pointer({"a", "b/c", "d~e"}) == "/a/b~1c/d~0e");
}
