#include "lint/baseline.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "cfn/schema/template_loader.hpp"

namespace aip::lint {

namespace baseline {

constexpr const char* kFormat = "aip-lint-baseline/1";

std::string join_path(const Path& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) out += (i ? "." : "") + path[i];
  return out;
}

}  // namespace baseline

bool BaselineEntry::operator<(const BaselineEntry& o) const {
  return std::tie(rule, resource, path, message) < std::tie(o.rule, o.resource, o.path, o.message);
}

BaselineEntry baseline_entry(const Finding& f) { return {f.rule, f.resource, baseline::join_path(f.path), f.message}; }

std::string fingerprint(const BaselineEntry& e) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const std::string* part : {&e.rule, &e.resource, &e.path, &e.message}) {
    for (unsigned char c : *part) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0x1f;  // a separator: ("ab", "c") and ("a", "bc") differ
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

std::string write_baseline(const std::vector<Finding>& findings) {
  std::vector<BaselineEntry> entries;
  for (const Finding& f : findings) {
    if (!f.suppressed) entries.push_back(baseline_entry(f));
  }
  std::sort(entries.begin(), entries.end());
  Json list = Json::array();
  for (const BaselineEntry& e : entries) {
    list.push_back({{"rule", e.rule}, {"resource", e.resource}, {"path", e.path}, {"message", e.message},
                    {"fingerprint", fingerprint(e)}});
  }
  Json doc = {{"format", baseline::kFormat}, {"findings", list}};
  return doc.dump(2) + "\n";
}

std::optional<std::vector<BaselineEntry>> read_baseline(const SourceFile& file, Diagnostics& diags) {
  const std::size_t first = file.text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || file.text[first] != '{') {
    diags.error(Location{&file, 1, 1}, "a lint baseline is a JSON object {\"format\": \"aip-lint-baseline/1\", \"findings\": [...]}");
    return std::nullopt;
  }
  cfn::LoadedTemplate loaded;
  try {
    loaded = cfn::load_template(file.text);
  } catch (const cfn::TemplateLoadError& e) {
    diags.error(Location{&file, e.where.line, e.where.column}, e.detail);
    return std::nullopt;
  }
  auto at = [&](const std::vector<std::string>& path) {
    auto where = loaded.locate(path);
    return where ? Location{&file, where->line, where->column} : Location{&file, 1, 1};
  };
  const Json& doc = loaded.json;
  if (!doc.is_object()) {
    diags.error(Location{&file, 1, 1}, "a lint baseline is a JSON object {\"format\": \"aip-lint-baseline/1\", \"findings\": [...]}");
    return std::nullopt;
  }
  auto format = doc.find("format");
  if (format == doc.end() || !format->is_string() || format->get<std::string>() != baseline::kFormat) {
    diags.error(format == doc.end() ? Location{&file, 1, 1} : at({"format"}),
                fmt::format("not an aip lint baseline: \"format\" must be \"{}\" (written by aip lint --write-baseline)",
                            baseline::kFormat));
    return std::nullopt;
  }
  auto list = doc.find("findings");
  if (list == doc.end() || !list->is_array()) {
    diags.error(list == doc.end() ? Location{&file, 1, 1} : at({"findings"}), "\"findings\" must be a list");
    return std::nullopt;
  }
  std::vector<BaselineEntry> out;
  bool ok = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    const std::string index = std::to_string(i);
    auto field = [&](const char* key, std::string& value) {
      if (item.is_object() && item.contains(key) && item[key].is_string()) {
        value = item[key].get<std::string>();
        return true;
      }
      return false;
    };
    BaselineEntry e;
    if (!item.is_object() || !field("rule", e.rule) || !field("resource", e.resource) || !field("path", e.path) ||
        !field("message", e.message)) {
      diags.error(at({"findings", index}),
                  fmt::format("baseline finding {} must be an object with string \"rule\", \"resource\", \"path\" and "
                              "\"message\"",
                              i));
      ok = false;
      continue;
    }
    out.push_back(std::move(e));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::size_t apply_baseline(std::vector<Finding>& findings, const std::vector<BaselineEntry>& entries,
                           const std::string& baseline_path) {
  std::map<BaselineEntry, std::size_t> remaining;
  for (const BaselineEntry& e : entries) ++remaining[e];
  std::size_t marked = 0;
  for (Finding& f : findings) {
    if (f.suppressed) continue;
    auto it = remaining.find(baseline_entry(f));
    if (it == remaining.end() || it->second == 0) continue;
    --it->second;
    f.suppressed = true;
    f.baselined = true;
    f.suppression_reason = "in the baseline " + baseline_path;
    ++marked;
  }
  return marked;
}

}  // namespace aip::lint
