#include "cfn/assembly_writer.hpp"

#include "iam/documents.hpp"

#include <algorithm>
#include <cerrno>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/parallel.hpp"
#include "cfn/render.hpp"

namespace aip::cfn {
namespace fs = std::filesystem;

namespace {

Json manifest(const Assembly& assembly) {
  Json artifacts = Json::object();
  for (const Stack& stack : assembly.stacks) {
    Json artifact = {
        {"type", "aws:cloudformation:stack"},
        {"environment", stack.environment()},
        {"displayName", stack.id},
        {"properties", {{"templateFile", stack.id + ".template.json"}, {"stackName", stack.id}}},
    };
    if (!stack.dependencies.empty()) artifact["dependencies"] = stack.dependencies;
    artifacts[stack.id] = std::move(artifact);
  }
  return Json{{"version", kCloudAssemblyVersion}, {"artifacts", std::move(artifacts)}};
}

// True for the files aip itself writes into an assembly.
bool written_by_aip(const fs::path& relative) {
  std::string name = relative.filename().string();
  std::string first = relative.begin()->string();
  if (relative.has_parent_path()) return first == "policies" && relative.extension() == ".json";
  return name == "manifest.json" || name == kMarkerFile || name == "tree.json" ||
         (name.size() > 14 && name.ends_with(".template.json"));
}

// Why an existing `dir` may not be replaced, or "" when it may. When it may,
// *entries gets the relative path of every file and folder in it ("policies/"
// for a folder), so a writer can tell whether the new files are exactly these.
std::string refuse_reason(const fs::path& dir, std::vector<std::string>* entries) {
  std::error_code ec;
  auto status = fs::symlink_status(dir, ec);
  if (ec) return fmt::format("cannot inspect '{}': {}", dir.string(), ec.message());
  if (fs::is_symlink(status)) return fmt::format("'{}' is a symbolic link; aip does not write through links", dir.string());
  if (!fs::is_directory(status)) return fmt::format("'{}' exists and is not a directory", dir.string());
  if (fs::is_empty(dir, ec)) return "";
  if (!fs::exists(dir / kMarkerFile)) {
    return fmt::format("'{}' is not empty and was not written by aip; refusing to replace it (choose another -o, "
                       "empty it, or pass --force to move it aside)",
                       dir.string());
  }
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    // Lexical: fs::relative resolves every component (a readlink each, ~8 per
    // file), and for a link would name its target instead of the link.
    fs::path relative = it->path().lexically_relative(dir);
    if (it->is_symlink()) return fmt::format("'{}' holds a symbolic link '{}'; refusing to replace it", dir.string(), relative.string());
    if (it->is_directory()) {
      entries->push_back(relative.string() + "/");
      continue;
    }
    entries->push_back(relative.string());
    if (!written_by_aip(relative)) {
      return fmt::format("'{}' holds '{}', which aip did not write; refusing to replace it (--force moves it "
                         "aside)",
                         dir.string(), relative.string());
    }
  }
  return ec ? fmt::format("cannot read '{}': {}", dir.string(), ec.message()) : "";
}

// Writes `bytes` to a new file at `path` with one write(2) (a template is
// written whole; an ofstream would copy it through its buffer in pieces).
bool write_file(const fs::path& path, std::string_view bytes, std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  bool ok = fd >= 0;
  while (ok && !bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (fd >= 0 && ::close(fd) != 0) ok = false;
  if (!ok) *error = fmt::format("cannot write '{}'", path.string());
  return ok;
}

// True when the file at `path` holds exactly `bytes`. Sizes are compared first,
// so a changed template is rarely read whole.
bool same_bytes(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) == bytes.size();
  std::string buffer(same ? bytes.size() : 0, '\0');
  std::size_t got = 0;
  while (same && got < buffer.size()) {
    ssize_t n = ::read(fd, buffer.data() + got, buffer.size() - got);
    if (n < 0 && errno == EINTR) continue;
    same = n > 0;
    if (same) got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return same && std::string_view(buffer) == bytes;
}

// The earlier assembly that a new one replaces, and which of the new files it
// already holds byte for byte. Those are hard-linked into the new assembly
// instead of written again: a link allocates no inode, and allocating inodes
// in a directory whose files were just deleted is most of a re-synth's system
// time (ext4 checks each candidate inode for a recent deletion). The old
// assembly is deleted right after, so nothing else ever shares the inode.
struct Earlier {
  fs::path dir;                // empty: nothing to reuse
  std::vector<char> unchanged;  // by the new files' order
};

// Writes every file under `staging`. Files is `const AssemblyFiles`, or files
// being consumed, whose bytes are freed once written. Each folder
// (policies/<stack>) is created once, here; then the folders' files are
// written on two cores, a folder at a time on each (creating files in the same
// folder from both would only queue them on its lock). Creating a file is most
// of a synth's system time.
template <class Files>
bool write_files(const fs::path& staging, Files& files, const Earlier& earlier, std::string* error) {
  using Entry = std::conditional_t<std::is_const_v<Files>, const typename Files::value_type, typename Files::value_type>;
  std::vector<std::vector<std::pair<Entry*, bool>>> folders;  // files come sorted, so a folder's files are together
  fs::path made;
  std::size_t index = 0;
  for (Entry& entry : files) {
    const bool unchanged = !earlier.dir.empty() && earlier.unchanged[index++] != 0;
    const fs::path parent = (staging / entry.first).parent_path();
    if (folders.empty() || parent != made) {
      std::error_code ec;
      fs::create_directories(parent, ec);
      if (ec) {
        *error = fmt::format("cannot write '{}'", (staging / entry.first).string());
        return false;
      }
      made = parent;
      folders.emplace_back();
    }
    folders.back().emplace_back(&entry, unchanged);
  }
  std::vector<std::string> errors(folders.size());  // the first failure of each folder
  for_each_index(folders.size(), [&](std::size_t i) {
    for (auto [entry, unchanged] : folders[i]) {
      const fs::path target = staging / entry->first;
      // A file system without hard links (or a full link count) gets a copy.
      const bool linked = unchanged && ::link((earlier.dir / entry->first).c_str(), target.c_str()) == 0;
      if (!linked && !write_file(target, entry->second, &errors[i])) return;
      if constexpr (!std::is_const_v<Files>) std::string().swap(entry->second);
    }
  });
  for (std::string& e : errors) {
    if (!e.empty()) {
      *error = std::move(e);
      return false;
    }
  }
  return true;
}

// Which of `files` the earlier assembly in `dir` (its `entries`) holds byte for
// byte, compared on two cores. Returns true when it holds
// exactly these files and folders, each unchanged: then there is nothing to write.
template <class Files>
bool find_unchanged(const fs::path& dir, const Files& files, std::vector<std::string> entries, Earlier* earlier) {
  std::vector<const typename Files::value_type*> order;  // the files, indexable for the two cores
  std::vector<std::string> wanted;
  for (const auto& entry : files) {
    order.push_back(&entry);
    wanted.push_back(entry.first);
    for (fs::path parent = fs::path(entry.first).parent_path(); !parent.empty(); parent = parent.parent_path()) {
      wanted.push_back(parent.string() + "/");
    }
  }
  earlier->dir = dir;
  earlier->unchanged.assign(order.size(), 0);
  for_each_index(order.size(), [&](std::size_t i) {
    earlier->unchanged[i] = same_bytes(dir / order[i]->first, order[i]->second) ? 1 : 0;
  });
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::sort(entries.begin(), entries.end());
  return entries == wanted && std::all_of(earlier->unchanged.begin(), earlier->unchanged.end(), [](char c) { return c != 0; });
}

// Deletes the previous assembly once the new one is in place: its policy
// folders on two cores (a folder at a time on each, as they were written),
// then the rest. Best effort, as before: a leftover sibling is harmless.
void remove_old_assembly(const fs::path& old) {
  std::vector<fs::path> folders;
  std::error_code ec;
  for (auto it = fs::directory_iterator(old / "policies", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    folders.push_back(it->path());
  }
  for_each_index(folders.size(), [&](std::size_t i) {
    std::error_code ignore;
    fs::remove_all(folders[i], ignore);
  });
  fs::remove_all(old, ec);
}

// A sibling of `dir` that does not exist yet: ".NAME.aip-KIND-PID-N".
fs::path sibling(const fs::path& dir, std::string_view kind) {
  for (int n = 0;; ++n) {
    fs::path p = dir.parent_path() / fmt::format(".{}.aip-{}-{}-{}", dir.filename().string(), kind, getpid(), n);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) return p;
  }
}

// "<dir>.backup-N" with the first N not taken: visible, so people find it.
fs::path backup_path(const fs::path& dir) {
  for (int n = 1;; ++n) {
    fs::path p = dir.parent_path() / fmt::format("{}.backup-{}", dir.filename().string(), n);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) return p;
  }
}

// Both assembly_files: Templates is a const map (copied from) or one being
// consumed, whose templates are freed once their files are made. Each stack's
// files (its template and its policy documents) are made on two cores, each
// into its own slot, and then go into the map in stack order, as one thread
// would put them.
template <class Templates>
AssemblyFiles make_assembly_files(const Assembly& assembly, Templates& templates) {
  using Document = std::conditional_t<std::is_const_v<Templates>, const Json, Json>;
  std::vector<std::pair<const std::string*, Document*>> stacks;
  for (auto& [stack_id, document] : templates) stacks.emplace_back(&stack_id, &document);
  std::vector<std::vector<std::pair<std::string, std::string>>> made(stacks.size());
  for_each_index(stacks.size(), [&](std::size_t i) {
    const std::string& stack_id = *stacks[i].first;
    Document& document = *stacks[i].second;
    made[i].emplace_back(stack_id + ".template.json", to_bytes(document));
    // Every policy document also on its own, canonical, for review and diffs.
    std::vector<Json> nested;
    for (const iam::TemplateDocument& d : iam::documents_in_template(document, nested)) {
      made[i].emplace_back("policies/" + stack_id + "/" + d.file_name(), to_bytes(iam::review_form(d.site)));
    }
    if constexpr (!std::is_const_v<Templates>) document = Json();
  });
  AssemblyFiles files;
  files["manifest.json"] = to_bytes(manifest(assembly));
  files[kMarkerFile] = "This directory was written by aip; aip may replace it on the next synth.\n";
  for (auto& stack_files : made) {
    for (auto& [relative, bytes] : stack_files) files[relative] = std::move(bytes);
  }
  return files;
}

// Both write_assembly: Files is `const AssemblyFiles` or files being consumed.
template <class Files>
bool write_assembly_files(const fs::path& requested, Files& files, std::string* error, const WriteOptions& options) {
  fs::path dir = fs::absolute(requested).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  std::error_code ec;
  bool exists = fs::exists(fs::symlink_status(dir, ec));
  bool keep_old = false;  // a directory aip did not write is moved aside, never deleted
  std::vector<std::string> entries;
  if (exists) {
    if (std::string why = refuse_reason(dir, &entries); !why.empty()) {
      if (!options.force || fs::is_symlink(fs::symlink_status(dir, ec)) || !fs::is_directory(dir, ec)) {
        *error = why;
        return false;
      }
      keep_old = true;
    }
  }
  fs::create_directories(dir.parent_path(), ec);
  if (ec) {
    *error = fmt::format("cannot create '{}': {}", dir.parent_path().string(), ec.message());
    return false;
  }

  // An earlier aip assembly is reused: identical, it is left as it is (its
  // files keep their times, as a build tool's unchanged outputs do); otherwise
  // its unchanged files are linked into the new one. A directory moved aside
  // with --force keeps inodes of its own.
  Earlier earlier;
  if (exists && !keep_old && !entries.empty() && find_unchanged(dir, files, std::move(entries), &earlier)) return true;

  fs::path staging = sibling(dir, "new");
  fs::create_directory(staging, ec);
  if (ec) {
    *error = fmt::format("cannot create '{}': {}", staging.string(), ec.message());
    return false;
  }
  if (!write_files(staging, files, earlier, error)) {
    fs::remove_all(staging, ec);
    return false;
  }

  // Swap: move the old assembly aside, move the new one in, then delete the old.
  fs::path old;
  if (exists && !fs::is_empty(dir, ec)) {
    old = keep_old ? backup_path(dir) : sibling(dir, "old");
    fs::rename(dir, old, ec);
    if (ec) {
      *error = fmt::format("cannot move '{}' aside: {}", dir.string(), ec.message());
      fs::remove_all(staging, ec);
      return false;
    }
  }
  fs::rename(staging, dir, ec);  // replaces an empty directory
  if (ec) {
    *error = fmt::format("cannot move the new assembly to '{}': {}", dir.string(), ec.message());
    std::error_code ignore;
    if (!old.empty()) fs::rename(old, dir, ignore);
    fs::remove_all(staging, ignore);
    return false;
  }
  if (keep_old) {
    if (options.backup != nullptr) *options.backup = old;
  } else if (!old.empty()) {
    remove_old_assembly(old);
  }
  return true;
}

}  // namespace

AssemblyFiles assembly_files(const Assembly& assembly, const std::map<std::string, Json>& templates) {
  return make_assembly_files(assembly, templates);
}

AssemblyFiles assembly_files(const Assembly& assembly, std::map<std::string, Json>&& templates) {
  AssemblyFiles files = make_assembly_files(assembly, templates);
  templates.clear();
  return files;
}

bool write_assembly(const fs::path& requested, const AssemblyFiles& files, std::string* error,
                    const WriteOptions& options) {
  return write_assembly_files(requested, files, error, options);
}

bool write_assembly(const fs::path& requested, AssemblyFiles&& files, std::string* error,
                    const WriteOptions& options) {
  bool ok = write_assembly_files(requested, files, error, options);
  files.clear();
  return ok;
}

}  // namespace aip::cfn
