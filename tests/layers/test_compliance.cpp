// `compliance:` at the top of a spec: the packs aip lint runs too.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::load_text;

TEST_CASE("compliance packs are read in order, once each, from a known list") {
  auto loaded = load_text(std::string(kHeader) + "compliance: [sox, pci-dss, hipaa]\n");
  REQUIRE(loaded.spec);
  REQUIRE(loaded.spec->compliance.size() == 3);
  CHECK(loaded.spec->compliance[0].value == "sox");
  CHECK(loaded.spec->compliance[2].value == "hipaa");
  CHECK(loaded.spec->compliance[1].location.line == 5);
  CHECK(errors_of("compliance: [sox, hippa]\n").find("spec.yaml:5:19: 'compliance' must be one of") !=
        std::string::npos);
  CHECK(errors_of("compliance: [sox, hippa]\n").find("did you mean 'hipaa'?") != std::string::npos);
  CHECK(errors_of("compliance: [sox, sox]\n") == "spec.yaml:5:19: compliance pack 'sox' is listed twice\n");
}
