// Fuzz target: the diff of two templates, rendered in every format. Input:
// two templates (JSON or YAML) separated by a NUL byte, or, without one, a
// JSON object with "old" and "new" templates (the format of tests/diff/corpus,
// so that corpus seeds this target as it is).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "cfn/schema/template_loader.hpp"
#include "diff/diff.hpp"

namespace {

std::optional<aip::diff::Json> load(std::string_view text) {
  try {
    return aip::cfn::load_template(text).json;
  } catch (const aip::cfn::TemplateLoadError&) {
    return std::nullopt;
  }
}

std::optional<std::pair<aip::diff::Json, aip::diff::Json>> split(std::string_view input) {
  if (const auto nul = input.find('\0'); nul != std::string_view::npos) {
    auto a = load(input.substr(0, nul));
    auto b = load(input.substr(nul + 1));
    if (!a || !b) return std::nullopt;
    return std::pair{std::move(*a), std::move(*b)};
  }
  auto both = load(input);
  if (!both || !both->is_object() || !both->contains("old") || !both->contains("new")) return std::nullopt;
  return std::pair{(*both)["old"], (*both)["new"]};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto sides = split(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!sides) return 0;
  using namespace aip::diff;
  Side old_side{"old.json", SideKind::Template, {{"stack", {"stack", std::move(sides->first), "old.json", {}, "", ""}}}};
  Side new_side{"new.json", SideKind::Template, {{"stack", {"stack", std::move(sides->second), "new.json", {}, "", ""}}}};
  const DiffResult result = diff_sides(old_side, new_side);
  (void)render_text(result, true);
  (void)render_json(result).dump();
  (void)render_markdown(result);
  for (FailOn level : {FailOn::None, FailOn::Any, FailOn::Replace, FailOn::DataLoss, FailOn::Broadened}) {
    (void)triggers(result, level);
  }
  return 0;
}
