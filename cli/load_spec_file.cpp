#include "load_spec_file.hpp"

#include <fmt/format.h>

#include "lint/lint.hpp"
#include "terminal.hpp"

namespace aip::cli {

spec::LoadOptions spec_load_options() {
  spec::LoadOptions options;
  for (const lint::Rule* rule : lint::all_rules()) options.lint_rules.push_back(rule->info.id);
  return options;
}

std::optional<spec::Spec> load_spec_file(const std::string& path, SourceManager& sources) {
  std::string error;
  const SourceFile* file = sources.load(path, &error);
  if (file == nullptr) {
    fmt::print(stderr, "aip: error: {}\n", error);
    return std::nullopt;
  }
  Diagnostics diags;
  auto spec = spec::load_spec(*file, diags, spec_load_options());
  if (!diags.items().empty()) fmt::print(stderr, "{}", render_all(diags, use_color(stderr)));
  return spec;
}

}  // namespace aip::cli
