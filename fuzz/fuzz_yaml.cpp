// Fuzz target: the fast YAML reader against yaml-cpp. parse_yaml (the fast
// reader first) and parse_yaml_with_yaml_cpp must agree on every input: the
// same tree with the same locations, or the same diagnostics; with the default
// limits and with tight ones (which the fast reader must leave to yaml-cpp).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/yaml_fast_reader.hpp"
#include "base/yaml_tree.hpp"

namespace {

std::string headlines(const aip::Diagnostics& diags) {
  std::string out;
  for (const aip::Diagnostic& d : diags.items()) {
    out += aip::headline(d) + "\n";
    for (const aip::Diagnostic& n : d.notes) out += "  " + aip::headline(n) + "\n";
  }
  return out;
}

void agree(const aip::SourceFile& file, const aip::YamlLimits& limits) {
  aip::Diagnostics slow_diags;
  aip::Diagnostics diags;
  const auto slow = aip::parse_yaml_with_yaml_cpp(file, slow_diags, limits);
  const auto tree = aip::parse_yaml(file, diags, limits);
  std::string difference;
  if (slow.has_value() != tree.has_value()) {
    difference = slow ? "only yaml-cpp read it" : "only parse_yaml read it";
  } else if (slow) {
    difference = aip::yaml_tree_difference(*tree, *slow);
  }
  if (difference.empty() && headlines(diags) != headlines(slow_diags)) {
    difference = "diagnostics:\n" + headlines(diags) + "vs\n" + headlines(slow_diags);
  }
  if (!difference.empty()) {
    std::fprintf(stderr, "fast reader and yaml-cpp differ: %s\n", difference.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  agree(file, aip::YamlLimits{});
  aip::YamlLimits tight;
  tight.max_depth = 3;
  tight.max_nodes = 40;
  tight.max_scalar_bytes = 12;
  agree(file, tight);
  return 0;
}
