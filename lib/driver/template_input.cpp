#include "driver/template_input.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "cfn/schema/check_catalog.hpp"
#include "cfn/schema/validate.hpp"

namespace aip::driver {

std::optional<cfn::LoadedTemplate> load_template(const SourceFile& file, Diagnostics& diags) {
  try {
    return cfn::load_template(file.text);
  } catch (const cfn::TemplateLoadError& e) {
    diags.error(Location{&file, e.where.line, e.where.column}, e.detail);
    return std::nullopt;
  }
}

std::string stack_name_of_file(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  for (std::string_view suffix : {".template.json", ".template.yaml", ".template.yml", ".json", ".yaml", ".yml"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

Diagnostics validate_template(const SourceFile& file, const cfn::LoadedTemplate& loaded) {
  Diagnostics diags;
  // `aip validate` has always named the stack after the file's stem less ".template".
  std::string stack = std::filesystem::path(file.path).stem().string();
  if (stack.ends_with(".template")) stack.resize(stack.size() - 9);
  for (const cfn::SchemaFinding& f : cfn::validate_template(loaded.json, cfn::SchemaDb::builtin())) {
    auto where = loaded.locate(f.path);
    Location at{&file, where ? where->line : 0, where ? where->column : 0};
    std::string text = fmt::format("{}: {} [{}]", cfn::format_finding_path(stack, f), f.message, cfn::check_label(f.rule));
    if (cfn::check_severity(f.rule) == cfn::CheckSeverity::warning) {
      diags.warning(at, std::move(text));
    } else {
      diags.error(at, std::move(text));
    }
  }
  return diags;
}

}  // namespace aip::driver
