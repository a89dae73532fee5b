#include "driver/input.hpp"

#include <filesystem>

#include "cfn/schema/template_loader.hpp"
#include "driver/template_memo.hpp"

namespace aip::driver {
namespace {

// A line that starts with the key `aip` (spaces allowed before the colon).
bool has_aip_line(std::string_view text) {
  for (std::size_t line = 0; line < text.size();) {
    std::size_t i = line;
    if (text.compare(i, 3, "aip") == 0) {
      i += 3;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i < text.size() && text[i] == ':') return true;
    }
    std::size_t end = text.find('\n', line);
    if (end == std::string_view::npos) break;
    line = end + 1;
  }
  return false;
}

bool looks_like_template(std::string_view path, std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (line.rfind("Resources:", 0) == 0 || line.find("\"Resources\"") != std::string_view::npos) return true;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  std::size_t first = text.find_first_not_of(" \t\r\n");
  return path.ends_with(".json") || (first != std::string_view::npos && text[first] == '{');
}

}  // namespace

InputKind sniff(std::string_view path, std::string_view text) {
  // A top-level `aip:` line settles it without parsing a spec twice.
  if (has_aip_line(text)) return InputKind::spec;
  try {
    cfn::LoadedTemplate t = cfn::load_template(text);
    if (!t.json.is_object()) return InputKind::unknown;
    if (t.json.contains("aip")) return InputKind::spec;
    if (t.json.contains("Resources") || t.json.contains("AWSTemplateFormatVersion")) {
      detail::remember_template(text, std::move(t));  // load_template() takes it: one parse per file
      return InputKind::cloudformation;
    }
    return InputKind::unknown;
  } catch (const cfn::TemplateLoadError&) {
    if (looks_like_template(path, text)) return InputKind::cloudformation;
    return InputKind::unknown;
  }
}

std::optional<Input> read_input(const std::string& path, SourceManager& sources, Diagnostics& diags,
                                Directories directories) {
  std::error_code ec;
  if (directories == Directories::assemblies && std::filesystem::is_directory(path, ec)) return Input{InputKind::assembly, path, nullptr};
  std::string error;
  const SourceFile* file = sources.load(path, &error);
  if (file == nullptr) {
    diags.error(Location{}, error);
    return std::nullopt;
  }
  return Input{sniff(path, file->text), path, file};
}

}  // namespace aip::driver
