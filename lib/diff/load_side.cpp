// spec / assembly / template -> stacks with their templates and locations.
#include "diff/load_side.hpp"

#include <filesystem>

#include "base/source.hpp"
#include "cfn/render.hpp"
#include "cfn/schema/template_loader.hpp"
#include "plan/plan.hpp"
#include "spec/load.hpp"

namespace aip::diff {

namespace fs = std::filesystem;

namespace {

std::string error_line(const std::string& message) { return "aip: error: " + message + "\n"; }

// Empty `why` when the file does not exist; else the reason it cannot be read
// (unreadable, larger than the input limit).
bool read_file(const fs::path& path, std::string& out, std::string& why) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    why.clear();
    return false;
  }
  return aip::read_file(path.string(), &out, &why);
}

// A spec has `aip:` as a top-level key; a template has none.
bool looks_like_spec(const std::string& text) {
  for (std::size_t line = 0; line < text.size(); line = text.find('\n', line) + 1) {
    std::size_t i = line;
    if (text.compare(i, 3, "aip") == 0) {
      i += 3;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i < text.size() && text[i] == ':') return true;
    }
    if (text.find('\n', line) == std::string::npos) break;
  }
  return false;
}

std::map<std::string, std::string> template_locations(const cfn::LoadedTemplate& t, const std::string& file) {
  std::map<std::string, std::string> out;
  if (!t.json.contains("Resources") || !t.json["Resources"].is_object()) return out;
  for (const auto& [id, r] : t.json["Resources"].items()) {
    if (auto where = t.locate({"Resources", id})) {
      out[id] = file + ":" + std::to_string(where->line) + ":" + std::to_string(where->column);
    }
  }
  return out;
}

LoadResult load_spec_side(const std::string& path, const std::string& text, bool color,
                          const spec::LoadOptions& options) {
  SourceManager sources;
  const SourceFile& file = sources.add(path, text);
  Diagnostics diags;
  auto spec = spec::load_spec(file, diags, options);
  if (!spec) return {std::nullopt, render_all(diags, color)};
  auto assembly = plan::plan_platform(*spec, diags);
  if (!assembly) return {std::nullopt, render_all(diags, color)};
  Side side;
  side.label = path;
  side.kind = SideKind::Spec;
  for (const cfn::Stack& stack : assembly->stacks) {
    StackSource s;
    s.name = stack.id;
    s.tmpl = cfn::render_template(*assembly, stack);
    s.file = path;
    for (const cfn::Resource& r : stack.resources) {
      if (r.provenance.valid()) s.locations[r.logical_id] = r.provenance.str();
    }
    side.stacks[s.name] = std::move(s);
  }
  return {std::move(side), ""};
}

std::optional<StackSource> load_template_source(const fs::path& path, const std::string& name, std::string& error) {
  std::string text, why;
  if (!read_file(path, text, why)) {
    error = error_line(why.empty() ? "cannot read '" + path.string() + "'" : why);
    return std::nullopt;
  }
  try {
    cfn::LoadedTemplate t = cfn::load_template(text);
    if (!t.json.is_object() || !t.json.contains("Resources")) {
      error = error_line("'" + path.string() + "' is not a CloudFormation template (no Resources) nor an aip spec (no aip: key)");
      return std::nullopt;
    }
    StackSource s;
    s.name = name;
    s.file = path.string();
    s.locations = template_locations(t, s.file);
    s.tmpl = std::move(t.json);
    return s;
  } catch (const cfn::TemplateLoadError& e) {
    // Line 0: about the whole file (its size), so no line:col.
    const std::string where =
        e.where.line > 0 ? ":" + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) : "";
    error = path.string() + where + ": error: " + e.detail + "\n";
    return std::nullopt;
  }
}

bool load_assembly_dir(const fs::path& dir, Side& side, std::string& error, int depth) {
  std::string text, why;
  if (!read_file(dir / "manifest.json", text, why)) {
    error = error_line(why.empty() ? "'" + dir.string() + "' is a directory without manifest.json, so not a cloud assembly"
                                   : why);
    return false;
  }
  Json manifest = Json::parse(text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    error = error_line("'" + (dir / "manifest.json").string() + "' is not valid JSON");
    return false;
  }
  if (!manifest.contains("artifacts") || !manifest["artifacts"].is_object()) return true;
  for (const auto& [id, artifact] : manifest["artifacts"].items()) {
    const std::string type = artifact.value("type", "");
    const Json props = artifact.value("properties", Json::object());
    if (type == "aws:cloudformation:stack") {
      const std::string file = props.value("templateFile", "");
      if (file.empty()) continue;
      const std::string name = props.value("stackName", id);
      auto s = load_template_source(dir / file, name, error);
      if (!s) return false;
      if (side.stacks.count(name)) {
        error = error_line("stack '" + name + "' appears twice in '" + dir.string() + "'");
        return false;
      }
      side.stacks[name] = std::move(*s);
    } else if (type == "cdk:cloud-assembly" && depth < 8) {
      const std::string sub = props.value("directoryName", "");
      if (!sub.empty() && !load_assembly_dir(dir / sub, side, error, depth + 1)) return false;
    }
  }
  return true;
}

std::string stack_name_of_file(const fs::path& path) {
  std::string name = path.filename().string();
  for (const char* suffix : {".template.json", ".template.yaml", ".template.yml", ".json", ".yaml", ".yml"}) {
    const std::string s = suffix;
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      return name.substr(0, name.size() - s.size());
    }
  }
  return name;
}

}  // namespace

LoadResult load_side(const std::string& path, bool color, const spec::LoadOptions& options) {
  std::error_code ec;
  const fs::path p(path);
  if (fs::is_directory(p, ec)) {
    Side side;
    side.label = path;
    side.kind = SideKind::Assembly;
    std::string error;
    if (!load_assembly_dir(p, side, error, 0)) return {std::nullopt, error};
    return {std::move(side), ""};
  }
  std::string text, why;
  if (!read_file(p, text, why)) return {std::nullopt, error_line(why.empty() ? "cannot read '" + path + "'" : why)};
  if (looks_like_spec(text)) return load_spec_side(path, text, color, options);
  std::string error;
  auto s = load_template_source(p, stack_name_of_file(p), error);
  if (!s) return {std::nullopt, error};
  Side side;
  side.label = path;
  side.kind = SideKind::Template;
  side.stacks[s->name] = std::move(*s);
  return {std::move(side), ""};
}

}  // namespace aip::diff
