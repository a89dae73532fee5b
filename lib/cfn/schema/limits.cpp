// CloudFormation template quotas, from "Understand CloudFormation quotas" in
// the CloudFormation User Guide (values as documented in 2024-2025):
//   resources 500, parameters 200, outputs 200, mappings 200, attributes per
//   mapping 200; names of resources/parameters/outputs/mappings 255 chars and
//   alphanumeric; template body in S3 1 MB; Description 1,024 bytes; dynamic
//   references ({{resolve:...}}) 60 per template; a parameter value 4,096 bytes.
// "60" in older docs was the count of parameters and outputs (raised to 200
// in 2020); today 60 applies only to dynamic references, which is what is
// checked here. No 60-character limit on IDs exists.
#include "cfn/schema/checks.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace aip::cfn::detail {

namespace {

constexpr std::size_t kMaxResources = 500;
constexpr std::size_t kMaxParameters = 200;
constexpr std::size_t kMaxOutputs = 200;
constexpr std::size_t kMaxMappings = 200;
constexpr std::size_t kMaxMappingAttributes = 200;
constexpr std::size_t kMaxNameLength = 255;
constexpr std::size_t kMaxTemplateBytes = 1024 * 1024;
constexpr std::size_t kMaxDescriptionBytes = 1024;
constexpr std::size_t kMaxDynamicReferences = 60;
constexpr std::size_t kMaxParameterValueBytes = 4096;

// One walk over the template for two of its limits (each was a walk of its own):
// `bytes` is an upper bound on its size as compact JSON (dump() with
// error_handler_t::replace), found without writing it: every string byte takes at most 6 bytes
// escaped (\u00XX; an invalid UTF-8 byte becomes U+FFFD, 3), a number at
// most 24 ("-1.2345678901234567e-308"). Writing the template out only to
// measure it was a quarter of `aip validate`; now only templates this bound
// does not clear are written. `dynamic_references` counts "{{resolve:" in its strings.
struct SizeAndReferences {
  std::size_t bytes = 0;
  std::size_t dynamic_references = 0;
};

void measure(const nlohmann::json& v, SizeAndReferences& out) {
  switch (v.type()) {
    case nlohmann::json::value_t::object:
      out.bytes += 2;
      // The object itself, not items(): its proxy makes an index string per member.
      for (const auto& [key, member] : v.get_ref<const nlohmann::json::object_t&>()) {
        out.bytes += 6 * key.size() + 4;
        measure(member, out);
      }
      return;
    case nlohmann::json::value_t::array:
      out.bytes += 2;
      for (const auto& item : v.get_ref<const nlohmann::json::array_t&>()) {
        out.bytes += 1;
        measure(item, out);
      }
      return;
    case nlohmann::json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      out.bytes += 6 * s.size() + 2;
      for (auto pos = s.find("{{resolve:"); pos != std::string::npos; pos = s.find("{{resolve:", pos + 1)) {
        ++out.dynamic_references;
      }
      return;
    }
    case nlohmann::json::value_t::binary: out.bytes = SIZE_MAX / 2; return;  // never in a template: write it out
    default: out.bytes += 24; return;
  }
}

void check_count(const Context& ctx, const char* section, const char* noun, std::size_t limit) {
  const auto* s = ctx.section(section);
  if (!s || s->size() <= limit) return;
  ctx.add({section}, "limit",
          "template declares " + std::to_string(s->size()) + " " + noun + "; the CloudFormation limit is " +
              std::to_string(limit));
}

void check_names(const Context& ctx, const char* section) {
  const auto* s = ctx.section(section);
  if (!s) return;
  for (const auto& [name, _] : s->items()) {
    if (name.rfind("Fn::ForEach::", 0) == 0) continue;
    if (name.size() > kMaxNameLength) {
      ctx.add({section, name}, "logical-id",
              "logical ID is " + std::to_string(name.size()) + " characters long; the limit is 255");
    }
    const bool alnum = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    if (!alnum) ctx.add({section, name}, "logical-id", "logical ID \"" + name + "\" must be alphanumeric (A-Z, a-z, 0-9)");
  }
}

}  // namespace

void check_limits(const Context& ctx) {
  check_count(ctx, "Resources", "resources", kMaxResources);
  check_count(ctx, "Parameters", "parameters", kMaxParameters);
  check_count(ctx, "Outputs", "outputs", kMaxOutputs);
  check_count(ctx, "Mappings", "mappings", kMaxMappings);
  if (const auto* mappings = ctx.section("Mappings")) {
    for (const auto& [name, m] : mappings->items()) {
      if (m.is_object() && m.size() > kMaxMappingAttributes) {
        ctx.add({"Mappings", name}, "limit",
                "mapping declares " + std::to_string(m.size()) + " attributes; the CloudFormation limit is " +
                    std::to_string(kMaxMappingAttributes));
      }
    }
  }
  for (const char* section : {"Resources", "Parameters", "Outputs", "Mappings"}) check_names(ctx, section);
  if (const auto* parameters = ctx.section("Parameters")) {
    for (const auto& [name, p] : parameters->items()) {
      if (!p.is_object()) continue;
      auto d = p.find("Default");
      if (d == p.end() || !d->is_string() || d->get_ref<const std::string&>().size() <= kMaxParameterValueBytes) continue;
      ctx.add({"Parameters", name, "Default"}, "limit",
              "Default is " + std::to_string(d->get_ref<const std::string&>().size()) +
                  " bytes; a parameter value may be at most 4096 bytes");
    }
  }

  // Invalid UTF-8 (possible from YAML input) must not make dump() throw.
  SizeAndReferences measured;
  measure(ctx.tmpl, measured);
  const std::size_t bytes = measured.bytes <= kMaxTemplateBytes
                                ? 0
                                : ctx.tmpl.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size();
  if (bytes > kMaxTemplateBytes) {
    ctx.add({}, "limit",
            "template is " + std::to_string(bytes) + " bytes as compact JSON; the CloudFormation limit is " +
                std::to_string(kMaxTemplateBytes) + " (1 MB)");
  }
  if (auto d = ctx.tmpl.find("Description"); d != ctx.tmpl.end() && d->is_string() &&
                                              d->get_ref<const std::string&>().size() > kMaxDescriptionBytes) {
    ctx.add({"Description"}, "limit",
            "Description is " + std::to_string(d->get_ref<const std::string&>().size()) +
                " bytes; the CloudFormation limit is 1024");
  }
  const std::size_t refs = measured.dynamic_references;
  if (refs > kMaxDynamicReferences) {
    ctx.add({}, "limit",
            "template uses " + std::to_string(refs) + " dynamic references; the CloudFormation limit is 60");
  }
}

}  // namespace aip::cfn::detail
