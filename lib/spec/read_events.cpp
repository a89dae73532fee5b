// The `events:` area: reading and checking.
#include <fmt/format.h>

#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_events(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.events.location = node.location;
  diags.error(node.location, "'events' is part of aip's design but not implemented in this version yet");
}

void check_events(const Spec&, Diagnostics&) {}

}  // namespace aip::spec
