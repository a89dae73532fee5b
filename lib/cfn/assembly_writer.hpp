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
// The same files, freeing each template as soon as its files are made, so that
// a template and its bytes are not both held for the whole assembly.
AssemblyFiles assembly_files(const Assembly& assembly, std::map<std::string, Json>&& templates);

struct WriteOptions {
  // Replace a directory aip did not write. Its contents are not deleted but
  // moved to a sibling "<dir>.backup-N", whose path goes to *backup.
  bool force = false;
  std::filesystem::path* backup = nullptr;
};

// Writes `files` to `dir` atomically: into a fresh directory beside it, then a
// rename. Files an earlier aip assembly in `dir` already holds byte for byte
// are hard-linked, not written, and an identical assembly is left as it is. `dir` must be absent, empty, or an earlier aip assembly holding only
// files aip writes (or `force` is set); otherwise nothing is touched and
// *error says why. A symbolic link is never written through, even with force.
bool write_assembly(const std::filesystem::path& dir, const AssemblyFiles& files, std::string* error,
                    const WriteOptions& options = {});
// The same, freeing each file's bytes once they are written.
bool write_assembly(const std::filesystem::path& dir, AssemblyFiles&& files, std::string* error,
                    const WriteOptions& options = {});

}  // namespace aip::cfn
