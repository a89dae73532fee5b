// The `finops:` area: reading and checking.
#include <fmt/format.h>

#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_finops(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.finops.location = node.location;
  diags.error(node.location, "'finops' is part of aip's design but not implemented in this version yet");
}

void check_finops(const Spec&, Diagnostics&) {}

}  // namespace aip::spec
