#include "base/yaml_tree.hpp"

#include "base/yaml_fast_reader.hpp"

#include <map>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace aip {

YamlNode::YamlNode() = default;
YamlNode::~YamlNode() = default;
YamlNode::YamlNode(const YamlNode&) = default;
YamlNode::YamlNode(YamlNode&&) noexcept = default;
YamlNode& YamlNode::operator=(const YamlNode&) = default;
YamlNode& YamlNode::operator=(YamlNode&&) noexcept = default;

const YamlNode* YamlNode::find(std::string_view key) const {
  if (kind != Kind::map) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k.is_scalar() && k.scalar == key) return &v;
  }
  return nullptr;
}

const YamlNode* YamlNode::find_key(std::string_view key) const {
  if (kind != Kind::map) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k.is_scalar() && k.scalar == key) return &k;
  }
  return nullptr;
}

std::string YamlNode::describe() const {
  switch (kind) {
    case Kind::null: return "nothing";
    case Kind::scalar: return fmt::format("'{}'", scalar.size() > 40 ? scalar.substr(0, 40) + "..." : scalar);
    case Kind::sequence: return "a list";
    case Kind::map: return "a map";
  }
  return "a value";
}

namespace {

// Thrown from the event handler to stop parsing at the first limit breach.
struct LimitExceeded {
  Location where;
  std::string message;
};

// yaml-cpp 0.7 decodes the escapes \N and \_ to the Latin-1 bytes 0x85 and
// 0xA0 instead of the UTF-8 of U+0085 and U+00A0, so a scalar of valid text
// could hold invalid UTF-8 (which nlohmann::json throws on when a template is
// written). The text was checked, so such a lone byte can only be one of them.
std::string utf8_escapes(const std::string& value) {
  if (invalid_utf8_offset(value) == std::string::npos) return value;
  std::string out;
  std::string_view rest = value;
  for (std::size_t bad; (bad = invalid_utf8_offset(rest)) != std::string_view::npos;) {
    out.append(rest.substr(0, bad));
    const auto byte = static_cast<unsigned char>(rest[bad]);
    if (byte == 0x85 || byte == 0xA0) out += '\xC2';
    out += rest[bad];
    rest.remove_prefix(bad + 1);
  }
  out.append(rest);
  return out;
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceFile& file, const YamlLimits& limits) : file_(file), limits_(limits) {}

  std::optional<YamlNode> result;
  std::vector<Diagnostic> duplicate_keys;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode n;
    n.location = at(mark);
    finish(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw LimitExceeded{at(mark), "alias refers to an unknown anchor"};
    // Every copy counts against the node limit, so a "billion laughs" document
    // stops after max_nodes copies instead of expanding exponentially.
    count(it->second, at(mark));
    YamlNode copy = it->second;
    finish(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (value.size() > limits_.max_scalar_bytes) {
      throw LimitExceeded{at(mark), limit_message::string_too_long(value.size(), limits_.max_scalar_bytes)};
    }
    YamlNode n;
    n.kind = YamlNode::Kind::scalar;
    n.location = at(mark);
    n.scalar = utf8_escapes(value);
    // yaml-cpp reports "!" for quoted scalars and "?" for plain ones.
    n.quoted = tag == "!";
    if (tag != "!" && tag != "?") n.tag = tag;
    finish(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::map, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YamlNode node;
    YAML::anchor_t anchor = 0;
    std::optional<YamlNode> pending_key;  // maps: key waiting for its value
    std::map<std::string, Location> seen_keys;
  };

  Location at(const YAML::Mark& mark) const { return Location{&file_, mark.line + 1, mark.column + 1}; }

  void count(const YamlNode& n, Location where) {
    nodes_ += 1 + n.items.size() + 2 * n.entries.size();
    for (const auto& item : n.items) count_children(item);
    for (const auto& [k, v] : n.entries) count_children(v);
    if (nodes_ > limits_.max_nodes) {
      throw LimitExceeded{where, fmt::format("document expands to more than {} nodes (alias expansion?)",
                                             limits_.max_nodes)};
    }
  }
  void count_children(const YamlNode& n) {
    nodes_ += n.items.size() + 2 * n.entries.size();
    if (nodes_ > limits_.max_nodes) return;
    for (const auto& item : n.items) count_children(item);
    for (const auto& [k, v] : n.entries) count_children(v);
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (stack_.size() >= limits_.max_depth) {
      throw LimitExceeded{at(mark), limit_message::too_deep(limits_.max_depth)};
    }
    Frame f;
    f.node.kind = kind;
    f.node.location = at(mark);
    if (tag != "?" && tag != "!" && tag != "tag:yaml.org,2002:map" && tag != "tag:yaml.org,2002:seq") {
      f.node.tag = tag;
    }
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(f.node), f.anchor);
  }

  // Attaches a completed node to its parent (or makes it the document root).
  void finish(YamlNode n, YAML::anchor_t anchor) {
    if (++nodes_ > limits_.max_nodes) {
      throw LimitExceeded{n.location, limit_message::too_many_nodes(limits_.max_nodes)};
    }
    if (anchor != 0) anchors_[anchor] = n;
    if (stack_.empty()) {
      result = std::move(n);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node.kind == YamlNode::Kind::sequence) {
      parent.node.items.push_back(std::move(n));
    } else if (!parent.pending_key) {
      parent.pending_key = std::move(n);
    } else {
      add_entry(parent, std::move(*parent.pending_key), std::move(n));
      parent.pending_key.reset();
    }
  }

  void add_entry(Frame& parent, YamlNode key, YamlNode value) {
    if (key.is_scalar()) {
      auto [it, inserted] = parent.seen_keys.emplace(key.scalar, key.location);
      if (!inserted) {
        Diagnostic d{Severity::error, key.location, limit_message::duplicate_key(key.scalar), {}};
        d.notes.push_back(Diagnostic{Severity::note, it->second, "first defined here", {}});
        duplicate_keys.push_back(std::move(d));
        return;  // keep the first, as the error says
      }
    }
    parent.node.entries.emplace_back(std::move(key), std::move(value));
  }

  const SourceFile& file_;
  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, YamlNode> anchors_;
  std::size_t nodes_ = 0;
};

// Byte offset of the first character YAML does not allow (outside c-printable:
// C0 controls but tab, LF and CR; DEL; C1 controls but NEL; U+FFFE, U+FFFF),
// or npos. yaml-cpp does not refuse them, it garbles the text around them.
// Precondition: `s` is valid UTF-8.
std::size_t unprintable_offset(std::string_view s, char32_t* found) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c >= 0x20 && c < 0x7F) || c == '\n') {  // the common case, without decoding
      ++i;
      continue;
    }
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1Fu : len == 3 ? c & 0x0Fu : c & 0x07u;
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    const bool printable = cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp != 0x7F && cp < 0x80) ||
                           cp == 0x85 || (cp >= 0xA0 && cp != 0xFFFE && cp != 0xFFFF);
    if (!printable) {
      *found = cp;
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

Location location_of_offset(const SourceFile& file, std::size_t offset) {
  int line = 1;
  std::size_t start = 0;
  for (std::size_t k = 1; k < file.line_starts.size() && file.line_starts[k] <= offset; ++k) {
    line = static_cast<int>(k) + 1;
    start = file.line_starts[k];
  }
  return Location{&file, line, static_cast<int>(offset - start) + 1};
}

}  // namespace

namespace {

// The checks yaml-cpp does not make, before either reader runs.
bool acceptable_text(const SourceFile& file, Diagnostics& diags, const YamlLimits& limits) {
  if (file.text.size() > limits.max_bytes) {
    diags.error(Location{&file, 0, 0}, limit_message::file_too_large(file.text.size(), limits.max_bytes));
    return false;
  }
  if (std::size_t bad = invalid_utf8_offset(file.text); bad != std::string_view::npos) {
    diags.error(location_of_offset(file, bad), limit_message::invalid_utf8(bad));
    return false;
  }
  char32_t cp = 0;
  if (std::size_t bad = unprintable_offset(file.text, &cp); bad != std::string_view::npos) {
    diags.error(location_of_offset(file, bad),
                fmt::format("character U+{:04X} at byte offset {} is not allowed in YAML", static_cast<unsigned>(cp), bad));
    return false;
  }
  return true;
}

std::optional<YamlNode> build_with_yaml_cpp(const SourceFile& file, Diagnostics& diags, const YamlLimits& limits) {
  std::istringstream in(file.text);
  TreeBuilder builder(file, limits);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) return YamlNode{};
  } catch (const LimitExceeded& e) {
    diags.error(e.where, e.message);
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diags.error(Location{&file, e.mark.line + 1, e.mark.column + 1}, fmt::format("YAML syntax error: {}", e.msg));
    return std::nullopt;
  }
  for (Diagnostic& d : builder.duplicate_keys) diags.add(std::move(d));
  if (!builder.duplicate_keys.empty()) return std::nullopt;
  return builder.result ? std::move(builder.result) : YamlNode{};
}

}  // namespace

std::optional<YamlNode> parse_yaml(const SourceFile& file, Diagnostics& diags, const YamlLimits& limits) {
  if (!acceptable_text(file, diags, limits)) return std::nullopt;
  // The fast reader declines whatever it does not read exactly as yaml-cpp
  // would, errors included, so diagnostics always come from yaml-cpp.
  if (std::optional<YamlNode> tree = read_yaml_fast(file, limits)) return tree;
  return build_with_yaml_cpp(file, diags, limits);
}

std::optional<YamlNode> parse_yaml_with_yaml_cpp(const SourceFile& file, Diagnostics& diags, const YamlLimits& limits) {
  if (!acceptable_text(file, diags, limits)) return std::nullopt;
  return build_with_yaml_cpp(file, diags, limits);
}

}  // namespace aip
