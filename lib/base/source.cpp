#include "base/source.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace aip {

SourceFile::SourceFile(std::string p, std::string t) : path(std::move(p)), text(std::move(t)) {
  line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts.push_back(i + 1);
  }
}

std::string_view SourceFile::line(int number) const {
  if (number < 1 || static_cast<std::size_t>(number) > line_starts.size()) return {};
  std::size_t begin = line_starts[static_cast<std::size_t>(number) - 1];
  std::size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  return std::string_view(text).substr(begin, end - begin);
}

std::string Location::str() const {
  if (file == nullptr) return "<unknown>";
  if (line <= 0) return file->path;
  return fmt::format("{}:{}:{}", file->path, line, column);
}

const SourceFile& SourceManager::add(std::string path, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  return *files_.back();
}

bool read_file(const std::string& path, std::string* out, std::string* error, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = fmt::format("cannot read '{}': {}", path, std::strerror(errno));
    return false;
  }
  std::string text;
  std::array<char, 65536> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > limit) {
      std::error_code ec;
      const auto size = std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
      *error = fmt::format("cannot read '{}': {}", path,
                           size > limit ? limit_message::file_too_large(size, limit)
                                        : fmt::format("more than the limit of {} bytes", limit));
      return false;
    }
  }
  if (in.bad()) {
    *error = fmt::format("cannot read '{}': {}", path, std::strerror(errno));
    return false;
  }
  *out = std::move(text);
  return true;
}

const SourceFile* SourceManager::load(const std::string& path, std::string* error) {
  std::string text;
  if (!read_file(path, &text, error)) return nullptr;
  return &add(path, std::move(text));
}

}  // namespace aip
