// A Stack of the model becomes a CloudFormation template (JSON).
#pragma once

#include <string>

#include "cfn/model.hpp"

namespace aip::cfn {

// Resources appear under their logical ids; each taggable resource gets the
// platform's tags, its own, and aip:spec / aip:stack.
Json render_template(const Assembly& assembly, const Stack& stack);

// The exact bytes aip writes for a JSON document: 2-space indent,
// keys sorted, trailing newline. Same input, same bytes, on every machine.
std::string to_bytes(const Json& document);

}  // namespace aip::cfn
