// The `data:` area: reading and checking.
#include <fmt/format.h>

#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_data(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.data.location = node.location;
  diags.error(node.location, "'data' is part of aip's design but not implemented in this version yet");
}

void check_data(const Spec&, Diagnostics&) {}

}  // namespace aip::spec
