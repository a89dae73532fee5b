#include "base/yaml_fast_reader.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <string_view>

// Where yaml-cpp (0.7) puts its marks, which this reader copies:
//  - a scalar, flow collection or tagged node: its first character (the '!'
//    of its tag, the quote, the '[', the '|');
//  - a block map: its first key; a block sequence: its first '-';
//  - an empty value or item: the next token, that is the next character that
//    is neither blank nor comment, or the end of the text.
// Block scalars follow yaml-cpp's ScanScalar step by step (its indentation
// detection and folding differ from the YAML spec in corner cases).

namespace aip {
namespace yaml_fast {

struct Decline {
  const char* why;
};

bool is_null_text(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

class Reader {
 public:
  Reader(const SourceFile& file, const YamlLimits& limits)
      : file_(file), s_(file.text.data()), n_(file.text.size()), limits_(limits) {}

  YamlNode read() {
    if (n_ >= 3 && std::memcmp(s_, "\xEF\xBB\xBF", 3) == 0) decline("byte order mark");
    if (std::memchr(s_, '\r', n_) != nullptr) decline("carriage return");
    next_content(true);
    bool document_start = false;
    if (indent_ == 0 && n_ - pos_ >= 3 && std::memcmp(s_ + pos_, "---", 3) == 0 && blank_or_end(pos_ + 3)) {
      pos_ += 3;
      end_line();
      document_start = true;
      next_content(false);
    }
    if (indent_ < 0) {
      if (!document_start) return YamlNode{};
      return null_here(-1, false);
    }
    YamlNode root = node(-1, 0, true);
    if (indent_ >= 0) decline("content after the document");
    return root;
  }

 private:
  [[noreturn]] static void decline(const char* why) { throw Decline{why}; }

  // '\0' past the end (the text holds no NUL: parse_yaml refused it before).
  char at(std::size_t p) const { return p < n_ ? s_[p] : '\0'; }
  bool blank_or_end(std::size_t p) const {
    const char c = at(p);
    if (c == '\t') decline("tab");
    return c == ' ' || c == '\n' || c == '\0';
  }
  int column(std::size_t p) const { return static_cast<int>(p - line_start_); }
  Location loc(std::size_t p) const { return Location{&file_, line_ + 1, column(p) + 1}; }

  void count() {
    if (++nodes_ > limits_.max_nodes) decline("node limit");
  }
  void open(std::size_t depth) {
    // yaml-cpp's own nesting guard (500 nodes) must never be what stops it.
    if (depth >= limits_.max_depth || depth >= 200) decline("depth limit");
    count();
  }

  void new_line(std::size_t newline) {
    pos_ = newline + 1;
    ++line_;
    line_start_ = pos_;
  }

  void skip_spaces() {
    while (at(pos_) == ' ') ++pos_;
    if (at(pos_) == '\t') decline("tab");
  }

  // From the start of a line: skips blank and comment lines, stops at the
  // next content (indent_ = its column) or the end (indent_ = -1).
  // deepest_comment_ is the largest indentation of a comment line skipped.
  void next_content(bool first = false) {
    deepest_comment_ = -1;
    while (true) {
      std::size_t p = pos_;
      while (p < n_ && s_[p] == ' ') ++p;
      const char c = at(p);
      if (c == '\0') {
        pos_ = p;
        indent_ = -1;
        return;
      }
      if (c == '\t') decline("tab in indentation");
      if (c == '\n') {
        new_line(p);
        continue;
      }
      if (c == '#') {
        deepest_comment_ = std::max(deepest_comment_, column(p));
        const void* nl = std::memchr(s_ + p, '\n', n_ - p);
        if (nl == nullptr) {
          pos_ = n_;
          indent_ = -1;
          return;
        }
        new_line(static_cast<std::size_t>(static_cast<const char*>(nl) - s_));
        continue;
      }
      pos_ = p;
      indent_ = column(p);
      if (indent_ == 0 && n_ - p >= 3 && (std::memcmp(s_ + p, "---", 3) == 0 || std::memcmp(s_ + p, "...", 3) == 0)) {
        const char after = at(p + 3);
        if (after == ' ' || after == '\n' || after == '\0' || after == '\t') {
          if (!(first && s_[p] == '-')) decline("document marker");
        }
      }
      return;
    }
  }

  // After a value on its line: only blanks and a comment may follow.
  void end_line() {
    std::size_t p = pos_;
    while (at(p) == ' ') ++p;
    const char c = at(p);
    if (c == '#') {
      if (p > line_start_ && s_[p - 1] != ' ') decline("comment not after a blank");
      const void* nl = std::memchr(s_ + p, '\n', n_ - p);
      if (nl == nullptr) {
        pos_ = n_;
        return;
      }
      new_line(static_cast<std::size_t>(static_cast<const char*>(nl) - s_));
      return;
    }
    if (c == '\0') {
      pos_ = p;
      return;
    }
    if (c != '\n') decline(c == '\t' ? "tab" : "text after a value");
    new_line(p);
  }

  // An empty value in the block collection at column `col`: at the next
  // token. At the end of the text that is where yaml-cpp closes that
  // collection: at the end of the last line when the collection is deeper
  // than it (or a sequence as deep), else at column 0 of that line.
  YamlNode null_here(int col, bool in_sequence) {
    count();
    YamlNode n;
    if (indent_ >= 0) {
      n.location = loc(pos_);
    } else {
      const int end = column(n_);
      n.location = Location{&file_, line_ + 1, col > end || (col == end && in_sequence) ? end + 1 : 1};
    }
    return n;
  }

  YamlNode scalar_node(Location where, std::string text, bool quoted, std::string tag) {
    if (text.size() > limits_.max_scalar_bytes) decline("scalar limit");
    count();
    YamlNode n;
    n.kind = YamlNode::Kind::scalar;
    n.location = where;
    n.scalar = std::move(text);
    n.quoted = quoted && tag.empty();  // yaml-cpp reports "!" (quoted) only when no tag was written
    n.tag = std::move(tag);
    return n;
  }

  // "!Name" (a primary handle of word characters), ending at a blank.
  std::string tag() {
    std::size_t p = pos_ + 1;
    while (p < n_ && is_word_char(s_[p])) ++p;
    const char end = at(p);
    if (p == pos_ + 1 || (end != ' ' && end != '\n' && end != '\0')) decline("tag form");
    std::string t(s_ + pos_, p - pos_);
    pos_ = p;
    return t;
  }

  // "&name" or "*name": the name, which must end at a blank (or, in flow
  // context, at ",]}").
  std::string anchor_name(bool in_flow) {
    std::size_t p = pos_ + 1;
    while (p < n_ && (is_word_char(s_[p]) || s_[p] == '_' || s_[p] == '.')) ++p;
    const char end = at(p);
    const bool ends = end == ' ' || end == '\n' || end == '\0' || (in_flow && (end == ',' || end == ']' || end == '}'));
    if (p == pos_ + 1 || !ends) decline("anchor name");
    std::string name(s_ + pos_ + 1, p - pos_ - 1);
    pos_ = p;
    return name;
  }

  // A copy of the anchored node, with its locations, counted as the tree
  // builder counts it (each copy against the node limit).
  YamlNode alias() { return copy_of(anchor_name(false)); }
  YamlNode copy_of(const std::string& name) {
    const auto id = anchor_ids_.find(name);
    if (id == anchor_ids_.end()) decline("unknown anchor");
    const auto it = anchored_.find(id->second);
    if (it == anchored_.end()) decline("alias inside its anchor's node");
    const YamlNode& n = it->second;
    nodes_ += 1 + n.items.size() + 2 * n.entries.size();
    for (const auto& item : n.items) count_children(item);
    for (const auto& [k, v] : n.entries) count_children(v);
    count();
    return n;
  }
  void count_children(const YamlNode& n) {
    nodes_ += n.items.size() + 2 * n.entries.size();
    if (nodes_ > limits_.max_nodes) decline("node limit");
    for (const auto& item : n.items) count_children(item);
    for (const auto& [k, v] : n.entries) count_children(v);
  }

  // A node where a block node may start (a line's content, or after "- " when
  // `block` is true; after "key: " it is false). `parent` is the column of the
  // collection that holds it. Returns with the next content found.
  YamlNode node(int parent, std::size_t depth, bool block) {
    const std::size_t start = pos_;
    char c = at(pos_);
    if (block && c == '-' && blank_or_end(pos_ + 1)) return sequence(depth);
    std::string t;
    int anchor = 0;
    while ((c == '!' && t.empty()) || (c == '&' && anchor == 0)) {
      if (c == '!') {
        t = tag();
      } else {
        // Like yaml-cpp, a name refers to the anchor registered last, from
        // where its node starts (an alias inside that node is an error).
        anchor = anchor_ids_[anchor_name(false)] = ++anchors_registered_;
      }
      skip_spaces();
      c = at(pos_);
    }
    YamlNode n = properties_and_value(parent, depth, block, start, std::move(t), anchor != 0);
    if (anchor != 0) anchored_[anchor] = n;
    return n;
  }

  YamlNode properties_and_value(int parent, std::size_t depth, bool block, std::size_t start, std::string t,
                                bool anchored) {
    char c = at(pos_);
    YamlNode n;
    if (c == '\n' || c == '\0' || c == '#') {
      // Properties alone on their line: the node follows (or is empty), and is
      // marked where the properties are.
      const Location where = loc(start);
      end_line();
      next_content();
      if (indent_ > parent) {
        const char first = at(pos_);
        if (first == '!' || first == '&' || first == '*') decline("properties on two lines");
        n = node(parent, depth, true);
        if (n.is_null() && !t.empty()) decline("tagged null");
        n.location = where;
        if (!t.empty()) {
          n.tag = std::move(t);
          n.quoted = false;
        }
        return n;
      }
      if (indent_ == parent && at(pos_) == '-') decline("properties of an indentless sequence");
      // A tag alone at the very end of a document that is no block collection
      // leaves yaml-cpp's token queue empty: it reports a null then.
      if (t.empty() || (indent_ < 0 && parent < 0)) {
        count();
        n.location = where;
        return n;
      }
      return scalar_node(where, {}, false, std::move(t));
    }
    if (c == '*') {
      if (!t.empty() || anchored) decline("properties of an alias");
      n = alias();
      skip_spaces();
      if (at(pos_) == ':') decline("alias as a key");
      end_line();
      next_content();
      if (indent_ > parent || deepest_comment_ > parent) decline("continuation line");
      return n;
    }
    if (c == '|' || c == '>') {
      if (parent < 0) decline("block scalar at the top");
      // A tag or anchor where a key could start ("- !Sub |", or first on its
      // line) opens a potential key's indentation in yaml-cpp, which then
      // needs the block scalar's lines indented deeper than that column.
      if (block && start != pos_) decline("properties of a block scalar where a key could start");
      n = block_scalar(start, parent, std::move(t));
      if (pos_ < n_) pos_ = line_start_;
      next_content();
      if (indent_ > parent || deepest_comment_ > parent) decline("indentation after a block scalar");
      return n;
    }
    if (c == '[' || c == '{') {
      n = flow(start, parent, depth, std::move(t));
    } else if (c == '"' || c == '\'') {
      n = quoted(start, std::move(t));
    } else {
      n = plain(start, std::move(t), false);
    }
    skip_spaces();
    if (at(pos_) == ':' && blank_or_end(pos_ + 1)) {
      if (!block || !n.tag.empty() || anchored || n.is_map() || n.is_sequence()) decline("key here");
      return map(std::move(n), start, depth);
    }
    end_line();
    next_content();
    // A deeper line would continue a plain scalar or be an error.
    if (indent_ > parent || deepest_comment_ > parent) decline("continuation line");
    return n;
  }

  YamlNode map(YamlNode key, std::size_t start, std::size_t depth) {
    open(depth);
    const int col = column(start);
    YamlNode m;
    m.kind = YamlNode::Kind::map;
    m.location = loc(start);
    while (true) {
      ++pos_;  // the ':'
      skip_spaces();
      const char c = at(pos_);
      YamlNode value;
      if (c == '\n' || c == '\0' || c == '#') {
        end_line();
        next_content();
        if (indent_ > col) {
          value = node(col, depth + 1, true);
        } else if (indent_ == col && at(pos_) == '-' && blank_or_end(pos_ + 1)) {
          value = sequence(depth + 1);
        } else {
          value = null_here(col, false);
        }
      } else {
        value = node(col, depth + 1, false);
      }
      m.entries.emplace_back(std::move(key), std::move(value));
      if (indent_ != col) {
        if (indent_ > col) decline("indentation");
        break;
      }
      key = map_key();
    }
    check_duplicates(m);
    return m;
  }

  YamlNode map_key() {
    const std::size_t start = pos_;
    const char c = at(pos_);
    if (c == '-' && blank_or_end(pos_ + 1)) decline("sequence entry in a map");
    YamlNode key = c == '"' || c == '\'' ? quoted(start, {}) : plain(start, {}, false);
    if (pos_ - start > 1000) decline("long key");
    skip_spaces();
    if (!(at(pos_) == ':' && blank_or_end(pos_ + 1))) decline("not a key");
    return key;
  }

  YamlNode sequence(std::size_t depth) {
    open(depth);
    const std::size_t start = pos_;
    const int col = column(start);
    YamlNode seq;
    seq.kind = YamlNode::Kind::sequence;
    seq.location = loc(start);
    while (true) {
      ++pos_;  // the '-'
      skip_spaces();
      const char c = at(pos_);
      if (c == '\n' || c == '\0' || c == '#') {
        end_line();
        next_content();
        seq.items.push_back(indent_ > col ? node(col, depth + 1, true) : null_here(col, true));
      } else {
        seq.items.push_back(node(col, depth + 1, true));
      }
      if (indent_ == col && at(pos_) == '-' && blank_or_end(pos_ + 1)) continue;
      if (indent_ > col) decline("indentation");
      break;
    }
    return seq;
  }

  void check_duplicates(const YamlNode& m) const {
    const auto& e = m.entries;
    if (e.size() < 2) return;
    if (e.size() <= 12) {
      for (std::size_t i = 1; i < e.size(); ++i) {
        if (!e[i].first.is_scalar()) continue;
        for (std::size_t j = 0; j < i; ++j) {
          if (e[j].first.is_scalar() && e[j].first.scalar == e[i].first.scalar) decline("duplicate key");
        }
      }
      return;
    }
    std::vector<std::string_view> keys;
    keys.reserve(e.size());
    for (const auto& [k, v] : e) {
      if (k.is_scalar()) keys.emplace_back(k.scalar);
    }
    std::sort(keys.begin(), keys.end());
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) decline("duplicate key");
  }

  // A plain scalar on one line; in flow context it also ends at ",?[]{}".
  YamlNode plain(std::size_t mark, std::string t, bool in_flow) {
    const char c = at(pos_);
    if (c == '\0' || std::strchr(",[]{}#&*!|>'\"%@`", c) != nullptr) decline("indicator");
    if (c == '?' && in_flow) decline("indicator");
    if (c == '-' || c == '?' || c == ':') {
      const char next = at(pos_ + 1);
      if (next == ' ' || next == '\n' || next == '\0' || next == '\t') decline("indicator");
    }
    std::size_t p = pos_;
    std::size_t end = p;
    while (true) {
      const char ch = at(p);
      if (ch == '\n' || ch == '\0') {
        if (in_flow) decline("multi-line flow collection");
        break;
      }
      if (ch == ':') {
        const char next = at(p + 1);
        if (next == ' ' || next == '\n' || next == '\0' || next == '\t') break;
        if (in_flow && (next == ',' || next == ']' || next == '}')) break;
      } else if (ch == ' ') {
        if (at(p + 1) == '#') {
          if (in_flow) decline("comment in a flow collection");
          break;
        }
        ++p;
        continue;
      } else if (ch == '\t') {
        decline("tab");
      } else if (in_flow && std::strchr(",?[]{}", ch) != nullptr) {
        if (ch == '?') decline("indicator");
        break;
      }
      ++p;
      end = p;
    }
    std::string_view text(s_ + pos_, end - pos_);
    pos_ = end;
    if (t.empty() && is_null_text(text)) {
      count();
      YamlNode n;
      n.location = loc(mark);
      return n;
    }
    return scalar_node(loc(mark), std::string(text), false, std::move(t));
  }

  YamlNode quoted(std::size_t mark, std::string t) {
    const char q = s_[pos_++];
    std::string out;
    while (true) {
      std::size_t run = pos_;
      while (run < n_ && s_[run] != q && s_[run] != '\n' && (q == '\'' || s_[run] != '\\')) ++run;
      out.append(s_ + pos_, run - pos_);
      pos_ = run;
      const char c = at(pos_);
      if (c == '\n' || c == '\0') decline("multi-line quoted scalar");
      if (c == q) {
        if (q == '\'' && at(pos_ + 1) == '\'') {
          out += '\'';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      // A backslash in a double-quoted scalar.
      const char e = at(pos_ + 1);
      switch (e) {
        case '0': out += '\0'; break;
        case 'a': out += '\x07'; break;
        case 'b': out += '\x08'; break;
        case 't': case '\t': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'v': out += '\x0B'; break;
        case 'f': out += '\x0C'; break;
        case 'r': out += '\r'; break;
        case 'e': out += '\x1B'; break;
        case ' ': out += ' '; break;
        case '"': out += '"'; break;
        case '\'': out += '\''; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'L': out += "\xE2\x80\xA8"; break;
        case 'P': out += "\xE2\x80\xA9"; break;
        default: decline("escape");  // \x \u \U \N \_, an escaped line break, or an error
      }
      pos_ += 2;
    }
    return scalar_node(loc(mark), std::move(out), true, std::move(t));
  }

  // Blanks, comments and line breaks inside a flow collection; each line it
  // continues on must be indented more than the block collection around it.
  void skip_flow_spaces() {
    while (true) {
      skip_spaces();
      char c = at(pos_);
      if (c == '#') {
        if (s_[pos_ - 1] != ' ' && pos_ != line_start_) decline("comment not after a blank");
        const void* nl = std::memchr(s_ + pos_, '\n', n_ - pos_);
        if (nl == nullptr) decline("unterminated flow collection");
        pos_ = static_cast<std::size_t>(static_cast<const char*>(nl) - s_);
        c = '\n';
      }
      if (c == '\0') decline("unterminated flow collection");
      if (c != '\n') return;
      new_line(pos_);
      skip_spaces();
      const char first = at(pos_);
      if (first != '\n' && first != '#' && first != '\0' && column(pos_) <= flow_parent_) {
        decline("flow continuation line not indented");
      }
      if (column(pos_) == 0 && (first == '-' || first == '.')) decline("document marker in flow");
    }
  }

  YamlNode flow(std::size_t mark, int parent, std::size_t depth, std::string t) {
    flow_parent_ = parent;
    open(depth);
    const bool is_seq = s_[pos_] == '[';
    const char close = is_seq ? ']' : '}';
    YamlNode f;
    f.kind = is_seq ? YamlNode::Kind::sequence : YamlNode::Kind::map;
    f.location = loc(mark);
    f.tag = std::move(t);
    ++pos_;
    skip_flow_spaces();
    if (at(pos_) == close) {
      ++pos_;
      return f;
    }
    while (true) {
      if (is_seq) {
        f.items.push_back(flow_item(depth + 1));
      } else {
        const std::size_t start = pos_;
        const char c = at(pos_);
        YamlNode key = c == '"' || c == '\'' ? quoted(start, {}) : plain(start, {}, true);
        skip_flow_spaces();
        if (!(at(pos_) == ':' && at(pos_ + 1) == ' ')) decline("flow map entry");
        ++pos_;
        skip_flow_spaces();
        YamlNode value = flow_item(depth + 1);
        f.entries.emplace_back(std::move(key), std::move(value));
      }
      skip_flow_spaces();
      const char c = at(pos_);
      if (c == ',') {
        ++pos_;
        skip_flow_spaces();
        if (at(pos_) == ']' || at(pos_) == '}') decline("trailing comma");
        continue;
      }
      if (c != close) decline("flow collection");
      ++pos_;
      break;
    }
    if (!is_seq) check_duplicates(f);
    return f;
  }

  YamlNode flow_item(std::size_t depth) {
    const std::size_t start = pos_;
    std::string t;
    if (at(pos_) == '!') {
      t = tag();
      skip_spaces();
      if (at(pos_) == '\n' || at(pos_) == '\0' || at(pos_) == '#') decline("tag alone on its line in flow");
    }
    const char c = at(pos_);
    if (c == '[' || c == '{') return flow(start, flow_parent_, depth, std::move(t));
    if (c == '*' && t.empty()) return copy_of(anchor_name(true));
    if (c == '"' || c == '\'') return quoted(start, std::move(t));
    return plain(start, std::move(t), true);
  }

  // '|' or '>' with its indicators, then the lines of yaml-cpp's ScanScalar
  // (block scalar parameters: no escapes, leading blanks kept, no trimming).
  YamlNode block_scalar(std::size_t mark, int parent, std::string t) {
    const Location where = loc(mark);
    const bool fold = s_[pos_++] == '>';
    enum { clip, strip, keep } chomp = clip;
    int indent = 1;
    bool detect = true;
    bool seen_chomp = false;
    bool seen_digit = false;
    while (true) {
      const char c = at(pos_);
      if ((c == '+' || c == '-') && !seen_chomp) {
        chomp = c == '+' ? keep : strip;
        seen_chomp = true;
      } else if (c >= '1' && c <= '9' && !seen_digit) {
        indent = c - '0';
        detect = false;
        seen_digit = true;
      } else {
        break;
      }
      ++pos_;
    }
    skip_spaces();
    if (at(pos_) == '#') {
      const void* nl = std::memchr(s_ + pos_, '\n', n_ - pos_);
      pos_ = nl == nullptr ? n_ : static_cast<std::size_t>(static_cast<const char*>(nl) - s_);
    }
    if (at(pos_) != '\n' && at(pos_) != '\0') decline("text after a block scalar indicator");
    indent += parent;

    std::string out;
    bool found_non_empty_line = false;
    bool past_opening_break = false;
    bool empty_line = false;
    bool more_indented = false;
    int folded_newlines = 0;
    bool folded_started_more_indented = false;
    while (pos_ < n_) {
      // Phase 1: the rest of the line.
      const void* nl = std::memchr(s_ + pos_, '\n', n_ - pos_);
      const std::size_t eol = nl == nullptr ? n_ : static_cast<std::size_t>(static_cast<const char*>(nl) - s_);
      if (eol > pos_) {
        found_non_empty_line = true;
        past_opening_break = true;
        out.append(s_ + pos_, eol - pos_);
        pos_ = eol;
      }
      if (pos_ >= n_) break;
      // Phase 2: the line break.
      new_line(pos_);
      // Phase 3: the indentation.
      while (at(pos_) == ' ' && (column(pos_) < indent || (detect && !found_non_empty_line))) ++pos_;
      if (detect && !found_non_empty_line) indent = std::max(indent, column(pos_));
      if (at(pos_) == '\t' && column(pos_) < indent) decline("tab in indentation");
      const bool next_empty_line = at(pos_) == '\n';
      const bool next_more_indented = at(pos_) == ' ' || at(pos_) == '\t';
      if (fold && folded_newlines == 0 && next_empty_line) folded_started_more_indented = more_indented;
      if (past_opening_break) {
        if (!fold) {
          out += '\n';
        } else {
          if (!empty_line && !next_empty_line && !more_indented && !next_more_indented && column(pos_) >= indent) {
            out += ' ';
          } else if (next_empty_line) {
            ++folded_newlines;
          } else {
            out += '\n';
          }
          if (!next_empty_line && folded_newlines > 0) {
            out.append(static_cast<std::size_t>(folded_newlines - 1), '\n');
            if (folded_started_more_indented || next_more_indented || !found_non_empty_line) out += '\n';
            folded_newlines = 0;
          }
        }
      }
      empty_line = next_empty_line;
      more_indented = next_more_indented;
      past_opening_break = true;
      if (!empty_line && column(pos_) < indent) break;
    }
    if (chomp != keep) {
      const std::size_t last = out.find_last_not_of('\n');
      if (last == std::string::npos) {
        out.clear();
      } else if (chomp == clip && last + 1 < out.size()) {
        out.erase(last + 2);
      } else if (chomp == strip) {
        out.erase(last + 1);
      }
    }
    return scalar_node(where, std::move(out), true, std::move(t));
  }

  const SourceFile& file_;
  const char* s_;
  std::size_t n_;
  const YamlLimits& limits_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 0;
  int indent_ = -1;
  int deepest_comment_ = -1;
  int flow_parent_ = -1;  // column of the block collection around the flow collection being read
  std::map<std::string, int> anchor_ids_;  // name -> the anchor registered last under it
  std::map<int, YamlNode> anchored_;       // anchor -> its node, once read
  int anchors_registered_ = 0;
  std::size_t nodes_ = 0;
};

std::string where(const YamlNode& n) { return std::to_string(n.location.line) + ":" + std::to_string(n.location.column); }

std::string difference(const YamlNode& a, const YamlNode& b, const std::string& path) {
  if (a.kind != b.kind) return path + ": kind " + a.describe() + " vs " + b.describe();
  if (a.location.file != b.location.file || a.location.line != b.location.line ||
      a.location.column != b.location.column) {
    return path + ": location " + where(a) + " vs " + where(b);
  }
  if (a.scalar != b.scalar) return path + ": text '" + a.scalar + "' vs '" + b.scalar + "'";
  if (a.quoted != b.quoted) return path + ": quoted " + std::to_string(a.quoted) + " vs " + std::to_string(b.quoted);
  if (a.tag != b.tag) return path + ": tag '" + a.tag + "' vs '" + b.tag + "'";
  if (a.items.size() != b.items.size()) {
    return path + ": " + std::to_string(a.items.size()) + " vs " + std::to_string(b.items.size()) + " items";
  }
  if (a.entries.size() != b.entries.size()) {
    return path + ": " + std::to_string(a.entries.size()) + " vs " + std::to_string(b.entries.size()) + " entries";
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    std::string d = difference(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const std::string at = path + "/" + a.entries[i].first.scalar;
    std::string d = difference(a.entries[i].first, b.entries[i].first, at + " (key)");
    if (d.empty()) d = difference(a.entries[i].second, b.entries[i].second, at);
    if (!d.empty()) return d;
  }
  return {};
}

}  // namespace yaml_fast

std::string yaml_tree_difference(const YamlNode& a, const YamlNode& b) { return yaml_fast::difference(a, b, ""); }

std::optional<YamlNode> read_yaml_fast(const SourceFile& file, const YamlLimits& limits, const char** why) {
  try {
    return yaml_fast::Reader(file, limits).read();
  } catch (const yaml_fast::Decline& d) {
    if (why != nullptr) *why = d.why;
    return std::nullopt;
  }
}

}  // namespace aip
