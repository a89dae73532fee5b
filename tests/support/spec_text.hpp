// Loading specs from strings in tests, keeping the source alive for locations.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "spec/load.hpp"

namespace aip::test {

struct LoadedSpec {
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
  Diagnostics diags;
  std::optional<spec::Spec> spec;

  // "spec.yaml:L:C: message" for every diagnostic, in source order, one per line.
  std::string messages() const {
    std::string out;
    for (const Diagnostic& d : diags.sorted()) {
      out += d.location.str() + ": " + d.message + "\n";
    }
    return out;
  }
};

inline LoadedSpec load_text(const std::string& text) {
  LoadedSpec out;
  const SourceFile& file = out.sources->add("spec.yaml", text);
  out.spec = spec::load_spec(file, out.diags);
  return out;
}

// A valid one-account header to put areas under.
inline const char* kHeader =
    "aip: 1\n"
    "name: test\n"
    "accounts:\n"
    "  dev: {id: \"123456789012\", region: us-east-1}\n";

}  // namespace aip::test
