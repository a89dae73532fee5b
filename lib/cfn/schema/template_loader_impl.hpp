#pragma once
// Internals of template_loader.cpp shared by its JSON and YAML halves.
#include "cfn/schema/template_loader.hpp"

namespace aip::cfn::detail {

using Path = std::vector<std::string>;
using Locations = std::map<std::string, SourceLocation>;

// 1-based line and byte column of a byte offset.
SourceLocation location_of_offset(std::string_view text, std::size_t offset);

// Throws TemplateLoadError at the first breach of `limits` (nesting, number
// of keys and values, string length) or number beyond a double, before
// anything is built from the text.
void check_json_limits(std::string_view text, const InputLimits& limits);

LoadedTemplate load_json(std::string_view text, const InputLimits& limits);
LoadedTemplate load_yaml(std::string_view text, const InputLimits& limits);

}  // namespace aip::cfn::detail
