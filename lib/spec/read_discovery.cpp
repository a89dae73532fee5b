// The `discovery:` area: Cloud Map private DNS namespaces, read (checks:
// check_discovery.cpp, which also checks the services' `discovery:` and `calls:`).
#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {
namespace {

void read_namespace(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "namespace", diags)) return;
  Namespace n;
  n.name = key.scalar;
  n.location = key.location;
  Fields f(value, fmt::format("namespace '{}'", n.name), diags, key.location);
  if (!f.ok()) return;
  f.text("vpc", n.vpc, Presence::required);
  // DNS labels of letters, digits and '-', at least two of them, at most 253 characters.
  static const Pattern domain("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  f.text("domain", domain, "'domain' must be a lowercase DNS name such as app.internal, got '{}'", n.domain,
         Presence::required);
  f.text("description", n.description);
  f.integer("ttl", {0, 86400}, n.ttl);
  f.tags(n.tags);
  spec.discovery.namespaces.push_back(std::move(n));
}

}  // namespace

void read_discovery(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.discovery.location = node.location;
  Fields f(node, "'discovery'", diags);
  if (!f.ok()) return;
  read_named(f, "namespaces", "namespace", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_namespace(k, v, spec, diags); });
}

}  // namespace aip::spec
