// Lambda runtimes: every runtime aws-cdk-lib knows, its family, whether AWS
// has deprecated it, and the newest supported one of each family. The table is
// data/lambda-runtimes.json (tools/lambda-runtimes), compiled in at build time.
#pragma once

#include <span>
#include <string_view>

namespace aip::aws {

struct LambdaRuntime {
  std::string_view name;    // python3.13, nodejs22.x, java21, provided.al2023, ...
  std::string_view family;  // python, nodejs, java, dotnet, ruby, go, provided
  bool deprecated;          // AWS no longer patches it
};

// Every runtime of the table, oldest first within each family.
std::span<const LambdaRuntime> lambda_runtimes();

// The runtime of that name, or nullptr when the table does not know it (a
// runtime newer than the table, or a typo).
const LambdaRuntime* find_lambda_runtime(std::string_view name);

// The newest supported runtime of a family ("" when the family has none, as go).
std::string_view newest_lambda_runtime(std::string_view family);

// Deprecated: by the table, or one of the few runtimes Lambda retired before
// aws-cdk-lib listed them (dotnet5.0, dotnet7, nodejs4.3-edge).
bool lambda_runtime_deprecated(std::string_view name);

// The runtime aip's `functions:` area renders when a function names none.
inline std::string_view default_lambda_runtime() { return newest_lambda_runtime("python"); }

}  // namespace aip::aws
