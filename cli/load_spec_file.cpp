#include "load_spec_file.hpp"

#include <fmt/format.h>

#include "lint/lint.hpp"
#include "terminal.hpp"

namespace aip::cli {

std::optional<spec::Spec> load_spec_file(const std::string& path, SourceManager& sources) {
  std::string error;
  const SourceFile* file = sources.load(path, &error);
  if (file == nullptr) {
    fmt::print(stderr, "aip: error: {}\n", error);
    return std::nullopt;
  }
  // `lint: {suppress: ...}` may name only rules aip has: a typo is a spec error.
  spec::LoadOptions options;
  for (const lint::Rule* rule : lint::all_rules()) options.lint_rules.push_back(rule->info.id);
  Diagnostics diags;
  auto spec = spec::load_spec(*file, diags, options);
  if (!diags.items().empty()) fmt::print(stderr, "{}", render_all(diags, use_color(stderr)));
  return spec;
}

}  // namespace aip::cli
