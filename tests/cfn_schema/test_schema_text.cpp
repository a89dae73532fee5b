// schema_text::parse, the reader SchemaDb::find uses, against the general
// way (ResourceSchema::from_json over an nlohmann::json document): the same
// schema for every embedded entry, and no schema (the general way then) for
// what it does not imitate.
#include "cfn/schema/schema_data.hpp"
#include "cfn/schema/schema_db.hpp"
#include "cfn/schema/schema_text.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace aip::cfn;

namespace {

// Field by field; a type by its text, which writes back every part of it.
// Returns what differs, empty when nothing does.
std::string difference(const PropertySchema& a, const PropertySchema& b) {
  if (a.type.to_string() != b.type.to_string()) return "type " + a.type.to_string() + " vs " + b.type.to_string();
  if (a.required != b.required) return "required";
  if (a.enum_values != b.enum_values) return "enum";
  const ValueLimits& x = a.limits;
  const ValueLimits& y = b.limits;
  if (x.pattern != y.pattern) return "pattern " + x.pattern + " vs " + y.pattern;
  if (x.min_length != y.min_length || x.max_length != y.max_length) return "lengths";
  if (x.minimum != y.minimum || x.maximum != y.maximum) return "bounds";
  if (x.min_items != y.min_items || x.max_items != y.max_items || x.unique_items != y.unique_items) return "items";
  return "";
}

std::string difference(const StructSchema& a, const StructSchema& b) {
  if (a.properties.size() != b.properties.size()) return "property count";
  for (auto i = a.properties.begin(), j = b.properties.begin(); i != a.properties.end(); ++i, ++j) {
    if (i->first != j->first) return "property " + i->first + " vs " + j->first;
    if (auto d = difference(i->second, j->second); !d.empty()) return i->first + ": " + d;
  }
  if (a.exactly_one != b.exactly_one || a.at_least_one != b.at_least_one) return "property sets";
  if (a.requires_also != b.requires_also || a.excludes != b.excludes) return "dependent properties";
  return "";
}

std::string difference(const ResourceSchema& a, const ResourceSchema& b) {
  if (a.type_name != b.type_name) return "type_name";
  if (auto d = difference(a.properties, b.properties); !d.empty()) return d;
  if (a.types.size() != b.types.size()) return "type count";
  for (auto i = a.types.begin(), j = b.types.begin(); i != a.types.end(); ++i, ++j) {
    if (i->first != j->first) return "type " + i->first + " vs " + j->first;
    if (auto d = difference(i->second, j->second); !d.empty()) return i->first + "." + d;
  }
  if (a.create_only != b.create_only || a.conditional_create_only != b.conditional_create_only) return "create-only";
  if (a.attributes != b.attributes || a.dynamic_attributes != b.dynamic_attributes) return "attributes";
  if (a.attribute_types.size() != b.attribute_types.size()) return "attribute type count";
  for (auto i = a.attribute_types.begin(), j = b.attribute_types.begin(); i != a.attribute_types.end(); ++i, ++j) {
    if (i->first != j->first || i->second.to_string() != j->second.to_string()) return "attribute type " + i->first;
  }
  if (a.primary_identifier != b.primary_identifier || a.cfn_ref_identifier != b.cfn_ref_identifier) return "identifiers";
  if (a.tagging.has_value() != b.tagging.has_value()) return "tagging";
  if (a.tagging && (a.tagging->property != b.tagging->property || a.tagging->variant != b.tagging->variant)) return "tagging";
  if (a.transform != b.transform) return "transform";
  return "";
}

ResourceSchema general(std::string_view line) { return ResourceSchema::from_json(nlohmann::json::parse(line)); }

}  // namespace

TEST_CASE("schema text: every embedded entry reads as the json document gives it") {
  std::size_t compared = 0;
  for (const schema_data::EmbeddedEntry& e : schema_data::entries()) {
    const auto fast = schema_text::parse(e.json);
    INFO(e.type);
    REQUIRE(fast.has_value());  // every built-in entry takes the fast way
    CHECK(difference(*fast, general(e.json)) == "");
    ++compared;
  }
  CHECK(compared == 1828);
}

TEST_CASE("schema text: the tagging alone is the tagging of the whole entry, for every embedded entry") {
  const SchemaDb& db = SchemaDb::builtin();
  int tagged = 0;
  for (const std::string& type : db.type_names()) {
    const std::optional<TagInfo> alone = db.tagging(type);
    const std::optional<TagInfo>& whole = db.find(type)->tagging;
    INFO(type);
    REQUIRE(alone.has_value() == whole.has_value());
    if (!alone) continue;
    ++tagged;
    CHECK(alone->property == whole->property);
    CHECK(alone->variant == whole->variant);
  }
  CHECK(tagged > 1000);
  CHECK_FALSE(db.tagging("AWS::Not::AType"));
  std::optional<TagInfo> out;
  CHECK_FALSE(schema_text::parse_tagging(R"({"type":"X","tagging":{"property":"Tags"})", out));
  CHECK_FALSE(out);
  REQUIRE(schema_text::parse_tagging(R"({"type":"X","properties":{"tagging":{"type":"string"}}})", out));
  CHECK_FALSE(out);
  REQUIRE(schema_text::parse_tagging(R"({"tagging":{"property":"Labels","variant":"map"},"type":"X"})", out));
  REQUIRE(out);
  CHECK(out->property == "Labels");
  CHECK(out->variant == "map");
}

TEST_CASE("schema text: escapes, enums of numbers, limits and unknown keys") {
  const std::string line =
      R"({"type":"X::Y::Z","unknown":{"a":[1,true,null,"s"]},"properties":{"A":{"type":"string",)"
      R"("pattern":"^[a-z\\-]+\"\/\u00e9\ud83d\ude00\n$","enum":["x",7,-3,0],"minLength":1,"maxLength":2.5e2,)"
      R"("uniqueItems":true,"required":true,"note":"ignored"},"B":{"type":"list<Thing>","minItems":0}},)"
      R"("types":{"Thing":{"properties":{"C":{"type":"map<integer>"}},"exactlyOne":["C","D"],"extra":1}},)"
      R"("requires":{"A":["B"]},"excludes":{"B":["A"]},"atLeastOne":["A","B"],"attributes":["Arn","Id"],)"
      R"("attributeTypes":{"Id":"list<string>"},"dynamicAttributes":["Attr"],"createOnly":["A"],)"
      R"("conditionalCreateOnly":["B/*/C"],"primaryIdentifier":["Id"],"cfnRefIdentifier":["Arn"],)"
      R"("tagging":{"property":"Tags","variant":"map"},"transform":"AWS::Serverless-2016-10-31"})";
  const auto fast = schema_text::parse(line);
  REQUIRE(fast.has_value());
  CHECK(difference(*fast, general(line)) == "");
  CHECK(fast->property("A")->limits.pattern == "^[a-z\\-]+\"/\xc3\xa9\xf0\x9f\x98\x80\n$");
  CHECK(fast->property("A")->enum_values == std::vector<std::string>{"x", "7", "-3", "0"});
  CHECK(fast->property("A")->limits.max_length == 250);
}

TEST_CASE("schema text: what it does not imitate goes the general way") {
  const char* const lines[] = {
      // nlohmann keeps the last of duplicate keys
      R"({"type":"X::Y::Z","properties":{"A":{"type":"string"},"A":{"type":"integer"}}})",
      R"({"type":"X::Y::Z","properties":{},"properties":{"A":{"type":"string"}}})",
      // enum numbers that json's dump() writes differently
      R"({"type":"X::Y::Z","properties":{"A":{"type":"string","enum":[1.0,1e2]}}})",
      R"({"type":"X::Y::Z","properties":{"A":{"type":"string","enum":[true]}}})",
      // a limit that is not a number (from_json ignores it)
      R"({"type":"X::Y::Z","properties":{"A":{"type":"string","maxLength":"5"}}})",
      // a required flag that is not a boolean (from_json throws)
      R"({"type":"X::Y::Z","properties":{"A":{"type":"string","required":null}}})",
      // no properties, no type
      R"({"type":"X::Y::Z"})",
      R"({"properties":{}})",
  };
  for (const char* line : lines) {
    INFO(line);
    CHECK_FALSE(schema_text::parse(line).has_value());
  }
  // The general way over the ignored limit, as SchemaDb::find then takes it.
  CHECK_FALSE(general(lines[4]).property("A")->limits.max_length.has_value());
}

TEST_CASE("schema text: a db over text with odd entries still finds them") {
  auto db = SchemaDb::from_jsonl(
      R"({"type":"X::A::B","properties":{"P":{"type":"string","maxLength":"5","enum":[1.0]}}})"
      "\n"
      R"({"type":"X::A::C","properties":{"Q":{"type":"integer","minimum":1}}})"
      "\n",
      "test");
  const ResourceSchema* b = db->find("X::A::B");
  REQUIRE(b != nullptr);
  CHECK(b->property("P")->enum_values == std::vector<std::string>{"1.0"});
  const ResourceSchema* c = db->find("X::A::C");
  REQUIRE(c != nullptr);
  CHECK(c->property("Q")->limits.minimum == 1);
}
