// `aip lint` without the printing: read the file once, and lint a spec (its
// rendered templates, with the spec's compliance packs) or a template.
#pragma once

#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "cfn/schema/template_loader.hpp"
#include "driver/synthesize.hpp"
#include "lint/guard_rules.hpp"
#include "lint/lint.hpp"
#include "spec/located.hpp"

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
  std::vector<std::unique_ptr<cfn::LoadedTemplate>> loaded_all;  // several templates (lint_files)
  std::unique_ptr<lint::Input> input;
  std::vector<lint::GuardRuleSet> guard;  // the selection's Guard rule files, parsed once
  // A spec: what each environment's findings point into (one for a spec without environments).
  std::vector<std::unique_ptr<lint::Input>> environment_inputs;
  std::list<std::vector<lint::GuardRuleSet>> environment_guard;
};

// The Guard rule files of `paths` (files, or directories searched for *.guard
// files in name order), read into `sources` and parsed; false when one cannot
// be read or has errors (reported to `diags`, at the path's location when it
// has one: a spec's `lint: {rules: [...]}` entry).
bool load_guard_rules(const std::vector<spec::Located<std::string>>& paths, Severity default_severity,
                      SourceManager& sources, Diagnostics& diags, std::vector<lint::GuardRuleSet>& out);

// `selection` must be valid (lint::select_rules reports no unknown ids).
// `environments`: of a spec's `environments:`, the ones to lint (empty: every one).
Linted lint_file(const std::string& path, lint::Selection selection, const std::vector<std::string>& environments = {});

// `aip lint PATH...`: one path is lint_file, unless it is a directory. Cloud
// assembly directories (manifest.json: every aws:cloudformation:stack
// artifact's template, nested assemblies included, aip's or the AWS CDK's),
// other directories (every template under them) and template files are
// linted together as one input, so the cross-stack rules (CIDR conflicts
// between stacks' VPCs, Fn::ImportValue of another stack's group) see every
// stack. A spec is linted on its own: with other paths it is an error.
Linted lint_files(const std::vector<std::string>& paths, lint::Selection selection,
                  const std::vector<std::string>& environments = {});

// Whether `aip lint --fail-on LEVEL` fails: an unsuppressed finding at or above it.
bool fails(const std::vector<lint::Finding>& findings, Severity fail_on);

}  // namespace aip::driver
