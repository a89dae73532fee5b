// AWS region names, for checking and for did-you-mean on typos.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/yaml_tree.hpp"

namespace aip::spec {

// The list itself is aws::known_regions() (base/aws_regions.hpp).
const std::vector<std::string>& known_regions();

// A region must look like one (us-east-1). A name that is not in the known list
// but is close to one is a typo and an error; a name far from all of them may be
// a region newer than this list and is accepted.
std::optional<std::string> read_region(const YamlNode& n, Diagnostics& diags);

}  // namespace aip::spec
