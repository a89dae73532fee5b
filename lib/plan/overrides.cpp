// `overrides:` (spec/resources.hpp): after every area and the raw resources
// are planned, each element's patches are checked against the resources it
// renders (those whose provenance lies inside the element) and the resource
// schemas, then recorded on the resource; the renderer applies them last
// (cfn/overrides.hpp). The patched resource is validated here, so that what
// an override breaks is an error at the override's line, not a bug in aip.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/did_you_mean.hpp"
#include "cfn/overrides.hpp"
#include "cfn/render.hpp"
#include "cfn/schema/check_catalog.hpp"
#include "cfn/schema/validate.hpp"
#include "plan/plan.hpp"
#include "plan/yaml_json.hpp"

namespace aip::plan {
namespace element_overrides {

struct Match {
  cfn::Stack* stack;
  cfn::Resource* resource;
};

// Each finding of the resource `id`, by its text, with its path below the resource.
std::map<std::string, std::vector<std::string>> findings_of(const cfn::Json& tmpl, const std::string& id,
                                                            const cfn::SchemaDb& db) {
  std::map<std::string, std::vector<std::string>> out;
  for (const cfn::SchemaFinding& f : cfn::validate_resource(tmpl, db, id)) {
    if (f.rule.rfind("unresolved-", 0) == 0) continue;
    std::vector<std::string> below(f.path.begin() + 2, f.path.end());
    out.emplace(fmt::format("{} [{}] at {}", f.message, cfn::check_label(f.rule), fmt::join(below, ".")), below);
  }
  return out;
}

// Checks `patch` against the schema of `r`; reports and returns false when it has no such property.
bool check_path(const spec::OverridePatch& patch, const cfn::Resource& r, const cfn::ResourceSchema& schema,
                Diagnostics& diags) {
  std::vector<std::string> prefix;
  for (const std::string& seg : patch.segments) {
    if (seg[0] != '[') {
      const cfn::StructSchema* st = struct_at(schema, prefix);
      if (st != nullptr && st->find(seg) == nullptr) {
        std::vector<std::string> names;
        for (const auto& [name, _] : st->properties) names.push_back(name);
        std::string where = "Properties";
        for (const std::string& p : prefix) where += (p[0] == '[' ? "" : ".") + p;
        diags.error(patch.path.location, fmt::format("override of {} ({}): {} has no property '{}'{}", r.logical_id,
                                                     r.type, where, seg, did_you_mean(seg, names)));
        return false;
      }
      // A map (string to anything) or free-form JSON: its keys are the user's.
      if (st == nullptr) return true;
    }
    prefix.push_back(seg);
  }
  return true;
}

}  // namespace element_overrides

void apply_overrides(const spec::Spec& spec, cfn::Assembly& assembly, Diagnostics& diags) {
  using element_overrides::Match;
  const cfn::SchemaDb& db = cfn::SchemaDb::builtin();
  std::vector<const spec::ElementOverride*> ordered;
  for (const spec::ElementOverride& o : spec.overrides) ordered.push_back(&o);
  std::stable_sort(ordered.begin(), ordered.end(), [](const spec::ElementOverride* a, const spec::ElementOverride* b) {
    return std::make_tuple(a->at.line, a->at.column) < std::make_tuple(b->at.line, b->at.column);
  });
  for (const spec::ElementOverride* o : ordered) {
    std::vector<Match> rendered;
    for (cfn::Stack& stack : assembly.stacks) {
      for (cfn::Resource& r : stack.resources) {
        if (o->covers(r.provenance)) rendered.push_back({&stack, &r});
      }
    }
    std::vector<std::string> ids;
    for (const Match& m : rendered) {
      if (std::find(ids.begin(), ids.end(), m.resource->logical_id) == ids.end()) ids.push_back(m.resource->logical_id);
    }
    std::vector<Match> targets;
    if (o->logical_id.value.empty()) {
      if (ids.size() != 1) {
        diags.error(o->at, ids.empty() ? fmt::format("{} renders no resource to override", o->what)
                                       : fmt::format("{} renders {} resources ({}); name the logical id to override",
                                                     o->what, ids.size(), fmt::join(ids, ", ")));
        continue;
      }
      targets = rendered;
    } else {
      for (const Match& m : rendered) {
        if (m.resource->logical_id == o->logical_id.value) targets.push_back(m);
      }
      if (targets.empty()) {
        diags.error(o->logical_id.location,
                    fmt::format("{} renders no resource {}{}{}", o->what, o->logical_id.value,
                                did_you_mean(o->logical_id.value, ids),
                                ids.empty() ? "" : fmt::format(" (it renders {})", fmt::join(ids, ", "))));
        continue;
      }
    }
    for (const Match& m : targets) {
      cfn::Resource& r = *m.resource;
      const cfn::ResourceSchema* schema = db.find(r.type);
      // The resource as rendered (tags and earlier overrides included), to patch on trial.
      cfn::Json tmpl = cfn::render_template(assembly, *m.stack);
      auto before = element_overrides::findings_of(tmpl, r.logical_id, db);
      cfn::Json& props = tmpl["Resources"][r.logical_id]["Properties"];
      if (props.is_null()) props = cfn::Json::object();
      bool ok = true;
      std::vector<std::pair<std::vector<std::string>, cfn::Json>> accepted;
      for (const spec::OverridePatch& patch : o->patches) {
        if (schema != nullptr && !element_overrides::check_path(patch, r, *schema, diags)) {
          ok = false;
          continue;
        }
        bool tagged = false;
        cfn::Json value = value_json(patch.value, schema, patch.segments, [&](const YamlNode& n) {
          diags.error(n.location, fmt::format("'{}' is for the properties of raw resources; an override value is "
                                              "plain YAML",
                                              n.tag));
          tagged = true;
          return cfn::Json();
        });
        if (tagged) {
          ok = false;
          continue;
        }
        std::string why = cfn::apply_override(props, patch.segments, value);
        if (!why.empty()) {
          diags.error(patch.path.location, fmt::format("override of {} ({}): {}", r.logical_id, r.type, why));
          ok = false;
          continue;
        }
        accepted.emplace_back(patch.segments, std::move(value));
      }
      if (!ok) continue;
      if (props.empty()) tmpl["Resources"][r.logical_id].erase("Properties");
      for (const auto& [f, path] : element_overrides::findings_of(tmpl, r.logical_id, db)) {
        if (before.count(f) == 0) {
          // At the patch that wrote the value, when one did.
          Location at = o->at;
          for (const spec::OverridePatch& patch : o->patches) {
            std::vector<std::string> written{"Properties"};
            for (const std::string& seg : patch.segments) written.push_back(seg[0] == '[' ? seg.substr(1, seg.size() - 2) : seg);
            if (path.size() >= written.size() && std::equal(written.begin(), written.end(), path.begin())) {
              at = patch.path.location;
            }
          }
          diags.error(at, fmt::format("after the overrides of {}, {} ({}) is not valid: {}", o->what, r.logical_id,
                                         r.type, f));
        }
      }
      for (auto& a : accepted) r.overrides.push_back(std::move(a));
    }
  }
}

}  // namespace aip::plan
