// spec / assembly / template -> stacks with their templates and locations.
#include "diff/load_side.hpp"

#include <filesystem>

#include "driver/input.hpp"
#include "driver/template_input.hpp"

namespace aip::diff {

namespace fs = std::filesystem;

namespace {

// A file that does not exist is "cannot read 'PATH'"; one that cannot be
// read (or is over the input limit) says why.
const SourceFile* read_source(const fs::path& path, SourceManager& sources, Diagnostics& diags,
                              const std::string& missing) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    diags.error(Location{}, missing);
    return nullptr;
  }
  std::string why;
  const SourceFile* file = sources.load(path.string(), &why);
  if (file == nullptr) diags.error(Location{}, why);
  return file;
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

void load_spec_side(const SourceFile& file, const spec::LoadOptions& options, LoadResult& result) {
  // Only the templates and each stack's outline (ids, provenance) are read.
  driver::SynthesisOptions synthesis_options{driver::Stage::render, options};
  synthesis_options.keep_plan = false;
  driver::Synthesis synthesis = driver::synthesize(file, synthesis_options);
  if (!synthesis.ok()) {
    result.diagnostics = std::move(synthesis.diagnostics);
    return;
  }
  Side side;
  side.label = file.path;
  side.kind = SideKind::Spec;
  for (const cfn::Stack& stack : synthesis.assembly->stacks) {
    StackSource s;
    s.name = stack.id;
    s.tmpl = std::move(synthesis.templates[stack.id]);
    s.file = file.path;
    s.environment = stack.environment();
    s.account_name = stack.account_name;
    for (const cfn::Resource& r : stack.resources) {
      if (r.provenance.valid()) s.locations[r.logical_id] = r.provenance.str();
    }
    side.stacks[s.name] = std::move(s);
  }
  result.side = std::move(side);
}

// An empty file (nothing but white space) or `{}`: an empty template, nothing
// deployed yet, as `cdk diff` accepts.
bool empty_template_text(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return true;
  std::size_t last = text.find_last_not_of(" \t\r\n");
  if (text[first] != '{' || text[last] != '}') return false;
  return text.substr(first + 1, last - first - 1).find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<StackSource> template_source(const SourceFile& file, const std::string& name, Diagnostics& diags) {
  if (empty_template_text(file.text)) {
    StackSource s;
    s.name = name;
    s.file = file.path;
    s.tmpl = Json::object();
    return s;
  }
  auto t = driver::load_template(file, diags);
  if (!t) return std::nullopt;
  if (!t->json.is_object() || !t->json.contains("Resources")) {
    diags.error(Location{}, "'" + file.path + "' is not a CloudFormation template (no Resources) nor an aip spec (no aip: key)");
    return std::nullopt;
  }
  StackSource s;
  s.name = name;
  s.file = file.path;
  s.locations = template_locations(*t, s.file);
  s.tmpl = std::move(t->json);
  return s;
}

bool load_assembly_dir(const fs::path& dir, Side& side, LoadResult& result, int depth) {
  const SourceFile* manifest_file =
      read_source(dir / "manifest.json", *result.sources, result.diagnostics,
                  "'" + dir.string() + "' is a directory without manifest.json, so not a cloud assembly");
  if (manifest_file == nullptr) return false;
  Json manifest = Json::parse(manifest_file->text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    result.diagnostics.error(Location{}, "'" + (dir / "manifest.json").string() + "' is not valid JSON");
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
      const fs::path path = dir / file;
      const SourceFile* source =
          read_source(path, *result.sources, result.diagnostics, "cannot read '" + path.string() + "'");
      if (source == nullptr) return false;
      auto s = template_source(*source, name, result.diagnostics);
      if (!s) return false;
      if (artifact.contains("environment") && artifact["environment"].is_string()) {
        s->environment = artifact["environment"].get<std::string>();
      }
      if (side.stacks.count(name)) {
        result.diagnostics.error(Location{}, "stack '" + name + "' appears twice in '" + dir.string() + "'");
        return false;
      }
      side.stacks[name] = std::move(*s);
    } else if (type == "cdk:cloud-assembly" && depth < 8) {
      const std::string sub = props.value("directoryName", "");
      if (!sub.empty() && !load_assembly_dir(dir / sub, side, result, depth + 1)) return false;
    }
  }
  return true;
}

}  // namespace

LoadResult load_side(const std::string& path, const spec::LoadOptions& options) {
  LoadResult result;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    result.diagnostics.error(Location{}, "cannot read '" + path + "'");
    return result;
  }
  auto input = driver::read_input(path, *result.sources, result.diagnostics, driver::Directories::assemblies);
  if (!input) return result;
  switch (input->kind) {
    case driver::InputKind::assembly: {
      result.kind = SideKind::Assembly;
      Side side;
      side.label = path;
      side.kind = SideKind::Assembly;
      if (load_assembly_dir(path, side, result, 0)) result.side = std::move(side);
      return result;
    }
    case driver::InputKind::spec:
      result.kind = SideKind::Spec;
      load_spec_side(*input->file, options, result);
      return result;
    case driver::InputKind::cloudformation:
    case driver::InputKind::unknown: {
      auto s = template_source(*input->file, driver::stack_name_of_file(path), result.diagnostics);
      if (!s) return result;
      Side side;
      side.label = path;
      side.kind = SideKind::Template;
      side.stacks[s->name] = std::move(*s);
      result.side = std::move(side);
      return result;
    }
  }
  return result;
}

}  // namespace aip::diff
