// `aip diff`: what changes between two versions of a platform, per stack and
// resource, with replacement, data-loss and security analysis. The model here
// is what the renderers (text, json, markdown) and the CLI read; docs/diff.md
// describes the rules.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "cfn/schema/schema_db.hpp"

namespace aip::diff {

using Json = nlohmann::json;
using cfn::Replacement;

// ---------------------------------------------------------------- inputs

// One stack of one side: its template and where its resources come from.
struct StackSource {
  std::string name;
  Json tmpl;                                     // the CloudFormation template
  std::string file;                              // template file or spec file
  std::map<std::string, std::string> locations;  // logical id -> "file:line:col"
  std::string environment;   // "aws://ACCOUNT/REGION" (a spec's or manifest's), "" for a lone template
  std::string account_name;  // the spec's name for the account, "" when unknown
  // `tmpl` as CBOR (pack_templates), a fraction of the tree's memory, while
  // the other side loads; diff_sides reads it back one stack at a time.
  std::vector<std::uint8_t> packed = {};
};

enum class SideKind { Spec, Assembly, Template };

struct Side {
  std::string label;  // the path as given
  SideKind kind = SideKind::Template;
  std::map<std::string, StackSource> stacks;  // by stack name
};

// ---------------------------------------------------------------- changes

// A change of one value inside a resource (or an output, parameter ...).
// Paths start below the resource: {"Properties","CidrBlock"},
// {"Properties","Tags","[Key=Name]","Value"}, {"DeletionPolicy"}.
struct ValueChange {
  enum class Op { Added, Removed, Changed, Moved };
  Op op = Op::Changed;
  std::vector<std::string> path;
  Json old_value;  // null when added
  Json new_value;  // null when removed
  Replacement replacement = Replacement::None;
  std::string note;  // e.g. "moved from position 3 to 1"
};

enum class ChangeKind { Added, Removed, Updated, Replaced, MayReplace };

// Whether replacing or removing a stateful resource loses its data.
struct DataLoss {
  bool possible_only = false;  // a conditional replacement
  std::string reason;          // one sentence
};

struct ResourceChange {
  std::string logical_id;
  std::string old_type;  // "" when added
  std::string new_type;  // "" when removed
  ChangeKind kind = ChangeKind::Updated;
  std::vector<ValueChange> changes;              // property and attribute changes
  std::vector<std::string> replacement_reasons;  // why it is (or may be) replaced
  std::optional<DataLoss> data_loss;
  std::string retained_note;  // a stateful resource replaced or removed, but kept by its policy
  // Removed with DeletionPolicy Retain (or RetainExceptOnCreate): CloudFormation
  // leaves it in the account, unmanaged, instead of deleting it.
  bool orphaned = false;
  std::string renamed_to;    // on the removed side of a likely rename
  std::string renamed_from;  // on the added side
  std::string old_location;  // "file:line:col" or ""
  std::string new_location;
  const std::string& type() const { return new_type.empty() ? old_type : new_type; }
};

// Outputs, Parameters, Conditions, Mappings, Description ... (not Resources).
struct SectionChange {
  std::string section;  // "Outputs", "Parameters", ..., or the key itself for scalars
  std::string name;     // entry name; "" for scalar sections (Description)
  ValueChange change;
};

struct Rename {
  std::string from;
  std::string to;
  std::string type;
  double similarity = 0;  // 0..1 over the properties
};

// One IAM statement added to or removed from a document.
struct IamStatementChange {
  bool added = true;
  std::string resource;  // logical id holding the document
  std::string resource_type;
  std::string property;  // e.g. "AssumeRolePolicyDocument", "Policies[PolicyName=read]"
  std::string target;    // a QueuePolicy / TopicPolicy / BucketPolicy: the queue, topic or bucket ("!Ref Jobs"); else ""
  std::string effect;    // Allow / Deny
  std::vector<std::string> principals;  // readable ("AWS:arn:...", "Service:ecs-tasks.amazonaws.com", "*")
  std::vector<std::string> actions;     // "NotAction" entries are prefixed with "NOT "
  std::vector<std::string> resources;
  std::vector<std::string> conditions;  // "StringEquals aws:SourceAccount = !Ref AWS::AccountId"
  bool broadens = false;
  std::string why;  // what makes it broaden (or narrow)
};

// A managed policy attached to / detached from a role, user or group.
struct ManagedPolicyChange {
  bool added = true;
  std::string resource;
  std::string policy;  // readable ARN
  bool broadens = false;
};

// One security group rule added or removed.
struct SecurityGroupRuleChange {
  bool added = true;
  std::string group;      // logical id (or readable value) of the group
  std::string direction;  // ingress / egress
  std::string protocol;   // tcp, udp, icmp, all, or the number
  std::string ports;      // "443", "9000-9010", "all"
  std::string peer;       // "0.0.0.0/0", "!Ref OtherSg", "pl-..."
  std::string description;
  std::string defined_in;  // the resource holding the rule (group or standalone rule)
  bool broadens = false;
  std::string why;
};

// A reference (Ref, Fn::GetAtt, Fn::Sub) or DependsOn between two resources
// of a stack, one of them changed: what the markdown's Mermaid diagram draws.
// Taken from the new template, and from the old one for removed resources.
struct ChangeLink {
  std::string from;
  std::string to;
  bool depends_on = false;  // DependsOn, not a reference
  std::string label;        // GetAtt attributes
  bool removed = false;     // only in the old template
  bool operator<(const ChangeLink& o) const {
    return std::tie(from, to, depends_on, label, removed) < std::tie(o.from, o.to, o.depends_on, o.label, o.removed);
  }
};

struct StackDiff {
  enum class Status { Added, Removed, Changed };
  std::string name;
  Status status = Status::Changed;
  std::string old_file;
  std::string new_file;
  std::vector<ResourceChange> resources;  // sorted by logical id
  std::vector<SectionChange> sections;
  std::vector<Rename> renames;
  std::vector<IamStatementChange> iam;
  std::vector<ManagedPolicyChange> managed_policies;
  std::vector<SecurityGroupRuleChange> security_groups;
  std::vector<ChangeLink> links;                // sorted
  std::map<std::string, std::string> neighbours;  // unchanged resources in `links`: logical id -> type
  bool empty() const {
    return resources.empty() && sections.empty() && iam.empty() && managed_policies.empty() &&
           security_groups.empty();
  }
};

struct Summary {
  int added = 0, removed = 0, updated = 0, replaced = 0, may_replace = 0;
  int renamed = 0;
  int orphaned = 0;            // of `removed`: kept in the account by DeletionPolicy Retain
  int data_loss = 0;           // resources with a data-loss finding (possible or certain)
  int iam_changes = 0;         // statements and managed policies added or removed
  int security_group_changes = 0;
  int other_changes = 0;       // outputs, parameters, ...
  bool broadened = false;      // any IAM or security group change broadens access
  bool empty() const {
    return added + removed + updated + replaced + may_replace + iam_changes + security_group_changes + other_changes ==
           0;
  }
};

struct DiffResult {
  std::string old_label;
  std::string new_label;
  std::vector<StackDiff> stacks;  // only stacks with changes, sorted by name
  Summary summary;
  bool empty() const { return stacks.empty(); }
};

// ---------------------------------------------------------------- entry points

// Compares two sides: stacks by name, resources by logical id. When both sides
// have exactly one stack and one of them is a single template, those two are
// compared whatever their names. The sides are taken by value and their
// templates normalised in place: a caller done with them moves them in and
// saves a copy of every template (at 21,000 resources, a tenth of the diff).
DiffResult diff_sides(Side old_side, Side new_side, const cfn::SchemaDb& db = cfn::SchemaDb::builtin());

// Moves every template of `side` into its stack's `packed` form: a caller that
// loads one side and then the other keeps the first one small meanwhile.
void pack_templates(Side& side);

// One stack; `old_tmpl` / `new_tmpl` may be null for an added / removed stack.
StackDiff diff_stack(const std::string& name, const StackSource* old_stack, const StackSource* new_stack,
                     const cfn::SchemaDb& db = cfn::SchemaDb::builtin());

// --fail-on levels. `replace` counts certain and possible replacements (and
// data loss, which implies a removal or replacement); `data-loss` certain and
// possible data loss; `broadened` broadened IAM or network access; `any` any
// difference at all.
enum class FailOn { None, Any, Replace, DataLoss, Broadened };
std::optional<FailOn> parse_fail_on(const std::string& text);
bool triggers(const DiffResult& result, FailOn level);

// Renderers. Text prints nothing for an empty diff.
std::string render_text(const DiffResult& result, bool color);
Json render_json(const DiffResult& result);
std::string render_markdown(const DiffResult& result);

const char* to_string(ChangeKind k);
const char* to_string(ValueChange::Op op);

}  // namespace aip::diff
