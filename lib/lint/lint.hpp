// aip lint: rules over a spec's rendered CloudFormation (or any template),
// findings with locations, suppressions. Rules live in rules/, one per file;
// reporters (text, json, sarif, junit, github) in reporters/.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "cfn/schema/template_loader.hpp"

namespace aip::spec {
struct Spec;
}
namespace aip::cfn {
struct Assembly;
struct Stack;
}  // namespace aip::cfn

namespace aip::lint {

using Json = nlohmann::json;
using Path = std::vector<std::string>;  // keys / list indexes inside a resource

// Findings use aip::Severity (base/diagnostics.hpp) at the levels info,
// warning and error; a finding's notes are Severity::note.
// The levels a rule or --fail-on may name: "info", "warning", "error".
std::optional<Severity> parse_severity(std::string_view text);

struct RuleInfo {
  std::string id;        // stable, e.g. "AIP-IAM-001"
  std::string summary;   // one line
  Severity severity = Severity::warning;
  std::vector<std::string> tags;  // iam, network, encryption, logging, exposure, hipaa, pci-dss, ...
  std::string rationale;
  std::string fix;
  // Compliance packs (spec/compliance.hpp) that turn this rule on. Empty: the
  // rule runs by default. Otherwise it runs only when one of these packs is
  // enabled (a spec's `compliance:`, `aip lint --pack`) or --enable names it.
  std::vector<std::string> packs = {};
};

class Context;
class PolicyCache;  // lint/rule_support.hpp
struct Rule {
  RuleInfo info;
  void (*check)(Context& ctx) = nullptr;
};

// Every rule aip knows, sorted by id.
const std::vector<const Rule*>& all_rules();
const Rule* find_rule(std::string_view id);  // case-insensitive

// One CloudFormation template: read from a file, or rendered from a spec's stack.
struct Template {
  std::string name;                        // stack id, or the file's path
  Json json;                               // the whole template
  const cfn::LoadedTemplate* loaded = nullptr;  // template files: line:col per path
  const cfn::Stack* stack = nullptr;       // rendered from a spec
  std::string account_id;                  // "" when unknown (template files)
  std::string region;
  // Template files: the file it was read from (findings' locations point
  // into it); nullptr: Input::file.
  const SourceFile* file = nullptr;
  // One of several templates (an assembly directory, several files): its
  // resources are shown "Stack/LogicalId", as a spec's are.
  bool qualified = false;

  const Json& resources() const;           // {} when absent
};

struct Input {
  const SourceFile* file = nullptr;        // the spec or the template file
  const spec::Spec* spec = nullptr;        // spec inputs only
  std::vector<Template> templates;
};

// A resource of a template, as rules see it.
struct ResourceRef {
  const Template* tmpl = nullptr;
  std::string logical_id;
  const Json* json = nullptr;  // {"Type": ..., "Properties": ..., ...}
  std::string type() const;
  const Json& properties() const;  // {} when absent
  std::string display() const;     // "Stack/LogicalId" or "LogicalId"
  // The same resource of the same template (what Context::resolve gives back is a copy).
  bool is(const ResourceRef& other) const { return tmpl == other.tmpl && logical_id == other.logical_id; }
};

// A finding is a diagnostic (severity, location, message, notes, each note
// with its own location when it names a place) plus what lint knows of it: the
// rule, the resource, the suppression.
struct Finding : Diagnostic {
  Finding() : Diagnostic{Severity::warning, {}, {}, {}} {}

  std::string rule;
  std::string resource;            // "Stack/LogicalId" (templates: "LogicalId"); "" when not a resource
  bool suppressed = false;
  bool baselined = false;          // suppressed because `aip lint --baseline` records it
  std::string suppression_reason;
  // Where it came from, for suppressions: nullptr for spec-level findings.
  const Template* tmpl = nullptr;
  std::string logical_id;
  Path path;                       // inside the resource, as reported ({"Properties", "CidrBlock"})
};

// What a rule gets: the input, helpers to walk it, and report().
class Context {
 public:
  // Indexes the input's resources by type: `input` must not change while the context lives.
  Context(const Input& input, std::vector<Finding>& out);

  const Input& input() const { return input_; }
  const spec::Spec* spec() const { return input_.spec; }

  // Every resource (of `type`, when given), template by template, in logical-id order.
  std::vector<ResourceRef> resources(std::string_view type = {}) const;
  // A resource of the same template by logical id; nullopt when absent.
  std::optional<ResourceRef> find(const Template& t, std::string_view logical_id) const;
  // The logical id a value refers to in its template ({"Ref": X}, {"Fn::GetAtt": [X, ..]}), or "".
  static std::string referenced_id(const Json& value);
  // The resource a value refers to: Ref / Fn::GetAtt in its template, or
  // Fn::ImportValue of another template's exported Ref / GetAtt.
  std::optional<ResourceRef> resolve(const Template& t, const Json& value) const;

  // Reports at a resource; `path` points inside it (e.g. {"Properties", "CidrBlock"}).
  Finding& report(const ResourceRef& r, const Path& path, std::string message);
  Finding& report(const ResourceRef& r, const Path& path, std::string message, Severity severity);
  // Reports at a spec location (spec-level findings).
  Finding& report_at(Location where, std::string message);

  Location locate(const ResourceRef& r, const Path& path) const;

  // Every policy document of the input with its parse result, built once per
  // run before the rules run (rules read it through policy_documents(ctx)).
  const PolicyCache& policies() const { return *policies_; }
  void set_policies(std::shared_ptr<const PolicyCache> cache) { policies_ = std::move(cache); }

  // Set by the engine while a rule runs.
  void set_rule(const Rule* rule) { rule_ = rule; }

 private:
  // Every resource of the input, sorted by type (stable: within a type,
  // template by template, in logical-id order), built once: rules ask for the
  // resources of one type hundreds of times per run.
  struct TypedResource {
    std::string_view type;
    const Template* tmpl;
    const std::string* logical_id;
    const Json* json;
  };
  const Input& input_;
  std::vector<Finding>& out_;
  const Rule* rule_ = nullptr;
  std::shared_ptr<const PolicyCache> policies_;
  std::vector<TypedResource> by_type_;
};

// Which rules run: all, or those matching --enable (ids or tags), minus --disable.
struct Selection {
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::string> packs = {};  // compliance packs enabled (pack-only rules)
  // CloudFormation Guard rule files or directories of them (`aip lint --rules`),
  // run next to the built-in rules; lib/lint/guard_rules.hpp.
  std::vector<std::string> guard_rules = {};
  Severity guard_severity = Severity::error;  // of a Guard rule without a `# severity:` comment
};
// The selected rules; unknown ids or tags are appended to *unknown (with a suggestion).
std::vector<const Rule*> select_rules(const Selection& selection, std::vector<std::string>* unknown);
bool rule_matches(const Rule& rule, std::string_view id_or_tag);

// Runs the rules, applies suppressions (resource Metadata aip.suppress, and a
// spec's `lint:` suppressions for findings at spec elements) and
// returns the findings in location order. Findings of AIP-LINT-001 (bad
// suppressions) are added when that rule is selected; AIP-LINT-002 (stale
// suppressions) runs last, when selected, over the suppressions of rules that
// were selected.
struct GuardRuleSet;
// `guard`: parsed Guard rule files whose failures become findings too.
std::vector<Finding> run(const Input& input, const std::vector<const Rule*>& rules,
                         const std::vector<GuardRuleSet>* guard = nullptr);

// Inputs. A spec becomes one Template per rendered stack; a template file one
// Template. Which one a file is, lib/driver says (driver::sniff).
Input input_from_assembly(const SourceFile& file, const spec::Spec& spec, const cfn::Assembly& assembly);
// The same, moving each resource's properties, metadata and update policy out
// of `assembly` into the templates instead of copying them: for a caller that
// lints the assembly and keeps it only for its resources' ids and provenance.
Input input_from_assembly_taking(const SourceFile& file, const spec::Spec& spec, cfn::Assembly& assembly);
Input input_from_template(const SourceFile& file, const cfn::LoadedTemplate& loaded);
// Several template files linted as one input (an assembly, several paths):
// cross-stack rules see all of them; `name` is the stack each stands for.
void add_template(Input& input, const SourceFile& file, const cfn::LoadedTemplate& loaded, std::string name);

}  // namespace aip::lint
