#include "validate_template.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "base/diagnostics.hpp"
#include "base/yaml_tree.hpp"
#include "cfn/schema/template_loader.hpp"
#include "cfn/schema/validate.hpp"
#include "exit_codes.hpp"
#include "terminal.hpp"

namespace aip::cli {

bool is_template(const SourceFile& file) {
  Diagnostics ignored;
  auto root = parse_yaml(file, ignored);
  if (!root) {
    // Unparseable: a .json file or one that starts like JSON is a template.
    std::string_view text = file.text;
    std::size_t first = text.find_first_not_of(" \t\r\n");
    return file.path.ends_with(".json") || (first != std::string_view::npos && text[first] == '{');
  }
  if (!root->is_map() || root->find("aip") != nullptr) return false;
  return root->find("Resources") != nullptr || root->find("AWSTemplateFormatVersion") != nullptr;
}

int validate_template_file(const SourceFile& file) {
  Diagnostics diags;
  cfn::LoadedTemplate loaded;
  try {
    loaded = cfn::load_template(file.text);
  } catch (const cfn::TemplateLoadError& e) {
    diags.error(Location{&file, e.where.line, e.where.column}, e.detail);
    fmt::print(stderr, "{}", render_all(diags, use_color(stderr)));
    return kExitInput;
  }
  // A standalone template is named after its file, as CloudFormation users do.
  std::string stack = std::filesystem::path(file.path).stem().string();
  if (stack.ends_with(".template")) stack.resize(stack.size() - 9);
  for (const cfn::SchemaFinding& f : cfn::validate_template(loaded.json, cfn::SchemaDb::builtin())) {
    auto where = loaded.locate(f.path);
    Location at{&file, where ? where->line : 0, where ? where->column : 0};
    diags.error(at, fmt::format("{}: {} [{}]", cfn::format_finding_path(stack, f), f.message, f.rule));
  }
  if (diags.has_errors()) {
    fmt::print(stderr, "{}", render_all(diags, use_color(stderr)));
    return kExitFindings;
  }
  fmt::print("{}: valid CloudFormation template\n", file.path);
  return kExitOk;
}

}  // namespace aip::cli
