// `resources:` (spec/resources.hpp): raw CloudFormation resources. Planned after
// every area, so that their references find the modelled elements' resources;
// checked here against the resource schemas (lib/spec cannot use lib/cfn):
// the type, the properties (errors at the spec line of the property) and the
// attributes that !attr and !arn name.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/did_you_mean.hpp"
#include "cfn/logical_id.hpp"
#include "cfn/schema/check_catalog.hpp"
#include "cfn/schema/validate.hpp"
#include "cfn/tagging.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "plan/yaml_json.hpp"
#include "spec/placement.hpp"
#include "spec/resources.hpp"

namespace aip::plan {
namespace raw_resources {

// The logical id of the main resource of a referenced element.
std::string target_id(const spec::Spec& spec, const spec::ElementRef& ref) {
  const std::string& k = ref.kind.value;
  const std::string& n = ref.name.value;
  if (k == "vpc") {
    const spec::Vpc* v = spec.find_vpc(n);
    return v != nullptr ? vpc_logical_id(*v) : std::string();
  }
  if (k == "subnet") {  // vpc.tier.az
    std::size_t a = n.find('.'), b = n.rfind('.');
    return subnet_id(n.substr(0, a), n.substr(a + 1, b - a - 1), std::stoi(n.substr(b + 1)));
  }
  if (k == "sg") return security_group_id(n);
  if (k == "bucket") return bucket_id(n);
  if (k == "database") return db_cluster_id(n);
  if (k == "service") return ecs_service_id(n);
  if (k == "task_role") return task_role_id(n);  // a service's task role
  if (k == "function") return function_id(n);
  if (k == "queue") return queue_id(n);
  if (k == "topic") return topic_id(n);
  if (k == "alarm_topic") return alarm_topic_id(n);
  if (k == "bus") return event_bus_id(n);
  if (k == "role") return iam_role_id(n);
  if (k == "user_pool") return user_pool_id(n);
  if (k == "user_pool_client") {  // pool.client, as the identity planner names it
    std::size_t dot = n.find('.');
    return user_pool_client_id(n.substr(0, dot), n.substr(dot + 1));
  }
  if (k == "api") return rest_api_id(n);
  if (k == "collection") return collection_id(n);
  if (k == "knowledge_base") return knowledge_base_id(n);
  if (k == "guardrail") return guardrail_id(n);
  if (k == "data_source") {  // knowledge_base.source, as the bedrock planner names it
    std::size_t dot = n.find('.');
    return knowledge_base_id(n.substr(0, dot)) + cfn::pascal_case(n.substr(dot + 1)) + "DataSource";
  }
  if (k == "zone") return hosted_zone_id(n);
  return raw_resource_id(n);
}

// What holds references: a raw resource, or a function's or service's environment (spec == nullptr).
struct Planned {
  const spec::RawResource* spec;
  cfn::Stack* stack;
  std::string id;
  std::string what;  // "resource 'name'", "function 'name'", for messages
};

class Planner {
 public:
  Planner(const spec::Spec& spec, cfn::Assembly& assembly, Diagnostics& diags)
      : spec_(spec), assembly_(assembly), diags_(diags), db_(cfn::SchemaDb::builtin()) {}

  void run() {
    // First every raw resource, so that they can reference each other.
    for (const spec::RawResource& r : spec_.resources) {
      if (!db_.contains(r.type.value)) {
        diags_.error(r.type.location, fmt::format("unknown resource type '{}'{}", r.type.value,
                                                  did_you_mean(r.type.value, type_names())));
        continue;
      }
      spec::Placement where = spec::place(spec_, r.account, r.region);
      if (!where.known()) continue;
      cfn::Stack& stack = stack_for(assembly_, spec_, r.stack.value, *where.account, where.region);
      cfn::Resource& added = add_resource(stack, raw_resource_id(r.name), r.type.value, cfn::Json::object(), r.location);
      added.deletion_policy = r.deletion_policy.value;
      added.update_replace_policy = r.update_replace_policy.value;
      planned_.push_back({&r, &stack, added.logical_id, fmt::format("resource '{}'", r.name)});
    }
    for (const Planned& p : planned_) fill(p);
  }

  // References in `environment:` values: the planners wrote each as its text
  // (EnvValue::written, which the version digest of a function covers); here,
  // after the raw resources they may name, each becomes Ref, GetAtt, Sub or an import.
  void resolve_environments() {
    for (const spec::Function& f : spec_.functions.items) {
      cfn::Stack* stack = nullptr;
      cfn::Resource* function = planned_resource(function_id(f.name), f.location, stack);
      if (function == nullptr) continue;
      Planned from{nullptr, stack, function->logical_id, fmt::format("function '{}'", f.name)};
      for (const auto& [variable, value] : f.environment) {
        if (!value.is_reference()) continue;
        function->properties["Environment"]["Variables"][variable.value] = resolve(from, tagged(value));
      }
    }
    for (const spec::Service& s : spec_.compute.services) {
      cfn::Stack* stack = nullptr;
      cfn::Resource* task = planned_resource(task_definition_id(s.name), s.location, stack);
      if (task == nullptr) continue;
      Planned from{nullptr, stack, task->logical_id, fmt::format("service '{}'", s.name)};
      resolve_container(from, *task, s.app);
      for (const spec::Container& c : s.sidecars) resolve_container(from, *task, c);
    }
  }

 private:
  const std::vector<std::string>& type_names() {
    if (types_.empty()) types_ = db_.type_names();
    return types_;
  }

  // The resource `id` an element declared at `where` rendered, and its stack.
  cfn::Resource* planned_resource(const std::string& id, const Location& where, cfn::Stack*& stack) {
    for (cfn::Stack& s : assembly_.stacks) {
      cfn::Resource* r = s.find(id);
      if (r != nullptr && r->provenance.file == where.file && r->provenance.line == where.line &&
          r->provenance.column == where.column) {
        stack = &s;
        return r;
      }
    }
    return nullptr;
  }

  static YamlNode tagged(const spec::EnvValue& value) {
    YamlNode n;
    n.kind = YamlNode::Kind::scalar;
    n.tag = value.tag;
    n.scalar = value.value;
    n.location = value.location;
    return n;
  }

  void resolve_container(const Planned& from, cfn::Resource& task, const spec::Container& c) {
    for (cfn::Json& definition : task.properties["ContainerDefinitions"]) {
      if (definition["Name"] != c.name) continue;
      for (const auto& [variable, value] : c.environment) {
        if (!value.is_reference()) continue;
        for (cfn::Json& entry : definition["Environment"]) {
          if (entry["Name"] == variable.value) entry["Value"] = resolve(from, tagged(value));
        }
      }
    }
  }

  struct Target {
    cfn::Stack* stack = nullptr;
    const cfn::Resource* resource = nullptr;
    bool existing = false;  // the id stands for existing infrastructure (stack->existing)
  };

  // The stack and resource of a referenced element (checked to exist by check_resources).
  Target find(const spec::ElementRef& ref) {
    std::string id = target_id(spec_, ref);
    Location declared;
    for (const auto& [name, at] : spec::element_names(spec_, ref.kind.value)) {
      if (name == ref.name.value) declared = at;
    }
    Target found;
    for (cfn::Stack& s : assembly_.stacks) {
      const cfn::Resource* r = s.find(id);
      if (r == nullptr && s.existing.count(id) != 0) {
        existing_.logical_id = id;
        existing_.type = existing_type(ref.kind.value);
        return {&s, &existing_, true};
      }
      if (r == nullptr) continue;
      bool here = r->provenance.file == declared.file && r->provenance.line == declared.line &&
                  r->provenance.column == declared.column;
      if (found.stack == nullptr || here) found = {&s, r};
    }
    return found;
  }

  // The target of a reference from `from`, or nullptr (reported).
  const cfn::Resource* reachable(const Planned& from, const spec::ElementRef& ref, Target& t) {
    t = find(ref);
    if (t.stack == nullptr) {
      diags_.error(ref.location, fmt::format("{} '{}' renders no resource aip can reference", ref.kind.value,
                                             ref.name.value));
      return nullptr;
    }
    if (t.existing) return t.resource;  // literal ids and ARNs: valid in every account and region
    if (t.stack->environment() != from.stack->environment()) {
      diags_.error(ref.location,
                   fmt::format("{} in {} cannot reference {} '{}' in {}: CloudFormation references and "
                               "exports do not cross accounts or regions; place both in one account and region, or "
                               "pass the value in another way (an SSM parameter, a literal)",
                               from.what, from.stack->environment(), ref.kind.value, ref.name.value,
                               t.stack->environment()));
      return nullptr;
    }
    return t.resource;
  }

  // The type an existing element stands for, for the attribute checks.
  static std::string existing_type(const std::string& kind) {
    if (kind == "vpc") return "AWS::EC2::VPC";
    if (kind == "subnet") return "AWS::EC2::Subnet";
    if (kind == "sg") return "AWS::EC2::SecurityGroup";
    if (kind == "bucket") return "AWS::S3::Bucket";
    if (kind == "bus") return "AWS::Events::EventBus";
    if (kind == "role") return "AWS::IAM::Role";
    if (kind == "user_pool") return "AWS::Cognito::UserPool";
    if (kind == "zone") return "AWS::Route53::HostedZone";
    return {};
  }

  bool has_attribute(const spec::ElementRef& ref, const cfn::Resource& target, const std::string& attribute) {
    if (&target == &existing_) {
      std::vector<std::string> known;
      for (const cfn::Stack& s : assembly_.stacks) {
        for (const auto& [key, value] : s.existing_attributes) {
          if (key.first == target.logical_id) known.push_back(key.second);
        }
      }
      if (std::find(known.begin(), known.end(), attribute) != known.end()) return true;
      diags_.error(ref.location,
                   fmt::format("{} '{}' is existing: aip knows {}, not '{}'{}", ref.kind.value, ref.name.value,
                               known.empty() ? std::string("only its id (!ref)")
                                             : fmt::format("its id (!ref) and its {}", fmt::join(known, ", ")),
                               attribute, did_you_mean(attribute, known)));
      return false;
    }
    const cfn::ResourceSchema* s = db_.find(target.type);
    if (s == nullptr || s->has_attribute(attribute)) return true;
    diags_.error(ref.location, fmt::format("{} '{}' ({}) has no attribute '{}'{}", ref.kind.value, ref.name.value,
                                           target.type, attribute, did_you_mean(attribute, s->attributes)));
    return false;
  }

  cfn::Json resolve(const Planned& from, const YamlNode& n) {
    Diagnostics ignored;  // the reader reported malformed references
    if (n.tag == "!sub") return resolve_sub(from, n);
    spec::ElementRef ref;
    if (!spec::parse_element_ref(n.scalar, n.tag == "!attr", n.location, ref, ignored)) return nullptr;
    Target t;
    const cfn::Resource* target = reachable(from, ref, t);
    if (target == nullptr) return nullptr;
    if (n.tag == "!ref") return assembly_.ref(*from.stack, *t.stack, target->logical_id);
    std::string attribute = n.tag == "!arn" ? "Arn" : ref.attribute;
    if (attribute.empty()) {
      diags_.error(n.location, fmt::format("'!attr {}' names no attribute; write {}:{}.Attribute", n.scalar,
                                           ref.kind.value, ref.name.value));
      return nullptr;
    }
    if (n.tag == "!arn" && !t.existing) {
      const cfn::ResourceSchema* s = db_.find(target->type);
      if (s != nullptr && !s->has_attribute("Arn")) {
        std::vector<std::string> top;  // the attributes without a dot, a handful
        for (const std::string& a : s->attributes) {
          if (a.find('.') == std::string::npos && top.size() < 6) top.push_back(a);
        }
        diags_.error(n.location, fmt::format("{} '{}' ({}) has no Arn attribute; use !ref, or !attr with one of its "
                                             "attributes ({})",
                                             ref.kind.value, ref.name.value, target->type, fmt::join(top, ", ")));
        return nullptr;
      }
    }
    if (!has_attribute(ref, *target, attribute)) return nullptr;
    return assembly_.get_att(*from.stack, *t.stack, target->logical_id, attribute);
  }

  // ${kind:name} and ${kind:name.Attr}: inline in this stack, a variable of
  // Fn::Sub's map form for an import from another.
  cfn::Json resolve_sub(const Planned& from, const YamlNode& n) {
    Diagnostics ignored;
    const std::string& s = n.scalar;
    std::string out;
    cfn::Json vars = cfn::Json::object();
    std::size_t at = 0;
    while (true) {
      std::size_t open = s.find("${", at);
      if (open == std::string::npos) break;
      std::size_t close = s.find('}', open);
      std::string inner = s.substr(open + 2, close - open - 2);
      out += s.substr(at, open - at);
      at = close + 1;
      spec::ElementRef ref;
      if (inner.find("::") != std::string::npos || (!inner.empty() && inner[0] == '!') ||
          !spec::parse_element_ref(inner, true, n.location, ref, ignored)) {
        out += "${" + inner + "}";
        continue;
      }
      Target t;
      const cfn::Resource* target = reachable(from, ref, t);
      if (target == nullptr) return nullptr;
      if (!ref.attribute.empty() && !has_attribute(ref, *target, ref.attribute)) return nullptr;
      std::string local = ref.attribute.empty() ? target->logical_id : target->logical_id + "." + ref.attribute;
      if (t.stack == from.stack && !t.existing) {
        out += "${" + local + "}";
      } else {
        std::string var = fmt::format("Ref{}", vars.size() + 1);
        vars[var] = ref.attribute.empty() ? assembly_.ref(*from.stack, *t.stack, target->logical_id)
                                          : assembly_.get_att(*from.stack, *t.stack, target->logical_id, ref.attribute);
        out += "${" + var + "}";
      }
    }
    out += s.substr(at);
    if (vars.empty()) return cfn::intrinsic::sub(out);
    return cfn::Json{{"Fn::Sub", cfn::Json::array({out, vars})}};
  }

  // The YAML node a finding's path (below Properties) points at.
  Location locate(const spec::RawResource& r, const std::vector<std::string>& path, bool key) {
    if (!r.has_properties) return r.type.location;
    const YamlNode* n = &r.properties;
    Location where = r.properties.location;
    for (const std::string& seg : path) {
      if (!n->tag.empty()) break;
      if (n->is_map()) {
        const YamlNode* k = n->find_key(seg);
        if (k == nullptr) break;
        n = n->find(seg);
        where = key && &seg == &path.back() ? k->location : n->location;
      } else if (n->is_sequence()) {
        std::size_t i = static_cast<std::size_t>(std::atoi(seg.c_str()));
        if (i >= n->items.size()) break;
        n = &n->items[i];
        where = n->location;
      } else {
        break;
      }
    }
    return where;
  }

  void fill(const Planned& p) {
    const spec::RawResource& r = *p.spec;
    const cfn::ResourceSchema* schema = db_.find(r.type.value);
    cfn::Resource* res = p.stack->find(p.id);
    std::size_t errors = diags_.error_count();
    cfn::Json props = r.has_properties ? properties_json(r.properties, schema, [&](const YamlNode& n) {
      return resolve(p, n);
    })
                                       : cfn::Json::object();
    for (const spec::ElementRef& d : r.depends_on) {
      Target t;
      const cfn::Resource* target = reachable(p, d, t);
      if (target == nullptr || t.existing) continue;  // existing infrastructure is already there
      if (t.stack == p.stack) {
        if (std::find(res->depends_on.begin(), res->depends_on.end(), target->logical_id) == res->depends_on.end()) {
          res->depends_on.push_back(target->logical_id);
        }
      } else {
        p.stack->dependencies.insert(t.stack->id);
      }
    }
    if (diags_.error_count() != errors) return;
    // Literal tags join the element's tags: the renderer writes the type's tag
    // property (Tags, HostedZoneTags, ...) itself.
    if (const cfn::TagPlacement placement = cfn::tag_placement(r.type.value);
        placement.style != cfn::TagStyle::none && props.contains(placement.property)) {
      take_tags(r, placement.property, props, *res);
    }
    // The properties against the schema, in a template of their own.
    cfn::Json tmpl = {{"Resources", {{p.id, {{"Type", r.type.value}, {"Properties", props}}}}}};
    for (const cfn::SchemaFinding& f : cfn::validate_template(tmpl, db_)) {
      if (f.rule.rfind("unresolved-", 0) == 0) continue;  // references to other stacks' resources
      if (f.path.size() < 2 || f.path[0] != "Resources" || f.path[1] != p.id) continue;
      std::vector<std::string> below(f.path.size() > 3 ? f.path.begin() + 3 : f.path.end(), f.path.end());
      Location at = f.path.size() >= 3 && f.path[2] == "Properties" ? locate(r, below, f.rule == "unknown-property")
                                                                     : r.type.location;
      diags_.error(at, fmt::format("resource '{}' ({}): {} [{}]", r.name, r.type.value, f.message,
                                   cfn::check_label(f.rule)));
    }
    res->properties = std::move(props);
    if (r.has_properties) {
      for (const auto& [k, v] : r.properties.entries) res->property_provenance.push_back({{k.scalar}, k.location});
    }
  }

  void take_tags(const spec::RawResource& r, const std::string& property, cfn::Json& props, cfn::Resource& res) {
    const cfn::Json& tags = props[property];
    bool ok = true;
    std::map<std::string, std::string> out;
    if (tags.is_array()) {
      for (const cfn::Json& t : tags) {
        if (!t.is_object() || !t.contains("Key") || !t.contains("Value") || !t["Key"].is_string() ||
            !t["Value"].is_string()) {
          ok = false;
          break;
        }
        out[t["Key"]] = t["Value"];
      }
    } else if (tags.is_object()) {
      for (const auto& [k, v] : tags.items()) {
        if (!v.is_string()) ok = false;
        else out[k] = v;
      }
    } else {
      ok = false;
    }
    if (!ok) {
      diags_.error(r.properties.find_key(property)->location,
                   fmt::format("resource '{}': {} must be literal strings (aip adds the platform's tags to them)",
                               r.name, property));
      return;
    }
    for (auto& [k, v] : out) res.tags[k] = v;
    props.erase(property);
  }

  const spec::Spec& spec_;
  cfn::Assembly& assembly_;
  Diagnostics& diags_;
  const cfn::SchemaDb& db_;
  std::vector<std::string> types_;
  std::vector<Planned> planned_;
  cfn::Resource existing_;  // what find() gives for an existing target
};

}  // namespace raw_resources

namespace raw_resources {

bool has_environment_references(const spec::Spec& spec) {
  auto any = [](const auto& environment) {
    return std::any_of(environment.begin(), environment.end(), [](const auto& e) { return e.second.is_reference(); });
  };
  for (const spec::Function& f : spec.functions.items) {
    if (any(f.environment)) return true;
  }
  for (const spec::Service& s : spec.compute.services) {
    if (any(s.app.environment)) return true;
    for (const spec::Container& c : s.sidecars) {
      if (any(c.environment)) return true;
    }
  }
  return false;
}

}  // namespace raw_resources

void plan_raw_resources(const spec::Spec& spec, cfn::Assembly& assembly, Diagnostics& diags) {
  const bool environments = raw_resources::has_environment_references(spec);
  if (spec.resources.empty() && !environments) return;
  raw_resources::Planner planner(spec, assembly, diags);
  planner.run();
  if (environments) planner.resolve_environments();
}

}  // namespace aip::plan
