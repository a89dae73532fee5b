// The `search:` area: OpenSearch Serverless collections with their encryption,
// network and data access policies, read (checks: check_search.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {


void read_access(const YamlNode& n, SearchCollection& c, Diagnostics& diags) {
  Fields f(n, fmt::format("access of collection '{}'", c.name), diags);
  if (!f.ok()) return;
  f.strings("read", c.access.read);
  f.strings("write", c.access.write);
}

void read_collection(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "collection", diags)) return;
  SearchCollection c;
  c.name = key.scalar;
  c.location = key.location;
  Fields f(value, fmt::format("collection '{}'", c.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", c.account);
  f.region("region", c.region);
  f.text("collection_name", aoss_name(),
         "collection name '{}' must be 3 to 32 lowercase letters, digits and '-', starting with a letter (OpenSearch "
         "Serverless's limit)",
         c.collection_name);
  f.choice("type", {"vectorsearch", "search", "timeseries"}, c.type);
  f.text("description", c.description);
  f.text("vpc", c.vpc);
  f.text("subnets", c.subnets);
  f.text("security_group", c.security_group);
  f.flag("public", c.public_access);
  f.flag("aws_owned_key", c.aws_owned_key);
  f.flag("standby_replicas", c.standby_replicas);
  if (const YamlNode* a = f.optional("access")) read_access(*a, c, diags);
  f.text("classification", c.classification);
  f.tags(c.tags);
  spec.search.collections.push_back(std::move(c));
}

}  // namespace

std::string collection_name(const Spec& spec, const SearchCollection& c) {
  if (!c.collection_name.value.empty()) return c.collection_name.value;
  return fmt::format("{}-{}", spec.name.value, c.name);
}

std::string collection_type(const SearchCollection& c) {
  std::string out = c.type.value;
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

void read_search(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.search.location = node.location;
  Fields f(node, "'search'", diags);
  if (!f.ok()) return;
  read_named(f, "collections", "collection", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_collection(k, v, spec, diags); });
}

}  // namespace aip::spec
