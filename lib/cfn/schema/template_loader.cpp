// Entry points of the template loader: limits every input shares (size,
// UTF-8), then JSON (template_json.cpp) or YAML (template_yaml.cpp).
#include "cfn/schema/template_loader_impl.hpp"

#include <fstream>
#include <sstream>

namespace aip::cfn {

namespace {

// "line:col: message", or just the message for the whole file (line 0).
std::string location_message(const std::string& message, SourceLocation where) {
  if (where.line <= 0) return message;
  return std::to_string(where.line) + ":" + std::to_string(where.column) + ": " + message;
}

}  // namespace

namespace detail {

SourceLocation location_of_offset(std::string_view text, std::size_t offset) {
  SourceLocation loc{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

}  // namespace detail

TemplateLoadError::TemplateLoadError(const std::string& message, SourceLocation loc)
    : std::runtime_error(location_message(message, loc)), where(loc), detail(message) {}

std::string json_pointer(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& seg : path) {
    out += '/';
    for (char c : seg) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out += c;
      }
    }
  }
  return out;
}

std::optional<SourceLocation> LoadedTemplate::locate(const std::vector<std::string>& path) const {
  for (std::size_t n = path.size() + 1; n-- > 0;) {
    auto it = locations.find(json_pointer({path.begin(), path.begin() + static_cast<std::ptrdiff_t>(n)}));
    if (it != locations.end() && it->second.line > 0) return it->second;
  }
  return std::nullopt;
}

LoadedTemplate load_template(std::string_view text, const InputLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw TemplateLoadError(limit_message::file_too_large(text.size(), limits.max_bytes), {0, 0});
  }
  std::size_t bom = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") bom = 3;
  if (std::size_t bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
    // The offset counts from the file's first byte; line:col as an editor shows them.
    throw TemplateLoadError(limit_message::invalid_utf8(bad), detail::location_of_offset(text.substr(bom), bad - bom));
  }
  text.remove_prefix(bom);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) throw TemplateLoadError("template is empty", {1, 1});
  if (text[first] == '{') return detail::load_json(text, limits);
  return detail::load_yaml(text, limits);
}

LoadedTemplate load_template_file(const std::string& path, const InputLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_template(ss.str(), limits);
}

}  // namespace aip::cfn
