// Deep merge of two YAML trees, the one rule includes and environment
// overlays follow (docs/environments.md):
//   - a map merges key by key: keys of `over` replace or extend those of
//     `base`, merged again when both values are maps; new keys follow base's
//     keys in the order `over` writes them;
//   - a list or a scalar in `over` replaces base's value whole;
//   - a null in `over` (`key: null`, `key: ~` or `key:`) removes the key.
// Every node keeps the file:line:col it was written at: a value set by `over`
// points into over's file, everything else into base's. A map both write keeps
// base's location (where it was declared first).
#pragma once

#include "base/yaml_tree.hpp"

namespace aip {

// `over` merged onto `base`. A null `over` changes nothing; a non-map `over`
// (or a non-map base under a map over) replaces base.
YamlNode merge_yaml(const YamlNode& base, const YamlNode& over);

}  // namespace aip
