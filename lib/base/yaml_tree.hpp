// A YAML document as a plain tree in which every node, and every map key,
// keeps its file:line:col. Built from yaml-cpp's event parser so that we, not
// the library, decide about duplicate keys, alias expansion and nesting depth.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/input_limits.hpp"
#include "base/source.hpp"

namespace aip {

struct YamlNode {
  enum class Kind { null, scalar, sequence, map };

  Kind kind = Kind::null;
  Location location;
  std::string tag;     // explicit tag such as "!Ref"; empty when none
  std::string scalar;  // text of a scalar
  bool quoted = false; // scalar was written in quotes: always a string
  std::vector<YamlNode> items;                            // sequence items
  std::vector<std::pair<YamlNode, YamlNode>> entries;     // map entries in file order

  // Out of line (yaml_tree.cpp): clang with libstdc++ cannot instantiate them
  // here, where YamlNode is still incomplete inside std::pair<YamlNode, YamlNode>.
  YamlNode();
  ~YamlNode();
  YamlNode(const YamlNode&);
  YamlNode(YamlNode&&) noexcept;
  YamlNode& operator=(const YamlNode&);
  YamlNode& operator=(YamlNode&&) noexcept;

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }
  // Value of a key in a map; nullptr when absent or not a map.
  const YamlNode* find(std::string_view key) const;
  // The key node itself (for pointing at a key rather than its value).
  const YamlNode* find_key(std::string_view key) const;
  // "a string", "a list", "a map", "null": for "expected X, got Y" messages.
  std::string describe() const;
};

using YamlLimits = InputLimits;

// Parses the first document of `file`. On error, reports it to `diags` with its
// location and returns nullopt. An empty document yields a null node.
std::optional<YamlNode> parse_yaml(const SourceFile& file, Diagnostics& diags,
                                   const YamlLimits& limits = {});

}  // namespace aip
