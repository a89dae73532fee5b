// Two templates of one stack: resources by logical id, then the other
// sections; two sides: stacks by name.
#include <algorithm>
#include <set>

#include "base/parallel.hpp"
#include "diff/analysis.hpp"

namespace aip::diff {

namespace {

const Json& member(const Json& object, const std::string& key) {
  static const Json empty = Json::object();
  if (!object.is_object()) return empty;
  auto it = object.find(key);
  return it == object.end() || !it->is_object() ? empty : *it;
}

std::string location(const StackSource* s, const std::string& id) {
  if (s == nullptr) return "";
  auto it = s->locations.find(id);
  return it == s->locations.end() ? "" : it->second;
}

std::vector<Path> document_paths(const std::string& type, const Json& a, const Json& b) {
  std::vector<Path> out;
  for (const Json* props : {&a, &b}) {
    for (auto& d : policy_documents(type, *props)) {
      if (d.single_statement) continue;  // its lists keep their order, as they always did
      Path p = d.path;
      p.insert(p.begin(), "Properties");
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  }
  return out;
}

ResourceChange compare_resource(const std::string& id, const Json& o, const Json& n) {
  ResourceChange rc;
  rc.logical_id = id;
  rc.old_type = resource_type(o);
  rc.new_type = resource_type(n);
  if (rc.old_type != rc.new_type) {
    rc.changes.push_back({ValueChange::Op::Changed, {"Type"}, rc.old_type, rc.new_type, Replacement::Always, {}});
  }
  DiffContext ctx;
  ctx.resource_type = rc.new_type;
  const Json& op = member(o, "Properties");
  const Json& np = member(n, "Properties");
  if (rc.old_type == rc.new_type) ctx.documents = document_paths(rc.new_type, op, np);
  diff_values(op, np, {"Properties"}, ctx, rc.changes);
  std::set<std::string> keys;
  for (const auto& [k, v] : o.items()) keys.insert(k);
  for (const auto& [k, v] : n.items()) keys.insert(k);
  for (const auto& k : keys) {
    if (k == "Type" || k == "Properties") continue;
    diff_values(o.contains(k) ? o[k] : Json(), n.contains(k) ? n[k] : Json(), {k}, ctx, rc.changes);
  }
  return rc;
}

void diff_sections(const Json& o, const Json& n, std::vector<SectionChange>& out) {
  static const std::set<std::string> keyed = {"Outputs", "Parameters", "Conditions", "Mappings", "Rules", "Metadata"};
  std::set<std::string> keys;
  for (const auto& [k, v] : o.items()) keys.insert(k);
  for (const auto& [k, v] : n.items()) keys.insert(k);
  DiffContext ctx;
  for (const auto& key : keys) {
    if (key == "Resources") continue;
    const Json& a = o.contains(key) ? o[key] : Json();
    const Json& b = n.contains(key) ? n[key] : Json();
    if (cfn_equal(a, b)) continue;
    if (keyed.count(key) && (a.is_object() || a.is_null()) && (b.is_object() || b.is_null())) {
      std::set<std::string> names;
      if (a.is_object()) {
        for (const auto& [k, v] : a.items()) names.insert(k);
      }
      if (b.is_object()) {
        for (const auto& [k, v] : b.items()) names.insert(k);
      }
      for (const auto& name : names) {
        std::vector<ValueChange> changes;
        diff_values(a.is_object() && a.contains(name) ? a[name] : Json(), b.is_object() && b.contains(name) ? b[name] : Json(),
                    {}, ctx, changes);
        for (auto& c : changes) out.push_back({key, name, std::move(c)});
      }
    } else {
      std::vector<ValueChange> changes;
      diff_values(a, b, {}, ctx, changes);
      for (auto& c : changes) out.push_back({key, "", std::move(c)});
    }
  }
}

}  // namespace

namespace {

// One stack of two sides whose templates are already normalised.
StackDiff diff_normalized_stack(const std::string& name, const StackSource* old_stack, const StackSource* new_stack,
                                const Json& old_t, const Json& new_t, const cfn::SchemaDb& db) {
  StackDiff sd;
  sd.name = name;
  sd.status = old_stack == nullptr ? StackDiff::Status::Added
              : new_stack == nullptr ? StackDiff::Status::Removed
                                     : StackDiff::Status::Changed;
  if (old_stack) sd.old_file = old_stack->file;
  if (new_stack) sd.new_file = new_stack->file;
  const Json& old_r = member(old_t, "Resources");
  const Json& new_r = member(new_t, "Resources");

  std::set<std::string> ids;
  for (const auto& [id, r] : old_r.items()) ids.insert(id);
  for (const auto& [id, r] : new_r.items()) ids.insert(id);
  for (const auto& id : ids) {
    const bool in_old = old_r.contains(id);
    const bool in_new = new_r.contains(id);
    ResourceChange rc;
    if (!in_old) {
      rc.logical_id = id;
      rc.new_type = resource_type(new_r[id]);
      rc.kind = ChangeKind::Added;
    } else if (!in_new) {
      rc.logical_id = id;
      rc.old_type = resource_type(old_r[id]);
      rc.kind = ChangeKind::Removed;
      const Json& old = old_r[id];
      if (old.is_object() && old.contains("DeletionPolicy") && old["DeletionPolicy"].is_string()) {
        const std::string policy = old["DeletionPolicy"].get<std::string>();
        rc.orphaned = policy == "Retain" || policy == "RetainExceptOnCreate";
      }
    } else {
      rc = compare_resource(id, old_r[id], new_r[id]);
      if (rc.changes.empty()) continue;
      classify_replacement(rc, rc.old_type == rc.new_type ? db.find(rc.new_type) : nullptr);
    }
    sd.resources.push_back(std::move(rc));
  }
  propagate_replacements(sd.resources, old_r, new_r, db);
  sd.renames = detect_renames(sd.resources, old_r, new_r);
  assess_data_loss(sd.resources, old_r);
  for (auto& rc : sd.resources) {
    rc.old_location = location(old_stack, rc.logical_id);
    rc.new_location = location(new_stack, rc.logical_id);
  }
  std::sort(sd.resources.begin(), sd.resources.end(),
            [](const ResourceChange& a, const ResourceChange& b) { return a.logical_id < b.logical_id; });
  diff_sections(old_t, new_t, sd.sections);
  collect_iam_changes(sd, old_r, new_r);
  collect_security_group_changes(sd, old_r, new_r);
  collect_change_links(sd, old_r, new_r);
  return sd;
}

// Stack pairs compare on up to four cores: a large diff has many stacks.
constexpr unsigned kMaxThreads = 4;

// The template of `s`, read back from its packed form if pack_templates packed it.
Json& unpacked_template(StackSource& s) {
  if (!s.packed.empty()) {
    s.tmpl = Json::from_cbor(s.packed);
    std::vector<std::uint8_t>().swap(s.packed);
  }
  return s.tmpl;
}

const Json& empty_template() {
  static const Json empty = Json::object();
  return empty;
}

}  // namespace

StackDiff diff_stack(const std::string& name, const StackSource* old_stack, const StackSource* new_stack,
                     const cfn::SchemaDb& db) {
  const Json old_t = old_stack ? normalize_template(old_stack->tmpl) : Json::object();
  const Json new_t = new_stack ? normalize_template(new_stack->tmpl) : Json::object();
  return diff_normalized_stack(name, old_stack, new_stack, old_t, new_t, db);
}

DiffResult diff_sides(Side old_side, Side new_side, const cfn::SchemaDb& db) {
  DiffResult result;
  result.old_label = old_side.label;
  result.new_label = new_side.label;
  std::vector<std::tuple<std::string, StackSource*, StackSource*>> pairs;
  const bool single = old_side.stacks.size() == 1 && new_side.stacks.size() == 1 &&
                      (old_side.kind == SideKind::Template || new_side.kind == SideKind::Template);
  if (single) {
    StackSource& o = old_side.stacks.begin()->second;
    StackSource& n = new_side.stacks.begin()->second;
    // A lone template is named after its file; the other side's name is the stack's.
    const std::string& name = new_side.kind == SideKind::Template && old_side.kind != SideKind::Template ? o.name : n.name;
    pairs.emplace_back(name, &o, &n);
  } else {
    std::set<std::string> names;
    for (const auto& [name, s] : old_side.stacks) names.insert(name);
    for (const auto& [name, s] : new_side.stacks) names.insert(name);
    for (const auto& name : names) {
      auto o = old_side.stacks.find(name);
      auto n = new_side.stacks.find(name);
      pairs.emplace_back(name, o == old_side.stacks.end() ? nullptr : &o->second,
                         n == new_side.stacks.end() ? nullptr : &n->second);
    }
  }
  // Stacks are independent: each is normalised and compared on its own, on as
  // many threads as there are cores (at most kMaxThreads), into its own slot, so
  // the result does not depend on which thread took which stack.
  std::vector<StackDiff> diffs(pairs.size());
  aip::for_each_index(pairs.size(), [&](std::size_t i) {
    const auto& [name, o, n] = pairs[i];
    if (o) normalize_template_in_place(unpacked_template(*o));
    if (n) normalize_template_in_place(unpacked_template(*n));
    diffs[i] = diff_normalized_stack(name, o, n, o ? o->tmpl : empty_template(), n ? n->tmpl : empty_template(), db);
    // The result holds copies of what changed: this pair's templates can go
    // now, so that at most one pair per thread is unpacked at a time.
    if (o) o->tmpl = Json();
    if (n) n->tmpl = Json();
  }, kMaxThreads);
  Summary& s = result.summary;
  for (StackDiff& sd : diffs) {
    if (sd.empty()) continue;
    for (const auto& rc : sd.resources) {
      switch (rc.kind) {
        case ChangeKind::Added: ++s.added; break;
        case ChangeKind::Removed:
          ++s.removed;
          if (rc.orphaned) ++s.orphaned;
          break;
        case ChangeKind::Updated: ++s.updated; break;
        case ChangeKind::Replaced: ++s.replaced; break;
        case ChangeKind::MayReplace: ++s.may_replace; break;
      }
      if (rc.data_loss) ++s.data_loss;
    }
    s.renamed += static_cast<int>(sd.renames.size());
    s.iam_changes += static_cast<int>(sd.iam.size() + sd.managed_policies.size());
    s.security_group_changes += static_cast<int>(sd.security_groups.size());
    s.other_changes += static_cast<int>(sd.sections.size());
    for (const auto& c : sd.iam) s.broadened = s.broadened || c.broadens;
    for (const auto& c : sd.managed_policies) s.broadened = s.broadened || c.broadens;
    for (const auto& c : sd.security_groups) s.broadened = s.broadened || c.broadens;
    result.stacks.push_back(std::move(sd));
  }
  return result;
}

void pack_templates(Side& side) {
  std::vector<StackSource*> stacks;
  for (auto& [name, s] : side.stacks) {
    if (s.packed.empty()) stacks.push_back(&s);
  }
  // Each stack on its own, on two cores.
  aip::for_each_index(stacks.size(), [&](std::size_t i) {
    stacks[i]->packed = Json::to_cbor(stacks[i]->tmpl);
    stacks[i]->tmpl = Json();
  });
}

}  // namespace aip::diff
