#include <catch2/catch.hpp>

#include <string>

#include "base/yaml_merge.hpp"

using aip::Diagnostics;
using aip::SourceFile;
using aip::YamlNode;

namespace {

YamlNode parse(const SourceFile& file) {
  Diagnostics diags;
  auto root = aip::parse_yaml(file, diags);
  REQUIRE(root);
  REQUIRE(!diags.has_errors());
  return *root;
}

}  // namespace

TEST_CASE("merge_yaml: maps merge key by key, lists and scalars replace, null removes", "[base][yaml_merge]") {
  const SourceFile base_file("base.yaml",
                             "name: p\n"
                             "compute:\n"
                             "  services:\n"
                             "    api: {desired: 2, image: web, scaling: {min: 1, max: 4}}\n"
                             "tags: {team: a, cost: b}\n"
                             "list: [1, 2, 3]\n");
  const SourceFile over_file("over.yaml",
                             "compute:\n"
                             "  services:\n"
                             "    api: {desired: 4, scaling: {max: 12}}\n"
                             "tags: {cost: null, owner: c}\n"
                             "list: [9]\n"
                             "extra: yes\n");
  const YamlNode merged = aip::merge_yaml(parse(base_file), parse(over_file));

  const YamlNode* api = merged.find("compute")->find("services")->find("api");
  REQUIRE(api != nullptr);
  CHECK(api->find("desired")->scalar == "4");
  CHECK(api->find("desired")->location.file == &over_file);
  CHECK(api->find("desired")->location.line == 3);
  CHECK(api->find("image")->scalar == "web");
  CHECK(api->find("image")->location.file == &base_file);
  CHECK(api->find("image")->location.line == 4);
  CHECK(api->find("scaling")->find("min")->scalar == "1");
  CHECK(api->find("scaling")->find("max")->scalar == "12");
  CHECK(api->find("scaling")->find("max")->location.file == &over_file);
  // A map both write keeps the location it was first declared at.
  CHECK(api->location.file == &base_file);

  const YamlNode* tags = merged.find("tags");
  CHECK(tags->find("cost") == nullptr);
  CHECK(tags->find("team")->scalar == "a");
  CHECK(tags->find("owner")->location.file == &over_file);
  REQUIRE(tags->entries.size() == 2);
  CHECK(tags->entries[0].first.scalar == "team");
  CHECK(tags->entries[1].first.scalar == "owner");

  const YamlNode* list = merged.find("list");
  REQUIRE(list->items.size() == 1);
  CHECK(list->items[0].scalar == "9");
  CHECK(list->location.file == &over_file);

  // New keys follow base's keys, in over's order.
  REQUIRE(merged.entries.size() == 5);
  CHECK(merged.entries[0].first.scalar == "name");
  CHECK(merged.entries[4].first.scalar == "extra");
  CHECK(merged.entries[4].first.location.file == &over_file);
}

TEST_CASE("merge_yaml: every null spelling removes, quoted and tagged nulls do not", "[base][yaml_merge]") {
  const SourceFile base_file("base.yaml", "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n");
  const SourceFile over_file("over.yaml", "a:\nb: ~\nc: null\nd: \"null\"\ne: !Tag null\n");
  const YamlNode merged = aip::merge_yaml(parse(base_file), parse(over_file));
  CHECK(merged.find("a") == nullptr);
  CHECK(merged.find("b") == nullptr);
  CHECK(merged.find("c") == nullptr);
  REQUIRE(merged.find("d") != nullptr);
  CHECK(merged.find("d")->scalar == "null");
  CHECK(merged.find("d")->quoted);
  REQUIRE(merged.find("e") != nullptr);
  CHECK(merged.find("e")->tag == "!Tag");
}

TEST_CASE("merge_yaml: a null over changes nothing, a scalar replaces a map and a map a scalar", "[base][yaml_merge]") {
  const SourceFile base_file("base.yaml", "a: {x: 1}\nb: 2\n");
  const SourceFile null_file("null.yaml", "");
  const YamlNode base = parse(base_file);
  const YamlNode same = aip::merge_yaml(base, parse(null_file));
  CHECK(same.find("a")->find("x")->scalar == "1");
  CHECK(same.entries.size() == 2);

  const SourceFile over_file("over.yaml", "a: off\nb: {y: 3}\n");
  const YamlNode merged = aip::merge_yaml(base, parse(over_file));
  CHECK(merged.find("a")->is_scalar());
  CHECK(merged.find("a")->scalar == "off");
  REQUIRE(merged.find("b")->is_map());
  CHECK(merged.find("b")->find("y")->location.file == &over_file);
  CHECK(merged.find("b")->find("y")->location.line == 2);
}
