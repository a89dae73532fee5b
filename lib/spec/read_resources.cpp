// `resources:`: raw CloudFormation resources (spec/resources.hpp). The shape is
// read here; the type, the properties and the references are checked against
// the resource schemas and the spec's elements by plan/resources.cpp.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/resources.hpp"

namespace aip::spec {
namespace read_resources_detail {

const std::vector<std::string> kReferenceTags = {"!ref", "!arn", "!attr", "!sub"};

// Every tagged node inside the properties: one of aip's reference tags with a
// well-formed KIND:NAME. A CloudFormation short tag (!Ref, !GetAtt) is refused:
// the long form {Ref: ...} still works for pseudo parameters.
// `where` names the place for the unknown-tag message.
void check_tags(const YamlNode& n, Diagnostics& diags, std::vector<ElementRef>* found = nullptr,
                std::string_view where = "in the properties of a raw resource") {
  if (!n.tag.empty()) {
    bool known = std::find(kReferenceTags.begin(), kReferenceTags.end(), n.tag) != kReferenceTags.end();
    if (!known) {
      diags.error(n.location, fmt::format("unknown tag '{}' {}; aip's references are !ref, !arn, !attr and !sub{}",
                                          n.tag, where, did_you_mean(n.tag, kReferenceTags)));
      return;
    }
    if (!n.is_scalar()) {
      diags.error(n.location, fmt::format("'{}' takes a string, got {}", n.tag, n.describe()));
      return;
    }
    ElementRef ref;
    if (n.tag == "!sub") {
      std::string_view s = n.scalar;
      for (std::size_t at = s.find("${"); at != std::string_view::npos; at = s.find("${", at + 2)) {
        std::size_t end = s.find('}', at);
        if (end == std::string_view::npos) {
          diags.error(n.location, "'!sub' has a '${' without its closing '}'");
          return;
        }
        std::string_view inner = s.substr(at + 2, end - at - 2);
        // ${AWS::Region} and ${!Literal} are CloudFormation's own.
        if (inner.find("::") != std::string_view::npos || (!inner.empty() && inner[0] == '!')) continue;
        if (!parse_element_ref(inner, true, n.location, ref, diags)) return;
        if (found != nullptr) found->push_back(ref);
      }
      return;
    }
    if (parse_element_ref(n.scalar, n.tag == "!attr", n.location, ref, diags) && found != nullptr) {
      found->push_back(ref);
    }
    return;
  }
  for (const YamlNode& item : n.items) check_tags(item, diags, found);
  for (const auto& [key, value] : n.entries) check_tags(value, diags, found);
}

void read_one(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  RawResource r;
  r.name = key.scalar;
  r.location = key.location;
  Fields f(value, fmt::format("resource '{}'", key.scalar), diags, key.location);
  if (!f.ok()) return;
  static const Pattern type_shape("[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+");
  f.text("type", type_shape, "resource type must look like AWS::Service::Resource, got '{}'", r.type,
         Presence::required);
  f.text("account", r.account);
  f.region("region", r.region);
  static const Pattern layer_shape("[a-z][a-z0-9-]{0,29}");
  f.text("stack", layer_shape,
         "stack '{}' must be lowercase letters, digits and '-', starting with a letter (it ends the stack name)",
         r.stack);
  if (const YamlNode* p = f.optional("properties")) {  // free-form: the schema of `type` decides (plan/resources.cpp)
    if (!p->is_map()) {
      diags.error(p->location, fmt::format("'properties' must map CloudFormation property names to values, got {}",
                                           p->describe()));
    } else {
      check_tags(*p, diags);
      r.properties = *p;
      r.has_properties = true;
    }
  }
  std::vector<Located<std::string>> deps;
  f.strings("depends_on", deps);
  for (const Located<std::string>& d : deps) {
    ElementRef ref;
    if (parse_element_ref(d.value, false, d.location, ref, diags)) r.depends_on.push_back(std::move(ref));
  }
  f.choice("deletion_policy", {"Delete", "Retain", "RetainExceptOnCreate", "Snapshot"}, r.deletion_policy);
  f.choice("update_replace_policy", {"Delete", "Retain", "Snapshot"}, r.update_replace_policy);
  spec.resources.push_back(std::move(r));
}

}  // namespace read_resources_detail

const std::vector<std::string>& element_ref_kinds() {
  static const std::vector<std::string> kinds = {"alarm_topic", "api",         "bucket",   "bus",
                                                 "collection",  "data_source", "database", "function",
                                                 "guardrail",   "knowledge_base", "queue", "resource",
                                                 "role",        "service",     "sg",       "subnet",
                                                 "task_role",   "topic",       "user_pool", "user_pool_client",
                                                 "vpc",         "zone"};
  return kinds;
}

bool parse_element_ref(std::string_view text, bool with_attribute, Location where, ElementRef& out,
                       Diagnostics& diags) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    diags.error(where, fmt::format("'{}' must name a spec element as KIND:NAME{} (kinds: {})", text,
                                   with_attribute ? ".Attribute" : "", fmt::join(element_ref_kinds(), ", ")));
    return false;
  }
  std::string kind(text.substr(0, colon));
  std::string rest(text.substr(colon + 1));
  const auto& kinds = element_ref_kinds();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    diags.error(where, fmt::format("unknown element kind '{}' in '{}'{}", kind, text, did_you_mean(kind, kinds)));
    return false;
  }
  std::string attribute;
  if (with_attribute) {
    // subnet and data source names have dots of their own (subnet:main.private.1,
    // data_source:kb.source): the attribute follows the dot after them.
    std::size_t own_dots = kind == "subnet" ? 2 : kind == "data_source" ? 1 : 0;
    std::size_t dot = std::string::npos;
    std::size_t dots = 0;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (rest[i] == '.' && ++dots == own_dots + 1) {
        dot = i;
        break;
      }
    }
    // Without one, ${kind:name} in !sub is a Ref; !attr without one is reported by the planner's check.
    if (dot != std::string::npos) {
      attribute = rest.substr(dot + 1);
      rest = rest.substr(0, dot);
    }
  }
  if (rest.empty()) {
    diags.error(where, fmt::format("'{}' names no element after '{}:'", text, kind));
    return false;
  }
  out.kind = Located<std::string>{kind, where};
  out.name = Located<std::string>{rest, where};
  out.attribute = attribute;
  out.location = where;
  return true;
}

bool read_env_value(const YamlNode& n, std::string_view variable, EnvValue& out, Diagnostics& diags) {
  if (!n.is_scalar()) {
    diags.error(n.location, fmt::format("'{}' must be a string or a reference (!ref, !arn, !attr, !sub), got {}",
                                        variable, n.describe()));
    return false;
  }
  out.value = n.scalar;
  out.location = n.location;
  if (n.tag == "tag:yaml.org,2002:str") return true;  // `!!str 42`: YAML's own, a literal
  std::size_t errors = diags.error_count();
  read_resources_detail::check_tags(n, diags, nullptr, fmt::format("on environment variable {}", variable));
  if (diags.error_count() != errors) return false;
  out.tag = n.tag;
  return true;
}

std::vector<ElementRef> env_value_references(const EnvValue& value) {
  if (!value.is_reference()) return {};
  YamlNode n;
  n.kind = YamlNode::Kind::scalar;
  n.tag = value.tag;
  n.scalar = value.value;
  n.location = value.location;
  return property_references(n);
}

std::vector<ElementRef> property_references(const YamlNode& properties) {
  std::vector<ElementRef> out;
  Diagnostics ignored;  // the reader reported them
  read_resources_detail::check_tags(properties, ignored, &out);
  return out;
}

void read_resources(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.error(node.location,
                fmt::format("'resources' must map resource names to {{type, properties}}, got {}", node.describe()));
    return;
  }
  for (const auto& [key, value] : node.entries) {
    if (!check_name(key, "resource", diags)) continue;
    read_resources_detail::read_one(key, value, spec, diags);
  }
}

}  // namespace aip::spec
