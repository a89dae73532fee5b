// The `storage:` area: reading and checking.
#include <fmt/format.h>

#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {

void read_storage(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.storage.location = node.location;
  diags.error(node.location, "'storage' is part of aip's design but not implemented in this version yet");
}

void check_storage(const Spec&, Diagnostics&) {}

}  // namespace aip::spec
