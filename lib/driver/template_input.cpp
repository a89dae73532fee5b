#include "driver/template_input.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <string>

#include <fmt/format.h>

#include "cfn/schema/check_catalog.hpp"
#include "cfn/schema/validate.hpp"
#include "driver/template_memo.hpp"

namespace aip::driver {

namespace template_input {

namespace fs = std::filesystem;

// Appends the stack templates of the assembly in `dir`; false (with an error) on
// a manifest that cannot be read or parsed.
// A string member, or "" (a manifest is input like any other: no throwing on odd shapes).
std::string string_member(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool add_assembly_templates(const fs::path& dir, std::vector<std::string>& out, Diagnostics& diags, int depth) {
  const fs::path manifest_path = dir / "manifest.json";
  SourceManager sources;
  std::string error;
  const SourceFile* file = sources.load(manifest_path.string(), &error);
  if (file == nullptr) {
    diags.error(Location{}, error);
    return false;
  }
  const nlohmann::json manifest = nlohmann::json::parse(file->text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    diags.error(Location{}, "'" + manifest_path.string() + "' is not valid JSON");
    return false;
  }
  auto artifacts = manifest.find("artifacts");
  if (artifacts == manifest.end() || !artifacts->is_object()) return true;
  for (const auto& [id, artifact] : artifacts->items()) {
    if (!artifact.is_object()) continue;
    const std::string type = string_member(artifact, "type");
    auto props_it = artifact.find("properties");
    if (props_it == artifact.end() || !props_it->is_object()) continue;
    const nlohmann::json& props = *props_it;
    if (type == "aws:cloudformation:stack") {
      const std::string template_file = string_member(props, "templateFile");
      if (!template_file.empty()) out.push_back((dir / template_file).string());
    } else if (type == "cdk:cloud-assembly" && depth < 8) {  // nested (CDK stages)
      const std::string sub = string_member(props, "directoryName");
      if (!sub.empty() && !add_assembly_templates(dir / sub, out, diags, depth + 1)) return false;
    }
  }
  return true;
}

bool template_like_name(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template";
}

}  // namespace template_input

std::optional<ValidateArgument> expand_validate_argument(const std::string& arg, Diagnostics& diags) {
  namespace fs = std::filesystem;
  std::error_code ec;
  ValidateArgument out;
  if (!fs::is_directory(arg, ec)) {
    out.files.push_back(arg);
    return out;
  }
  if (fs::exists(fs::path(arg) / "manifest.json", ec)) {
    if (!template_input::add_assembly_templates(arg, out.files, diags, 0)) return std::nullopt;
    return out;
  }
  out.from_directory = true;
  for (auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && template_input::template_like_name(it->path())) out.files.push_back(it->path().string());
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

namespace detail {

namespace template_memo {
std::mutex mutex;
std::string text;
std::optional<cfn::LoadedTemplate> loaded;
}  // namespace template_memo

void remember_template(std::string_view text, cfn::LoadedTemplate&& loaded) {
  const std::lock_guard<std::mutex> lock(template_memo::mutex);
  template_memo::text.assign(text);
  template_memo::loaded = std::move(loaded);
}

std::optional<cfn::LoadedTemplate> take_template(std::string_view text) {
  const std::lock_guard<std::mutex> lock(template_memo::mutex);
  if (!template_memo::loaded || template_memo::text != text) return std::nullopt;
  std::optional<cfn::LoadedTemplate> out = std::move(template_memo::loaded);
  template_memo::loaded.reset();
  template_memo::text.clear();
  template_memo::text.shrink_to_fit();
  return out;
}

}  // namespace detail

std::optional<cfn::LoadedTemplate> load_template(const SourceFile& file, Diagnostics& diags) {
  if (auto kept = detail::take_template(file.text)) return kept;
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
