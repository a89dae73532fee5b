// Fuzz target: an Amazon States Language definition (workflows:) from bytes
// through aip's ASL reader: the YAML tree, states at every level, Task
// integrations and `${KIND:NAME}` substitutions. Exceptions escaping the
// reader are bugs and abort.
#include <cstdint>
#include <string>

#include "spec/workflows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("fuzz.asl.yaml", std::string(reinterpret_cast<const char*>(data), size));
  aip::Diagnostics diags;
  const auto asl = aip::spec::read_asl(file, diags);
  if (asl) {
    for (const aip::spec::AslReference& r : asl->references) (void)aip::spec::asl_placeholders(r.name);
  }
  return 0;
}
