// `lint: {suppress: [{rule, reason}]}` on spec elements: reading, the span an
// element covers, and every way to get one wrong.
#include <catch2/catch.hpp>

#include "support/spec_text.hpp"

using aip::test::kHeader;
using aip::test::load_text;

namespace {

const char* kNetwork =
    "network:\n"                                   // 5
    "  vpcs:\n"                                    // 6
    "    main:\n"                                  // 7
    "      cidr: 172.17.0.0/16\n"                  // 8
    "      tiers: {private: 24}\n"                 // 9
    "      lint:\n"                                // 10
    "        suppress:\n"                          // 11
    "          - rule: AIP-NET-005\n"              // 12
    "            reason: lab VPC, no containers\n"  // 13
    "  security_groups:\n"                         // 14
    "    api:\n"                                   // 15
    "      vpc: main\n"                            // 16
    "      ingress:\n"                             // 17
    "        - {port: 22, from: 0.0.0.0/0, lint: {suppress: [{rule: AIP-EXP-001, reason: bastion}]}}\n"  // 18
    "        - {port: 443, from: 0.0.0.0/0}\n";   // 19

// Loads with the rule ids a CLI would pass.
aip::test::LoadedSpec load_checked(const std::string& text) {
  aip::test::LoadedSpec out;
  const aip::SourceFile& file = out.sources->add("spec.yaml", text);
  aip::spec::LoadOptions options;
  options.lint_rules = {"AIP-EXP-001", "AIP-NET-005", "AIP-EXP-002"};
  out.spec = aip::spec::load_spec(file, out.diags, options);
  return out;
}

std::string suppression_errors(const std::string& body) {
  auto loaded = load_checked(std::string(kHeader) + body);
  CHECK_FALSE(loaded.spec);
  return loaded.messages();
}

const char* kVpcHead =
    "network:\n"
    "  vpcs:\n"
    "    main:\n"
    "      cidr: 10.0.0.0/16\n"
    "      tiers: {private: 24}\n";

}  // namespace

TEST_CASE("suppressions are read from any element, in source order, with the element's span") {
  auto loaded = load_checked(std::string(kHeader) + kNetwork);
  INFO(loaded.messages());
  REQUIRE(loaded.spec);
  const auto& all = loaded.spec->lint_suppressions;
  REQUIRE(all.size() == 2);

  const auto& vpc = all[0];
  CHECK(vpc.rule.value == "AIP-NET-005");
  CHECK(vpc.rule.location.line == 12);
  CHECK(vpc.reason.value == "lab VPC, no containers");
  CHECK(vpc.element.line == 7);  // the vpc's name
  CHECK(vpc.element.column == 5);
  CHECK(vpc.element_end.line == 13);  // its last node: the reason
  CHECK(vpc.covers(loaded.spec->network.vpcs[0].cidr.location));
  CHECK(vpc.covers(loaded.spec->network.vpcs[0].location));
  CHECK_FALSE(vpc.covers(loaded.spec->network.security_groups[0].location));

  const auto& rule = all[1];  // on one ingress rule: covers that rule, not its neighbour
  CHECK(rule.rule.value == "AIP-EXP-001");
  CHECK(rule.reason.value == "bastion");
  const auto& ingress = *&loaded.spec->network.security_groups[0].ingress;
  CHECK(rule.covers(ingress[0].location));
  CHECK_FALSE(rule.covers(ingress[1].location));
  CHECK_FALSE(rule.covers(loaded.spec->network.security_groups[0].location));
}

TEST_CASE("a suppression needs a reason") {
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {suppress: [{rule: AIP-NET-005}]}\n") ==
        "spec.yaml:10:25: the suppression of AIP-NET-005 in vpc 'main' has no reason; say why the finding does not "
        "apply (reason: \"...\")\n");
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {suppress: [{rule: AIP-NET-005, reason: \"  \"}]}\n") ==
        "spec.yaml:10:53: the suppression of AIP-NET-005 in vpc 'main' has no reason; say why the finding does not "
        "apply (reason: \"...\")\n");
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint:\n        suppress:\n          - rule: AIP-NET-005\n"
                                          "            reason:\n") ==
        "spec.yaml:13:13: the suppression of AIP-NET-005 in vpc 'main' has no reason; say why the finding does not "
        "apply (reason: \"...\")\n");
}

TEST_CASE("a suppression must name a rule aip has, with a did-you-mean") {
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {suppress: [{rule: AIP-NET-05, reason: lab}]}\n") ==
        "spec.yaml:10:32: suppression names rule 'AIP-NET-05', which aip does not have; did you mean "
        "'AIP-NET-005'?\n");
  // Rule ids match regardless of case, as in template Metadata.
  CHECK(load_checked(std::string(kHeader) + kVpcHead + "      lint: {suppress: [{rule: aip-net-005, reason: lab}]}\n").spec);
  // Without a list of rules (lib/spec alone) the id is not checked here; lint
  // reports it in the rendered Metadata instead.
  CHECK(load_text(std::string(kHeader) + kVpcHead + "      lint: {suppress: [{rule: AIP-NET-05, reason: lab}]}\n").spec);
}

TEST_CASE("wrong shapes of lint and suppress are errors at the value") {
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: [AIP-NET-005]\n") ==
        "spec.yaml:10:13: 'lint' of vpc 'main' must be a map of keys, got a list\n");
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {suppress: {rule: AIP-NET-005, reason: lab}}\n") ==
        "spec.yaml:10:24: 'suppress' must be a list of {rule: ID, reason: \"...\"}, got a map\n");
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {suppress: [AIP-NET-005]}\n") ==
        "spec.yaml:10:25: a suppression in vpc 'main' must be a map of keys, got 'AIP-NET-005'\n");
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {suppress: [{rule: [AIP-NET-005], reason: lab}]}\n") ==
        "spec.yaml:10:32: 'rule' must be a string, got a list\n");
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {suppress: [{rule: \"\", reason: lab}]}\n") ==
        "spec.yaml:10:32: 'rule' must name a lint rule, e.g. AIP-EXP-002\n");
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {supress: []}\n") ==
        "spec.yaml:10:13: 'lint' of vpc 'main' is missing required key 'suppress'\n"
        "spec.yaml:10:14: unknown key 'supress' in 'lint' of vpc 'main'; did you mean 'suppress'?\n");
  CHECK(suppression_errors(std::string(kVpcHead) + "      lint: {suppress: [{rule: AIP-NET-005, reasn: lab}]}\n") ==
        "spec.yaml:10:25: the suppression of AIP-NET-005 in vpc 'main' has no reason; say why the finding does not "
        "apply (reason: \"...\")\n"
        "spec.yaml:10:45: unknown key 'reasn' in a suppression in vpc 'main'; did you mean 'reason'?\n");
  // A suppression is not an element: it takes no lint of its own.
  CHECK(suppression_errors(std::string(kVpcHead) +
                  "      lint: {suppress: [{rule: AIP-NET-005, reason: lab, lint: {suppress: []}}]}\n") ==
        "spec.yaml:10:58: unknown key 'lint' in a suppression in vpc 'main'\n");
}

TEST_CASE("a typo of lint gets a did-you-mean, and the spec-wide lint takes no suppressions") {
  CHECK(suppression_errors(std::string(kVpcHead) + "      lnit: {suppress: []}\n") ==
        "spec.yaml:10:7: unknown key 'lnit' in vpc 'main'; did you mean 'lint'?\n");
  CHECK(suppression_errors("lint: {suppress: [{rule: AIP-NET-005, reason: lab}]}\n") ==
        "spec.yaml:5:7: the spec-wide lint is missing required key 'rules'\n"
        "spec.yaml:5:8: unknown key 'suppress' in the spec-wide lint\n");
}
