// Planning specs given as text in tests: load, check and plan (through
// lib/driver, as every command does), and look up resources.
#pragma once

#include <catch2/catch.hpp>

#include "cfn/render.hpp"
#include "cfn/validate_assembly.hpp"
#include "driver/synthesize.hpp"
#include "plan/plan.hpp"  // tests call plan:: helpers directly
#include "support/spec_text.hpp"

namespace aip::test {

struct Planned {
  LoadedSpec loaded;
  std::optional<cfn::Assembly> assembly;

  const cfn::Stack& stack(const std::string& id) const {
    const cfn::Stack* s = assembly->find(id);
    INFO("stack " << id);
    REQUIRE(s != nullptr);
    return *s;
  }
  // The resource with this logical id, in whichever stack holds it.
  const cfn::Resource& resource(const std::string& logical_id) const {
    for (const cfn::Stack& s : assembly->stacks) {
      if (const cfn::Resource* r = s.find(logical_id)) return *r;
    }
    FAIL("no resource " << logical_id);
    throw std::logic_error("unreachable");
  }
  // The resource's Properties as the template has them (with the tags the
  // renderer adds, in whichever property the type takes them).
  cfn::Json rendered_properties(const std::string& logical_id) const {
    for (const cfn::Stack& s : assembly->stacks) {
      if (s.find(logical_id) != nullptr) return cfn::render_template(*assembly, s)["Resources"][logical_id]["Properties"];
    }
    FAIL("no resource " << logical_id);
    throw std::logic_error("unreachable");
  }
  bool has(const std::string& logical_id) const {
    for (const cfn::Stack& s : assembly->stacks) {
      if (s.find(logical_id) != nullptr) return true;
    }
    return false;
  }
  // Schema findings over every rendered template (empty when all are valid).
  std::vector<std::string> schema_findings() const {
    std::map<std::string, cfn::Json> templates;
    for (const cfn::Stack& s : assembly->stacks) templates[s.id] = cfn::render_template(*assembly, s);
    return cfn::validate_assembly(*assembly, templates);
  }
};

// The errors of a spec that must not load: `header` (default: one account) + `body`.
inline std::string errors_of(const std::string& body, const char* header = kHeader) {
  auto loaded = load_text(std::string(header) + body);
  CHECK_FALSE(loaded.spec);
  return loaded.messages();
}

// Loads and plans; fails the test with the diagnostics when either step fails.
// `path`: where the text is from (a spec's includes are relative to it).
inline Planned plan_text(const std::string& text, const std::string& path = "spec.yaml") {
  Planned p;
  const SourceFile& file = p.loaded.sources->add(path, text);
  // Default load options, as load_text: tests may suppress rules by made-up ids.
  driver::Synthesis s = driver::synthesize(file, {driver::Stage::plan, spec::LoadOptions{}});
  p.loaded.diags = std::move(s.diagnostics);
  p.loaded.spec = std::move(s.spec);
  INFO(p.loaded.messages());
  REQUIRE(p.loaded.spec);
  p.assembly = std::move(s.assembly);
  INFO(p.loaded.messages());
  REQUIRE(p.assembly);
  return p;
}

}  // namespace aip::test
