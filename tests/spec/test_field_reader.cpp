// The typed reads of spec::Fields: each key spelled once, its value written
// with its location, and the exact message and place of every bad value.
#include <catch2/catch.hpp>

#include "base/pattern.hpp"
#include "base/yaml_tree.hpp"
#include "spec/field_reader.hpp"

using namespace aip;
using aip::spec::Fields;
using aip::spec::Located;
using aip::spec::Presence;

// Not an anonymous namespace: the unity build compiles this file together
// with test_yaml_tree.cpp, which has helpers of the same names.
namespace test_field_reader {

struct Parsed {
  SourceManager sources;
  Diagnostics diags;
  std::optional<YamlNode> root;
};

std::unique_ptr<Parsed> parse_map(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  p->root = parse_yaml(p->sources.add("doc.yaml", text), p->diags);
  REQUIRE(p->root);
  return p;
}

// Every diagnostic as "line:col: message", in source order.
std::string messages(const Parsed& p) {
  std::string out;
  for (const Diagnostic& d : p.diags.sorted()) {
    out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message + "\n";
  }
  return out;
}

const std::vector<std::string> kClasses = {"STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"};

}  // namespace test_field_reader

using namespace test_field_reader;

TEST_CASE("typed reads write the value with its location") {
  auto p = parse_map("days: 30\nclass: GLACIER\nprefix: logs/\non: true\ncidr: 10.0.0.0/16\nnames: [a, b]\n");
  Located<int> days;
  std::optional<Located<std::string>> storage_class;
  Located<std::string> prefix;
  Located<bool> on;
  Located<net::Prefix> cidr;
  std::vector<Located<std::string>> names;
  {
    Fields f(*p->root, "rule 'r'", p->diags);
    CHECK(f.integer("days", {0, 36500}, days, Presence::required));
    CHECK(f.choice("class", kClasses, storage_class));
    CHECK(f.text("prefix", prefix));
    CHECK(f.flag("on", on));
    CHECK(f.prefix("cidr", cidr));
    CHECK(f.strings("names", names));
  }
  CHECK(messages(*p).empty());
  CHECK(days.value == 30);
  CHECK(days.location.line == 1);
  CHECK(days.location.column == 7);
  REQUIRE(storage_class);
  CHECK(storage_class->value == "GLACIER");
  CHECK(storage_class->location.line == 2);
  CHECK(prefix.value == "logs/");
  CHECK(on.value);
  CHECK(cidr.value.str() == "10.0.0.0/16");
  CHECK(cidr.location.line == 5);
  REQUIRE(names.size() == 2);
  CHECK(names[1].value == "b");
  CHECK(names[1].location.column == 12);
}

TEST_CASE("an absent optional key leaves the value as it was") {
  auto p = parse_map("other: 1\n");
  Located<int> days{7, {}};
  std::optional<Located<std::string>> prefix;
  {
    Fields f(*p->root, "rule 'r'", p->diags);
    CHECK_FALSE(f.integer("days", {0, 36500}, days));
    CHECK_FALSE(f.text("prefix", prefix));
    CHECK(f.integer("other", {0, 9}, days));
  }
  CHECK(messages(*p).empty());
  CHECK(days.value == 1);
  CHECK_FALSE(prefix);
}

TEST_CASE("a whole number out of its range names the key and the range") {
  auto p = parse_map("days: 40000\n");
  Located<int> days{5, {}};
  {
    Fields f(*p->root, "rule 'r'", p->diags);
    CHECK_FALSE(f.integer("days", {0, 36500}, days));
  }
  CHECK(messages(*p) == "1:7: 'days' must be between 0 and 36500, got 40000\n");
  CHECK(days.value == 5);
  CHECK_FALSE(days.location.valid());
}

TEST_CASE("a bad choice lists the choices and suggests the nearest") {
  auto p = parse_map("class: GLACEIR\n");
  Located<std::string> storage_class{"STANDARD_IA", {}};
  {
    Fields f(*p->root, "rule 'r'", p->diags);
    CHECK_FALSE(f.choice("class", kClasses, storage_class));
  }
  CHECK(messages(*p) ==
        "1:8: 'class' must be one of STANDARD_IA, GLACIER, DEEP_ARCHIVE, got 'GLACEIR'; did you mean 'GLACIER'?\n");
  CHECK(storage_class.value == "STANDARD_IA");
}

TEST_CASE("a missing required key is reported at the element, once per key") {
  auto p = parse_map("rule:\n  prefix: logs/\n");
  const YamlNode& rule = p->root->entries.front().second;
  const Location name = p->root->entries.front().first.location;
  Located<int> days;
  std::vector<Located<std::string>> origins;
  Located<std::string> absent, prefix;
  {
    Fields f(rule, "lifecycle rule 'rule'", p->diags, name);
    CHECK_FALSE(f.integer("days", {0, 36500}, days, Presence::required));
    CHECK_FALSE(f.strings("origins", origins, Presence::required));
    CHECK_FALSE(f.text("absent", absent));
    CHECK(f.text("prefix", prefix));
  }
  CHECK(messages(*p) ==
        "1:1: lifecycle rule 'rule' is missing required key 'days'\n"
        "1:1: lifecycle rule 'rule' is missing required key 'origins'\n");
}

TEST_CASE("a value of the wrong type names the key and shows the value") {
  auto p = parse_map("days: thirty\non: 'yes'\ncidr: [10.0.0.0/8]\nprefix: {a: 1}\n");
  Located<int> days;
  Located<bool> on;
  Located<net::Prefix> cidr;
  Located<std::string> prefix;
  {
    Fields f(*p->root, "rule 'r'", p->diags);
    CHECK_FALSE(f.integer("days", {0, 36500}, days));
    CHECK_FALSE(f.flag("on", on));
    CHECK_FALSE(f.prefix("cidr", cidr));
    CHECK_FALSE(f.text("prefix", prefix));
  }
  CHECK(messages(*p) ==
        "1:7: 'days' must be a whole number, got 'thirty'\n"
        "2:5: 'on' must be true or false, got 'yes'\n"
        "3:7: 'cidr' must be a CIDR such as 10.0.0.0/16, got a list\n"
        "4:9: 'prefix' must be a string, got a map\n");
  CHECK_FALSE(days.location.valid());
  CHECK_FALSE(prefix.location.valid());
}

TEST_CASE("a shaped string or list keeps what matches and reports the rest with its message") {
  auto p = parse_map("id: '12345'\npaths: [/tmp, var, /data]\n");
  const Pattern account_id("[0-9]{12}");
  const Pattern absolute("/[a-z]*");
  Located<std::string> id;
  std::vector<Located<std::string>> paths;
  {
    Fields f(*p->root, "account 'a'", p->diags);
    CHECK_FALSE(f.text("id", account_id, "account id must be exactly 12 digits, got '{}'", id));
    CHECK(f.strings("paths", absolute, "'paths' must be absolute paths, got '{}'", paths));
  }
  CHECK(messages(*p) ==
        "1:5: account id must be exactly 12 digits, got '12345'\n"
        "2:15: 'paths' must be absolute paths, got 'var'\n");
  REQUIRE(paths.size() == 2);
  CHECK(paths[1].value == "/data");
}

TEST_CASE("typed reads tell the unknown-key check which keys the element has") {
  auto p = parse_map("dayz: 3\n");
  Located<int> days;
  Located<std::string> storage_class;
  {
    Fields f(*p->root, "rule 'r'", p->diags);
    f.integer("days", {0, 36500}, days);
    f.choice("class", kClasses, storage_class);
  }
  CHECK(messages(*p) == "1:1: unknown key 'dayz' in rule 'r'; did you mean 'days'?\n");
}
