// A Stack of the model becomes a CloudFormation template (JSON).
#pragma once

#include <string>

#include "cfn/model.hpp"

namespace aip::cfn {

// Resources appear under their logical ids; each taggable resource gets the
// platform's tags, its own, and aip:spec / aip:stack.
Json render_template(const Assembly& assembly, const Stack& stack);
// The same template, moving each resource's properties, metadata and update
// policy out of `stack` instead of copying them (they are left empty): for a
// caller that keeps only the rendering, it saves a copy of every property.
Json render_template_taking(const Assembly& assembly, Stack& stack);

// The exact bytes aip writes for a JSON document: 2-space indent,
// keys sorted, trailing newline. Same input, same bytes, on every machine.
std::string to_bytes(const Json& document);

}  // namespace aip::cfn
