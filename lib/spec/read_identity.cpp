// The `identity:` area: reading and checking.
#include <fmt/format.h>

#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_identity(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.identity.location = node.location;
  diags.error(node.location, "'identity' is part of aip's design but not implemented in this version yet");
}

void check_identity(const Spec&, Diagnostics&) {}

}  // namespace aip::spec
