// Fuzz target: a CloudFormation template (JSON or YAML) through what `aip
// validate` and `aip lint` do with it: load, schema validation with
// locations, every lint rule.
#include <cstdint>
#include <string>

#include "cfn/schema/template_loader.hpp"
#include "cfn/schema/validate.hpp"
#include "lint/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aip::SourceManager sources;
  const aip::SourceFile& file = sources.add("fuzz.template", std::string(reinterpret_cast<const char*>(data), size));
  aip::cfn::LoadedTemplate loaded;
  try {
    loaded = aip::cfn::load_template(file.text);
  } catch (const aip::cfn::TemplateLoadError&) {
    return 0;
  }
  (void)loaded.json.dump();
  for (const auto& f : aip::cfn::validate_template(loaded.json, aip::cfn::SchemaDb::builtin())) {
    (void)loaded.locate(f.path);
    (void)aip::cfn::format_finding_path("fuzz", f);
  }
  static const std::vector<const aip::lint::Rule*> rules = aip::lint::select_rules({}, nullptr);
  (void)aip::lint::run(aip::lint::input_from_template(file, loaded), rules);
  return 0;
}
