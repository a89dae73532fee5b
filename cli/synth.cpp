// `aip synth SPEC [-o DIR]`: spec -> plan -> templates -> schema check -> assembly.
#include <filesystem>
#include <utility>

#include <fmt/format.h>

#include "cfn/assembly_writer.hpp"
#include "commands.hpp"
#include "driver/synthesize.hpp"
#include "exit_codes.hpp"
#include "kept_until_exit.hpp"
#include "print_diagnostics.hpp"

namespace aip::cli {
namespace {

struct SynthOptions {
  std::string spec;
  std::string out = "cdk.out";
  bool quiet = false;
  bool force = false;
  std::vector<std::string> environments;
};

int run_synth(const SynthOptions& options) {
  SourceManager sources;
  driver::SynthesisOptions synthesis_options;
  synthesis_options.load.environments = options.environments;
  synthesis_options.keep_plan = false;  // only the templates and the stacks' outline are written
  // Never destroyed (kept_until_exit.hpp): freeing the spec and the stacks
  // one node at a time was 4 % of a synth's instructions.
  driver::Synthesis& synthesis =
      kept_until_exit(driver::synthesize(options.spec, sources, synthesis_options));
  switch (synthesis.outcome) {
    case driver::Outcome::ok: break;
    case driver::Outcome::unreadable:
    case driver::Outcome::spec_errors: print_diagnostics(synthesis.diagnostics); return kExitInput;
    case driver::Outcome::invalid_output:
      // A bug in aip, not in the spec: nothing is written.
      fmt::print(stderr, "aip: internal error: a rendered template is not valid CloudFormation (this is a bug in aip; "
                         "nothing was written):\n");
      for (const Diagnostic& d : synthesis.diagnostics.items()) fmt::print(stderr, "  {}\n", d.message);
      return kExitInternal;
  }
  const cfn::Assembly& assembly = *synthesis.assembly;

  std::string error;
  std::filesystem::path backup;
  // The templates are consumed: each is freed once its files are made.
  if (!cfn::write_assembly(options.out, cfn::assembly_files(assembly, std::move(synthesis.templates)), &error,
                           cfn::WriteOptions{options.force, &backup})) {
    fmt::print(stderr, "aip: error: {}\n", error);
    return kExitInput;
  }
  if (!backup.empty()) fmt::print(stderr, "aip: note: the previous contents of {} are in {}\n", options.out, backup.string());
  if (!options.quiet) {
    fmt::print("aip: synthesized platform '{}' into {} ({} stack{})\n", assembly.platform, options.out,
               assembly.stacks.size(), assembly.stacks.size() == 1 ? "" : "s");
    for (const cfn::Stack& stack : assembly.stacks) {
      fmt::print("  {:<40} {:<30} {:>4} resources {:>3} outputs\n", stack.id, stack.environment(),
                 stack.resources.size(), stack.outputs.size());
    }
  }
  return kExitOk;
}

}  // namespace

void add_synth_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SynthOptions>();
  auto* cmd = app.add_subcommand("synth", "Render a spec into a CDK cloud assembly (CloudFormation templates)");
  cmd->add_option("spec", options->spec, "Platform spec (YAML)")->required();
  cmd->add_option("-o,--output", options->out, "Assembly directory (default: cdk.out)");
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
  cmd->add_option("--env", options->environments,
                  "Only this environment of the spec's `environments:` (repeatable; default: every one)");
  cmd->add_flag("--force", options->force,
                "Replace an output directory aip did not write (its contents move to <dir>.backup-N)");
  cmd->footer(
      "Examples:\n"
      "  aip synth blueprints/network.yaml\n"
      "  aip synth platform.yaml -o build/assembly && npx cdk ls --app build/assembly\n\n"
      "The directory is replaced atomically; aip refuses to replace a directory it did not write.\n"
      "Exit codes: 0 written, 2 spec or output errors, 3 internal error (aip rendered an invalid template).");
  cmd->callback([options, &exit_code] { exit_code = run_synth(*options); });
}

}  // namespace aip::cli
