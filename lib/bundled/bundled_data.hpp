// Interface to the build-generated table of embedded files (see
// lib/cfn/schema/embed.cpp, --files). Internal to aip_bundled; use bundled.hpp.
#pragma once

#include <span>
#include <string_view>

namespace aip::bundled::data {

struct EmbeddedFile {
  std::string_view name;  // path relative to the source tree, e.g. "blueprints/network.yaml"
  std::string_view text;
};

// Sorted by name.
std::span<const EmbeddedFile> files();

}  // namespace aip::bundled::data
