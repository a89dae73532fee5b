// Likely renames: CloudFormation knows resources only by logical id, so a
// renamed spec element (or construct) is a new resource and the old one is
// deleted. When a resource disappears and one of the same type with
// near-identical properties appears, say so: the pair is one replacement.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "diff/analysis.hpp"

namespace aip::diff {

namespace {

// Properties compared for a rename: everything but Tags, which carry the
// element's name (Name tag) and so always differ.
Json comparable(const Json& resource) {
  Json props = resource.is_object() && resource.contains("Properties") ? resource["Properties"] : Json::object();
  if (props.is_object()) props.erase("Tags");
  return props;
}

constexpr double kThreshold = 0.8;

}  // namespace

std::vector<Rename> detect_renames(std::vector<ResourceChange>& changes, const Json& old_resources,
                                   const Json& new_resources) {
  struct Candidate {
    double score;
    std::size_t removed, added;
  };
  std::vector<Candidate> candidates;
  // Each side's properties flattened once, and the added resources by type:
  // a removed resource is compared only with the added ones of its type, and
  // a pair stops as soon as it cannot reach the threshold.
  std::map<std::string, std::vector<std::size_t>> added_by_type;
  std::map<std::size_t, Leaves> added_leaves;
  for (std::size_t a = 0; a < changes.size(); ++a) {
    if (changes[a].kind != ChangeKind::Added) continue;
    added_by_type[changes[a].new_type].push_back(a);
  }
  for (std::size_t r = 0; r < changes.size(); ++r) {
    if (changes[r].kind != ChangeKind::Removed) continue;
    auto same_type = added_by_type.find(changes[r].old_type);
    if (same_type == added_by_type.end()) continue;
    const Leaves old_props = leaves_of(comparable(old_resources[changes[r].logical_id]));
    for (std::size_t a : same_type->second) {
      auto leaves = added_leaves.find(a);
      if (leaves == added_leaves.end()) {
        leaves = added_leaves.emplace(a, leaves_of(comparable(new_resources[changes[a].logical_id]))).first;
      }
      const double score = similarity(old_props, leaves->second, kThreshold);
      if (score >= kThreshold) candidates.push_back({score, r, a});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
  std::vector<Rename> renames;
  for (const auto& c : candidates) {
    ResourceChange& removed = changes[c.removed];
    ResourceChange& added = changes[c.added];
    if (!removed.renamed_to.empty() || !added.renamed_from.empty()) continue;
    removed.renamed_to = added.logical_id;
    added.renamed_from = removed.logical_id;
    renames.push_back({removed.logical_id, added.logical_id, removed.old_type, c.score});
  }
  std::sort(renames.begin(), renames.end(), [](const Rename& x, const Rename& y) { return x.from < y.from; });
  return renames;
}

}  // namespace aip::diff
