// Linting a template or spec held in a string, for rule tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cfn/model.hpp"
#include "cfn/schema/template_loader.hpp"
#include "lint/lint.hpp"
#include "plan/plan.hpp"
#include "spec/load.hpp"

namespace aip::lint::test {

// Keeps everything findings point into alive.
struct Linted {
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
  std::unique_ptr<cfn::LoadedTemplate> loaded;
  std::unique_ptr<spec::Spec> spec;
  std::unique_ptr<cfn::Assembly> assembly;
  std::unique_ptr<Input> input;
  std::vector<Finding> findings;

  // Findings of one rule (suppressed ones included).
  std::vector<Finding> of(const std::string& rule) const {
    std::vector<Finding> out;
    for (const Finding& f : findings) {
      if (f.rule == rule) out.push_back(f);
    }
    return out;
  }
  std::size_t count(const std::string& rule) const { return of(rule).size(); }
};

inline std::vector<const Rule*> only(const std::string& rule_id) {
  if (rule_id.empty()) return all_rules();
  return {find_rule(rule_id)};
}

// A template (JSON or YAML); runs one rule, or all when rule_id is "".
inline Linted lint_template(const std::string& text, const std::string& rule_id = "",
                            const std::string& path = "template.yaml") {
  Linted l;
  const SourceFile& file = l.sources->add(path, text);
  l.loaded = std::make_unique<cfn::LoadedTemplate>(cfn::load_template(text));
  l.input = std::make_unique<Input>(input_from_template(file, *l.loaded));
  l.findings = run(*l.input, only(rule_id));
  return l;
}

// A spec; planned, then linted. Fails the test when the spec has errors.
inline Linted lint_spec(const std::string& text, const std::string& rule_id = "",
                        const std::string& path = "spec.yaml") {
  Linted l;
  const SourceFile& file = l.sources->add(path, text);
  Diagnostics diags;
  auto spec = spec::load_spec(file, diags);
  if (!spec) throw std::runtime_error("spec errors: " + render_all(diags, false));
  l.spec = std::make_unique<spec::Spec>(std::move(*spec));
  auto assembly = plan::plan_platform(*l.spec, diags);
  if (!assembly) throw std::runtime_error("plan errors: " + render_all(diags, false));
  l.assembly = std::make_unique<cfn::Assembly>(std::move(*assembly));
  l.input = std::make_unique<Input>(input_from_assembly(file, *l.spec, *l.assembly));
  l.findings = run(*l.input, only(rule_id));
  return l;
}

}  // namespace aip::lint::test
