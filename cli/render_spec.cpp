#include "render_spec.hpp"

#include <fmt/format.h>

#include "cfn/render.hpp"
#include "load_spec_file.hpp"
#include "plan/plan.hpp"
#include "terminal.hpp"

namespace aip::cli {

std::optional<RenderedSpec> render_spec_file(const std::string& path, SourceManager& sources) {
  auto spec = load_spec_file(path, sources);
  if (!spec) return std::nullopt;
  Diagnostics diags;
  auto assembly = plan::plan_platform(*spec, diags);
  if (!assembly) {
    fmt::print(stderr, "{}", render_all(diags, use_color(stderr)));
    return std::nullopt;
  }
  RenderedSpec out{std::move(*spec), std::move(*assembly), {}};
  for (const cfn::Stack& stack : out.assembly.stacks) out.templates[stack.id] = cfn::render_template(out.assembly, stack);
  return out;
}

}  // namespace aip::cli
