// The `edge:` area: reading and checking.
#include <fmt/format.h>

#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_edge(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.edge.location = node.location;
  diags.error(node.location, "'edge' is part of aip's design but not implemented in this version yet");
}

void check_edge(const Spec&, Diagnostics&) {}

}  // namespace aip::spec
