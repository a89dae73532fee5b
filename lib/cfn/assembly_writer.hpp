// Writing a CDK cloud assembly (manifest.json + one template per stack) so that
// `cdk deploy --app DIR` and `cdk ls --app DIR` accept it.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "cfn/model.hpp"

namespace aip::cfn {

// The cloud-assembly schema version written to manifest.json. The CDK CLI
// reads any version up to the one it was built with (2.1148.1 reads 55).
inline constexpr const char* kCloudAssemblyVersion = "48.0.0";

// Marks a directory as aip's, so a later run may replace it.
inline constexpr const char* kMarkerFile = ".aip-assembly";

// Every file of the assembly, relative path -> bytes, built in memory first so
// that nothing touches the disk until all of it rendered.
using AssemblyFiles = std::map<std::string, std::string>;
AssemblyFiles assembly_files(const Assembly& assembly, const std::map<std::string, Json>& templates);

// Writes `files` to `dir` atomically: into a fresh directory beside it, then a
// rename. `dir` must be absent, empty, or an earlier aip assembly holding only
// files aip writes; otherwise nothing is touched and *error says why.
bool write_assembly(const std::filesystem::path& dir, const AssemblyFiles& files, std::string* error);

}  // namespace aip::cfn
