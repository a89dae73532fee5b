// Shared by commands that look at what a spec renders to (policy, can):
// load, check and plan the spec, and render every stack, in memory.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/source.hpp"
#include "cfn/model.hpp"
#include "spec/load.hpp"

namespace aip::cli {

struct RenderedSpec {
  spec::Spec spec;
  cfn::Assembly assembly;
  std::map<std::string, cfn::Json> templates;  // stack id -> template
};

// nullopt after printing the spec's errors to stderr (exit code 2).
std::optional<RenderedSpec> render_spec_file(const std::string& path, SourceManager& sources);

}  // namespace aip::cli
