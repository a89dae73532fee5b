// Fuzz target: a spec from bytes through everything `aip synth` does short of
// writing, for every environment: load and check, plan, render, schema
// validation. Rendering a template that is not valid CloudFormation is a bug
// in aip (exit 3), so it aborts here, as do exceptions escaping the library.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "cfn/render.hpp"
#include "cfn/validate_assembly.hpp"
#include "plan/plan.hpp"
#include "spec/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  aip::Diagnostics diags;
  // Every environment, not only the first: each overlay is its own spec; and
  // the part that lives in shared accounts (governed-ml-path in the corpus).
  auto specs = aip::spec::load_environments(file, diags);
  (void)aip::render_all(diags, false);
  if (!specs) return 0;
  if (auto shared = aip::spec::load_shared_part(file, diags)) specs->push_back(std::move(*shared));
  (void)aip::render_all(diags, false);
  for (const aip::spec::Spec& spec : *specs) {
    const auto assembly = aip::plan::plan_platform(spec, diags);
    (void)aip::render_all(diags, false);
    if (!assembly) continue;
    std::map<std::string, aip::cfn::Json> templates;
    for (const aip::cfn::Stack& stack : assembly->stacks) {
      templates[stack.id] = aip::cfn::render_template(*assembly, stack);
      (void)aip::cfn::to_bytes(templates[stack.id]);
    }
    if (const auto findings = aip::cfn::validate_assembly(*assembly, templates); !findings.empty()) {
      for (const std::string& f : findings) std::fprintf(stderr, "invalid template: %s\n", f.c_str());
      std::abort();
    }
  }
  return 0;
}
