// Guard rules over one template: parses every .guard file under the given
// directories once, then evaluates all their rules over the template RUNS
// times and prints the parse time and the median evaluation time.
// usage: bench_guard_rules TEMPLATE.json DIR_OR_FILE... [--runs N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostics.hpp"
#include "base/source.hpp"
#include "guard/evaluator.hpp"
#include "guard/parser.hpp"

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_guard_rules TEMPLATE.json DIR_OR_FILE... [--runs N]\n");
    return 2;
  }
  int runs = 21;
  std::vector<std::string> paths;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  std::string text, error;
  if (!aip::read_file(argv[1], &text, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  const nlohmann::json document = nlohmann::json::parse(text);
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p)) {
        if (e.path().extension() == ".guard") files.push_back(e.path().string());
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());

  aip::SourceManager sources;
  std::vector<aip::guard::RuleFile> parsed;
  std::size_t rules = 0, unparsed = 0;
  const auto parse_start = std::chrono::steady_clock::now();
  for (const std::string& f : files) {
    aip::Diagnostics diags;
    const aip::SourceFile* source = sources.load(f, &error);
    auto rule_file = source != nullptr ? aip::guard::parse_rule_file(*source, diags) : std::nullopt;
    if (!rule_file) {
      ++unparsed;
      continue;
    }
    rules += rule_file->rules.size();
    parsed.push_back(std::move(*rule_file));
  }
  const double parse_ms = ms_since(parse_start);

  std::vector<double> times;
  std::size_t failing = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t fails = 0;
    for (const aip::guard::RuleFile& f : parsed) {
      for (const aip::guard::RuleResult& r : aip::guard::evaluate(f, document)) fails += r.status == aip::guard::Status::fail;
    }
    times.push_back(ms_since(start));
    failing = fails;
  }
  std::sort(times.begin(), times.end());
  std::printf("guard: %zu rule files (%zu not parsed), %zu rules over %s (%zu bytes, %zu resources)\n", files.size(), unparsed,
              rules, argv[1], text.size(), document.contains("Resources") ? document["Resources"].size() : 0);
  std::printf("guard: parse once %.1f ms; evaluate all rules: median %.1f ms of %d runs (min %.1f, max %.1f); %zu rules fail\n",
              parse_ms, times[times.size() / 2], runs, times.front(), times.back(), failing);
  return 0;
}
