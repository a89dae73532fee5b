#include <catch2/catch.hpp>

#include "guard_support.hpp"

using guard_test::run;
using guard_test::status;
using json = nlohmann::json;

namespace {

json bucket(json properties, json metadata = nullptr) {
  json r = {{"Type", "AWS::S3::Bucket"}, {"Properties", std::move(properties)}};
  if (!metadata.is_null()) r["Metadata"] = std::move(metadata);
  return r;
}

const char* kVersioning = R"(
let buckets = Resources.*[ Type == 'AWS::S3::Bucket' ]
rule VERSIONING when %buckets !empty {
  %buckets.Properties.VersioningConfiguration.Status == 'Enabled'
  << Turn versioning on >>
}
)";

}  // namespace

TEST_CASE("Guard: a rule passes, fails, or is skipped when nothing is selected", "[guard][eval]") {
  CHECK(status(kVersioning, json::object()) == "SKIP");
  CHECK(status(kVersioning, {{"Resources", json::object()}}) == "SKIP");
  CHECK(status(kVersioning, {{"Resources", {{"Q", {{"Type", "AWS::SQS::Queue"}}}}}}) == "SKIP");
  CHECK(status(kVersioning, {{"Resources", {{"B", bucket({{"VersioningConfiguration", {{"Status", "Enabled"}}}})}}}}) == "PASS");
  CHECK(status(kVersioning, {{"Resources", {{"B", bucket({{"VersioningConfiguration", {{"Status", "Suspended"}}}})}}}}) == "FAIL");
  CHECK(status(kVersioning, {{"Resources", {{"B", bucket(json::object())}}}}) == "FAIL");
}

TEST_CASE("Guard: a failure names the resource, the path and the custom message", "[guard][eval]") {
  const json doc = {{"Resources",
                     {{"Good", bucket({{"VersioningConfiguration", {{"Status", "Enabled"}}}})},
                      {"Off", bucket({{"VersioningConfiguration", {{"Status", "Suspended"}}}})},
                      {"Missing", bucket({{"BucketName", "x"}})}}}};
  const auto results = run(kVersioning, doc);
  REQUIRE(results.size() == 1);
  REQUIRE(results[0].status == aip::guard::Status::fail);
  REQUIRE(results[0].failures.size() == 2);
  const auto& missing = results[0].failures[0];  // resources in key order
  CHECK(missing.resource == "Missing");
  CHECK(missing.path == "/Resources/Missing/Properties");
  CHECK(missing.property == "/Properties");
  CHECK(missing.missing == "VersioningConfiguration.Status");
  CHECK(missing.message == "Turn versioning on");
  CHECK(missing.location.line == 4);
  CHECK(missing.location.column == 3);
  const auto& off = results[0].failures[1];
  CHECK(off.resource == "Off");
  CHECK(off.path == "/Resources/Off/Properties/VersioningConfiguration/Status");
  CHECK(off.property == "/Properties/VersioningConfiguration/Status");
  CHECK(off.missing.empty());
  CHECK(off.clause == "%buckets.Properties.VersioningConfiguration.Status == 'Enabled'");
}

TEST_CASE("Guard: Metadata.guard.SuppressedRules silences a resource", "[guard][eval]") {
  const json suppressed = {{"guard", {{"SuppressedRules", {"VERSIONING"}}}}};
  const json doc = {{"Resources", {{"Off", bucket(json::object(), suppressed)}, {"Bad", bucket(json::object())}}}};
  auto results = run(kVersioning, doc);
  REQUIRE(results[0].failures.size() == 1);
  CHECK(results[0].failures[0].resource == "Bad");
  const json only = {{"Resources", {{"Off", bucket(json::object(), suppressed)}}}};
  CHECK(run(kVersioning, only)[0].status == aip::guard::Status::skip);
  aip::guard::EvalOptions raw;
  raw.honour_suppressed_rules = false;
  CHECK(run(kVersioning, only, raw)[0].status == aip::guard::Status::fail);
}

TEST_CASE("Guard: type blocks, when, or, not, some and rule dependencies", "[guard][eval]") {
  const char* rules = R"(
rule SMALL {
  AWS::EC2::Instance {
    Properties.InstanceType in ['t3.micro', 't3.small']
  }
}
rule TAGGED {
  AWS::EC2::Instance {
    some Properties.Tags[*].Key == 'owner'
  }
}
rule BOTH { SMALL TAGGED }
rule NOT_BOTH { not BOTH }
rule ONE_OF { SMALL or TAGGED }
rule WHEN_SMALL when SMALL { Resources exists }
rule IMAGE {
  AWS::EC2::Instance {
    when Properties.ImageId exists {
      Properties.ImageId == /^ami-[0-9a-f]+$/
    }
  }
}
rule TYPE_WHEN_SEES_THE_TEMPLATE {
  # A type block's `when` is evaluated on the template, not on each resource.
  AWS::EC2::Instance when Properties.ImageId exists { Properties exists }
}
)";
  auto instance = [](const char* type, json tags) {
    return json{{"Type", "AWS::EC2::Instance"}, {"Properties", {{"InstanceType", type}, {"Tags", std::move(tags)}}}};
  };
  const json small_untagged = {{"Resources", {{"I", instance("t3.micro", json::array({{{"Key", "team"}, {"Value", "x"}}}))}}}};
  CHECK(status(rules, small_untagged, "SMALL") == "PASS");
  CHECK(status(rules, small_untagged, "TAGGED") == "FAIL");
  CHECK(status(rules, small_untagged, "BOTH") == "FAIL");
  CHECK(status(rules, small_untagged, "NOT_BOTH") == "PASS");
  CHECK(status(rules, small_untagged, "ONE_OF") == "PASS");
  CHECK(status(rules, small_untagged, "WHEN_SMALL") == "PASS");
  CHECK(status(rules, small_untagged, "IMAGE") == "SKIP");
  const json big_tagged = {{"Resources", {{"I", instance("m5.24xlarge", json::array({{{"Key", "owner"}, {"Value", "x"}}}))}}}};
  CHECK(status(rules, big_tagged, "SMALL") == "FAIL");
  CHECK(status(rules, big_tagged, "TAGGED") == "PASS");
  CHECK(status(rules, big_tagged, "WHEN_SMALL") == "SKIP");
  json with_image = big_tagged;
  with_image["Resources"]["I"]["Properties"]["ImageId"] = "ami-0abc";
  CHECK(status(rules, with_image, "IMAGE") == "PASS");
  CHECK(status(rules, with_image, "TYPE_WHEN_SEES_THE_TEMPLATE") == "SKIP");
  with_image["Resources"]["I"]["Properties"]["ImageId"] = "custom";
  CHECK(status(rules, with_image, "IMAGE") == "FAIL");
  // A dependency on a skipped rule does not hold.
  CHECK(status(rules, json::object(), "SMALL") == "SKIP");
  CHECK(status(rules, json::object(), "BOTH") == "FAIL");
}

TEST_CASE("Guard: comparison operators, kinds and unresolved values", "[guard][eval]") {
  const json doc = {{"Resources",
                     {{"R",
                       {{"Type", "T"},
                        {"Properties",
                         {{"Days", 30}, {"Ratio", 0.5}, {"Name", "alpha"}, {"On", true}, {"List", {1, 2}},
                          {"Map", {{"a", 1}}}, {"Empty", json::array()}, {"Null", nullptr}, {"Text", ""}}}}}}}};
  auto check = [&](const std::string& clause) {
    return status("rule r { Resources.R.Properties." + clause + " }", doc);
  };
  CHECK(check("Days == 30") == "PASS");
  CHECK(check("Days != 30") == "FAIL");
  CHECK(check("Days >= 30") == "PASS");
  CHECK(check("Days > 30") == "FAIL");
  CHECK(check("Days < 31") == "PASS");
  CHECK(check("Days <= 29") == "FAIL");
  CHECK(check("Ratio < 1.0") == "PASS");
  // An integer and a float are not comparable in Guard: both fail.
  CHECK(check("Days == 30.0") == "FAIL");
  CHECK(check("Days != 30.0") == "FAIL");
  CHECK(check("Name == /^al/") == "PASS");
  CHECK(check("Name != /^be/") == "PASS");
  CHECK(check("Name == /(?i)ALPHA/") == "PASS");
  CHECK(check("Days == /30/") == "FAIL");
  CHECK(check("Name in ['alpha', 'beta']") == "PASS");
  CHECK(check("Name in [/^a/, 'z']") == "PASS");
  CHECK(check("Name not in ['alpha']") == "FAIL");
  CHECK(check("Name in 'the alphabet'") == "PASS");
  CHECK(check("List in [1, 2, 3]") == "PASS");
  CHECK(check("List in [1]") == "FAIL");
  CHECK(check("List == 1") == "FAIL");           // each element: 2 != 1
  CHECK(check("List[*] < 3") == "PASS");
  CHECK(check("List[0] == 1") == "PASS");
  CHECK(check("List[-1] == 2") == "PASS");
  CHECK(check("On == true") == "PASS");
  CHECK(check("On == 'true'") == "FAIL");
  CHECK(check("Map == { \"a\": 1 }") == "PASS");
  CHECK(check("Missing == 1") == "FAIL");
  CHECK(check("Missing != 1") == "FAIL");        // unresolved fails every comparison
  CHECK(check("Missing not exists") == "PASS");
  CHECK(check("Missing empty") == "PASS");
  CHECK(check("Empty empty") == "PASS");
  CHECK(check("Text empty") == "PASS");
  CHECK(check("List !empty") == "PASS");
  CHECK(check("Name is_string") == "PASS");
  CHECK(check("List is_list") == "PASS");
  CHECK(check("Map is_struct") == "PASS");
  CHECK(check("Days is_int") == "PASS");
  CHECK(check("Ratio is_float") == "PASS");
  CHECK(check("On is_bool") == "PASS");
  CHECK(check("Null is_null") == "PASS");
  CHECK(check("Name !is_int") == "PASS");
  CHECK(check("Name not is_string") == "FAIL");
  CHECK(status("rule r { not Resources.R.Properties.Days == 30 }", doc) == "FAIL");
  CHECK(status("rule r { Resources.R.Properties.Days == Resources.R.Properties.Days }", doc) == "PASS");
  CHECK(status("rule r { Resources.*.Properties[ keys == /^Da/ ] == 30 }", doc) == "PASS");
  CHECK(status("rule r { Resources.R.Properties { Days == 30\n this.Name == 'alpha' } }", doc) == "PASS");
  CHECK(status("rule r { Resources.*[ Type == 'none' ].Properties.Days == 1 }", doc) == "SKIP");
  CHECK(status("rule r { Resources.*[ Type == 'none' ] empty }", doc) == "PASS");
  CHECK(status("rule r { Resources[ Type == 'T' ].Properties.Days == 30 }", doc) == "PASS");
}

TEST_CASE("Guard: variables in filters, .%var keys and key spellings", "[guard][eval]") {
  const json doc = {{"Parameters", {{"Pw", {{"Type", "String"}, {"NoEcho", true}}}}},
                    {"Resources",
                     {{"Db", {{"Type", "AWS::RDS::DBInstance"}, {"Metadata", {{"cfn-nag", {{"x", 1}}}}},
                              {"Properties", {{"MasterUserPassword", {{"Ref", "Pw"}}}}}}}}}};
  const char* rules = R"(
let refs = Resources.*.Properties.MasterUserPassword.Ref
rule SECURE {
  let params = Parameters.%refs
  %params.NoEcho == true
}
rule SPELLING { Resources.Db.Metadata.cfn_nag exists }
rule BANG_REF { Resources.Db.Properties.MasterUserPassword.'!Ref' == 'Pw' }
let allowed = ['String']
rule IN_VAR { Parameters.*.Type in %allowed }
)";
  CHECK(status(rules, doc, "SECURE") == "PASS");
  CHECK(status(rules, doc, "SPELLING") == "PASS");
  CHECK(status(rules, doc, "BANG_REF") == "PASS");  // '!Ref' in pascal case is Ref, as cfn-guard 3.1.1 finds it
  CHECK(status(rules, doc, "IN_VAR") == "PASS");
}

TEST_CASE("Guard: built-in functions", "[guard][eval]") {
  const json doc = {{"Resources",
                     {{"A", {{"Type", "AWS::S3::Bucket"}, {"Properties", {{"BucketName", "Data-Bucket"}, {"Policy", "{\"Version\":\"2012-10-17\"}"},
                                                                             {"Url", "a%20b"}, {"Num", "42"}, {"Flt", "2.5"}, {"Flag", "TRUE"},
                                                                             {"Letter", "x"}, {"When", "2024-01-01T00:00:00Z"}}}}},
                      {"B", {{"Type", "AWS::S3::Bucket"}, {"Properties", {{"BucketName", "logs"}}}}}}}};
  auto check = [&](const std::string& let, const std::string& clause) {
    return status("let p = Resources.A.Properties\nlet v = " + let + "\nrule r { " + clause + " }", doc);
  };
  CHECK(check("count(Resources.*[ Type == 'AWS::S3::Bucket' ])", "%v == 2") == "PASS");
  CHECK(check("count(Resources.*[ Type == 'none' ])", "%v == 0") == "PASS");
  CHECK(check("to_lower(%p.BucketName)", "%v == 'data-bucket'") == "PASS");
  CHECK(check("to_upper(%p.BucketName)", "%v == 'DATA-BUCKET'") == "PASS");
  CHECK(check("json_parse(%p.Policy)", "%v.Version == '2012-10-17'") == "PASS");
  // As cfn-guard 3.1.1: the replacement once per match, concatenated.
  CHECK(check("regex_replace(%p.BucketName, '[A-Z]', 'x')", "%v == 'xx'") == "PASS");
  CHECK(check("regex_replace(%p.BucketName, '^Data-', 'arn:$0')", "%v == 'arn:Data-'") == "PASS");
  CHECK(check("regex_replace(%p.BucketName, '^.*$', 'bucket/${0}')", "%v == 'bucket/Data-Bucket'") == "PASS");
  // Capture groups, as Rust's Captures::expand: $N and ${N}, $$ a dollar, a group that took no part empty.
  CHECK(check("regex_replace(%p.BucketName, '^([A-Za-z]+)-([A-Za-z]+)$', '$2.$1')", "%v == 'Bucket.Data'") == "PASS");
  CHECK(check("regex_replace(%p.BucketName, '([a-z])(-[A-Z])?', '${1}${2}_')", "%v == 'a_t_a-B_u_c_k_e_t_'") == "PASS");
  CHECK(check("regex_replace(%p.BucketName, '(Data)-(x)?', '[$1|$2|$$]')", "%v == '[Data||$]'") == "PASS");
  // Leftmost-first like Rust: the first alternative that matches, not the longest.
  CHECK(check("regex_replace(%p.BucketName, '(Da|Data)', '<$1>')", "%v == '<Da>'") == "PASS");
  // $1name is the group named "1name", which does not exist: empty, as in Rust.
  CHECK(check("regex_replace(%p.BucketName, '(Data)', '$1x')", "%v == ''") == "PASS");
  CHECK(check("regex_replace(%p.BucketName, '(Data)', '${1}x')", "%v == 'Datax'") == "PASS");
  // The registry's own use: an ARN's account from arn:aws:iam::ACCOUNT:role/name.
  CHECK(status("let arns = Resources.A.Properties.Role\nlet acct = regex_replace(%arns, '^arn:aws:iam::(\\d+):role/.*$', '$1')\n"
               "rule r { %acct == '123456789012' }",
               json{{"Resources", {{"A", {{"Type", "X"}, {"Properties", {{"Role", "arn:aws:iam::123456789012:role/app"}}}}}}}}) ==
        "PASS");
  CHECK(check("substring(%p.BucketName, 0, 4)", "%v == 'Data'") == "PASS");
  CHECK(check("join(Resources.*.Properties.BucketName, ',')", "%v == 'Data-Bucket,logs'") == "PASS");
  CHECK(check("url_decode(%p.Url)", "%v == 'a b'") == "PASS");
  CHECK(check("parse_int(%p.Num)", "%v == 42") == "PASS");
  CHECK(check("parse_float(%p.Flt)", "%v == 2.5") == "PASS");
  CHECK(check("parse_boolean(%p.Flag)", "%v == true") == "PASS");
  CHECK(check("parse_string(parse_int(%p.Num))", "%v == '42'") == "PASS");
  CHECK(check("parse_char(%p.Letter)", "%v == 'x'") == "PASS");
  CHECK(check("parse_epoch(%p.When)", "%v == 1704067200") == "PASS");
  aip::guard::EvalOptions fixed;
  fixed.now = 1704067200 + 86400;
  const auto results = run("let age = now()\nlet made = parse_epoch(Resources.A.Properties.When)\nrule r { %age > %made }", doc, fixed);
  CHECK(results[0].status == aip::guard::Status::pass);
  const auto later = run("let age = now()\nrule r { %age == 1704153600 }", doc, fixed);
  CHECK(later[0].status == aip::guard::Status::pass);
}

TEST_CASE("Guard: rule files are evaluated from the parsed tree, once per document", "[guard][eval]") {
  auto p = guard_test::parse(kVersioning);
  REQUIRE(p->file);
  const json on = {{"Resources", {{"B", bucket({{"VersioningConfiguration", {{"Status", "Enabled"}}}})}}}};
  const json off = {{"Resources", {{"B", bucket(json::object())}}}};
  for (int i = 0; i < 3; ++i) {
    CHECK(aip::guard::evaluate(*p->file, on)[0].status == aip::guard::Status::pass);
    CHECK(aip::guard::evaluate(*p->file, off)[0].status == aip::guard::Status::fail);
  }
}

TEST_CASE("Guard: parameterized rules are evaluated where they are called, with their arguments", "[guard][eval]") {
  const json doc = json::parse(R"({"Resources": {
    "Good": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}, "Tags": [{"Key": "owner", "Value": "a"}]}},
    "Bad": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [{"Key": "team", "Value": "b"}]}},
    "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": [{"Key": "owner", "Value": "c"}]}}
  }})");
  const char* rules = R"(
rule versioned(buckets) {
  %buckets.Properties.VersioningConfiguration.Status == 'Enabled'
}
rule tagged(resources, key) {
  %resources {
    some Properties.Tags[*].Key == %key
  }
}
let all_buckets = Resources.*[ Type == 'AWS::S3::Bucket' ]
rule ALL_VERSIONED {
  versioned(%all_buckets) << every bucket is versioned >>
}
rule GOOD_VERSIONED {
  versioned(Resources.Good)
}
rule QUEUE_OWNED {
  tagged(Resources.*[ Type == 'AWS::SQS::Queue' ], 'owner')
}
rule BUCKETS_OWNED {
  tagged(%all_buckets, 'owner')
}
rule NOT_ALL_VERSIONED {
  not versioned(%all_buckets)
}
rule INSIDE_BLOCK {
  Resources.Good {
    let me = this
    tagged(%me, 'owner')
  }
}
)";
  auto p = guard_test::parse(rules);
  REQUIRE(p->file);
  CHECK(p->file->rules[0].parameterized);
  CHECK(p->file->rules[1].parameters == std::vector<std::string>{"resources", "key"});
  const auto results = guard_test::run(rules, doc);
  // Parameterized rules are not reported on their own.
  std::vector<std::string> names;
  for (const auto& r : results) names.push_back(r.name);
  CHECK(names == std::vector<std::string>{"ALL_VERSIONED", "GOOD_VERSIONED", "QUEUE_OWNED", "BUCKETS_OWNED",
                                          "NOT_ALL_VERSIONED", "INSIDE_BLOCK"});
  CHECK(status(rules, doc, "ALL_VERSIONED") == "FAIL");
  CHECK(status(rules, doc, "GOOD_VERSIONED") == "PASS");
  CHECK(status(rules, doc, "QUEUE_OWNED") == "PASS");
  CHECK(status(rules, doc, "BUCKETS_OWNED") == "FAIL");
  CHECK(status(rules, doc, "NOT_ALL_VERSIONED") == "PASS");
  CHECK(status(rules, doc, "INSIDE_BLOCK") == "PASS");
  // A failing call reports the called rule's failures, at the resource, with the call's message.
  for (const auto& r : results) {
    if (r.name != "ALL_VERSIONED") continue;
    REQUIRE(r.failures.size() == 1);
    CHECK(r.failures[0].resource == "Bad");
    CHECK(r.failures[0].message == "every bucket is versioned");
    CHECK(r.failures[0].location.line == 3);
  }
}

TEST_CASE("Guard: rules that share a name are each evaluated, and a reference takes the first that is not SKIP",
          "[guard][eval]") {
  // The shape of the AWS Control Tower files: one rule for a template, one for a hook document.
  const char* rules = R"(
let INPUT_DOCUMENT = this
rule CHECK when %INPUT_DOCUMENT.Resources exists {
  Resources.*.Properties.Name exists
}
rule CHECK when %INPUT_DOCUMENT.HookVersion exists {
  resourceProperties.Name exists
}
rule USES_CHECK { CHECK }
)";
  const json named = {{"Resources", {{"A", {{"Type", "X"}, {"Properties", {{"Name", "a"}}}}}}}};
  auto results = run(rules, named);
  REQUIRE(results.size() == 3);
  CHECK(results[0].name == "CHECK");
  CHECK(aip::guard::status_name(results[0].status) == std::string("PASS"));
  CHECK(results[1].name == "CHECK");
  CHECK(aip::guard::status_name(results[1].status) == std::string("SKIP"));
  CHECK(results[1].location.line == 6);
  CHECK(status(rules, named, "USES_CHECK") == "PASS");
  const json unnamed = {{"Resources", {{"A", {{"Type", "X"}, {"Properties", json::object()}}}}}};
  CHECK(status(rules, unnamed, "USES_CHECK") == "FAIL");
  // A hook document: the first rule is skipped, the second decides.
  const json hook = {{"HookVersion", "1.0"}, {"resourceProperties", {{"Name", "a"}}}};
  auto hook_results = run(rules, hook);
  CHECK(aip::guard::status_name(hook_results[0].status) == std::string("SKIP"));
  CHECK(aip::guard::status_name(hook_results[1].status) == std::string("PASS"));
  CHECK(status(rules, hook, "USES_CHECK") == "PASS");
  // Neither applies: every rule of the name is skipped, and a dependency holds only on PASS.
  auto neither = run(rules, json::object());
  CHECK(aip::guard::status_name(neither[0].status) == std::string("SKIP"));
  CHECK(aip::guard::status_name(neither[1].status) == std::string("SKIP"));
  CHECK(status(rules, json::object(), "USES_CHECK") == "FAIL");
}
