// A spec taken as far as a command needs it: read and checked, planned,
// rendered to CloudFormation, and the rendering validated against the
// resource schemas. Results are data and diagnostics, never printed text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "cfn/model.hpp"
#include "spec/load.hpp"
#include "spec/spec.hpp"

namespace aip::driver {

// How every command loads a spec: `lint: {suppress: ...}` may name only rules
// aip has (a typo is a spec error, with a did-you-mean).
spec::LoadOptions spec_load_options();

// The last step to run.
enum class Stage { plan, render, validate };

struct SynthesisOptions {
  Stage until = Stage::validate;
  spec::LoadOptions load = spec_load_options();
  // False for a caller that needs only the templates and the stacks' outline
  // (`aip synth`): rendering then takes each resource's properties, metadata
  // and policies out of the plan instead of copying them, and the stacks move
  // into `assembly`, leaving `environment_assemblies` and `shared_assembly`
  // empty. The resources stay (ids, types, provenance), their bodies empty.
  bool keep_plan = true;
  // False, at Stage::plan, for a caller that reads each environment's own
  // assembly and never `assembly` (lint): it is then left unset instead of
  // being a second copy of every stack. Later stages always assemble.
  bool assemble = true;
};

enum class Outcome {
  ok,
  unreadable,    // the file could not be read
  spec_errors,   // the spec is wrong (exit 2)
  invalid_output // aip rendered a template the schemas reject: a bug in aip (exit 3)
};

struct Synthesis {
  Outcome outcome = Outcome::ok;
  // Reading, spec and planning errors; when outcome is invalid_output, one
  // error per schema finding ("Stack/Resource.Path: message [rule]", no location).
  Diagnostics diagnostics;
  // The spec (for a spec with environments: the first environment loaded) and
  // the assembly of every environment loaded, in one (docs/environments.md);
  // unset with SynthesisOptions::assemble = false.
  std::optional<spec::Spec> spec;
  std::optional<cfn::Assembly> assembly;
  // One per environment loaded (one in all for a spec without environments):
  // each environment's spec and its own assembly (its stacks are also in `assembly`).
  std::vector<spec::Spec> environments;
  std::vector<cfn::Assembly> environment_assemblies;
  // A spec with environments and shared accounts (driver/shared_accounts.hpp):
  // the shared part and the stacks of its shared accounts (also in `assembly`,
  // in none of `environment_assemblies`).
  std::optional<spec::Spec> shared_spec;
  std::optional<cfn::Assembly> shared_assembly;
  std::map<std::string, cfn::Json> templates;  // stack id -> template (Stage::render and later)

  bool ok() const { return outcome == Outcome::ok; }
};

// The spec in `file`, which `sources` (or the caller) keeps alive for locations.
Synthesis synthesize(const SourceFile& file, const SynthesisOptions& options = {});
// Reads the spec at `path` into `sources` first.
Synthesis synthesize(const std::string& path, SourceManager& sources, const SynthesisOptions& options = {});

}  // namespace aip::driver
