// The `observability:` area: reading and checking.
#include <fmt/format.h>

#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_observability(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.observability.location = node.location;
  diags.error(node.location, "'observability' is part of aip's design but not implemented in this version yet");
}

void check_observability(const Spec&, Diagnostics&) {}

}  // namespace aip::spec
