// `aip lint` without the printing: read the file once, and lint a spec (its
// rendered templates, with the spec's compliance packs) or a template.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "cfn/schema/template_loader.hpp"
#include "driver/synthesize.hpp"
#include "lint/lint.hpp"

namespace aip::driver {

struct Linted {
  // Empty when the input could not be linted (unreadable, spec errors, not a
  // template); then `diagnostics` says why and there are no findings.
  bool ok = false;
  Diagnostics diagnostics;
  std::vector<const lint::Rule*> rules;  // the rules that ran (the selection plus the spec's packs)
  std::vector<lint::Finding> findings;

  // What the findings' locations and templates point into.
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
  std::unique_ptr<Synthesis> synthesis;
  std::unique_ptr<cfn::LoadedTemplate> loaded;
  std::unique_ptr<lint::Input> input;
};

// `selection` must be valid (lint::select_rules reports no unknown ids).
// `environments`: of a spec's `environments:`, the ones to lint (empty: every one).
Linted lint_file(const std::string& path, lint::Selection selection, const std::vector<std::string>& environments = {});

// Whether `aip lint --fail-on LEVEL` fails: an unsuppressed finding at or above it.
bool fails(const std::vector<lint::Finding>& findings, Severity fail_on);

}  // namespace aip::driver
