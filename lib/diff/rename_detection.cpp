// Likely renames: CloudFormation knows resources only by logical id, so a
// renamed spec element (or construct) is a new resource and the old one is
// deleted. When a resource disappears and one of the same type with
// near-identical properties appears, say so: the pair is one replacement.
#include <algorithm>

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
  for (std::size_t r = 0; r < changes.size(); ++r) {
    if (changes[r].kind != ChangeKind::Removed) continue;
    const Json old_props = comparable(old_resources[changes[r].logical_id]);
    for (std::size_t a = 0; a < changes.size(); ++a) {
      if (changes[a].kind != ChangeKind::Added || changes[a].new_type != changes[r].old_type) continue;
      const double score = similarity(old_props, comparable(new_resources[changes[a].logical_id]));
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
