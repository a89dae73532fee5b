// `aip graph SPEC|TEMPLATE|ASSEMBLY [--format dot|mermaid|svg] [-o FILE]`: the
// platform as a picture (lib/graph; docs/graph.md). SVG is Graphviz's `dot`
// run on the DOT text, when it is installed.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "commands.hpp"
#include "diff/load_side.hpp"
#include "exit_codes.hpp"
#include "graph/graph.hpp"
#include "print_diagnostics.hpp"

extern char** environ;

namespace aip::cli {
namespace {

namespace fs = std::filesystem;

struct GraphOptions {
  std::string input;
  std::string format = "dot";
  std::string output;
  std::vector<std::string> without;  // edge kinds left out
};

bool write_text(const std::string& path, const std::string& text, std::string& error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    error = "cannot write '" + path + "'";
    return false;
  }
  return true;
}

// Graphviz's dot on the PATH, or "".
std::string find_dot() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path == nullptr ? "" : path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / "dot";
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate.string();
  }
  return "";
}

// DOT -> SVG through `dot -Tsvg`; the SVG text, or nullopt with why in `error`.
std::optional<std::string> dot_to_svg(const std::string& dot, std::string& error) {
  const std::string program = find_dot();
  if (program.empty()) {
    error = "--format svg needs Graphviz's `dot` program, which is not on PATH (Debian and Ubuntu: "
            "apt-get install graphviz); --format dot or --format mermaid need nothing else";
    return std::nullopt;
  }
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec) / fmt::format("aip-graph-{}", ::getpid());
  fs::create_directories(dir, ec);
  const std::string in = (dir / "graph.dot").string();
  const std::string out = (dir / "graph.svg").string();
  const std::string err = (dir / "dot.err").string();
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{dir};
  if (!write_text(in, dot, error)) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::string arg0 = "dot";
  std::string arg1 = "-Tsvg";
  std::string arg3 = "-o";
  std::vector<char*> argv = {arg0.data(), arg1.data(), const_cast<char*>(in.c_str()), arg3.data(),
                             const_cast<char*>(out.c_str()), nullptr};
  pid_t pid = 0;
  int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = fmt::format("cannot run '{}': {}", program, std::strerror(rc));
    return std::nullopt;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::ifstream err_file(err);
  std::string messages((std::istreambuf_iterator<char>(err_file)), std::istreambuf_iterator<char>());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = fmt::format("Graphviz's dot failed ({}){}{}", WIFEXITED(status) ? fmt::format("exit {}", WEXITSTATUS(status)) : "killed",
                        messages.empty() ? "" : ":\n", messages);
    return std::nullopt;
  }
  std::ifstream svg_file(out, std::ios::binary);
  std::string svg((std::istreambuf_iterator<char>(svg_file)), std::istreambuf_iterator<char>());
  if (svg.empty()) {
    error = "Graphviz's dot wrote no SVG";
    return std::nullopt;
  }
  return svg;
}

int run_graph(const GraphOptions& options) {
  diff::LoadResult loaded = diff::load_side(options.input);
  if (!loaded.side) {
    print_diagnostics(loaded.diagnostics, loaded.kind == diff::SideKind::Spec ? Detail::full : Detail::brief);
    return kExitInput;
  }
  std::vector<graph::StackInput> stacks;
  for (const auto& [name, s] : loaded.side->stacks) stacks.push_back({name, s.environment, s.account_name, &s.tmpl});
  graph::GraphOptions graph_options;
  for (const std::string& w : options.without) {
    if (w == "references") graph_options.references = false;
    if (w == "depends-on") graph_options.depends_on = false;
    if (w == "network") graph_options.network = false;
    if (w == "iam") graph_options.iam = false;
  }
  const graph::Graph g = graph::build_graph(stacks, graph_options);
  const std::string title = fs::path(options.input).filename().string();
  std::string text;
  std::string error;
  if (options.format == "mermaid") {
    text = graph::render_mermaid(g, title);
  } else if (options.format == "svg") {
    auto svg = dot_to_svg(graph::render_dot(g, title), error);
    if (!svg) {
      fmt::print(stderr, "aip: error: {}\n", error);
      return kExitInput;
    }
    text = std::move(*svg);
  } else {
    text = graph::render_dot(g, title);
  }
  if (options.output.empty() || options.output == "-") {
    fmt::print("{}", text);
    return kExitOk;
  }
  if (!write_text(options.output, text, error)) {
    fmt::print(stderr, "aip: error: {}\n", error);
    return kExitInput;
  }
  return kExitOk;
}

}  // namespace

void add_graph_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GraphOptions>();
  auto* cmd = app.add_subcommand(
      "graph", "Draw a platform (spec, assembly directory or template): stacks, accounts and regions as clusters, "
               "resources by kind, references, network paths and IAM grants");
  cmd->add_option("input", options->input, "Spec (YAML with aip:), assembly directory or CloudFormation template")
      ->required();
  cmd->add_option("--format", options->format,
                  "Output format: dot (default, Graphviz), mermaid (a flowchart GitHub renders), svg (needs Graphviz)")
      ->check(CLI::IsMember({"dot", "mermaid", "svg"}));
  cmd->add_option("-o,--output", options->output, "Write to this file instead of standard output");
  cmd->add_option("--without", options->without,
                  "Leave out one kind of edge: references, depends-on, network, iam (repeatable)")
      ->check(CLI::IsMember({"references", "depends-on", "network", "iam"}));
  cmd->footer(
      "Examples:\n"
      "  aip graph blueprints/network.yaml --format svg -o network.svg\n"
      "  aip graph cdk.out --format mermaid > platform.mmd\n"
      "  aip graph template.yaml | dot -Tpng -o template.png\n\n"
      "Edges: references (Ref, Fn::GetAtt, Fn::Sub, Fn::ImportValue) grey, DependsOn dashed grey, network paths\n"
      "(who may reach a security group, on which port) red, IAM grants (principal -> resource, with the actions) blue.\n"
      "Exit codes: 0 drawn, 2 bad input, or --format svg without Graphviz's dot on PATH. See docs/graph.md.");
  cmd->callback([options, &exit_code] { exit_code = run_graph(*options); });
}

}  // namespace aip::cli
