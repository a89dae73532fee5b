// `aip policy SPEC [NAME]`: the IAM policy documents a spec renders to, as
// synth writes them under policies/ in the assembly.
#include <fmt/format.h>

#include "cfn/render.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "iam/documents.hpp"
#include "base/did_you_mean.hpp"
#include "driver/synthesize.hpp"
#include "print_diagnostics.hpp"

namespace aip::cli {

void add_policy_command(CLI::App& app, int& exit_code) {
  auto spec = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto list = std::make_shared<bool>(false);
  auto environments = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("policy", "Print the IAM policy documents a spec generates (policies/ of the assembly)");
  cmd->add_option("spec", *spec, "Platform spec (YAML)")->required();
  cmd->add_option("name", *name,
                  "Only documents whose path contains NAME: a role (DataScientistRole), a stack, or a file "
                  "(mlpath-dev-iam/DataScientistRole.permissions.json)");
  cmd->add_flag("-l,--list", *list, "List the documents' paths instead of printing them");
  cmd->add_option("--env", *environments, "Only this environment of the spec (repeatable; default: every one)");
  cmd->footer(
      "Examples:\n"
      "  aip policy blueprints/enterprise-ai-platform.yaml --list\n"
      "  aip policy blueprints/enterprise-ai-platform.yaml DataScientistRole\n\n"
      "Each document is printed after a line '# policies/<stack>/<file>', canonical (sorted, lists always lists).\n"
      "Exit codes: 0 printed, 2 bad spec or no document matches NAME.");
  cmd->callback([spec, name, list, environments, &exit_code] {
    SourceManager sources;
    driver::SynthesisOptions options{driver::Stage::render};
    options.load.environments = *environments;
    options.keep_plan = false;  // only the templates are read
    driver::Synthesis rendered = driver::synthesize(*spec, sources, options);
    if (!rendered.ok()) {
      print_diagnostics(rendered.diagnostics);
      exit_code = kExitInput;
      return;
    }
    std::vector<std::string> all;
    std::size_t printed = 0;
    for (const auto& [stack, tmpl] : rendered.templates) {
      std::vector<cfn::Json> nested;
      for (const iam::TemplateDocument& d : iam::documents_in_template(tmpl, nested)) {
        const std::string path = stack + "/" + d.file_name();
        all.push_back(path);
        if (!name->empty() && path.find(*name) == std::string::npos) continue;
        ++printed;
        if (*list) {
          fmt::print("policies/{}\n", path);
        } else {
          fmt::print("# policies/{}\n{}", path, cfn::to_bytes(iam::review_form(d.site)));
        }
      }
    }
    if (printed == 0 && !name->empty()) {
      fmt::print(stderr, "aip: error: no policy document matches '{}'{}\naip: `aip policy {} --list` lists them\n",
                 *name, did_you_mean(*name, all, Quote::double_), *spec);
      exit_code = kExitInput;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
