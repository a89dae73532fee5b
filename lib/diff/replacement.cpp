// Replacement analysis from the CloudFormation resource schemas: a change at
// or below a createOnly path replaces the resource, below a
// conditionalCreateOnly one it may; replacements propagate along references.
#include <map>
#include <set>
#include <string_view>

#include "diff/analysis.hpp"

namespace aip::diff {

namespace {

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto slash = s.find('/', start);
    out.emplace_back(s.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool segment_matches(const std::string& pattern, const std::string& seg) { return pattern == "*" || pattern == seg; }

// Whether `value` has anything at the pattern's segments from `from` on.
bool has_at(const Json& value, const std::vector<std::string>& segs, std::size_t from) {
  if (from == segs.size()) return !value.is_null();
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      if (segment_matches(segs[from], k) && has_at(v, segs, from + 1)) return true;
    }
  } else if (value.is_array() && segs[from] == "*") {
    for (const auto& v : value) {
      if (has_at(v, segs, from + 1)) return true;
    }
  }
  return false;
}

// A pattern below the changed path whose part of the changed value exists:
// adding a list element whose createOnly field is set is a createOnly change.
bool covers_below(const std::vector<std::string>& patterns, const Path& path, const ValueChange& c) {
  for (const auto& p : patterns) {
    const auto segs = split(p);
    if (segs.size() <= path.size()) continue;
    bool prefix = true;
    for (std::size_t i = 0; i < path.size() && prefix; ++i) prefix = segment_matches(segs[i], path[i]);
    if (!prefix) continue;
    if (has_at(c.old_value, segs, path.size()) || has_at(c.new_value, segs, path.size())) return true;
  }
  return false;
}

Replacement replacement_of(const cfn::ResourceSchema& schema, const ValueChange& c) {
  if (c.path.size() < 2 || c.path[0] != "Properties") return Replacement::None;
  const Path path(c.path.begin() + 1, c.path.end());
  Replacement r = schema.replacement(path);
  if (r == Replacement::Always) return r;
  if (covers_below(schema.create_only, path, c)) return Replacement::Always;
  if (r == Replacement::Conditional || covers_below(schema.conditional_create_only, path, c)) {
    return Replacement::Conditional;
  }
  return Replacement::None;
}

void add_reason(ResourceChange& rc, const std::string& reason) {
  for (const auto& r : rc.replacement_reasons) {
    if (r == reason) return;
  }
  rc.replacement_reasons.push_back(reason);
}

// Every Ref / Fn::GetAtt inside `v`, with its path.
void references(const Json& v, Path& path, std::vector<std::pair<Path, std::string>>& out) {
  if (std::string id = referenced_id(v); !id.empty()) {
    out.emplace_back(path, id);
    return;
  }
  if (v.is_object()) {
    for (const auto& [k, e] : v.items()) {
      path.push_back(k);
      references(e, path, out);
      path.pop_back();
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      path.push_back(index_segment(i));
      references(v[i], path, out);
      path.pop_back();
    }
  }
}

}  // namespace

void classify_replacement(ResourceChange& rc, const cfn::ResourceSchema* schema) {
  if (rc.old_type != rc.new_type) {
    rc.kind = ChangeKind::Replaced;
    add_reason(rc, "the resource type changes from " + rc.old_type + " to " + rc.new_type);
    return;
  }
  rc.kind = ChangeKind::Updated;
  if (schema == nullptr) return;
  for (auto& c : rc.changes) {
    c.replacement = replacement_of(*schema, c);
    const std::string property = c.path.size() > 1 ? c.path[1] : path_text(c.path);
    if (c.replacement == Replacement::Always) {
      rc.kind = ChangeKind::Replaced;
      add_reason(rc, property + " changes (createOnly)");
    } else if (c.replacement == Replacement::Conditional) {
      if (rc.kind != ChangeKind::Replaced) rc.kind = ChangeKind::MayReplace;
      add_reason(rc, property + " changes (conditionally createOnly: may replace)");
    }
  }
}

void propagate_replacements(std::vector<ResourceChange>& changes, const Json& old_resources, const Json& new_resources,
                            const cfn::SchemaDb& db) {
  std::set<std::string> replaced;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    index[changes[i].logical_id] = i;
    if (changes[i].kind == ChangeKind::Replaced) replaced.insert(changes[i].logical_id);
  }
  for (bool again = !replaced.empty(); again;) {
    again = false;
    for (const auto& [id, resource] : new_resources.items()) {
      if (replaced.count(id) || !old_resources.contains(id) || !resource.is_object()) continue;
      const Json& old = old_resources[id];
      const std::string type = resource_type(resource);
      if (resource_type(old) != type) continue;
      const cfn::ResourceSchema* schema = db.find(type);
      if (schema == nullptr || !resource.contains("Properties")) continue;
      std::vector<std::pair<Path, std::string>> refs;
      Path path;
      references(resource["Properties"], path, refs);
      for (const auto& [p, target] : refs) {
        if (!replaced.count(target)) continue;
        const Replacement r = schema->replacement(p);
        if (r == Replacement::None) continue;
        auto it = index.find(id);
        if (it == index.end()) {
          ResourceChange rc;
          rc.logical_id = id;
          rc.old_type = rc.new_type = type;
          rc.kind = ChangeKind::Updated;
          changes.push_back(rc);
          it = index.emplace(id, changes.size() - 1).first;
        }
        ResourceChange& rc = changes[it->second];
        if (r == Replacement::Always) {
          rc.kind = ChangeKind::Replaced;
          add_reason(rc, p[0] + " refers to " + target + ", which is replaced (createOnly)");
          replaced.insert(id);
          again = true;
          break;
        }
        if (rc.kind != ChangeKind::Replaced) rc.kind = ChangeKind::MayReplace;
        add_reason(rc, p[0] + " refers to " + target + ", which is replaced (conditionally createOnly: may replace)");
      }
    }
  }
}

}  // namespace aip::diff
