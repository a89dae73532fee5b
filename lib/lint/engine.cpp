// The rule engine: inputs, the context rules report through, selection,
// suppressions and the order of findings.
#include <algorithm>
#include <cctype>
#include <tuple>

#include <fmt/format.h>

#include "cfn/model.hpp"
#include "cfn/render.hpp"
#include "base/did_you_mean.hpp"
#include "lint/lint.hpp"
#include "lint/guard_rules.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "lint/suppressions.hpp"
#include "spec/spec.hpp"

namespace aip::lint {
namespace {

const Json& empty_object() {
  static const Json empty = Json::object();
  return empty;
}

// The member `key` of `object` when it is of `kind`, else nullptr: one
// lookup, where contains() and operator[] took three (rules ask for a
// resource's Type and Properties thousands of times per run).
// The key is a string_view: a const char* would be measured with strlen at
// every comparison of the map's search.
const Json* typed_member(const Json* object, std::string_view key, Json::value_t kind) {
  if (object == nullptr || !object->is_object()) return nullptr;
  auto it = object->find(key);
  return it != object->end() && it->type() == kind ? &*it : nullptr;
}

// A resource's Type without copying it; "" when absent or not a string.
std::string_view resource_type_of(const Json& resource) {
  const Json* type = typed_member(&resource, "Type", Json::value_t::string);
  return type != nullptr ? std::string_view(type->get_ref<const std::string&>()) : std::string_view();
}

}  // namespace

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "info") return Severity::info;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

const Json& Template::resources() const {
  const Json* r = typed_member(&json, "Resources", Json::value_t::object);
  return r != nullptr ? *r : empty_object();
}

std::string ResourceRef::type() const { return json != nullptr ? std::string(resource_type_of(*json)) : std::string(); }

const Json& ResourceRef::properties() const {
  const Json* p = typed_member(json, "Properties", Json::value_t::object);
  return p != nullptr ? *p : empty_object();
}

std::string ResourceRef::display() const {
  if (tmpl != nullptr && (tmpl->stack != nullptr || tmpl->qualified)) return tmpl->name + "/" + logical_id;
  return logical_id;
}

const Rule* find_rule(std::string_view id) {
  std::string wanted = lower(id);
  for (const Rule* r : all_rules()) {
    if (lower(r->info.id) == wanted) return r;
  }
  return nullptr;
}

Context::Context(const Input& input, std::vector<Finding>& out) : input_(input), out_(out) {
  for (const Template& t : input_.templates) {
    const Json& all = t.resources();
    for (auto it = all.begin(); it != all.end(); ++it) by_type_.push_back({resource_type_of(*it), &t, &it.key(), &*it});
  }
  std::stable_sort(by_type_.begin(), by_type_.end(),
                   [](const TypedResource& a, const TypedResource& b) { return a.type < b.type; });
}

std::vector<ResourceRef> Context::resources(std::string_view type) const {
  std::vector<ResourceRef> out;
  if (type.empty()) {
    for (const Template& t : input_.templates) {
      const Json& all = t.resources();
      for (auto it = all.begin(); it != all.end(); ++it) out.push_back(ResourceRef{&t, it.key(), &*it});
    }
    return out;
  }
  const auto [first, last] = std::equal_range(
      by_type_.begin(), by_type_.end(), TypedResource{type, nullptr, nullptr, nullptr},
      [](const TypedResource& a, const TypedResource& b) { return a.type < b.type; });
  out.reserve(static_cast<std::size_t>(last - first));
  for (auto it = first; it != last; ++it) out.push_back(ResourceRef{it->tmpl, *it->logical_id, it->json});
  return out;
}

std::optional<ResourceRef> Context::find(const Template& t, std::string_view logical_id) const {
  const Json& all = t.resources();
  auto it = all.find(std::string(logical_id));
  if (it == all.end()) return std::nullopt;
  return ResourceRef{&t, std::string(logical_id), &*it};
}

std::string Context::referenced_id(const Json& value) {
  if (!value.is_object() || value.size() != 1) return {};
  if (value.contains("Ref") && value["Ref"].is_string()) return value["Ref"].get<std::string>();
  if (value.contains("Fn::GetAtt")) {
    const Json& args = value["Fn::GetAtt"];
    if (args.is_array() && !args.empty() && args[0].is_string()) return args[0].get<std::string>();
    if (args.is_string()) {
      std::string s = args.get<std::string>();
      return s.substr(0, s.find('.'));
    }
  }
  return {};
}

std::optional<ResourceRef> Context::resolve(const Template& t, const Json& value) const {
  if (std::string id = referenced_id(value); !id.empty()) return find(t, id);
  if (!value.is_object() || value.size() != 1 || !value.contains("Fn::ImportValue")) return std::nullopt;
  const Json& name = value["Fn::ImportValue"];
  if (!name.is_string()) return std::nullopt;
  for (const Template& other : input_.templates) {
    if (!other.json.is_object() || !other.json.contains("Outputs") || !other.json["Outputs"].is_object()) continue;
    for (const auto& [key, output] : other.json["Outputs"].items()) {
      if (!output.is_object() || !output.contains("Export") || !output.contains("Value")) continue;
      const Json& export_name = output["Export"];
      if (export_name.is_object() && export_name.contains("Name") && export_name["Name"] == name) {
        if (std::string id = referenced_id(output["Value"]); !id.empty()) return find(other, id);
      }
    }
  }
  return std::nullopt;
}

Location Context::locate(const ResourceRef& r, const Path& path) const {
  Location where{input_.file, 1, 1};
  if (r.tmpl == nullptr) return where;
  if (r.tmpl->loaded != nullptr) {
    const SourceFile* file = r.tmpl->file != nullptr ? r.tmpl->file : input_.file;
    where.file = file;
    Path full{"Resources", r.logical_id};
    full.insert(full.end(), path.begin(), path.end());
    if (auto loc = r.tmpl->loaded->locate(full)) return Location{file, loc->line, loc->column};
    return where;
  }
  if (r.tmpl->stack != nullptr) {
    if (const cfn::Resource* res = r.tmpl->stack->find(r.logical_id); res != nullptr && res->provenance.valid()) {
      // The longest recorded property path that `path` (under "Properties") starts with.
      const Location* best = &res->provenance;
      std::size_t best_length = 0;
      for (const auto& [prefix, loc] : res->property_provenance) {
        if (path.size() < prefix.size() + 1 || path[0] != "Properties" || prefix.size() <= best_length) continue;
        if (std::equal(prefix.begin(), prefix.end(), path.begin() + 1) && loc.valid()) {
          best = &loc;
          best_length = prefix.size();
        }
      }
      return *best;
    }
  }
  return where;
}

Finding& Context::report(const ResourceRef& r, const Path& path, std::string message) {
  return report(r, path, std::move(message), rule_ != nullptr ? rule_->info.severity : Severity::warning);
}

Finding& Context::report(const ResourceRef& r, const Path& path, std::string message, Severity severity) {
  Finding f;
  f.rule = rule_ != nullptr ? rule_->info.id : std::string();
  f.severity = severity;
  f.message = std::move(message);
  f.location = locate(r, path);
  f.resource = r.display();
  f.tmpl = r.tmpl;
  f.logical_id = r.logical_id;
  f.path = path;
  if (r.tmpl != nullptr && r.tmpl->stack != nullptr) {
    f.note(Location{}, fmt::format("in rendered resource {} ({})", r.display(), r.type()));
  }
  out_.push_back(std::move(f));
  return out_.back();
}

Finding& Context::report_at(Location where, std::string message) {
  Finding f;
  f.rule = rule_ != nullptr ? rule_->info.id : std::string();
  f.severity = rule_ != nullptr ? rule_->info.severity : Severity::warning;
  f.message = std::move(message);
  f.location = where.valid() ? where : Location{input_.file, 1, 1};
  out_.push_back(std::move(f));
  return out_.back();
}

bool rule_matches(const Rule& rule, std::string_view id_or_tag) {
  std::string wanted = lower(id_or_tag);
  if (lower(rule.info.id) == wanted) return true;
  return std::any_of(rule.info.tags.begin(), rule.info.tags.end(),
                     [&](const std::string& tag) { return lower(tag) == wanted; });
}

// Compliance packs: a pack-only rule runs when one of its packs is enabled, or
// when --enable names the rule or one of its packs.
static bool pack_allows(const Rule& r, const Selection& selection) {
  if (r.info.packs.empty()) return true;
  auto named = [&](const std::string& w) {
    return lower(w) == lower(r.info.id) ||
           std::find(r.info.packs.begin(), r.info.packs.end(), lower(w)) != r.info.packs.end();
  };
  return std::any_of(selection.packs.begin(), selection.packs.end(), named) ||
         std::any_of(selection.enable.begin(), selection.enable.end(), named);
}

std::vector<const Rule*> select_rules(const Selection& selection, std::vector<std::string>* unknown) {
  std::vector<std::string> names;
  for (const Rule* r : all_rules()) {
    names.push_back(r->info.id);
    for (const std::string& tag : r->info.tags) {
      if (std::find(names.begin(), names.end(), tag) == names.end()) names.push_back(tag);
    }
  }
  auto known = [&](const std::string& word) {
    bool found = std::any_of(all_rules().begin(), all_rules().end(),
                             [&](const Rule* r) { return rule_matches(*r, word); });
    if (!found && unknown != nullptr) {
      unknown->push_back(fmt::format("'{}' is neither a rule id nor a tag{}", word, did_you_mean(word, names, Quote::double_)));
    }
  };
  for (const std::string& w : selection.enable) known(w);
  for (const std::string& w : selection.disable) known(w);

  std::vector<const Rule*> out;
  for (const Rule* r : all_rules()) {
    bool on = selection.enable.empty() ||
              std::any_of(selection.enable.begin(), selection.enable.end(),
                          [&](const std::string& w) { return rule_matches(*r, w); });
    bool off = std::any_of(selection.disable.begin(), selection.disable.end(),
                           [&](const std::string& w) { return rule_matches(*r, w); });
    if (on && !off && pack_allows(*r, selection)) out.push_back(r);
  }
  return out;
}

namespace {

// Marks `f` suppressed by the first suppression that covers it, and records
// every suppression that covers it as used (an element and one inside it may
// both suppress the rule: neither is stale).
void apply_suppressions(const Input& input, const Context& ctx, Finding& f, SuppressionUse& use) {
  // A finding at a spec element (no rendered resource) takes the `lint:`
  // suppressions of the elements it lies in; a finding in a resource takes
  // the resource's Metadata, where lib/plan put the spec's suppressions too.
  auto suppress = [&](const std::string& reason) {
    if (f.suppressed) return;
    f.suppressed = true;
    f.suppression_reason = reason;
  };
  if (f.tmpl == nullptr) {
    if (input.spec == nullptr) return;
    const auto& list = input.spec->lint_suppressions;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (list[i].covers(f.location) && lower(list[i].rule.value) == lower(f.rule)) {
        suppress(list[i].reason.value);
        use.spec.insert(i);
      }
    }
    return;
  }
  auto res = ctx.find(*f.tmpl, f.logical_id);
  if (!res) return;
  for (const Suppression& s : suppressions_of(*res->json)) {
    if (s.valid() && lower(s.rule) == lower(f.rule)) {
      suppress(s.reason);
      use.resource.insert({f.tmpl, f.logical_id, s.index});
    }
  }
  // Suppressions written for cfn_nag, checkov, cdk-nag and cfn-lint, of
  // rules an aip rule maps to: the reviewed reason holds for aip too.
  // The forms synth writes next to a spec's suppressions mirror them: aip's
  // own list decides there (one foreign id may map to several aip rules).
  const auto own = suppressions_of(*res->json);
  const bool from_spec = std::any_of(own.begin(), own.end(), [](const Suppression& s) { return s.from_spec; });
  if (!f.suppressed && !from_spec) {
    for (const Suppression& s : foreign_suppressions_of(*res->json)) {
      if (lower(s.rule) == lower(f.rule)) suppress(s.reason);
    }
  }
  // In a spec the Metadata came from the spec's suppressions: those covering
  // the resource's spec element did the work.
  if (input.spec != nullptr && f.tmpl->stack != nullptr) {
    const Location where = ctx.locate(*res, {});
    const auto& list = input.spec->lint_suppressions;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (list[i].covers(where) && lower(list[i].rule.value) == lower(f.rule)) use.spec.insert(i);
    }
  }
}

}  // namespace

std::vector<Finding> run(const Input& input, const std::vector<const Rule*>& rules,
                         const std::vector<GuardRuleSet>* guard) {
  std::vector<Finding> findings;
  Context ctx(input, findings);
  ctx.set_policies(std::make_shared<const PolicyCache>(ctx));
  for (const Rule* rule : rules) {
    ctx.set_rule(rule);
    rule->check(ctx);
  }
  if (guard != nullptr) {
    ctx.set_rule(nullptr);
    report_guard_findings(ctx, *guard);
  }
  SuppressionUse use;
  for (Finding& f : findings) apply_suppressions(input, ctx, f, use);
  // AIP-LINT-002 needs to know which suppressions did something, so it runs
  // after the others; its findings can be suppressed in turn.
  const Rule& stale = rule_lint_stale_suppression();
  if (std::find(rules.begin(), rules.end(), &stale) != rules.end()) {
    const std::size_t before = findings.size();
    ctx.set_rule(&stale);
    report_stale_suppressions(ctx, rules, use);
    SuppressionUse ignored;
    for (std::size_t i = before; i < findings.size(); ++i) apply_suppressions(input, ctx, findings[i], ignored);
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    auto key = [](const Finding& f) {
      return std::make_tuple(f.location.file != nullptr ? f.location.file->path : std::string(), f.location.line,
                             f.location.column, f.rule, f.resource);
    };
    return key(a) < key(b);
  });
  return findings;
}

namespace {

Template stack_template(const cfn::Stack& stack, Json rendered) {
  Template t;
  t.name = stack.id;
  t.json = std::move(rendered);
  t.stack = &stack;
  t.account_id = stack.account_id;
  t.region = stack.region;
  return t;
}

}  // namespace

Input input_from_assembly(const SourceFile& file, const spec::Spec& spec, const cfn::Assembly& assembly) {
  Input input;
  input.file = &file;
  input.spec = &spec;
  for (const cfn::Stack& stack : assembly.stacks) {
    input.templates.push_back(stack_template(stack, cfn::render_template(assembly, stack)));
  }
  return input;
}

Input input_from_assembly_taking(const SourceFile& file, const spec::Spec& spec, cfn::Assembly& assembly) {
  Input input;
  input.file = &file;
  input.spec = &spec;
  for (cfn::Stack& stack : assembly.stacks) {
    input.templates.push_back(stack_template(stack, cfn::render_template_taking(assembly, stack)));
  }
  return input;
}

Input input_from_template(const SourceFile& file, const cfn::LoadedTemplate& loaded) {
  Input input;
  input.file = &file;
  Template t;
  t.name = file.path;
  t.json = loaded.json;
  t.loaded = &loaded;
  input.templates.push_back(std::move(t));
  return input;
}

void add_template(Input& input, const SourceFile& file, const cfn::LoadedTemplate& loaded, std::string name) {
  if (input.file == nullptr) input.file = &file;
  Template t;
  t.name = std::move(name);
  t.json = loaded.json;
  t.loaded = &loaded;
  t.file = &file;
  t.qualified = true;
  input.templates.push_back(std::move(t));
}

}  // namespace aip::lint
