// Internal to lib/driver: the template that sniff() parsed, kept for the
// load_template() that follows it on the same text, so a template file is
// parsed once per run. A pure memo: cfn::load_template is a function of the
// text alone (default limits), and a hit needs the same text.
#pragma once

#include <optional>
#include <string_view>

#include "cfn/schema/template_loader.hpp"

namespace aip::driver::detail {

// Keeps `loaded` (parsed from `text`), replacing what was kept.
void remember_template(std::string_view text, cfn::LoadedTemplate&& loaded);

// The kept template when it was parsed from this same text (once: it is
// moved out), nullopt otherwise.
std::optional<cfn::LoadedTemplate> take_template(std::string_view text);

}  // namespace aip::driver::detail
