// cfn::to_bytes writes exactly what nlohmann::json's dump(2) writes, and
// taking a stack's bodies while rendering gives the same template as copying.
#include <catch2/catch.hpp>

#include "cfn/render.hpp"
#include "driver/synthesize.hpp"

using aip::cfn::Json;

namespace {

std::string library_bytes(const Json& document) {
  return document.dump(2, ' ', false, Json::error_handler_t::strict) + "\n";
}

}  // namespace

TEST_CASE("to_bytes writes what nlohmann::json's dump(2) writes") {
  const Json document = Json::parse(R"({
    "empty_object": {}, "empty_list": [], "nested": {"a": [1, [2, []], {"b": {}}], "z": null},
    "numbers": [0, -7, 18446744073709551615, 9223372036854775807, -9223372036854775808, 1.5, -0.0, 1e300, 0.1],
    "booleans": [true, false],
    "strings": ["", "plain", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\rbell\u0007del\u007f",
                "\u0000\u001f\b\f", "caf\u00e9 \u2603 \ud83d\ude00", "${AWS::Region}:arn"],
    "key \"quoted\"\n": "value", "caf\u00e9": 1
  })");
  CHECK(aip::cfn::to_bytes(document) == library_bytes(document));
  CHECK(aip::cfn::to_bytes(Json("scalar")) == library_bytes(Json("scalar")));
  CHECK(aip::cfn::to_bytes(Json::array()) == "[]\n");
  CHECK(aip::cfn::to_bytes(Json(2.5)) == library_bytes(Json(2.5)));
}

TEST_CASE("to_bytes rejects invalid UTF-8 as the library does") {
  const Json bad = Json{{"Key", std::string("\xff\xfe")}};
  CHECK_THROWS_AS(aip::cfn::to_bytes(bad), Json::type_error);
}

TEST_CASE("to_bytes matches the library on every template of a blueprint") {
  aip::SourceManager sources;
  const std::string path = std::string(AIP_SOURCE_DIR) + "/blueprints/enterprise-ai-platform.yaml";
  aip::driver::Synthesis synthesis = aip::driver::synthesize(path, sources);
  REQUIRE(synthesis.ok());
  REQUIRE_FALSE(synthesis.templates.empty());
  for (const auto& [stack, document] : synthesis.templates) {
    INFO(stack);
    CHECK(aip::cfn::to_bytes(document) == library_bytes(document));
  }
}

TEST_CASE("a synthesis that drops the plan renders the same templates") {
  aip::SourceManager sources;
  const std::string path = std::string(AIP_SOURCE_DIR) + "/blueprints/zero-trust-rag.yaml";
  aip::driver::Synthesis kept = aip::driver::synthesize(path, sources);
  aip::driver::SynthesisOptions options;
  options.keep_plan = false;
  aip::driver::Synthesis dropped = aip::driver::synthesize(path, sources, options);
  REQUIRE(kept.ok());
  REQUIRE(dropped.ok());
  CHECK(dropped.templates == kept.templates);
  CHECK(dropped.environment_assemblies.empty());
  CHECK_FALSE(dropped.shared_assembly.has_value());
  REQUIRE(dropped.assembly.has_value());
  REQUIRE(dropped.assembly->stacks.size() == kept.assembly->stacks.size());
  for (std::size_t i = 0; i < kept.assembly->stacks.size(); ++i) {
    const aip::cfn::Stack& a = kept.assembly->stacks[i];
    const aip::cfn::Stack& b = dropped.assembly->stacks[i];
    CHECK(a.id == b.id);
    CHECK(a.environment() == b.environment());
    CHECK(a.dependencies == b.dependencies);
    CHECK(a.resources.size() == b.resources.size());
    CHECK(a.outputs == b.outputs);
  }
}
