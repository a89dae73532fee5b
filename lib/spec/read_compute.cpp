// The `compute:` area: reading and checking.
#include <fmt/format.h>

#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_compute(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.compute.location = node.location;
  diags.error(node.location, "'compute' is part of aip's design but not implemented in this version yet");
}

void check_compute(const Spec&, Diagnostics&) {}

}  // namespace aip::spec
