#include "base/pattern.hpp"
#include "base/pattern_captures.hpp"

#include <bitset>
#include <functional>
#include <stdexcept>
#include <string>

namespace aip {

struct Pattern::Node {
  enum class Kind { chars, seq, alt, repeat, begin, end, group };
  Kind kind = Kind::seq;
  std::bitset<256> set;                       // chars
  std::vector<std::unique_ptr<Node>> children;  // seq, alt, repeat (one child)
  int min = 0, max = -1;                      // repeat; max -1: unbounded
  int index = 0;                              // group: its number (1 for the first '(')
};

namespace {

using Node = Pattern::Node;
using NodePtr = std::unique_ptr<Node>;
// Positions[i]: the input can be at offset i (0..size) at this point of the pattern.
using Positions = std::vector<char>;

NodePtr make(Node::Kind kind) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  return n;
}

void add_class_escape(std::bitset<256>& set, char c) {
  auto add_range = [&](int lo, int hi) {
    for (int i = lo; i <= hi; ++i) set.set(static_cast<std::size_t>(i));
  };
  switch (c) {
    case 'd': add_range('0', '9'); return;
    case 'w': add_range('0', '9'); add_range('a', 'z'); add_range('A', 'Z'); set.set('_'); return;
    case 's': for (char s : std::string(" \t\n\r\f\v")) set.set(static_cast<unsigned char>(s)); return;
    case 'n': set.set('\n'); return;
    case 't': set.set('\t'); return;
    default: set.set(static_cast<unsigned char>(c)); return;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  NodePtr parse() {
    // A leading (?i) (Rust and PCRE syntax, used by Guard rules) makes the whole pattern case-insensitive.
    if (p_.substr(0, 4) == "(?i)") {
      ignore_case_ = true;
      pos_ = 4;
    } else if (p_.substr(0, 5) == "^(?i)") {
      // The same flag after the start anchor (AWS Control Tower's rules write /^(?i)kms:...$/):
      // nothing before it can be a letter, so it is the whole pattern's flag too.
      ignore_case_ = true;
      unflagged_ = "^" + std::string(p_.substr(5));
      p_ = unflagged_;
    }
    NodePtr n = alternation();
    if (pos_ != p_.size()) fail("unexpected ')'");
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument("pattern '" + std::string(p_) + "' at " + std::to_string(pos_) + ": " + why);
  }
  bool at_end() const { return pos_ >= p_.size(); }
  char peek() const { return p_[pos_]; }

  NodePtr alternation() {
    NodePtr first = sequence();
    if (at_end() || peek() != '|') return first;
    NodePtr alt = make(Node::Kind::alt);
    alt->children.push_back(std::move(first));
    while (!at_end() && peek() == '|') {
      ++pos_;
      alt->children.push_back(sequence());
    }
    return alt;
  }

  NodePtr sequence() {
    NodePtr seq = make(Node::Kind::seq);
    while (!at_end() && peek() != '|' && peek() != ')') seq->children.push_back(quantified(folded(atom())));
    return seq;
  }

  // Under (?i), a letter in a set brings its other case along.
  NodePtr folded(NodePtr n) {
    if (!ignore_case_ || n->kind != Node::Kind::chars) return n;
    for (int c = 'a'; c <= 'z'; ++c) {
      const auto lo = static_cast<std::size_t>(c), up = static_cast<std::size_t>(c - 'a' + 'A');
      if (n->set.test(lo) || n->set.test(up)) {
        n->set.set(lo);
        n->set.set(up);
      }
    }
    return n;
  }

  NodePtr atom() {
    const char c = p_[pos_++];
    switch (c) {
      case '(': {
        const bool capturing = p_.substr(pos_, 2) != "?:";
        if (!capturing) pos_ += 2;
        const int index = capturing ? ++groups_ : 0;
        NodePtr inner = alternation();
        if (at_end() || peek() != ')') fail("missing ')'");
        ++pos_;
        if (!capturing) return inner;
        NodePtr group = make(Node::Kind::group);
        group->index = index;
        group->children.push_back(std::move(inner));
        return group;
      }
      case '[': return char_class();
      case '^': return make(Node::Kind::begin);
      case '$': return make(Node::Kind::end);
      case '.': {
        NodePtr n = make(Node::Kind::chars);
        n->set.set();
        n->set.reset('\n');
        return n;
      }
      case '\\': {
        if (at_end()) fail("trailing '\\'");
        NodePtr n = make(Node::Kind::chars);
        const char e = p_[pos_++];
        if (e == 'D' || e == 'S' || e == 'W') {
          add_class_escape(n->set, static_cast<char>(e - 'A' + 'a'));
          n->set.flip();
        } else {
          add_class_escape(n->set, e);
        }
        return n;
      }
      case '{':
        // As in Rust's regex: a '{' that cannot start a count is itself ("{{resolve:").
        if (!at_end() && peek() >= '0' && peek() <= '9') fail("quantifier without an atom");
        {
          NodePtr n = make(Node::Kind::chars);
          n->set.set('{');
          return n;
        }
      case '*': case '+': case '?': fail("quantifier without an atom");
      default: {
        NodePtr n = make(Node::Kind::chars);
        n->set.set(static_cast<unsigned char>(c));
        return n;
      }
    }
  }

  NodePtr char_class() {
    NodePtr n = make(Node::Kind::chars);
    bool negate = false;
    if (!at_end() && peek() == '^') {
      negate = true;
      ++pos_;
    }
    bool first = true;
    while (true) {
      if (at_end()) fail("missing ']'");
      char c = p_[pos_++];
      if (c == ']' && !first) break;
      first = false;
      if (c == '\\') {
        if (at_end()) fail("trailing '\\'");
        const char e = p_[pos_++];
        if (e == 'D' || e == 'S' || e == 'W') {
          // [\S]: everything but the lowercase class (AWS schemas write ^[\S]+$).
          std::bitset<256> other;
          add_class_escape(other, static_cast<char>(e - 'A' + 'a'));
          n->set |= ~other;
        } else {
          add_class_escape(n->set, e);
        }
        continue;
      }
      if (pos_ + 1 < p_.size() && peek() == '-' && p_[pos_ + 1] != ']') {
        const char hi = p_[pos_ + 1];
        pos_ += 2;
        if (static_cast<unsigned char>(hi) < static_cast<unsigned char>(c)) fail("range out of order");
        for (int i = static_cast<unsigned char>(c); i <= static_cast<unsigned char>(hi); ++i) n->set.set(static_cast<std::size_t>(i));
        continue;
      }
      n->set.set(static_cast<unsigned char>(c));
    }
    if (negate) n->set.flip();
    return n;
  }

  int number() {
    if (at_end() || peek() < '0' || peek() > '9') fail("expected a number");
    int v = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      v = v * 10 + (peek() - '0');
      if (v > 100000) fail("repeat count too large");
      ++pos_;
    }
    return v;
  }

  NodePtr quantified(NodePtr atom) {
    if (at_end()) return atom;
    int min = 0, max = -1;
    switch (peek()) {
      case '?': max = 1; ++pos_; break;
      case '*': ++pos_; break;
      case '+': min = 1; ++pos_; break;
      case '{':
        if (pos_ + 1 >= p_.size() || p_[pos_ + 1] < '0' || p_[pos_ + 1] > '9') return atom;  // a literal '{' follows
        ++pos_;
        min = max = number();
        if (!at_end() && peek() == ',') {
          ++pos_;
          max = (!at_end() && peek() == '}') ? -1 : number();
        }
        if (at_end() || peek() != '}') fail("missing '}'");
        ++pos_;
        if (max != -1 && max < min) fail("{m,n} with n < m");
        break;
      default: return atom;
    }
    NodePtr rep = make(Node::Kind::repeat);
    rep->min = min;
    rep->max = max;
    rep->children.push_back(std::move(atom));
    return quantified(std::move(rep));
  }

  std::string unflagged_;  // the pattern without a flag written after its anchor (p_ then views it)
  std::string_view p_;
  std::size_t pos_ = 0;
  bool ignore_case_ = false;

 public:
  int groups_ = 0;  // capturing groups seen
};

bool any(const Positions& p) {
  for (char c : p) if (c) return true;
  return false;
}

// Where the input can be after `node`, given where it can be before it.
Positions step(const Node& node, const Positions& in, std::string_view text) {
  const std::size_t n = text.size();
  Positions out(n + 1, 0);
  switch (node.kind) {
    case Node::Kind::chars:
      for (std::size_t i = 0; i < n; ++i) {
        if (in[i] && node.set.test(static_cast<unsigned char>(text[i]))) out[i + 1] = 1;
      }
      return out;
    case Node::Kind::begin:
      out[0] = in[0];
      return out;
    case Node::Kind::end:
      out[n] = in[n];
      return out;
    case Node::Kind::group: return step(*node.children[0], in, text);
    case Node::Kind::seq: {
      Positions cur = in;
      for (const NodePtr& c : node.children) {
        cur = step(*c, cur, text);
        if (!any(cur)) break;
      }
      return cur;
    }
    case Node::Kind::alt:
      for (const NodePtr& c : node.children) {
        const Positions part = step(*c, in, text);
        for (std::size_t i = 0; i <= n; ++i) out[i] |= part[i];
      }
      return out;
    case Node::Kind::repeat: {
      Positions cur = in;
      for (int k = 0; k < node.min && any(cur); ++k) cur = step(*node.children[0], cur, text);
      // Past the minimum, only newly reached positions need another round: a
      // position reached in fewer rounds has at least as many rounds left.
      Positions result = cur, frontier = cur;
      for (int k = node.min; (node.max < 0 || k < node.max) && any(frontier); ++k) {
        const Positions next = step(*node.children[0], frontier, text);
        for (std::size_t i = 0; i <= n; ++i) {
          frontier[i] = next[i] && !result[i];
          result[i] |= next[i];
        }
      }
      return result;
    }
  }
  return out;
}

// A backtracking matcher for capture groups (leftmost-first, as Rust and
// Perl): each step calls `next` with where the input is after the node.
struct Backtracker {
  std::string_view text;
  std::vector<PatternSpan> groups;
  std::size_t budget = 0;
  bool exhausted = false;

  bool match(const Node& node, std::size_t i, const std::function<bool(std::size_t)>& next) {
    if (budget == 0) {
      exhausted = true;
      return false;
    }
    --budget;
    switch (node.kind) {
      case Node::Kind::chars:
        return i < text.size() && node.set.test(static_cast<unsigned char>(text[i])) && next(i + 1);
      case Node::Kind::begin: return i == 0 && next(i);
      case Node::Kind::end: return i == text.size() && next(i);
      case Node::Kind::group: {
        return match(*node.children[0], i, [&](std::size_t j) {
          const PatternSpan saved = groups[static_cast<std::size_t>(node.index)];
          groups[static_cast<std::size_t>(node.index)] = {i, j};
          if (next(j)) return true;
          groups[static_cast<std::size_t>(node.index)] = saved;
          return false;
        });
      }
      case Node::Kind::seq: return sequence(node, 0, i, next);
      case Node::Kind::alt:
        for (const NodePtr& c : node.children) {
          if (exhausted) return false;
          if (match(*c, i, next)) return true;
        }
        return false;
      case Node::Kind::repeat: return repeat(node, 0, i, next);
    }
    return false;
  }

  bool sequence(const Node& node, std::size_t k, std::size_t i, const std::function<bool(std::size_t)>& next) {
    if (k == node.children.size()) return next(i);
    return match(*node.children[k], i, [&](std::size_t j) { return sequence(node, k + 1, j, next); });
  }

  // Greedy: one more round first, then stop; a round that consumed nothing ends the loop.
  bool repeat(const Node& node, int count, std::size_t i, const std::function<bool(std::size_t)>& next) {
    if (node.max < 0 || count < node.max) {
      const bool more = match(*node.children[0], i, [&](std::size_t j) {
        if (j == i) return count + 1 >= node.min && next(j);
        return repeat(node, count + 1, j, next);
      });
      if (more) return true;
      if (exhausted) return false;
    }
    return count >= node.min && next(i);
  }
};

}  // namespace

Pattern::Pattern(std::string_view pattern) : root_(Parser(pattern).parse()) {}

std::optional<std::vector<PatternSpan>> pattern_captures(std::string_view pattern, std::string_view text,
                                                         std::size_t from, std::size_t budget) {
  constexpr std::size_t npos = std::string_view::npos;
  // Each character matched is a nested call: bound the depth as well as the steps.
  if (text.size() > 20000) return std::nullopt;
  Parser parser(pattern);
  const NodePtr root = parser.parse();
  Backtracker b{text, {}, budget, false};
  for (std::size_t begin = from; begin <= text.size(); ++begin) {
    b.groups.assign(static_cast<std::size_t>(parser.groups_) + 1, {npos, npos});
    std::size_t end = npos;
    if (b.match(*root, begin, [&](std::size_t j) {
          end = j;
          return true;
        })) {
      b.groups[0] = {begin, end};
      return b.groups;
    }
    if (b.exhausted) return std::nullopt;
  }
  return std::nullopt;
}

Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;

bool Pattern::matches(std::string_view text) const {
  Positions start(text.size() + 1, 0);
  start[0] = 1;
  return step(*root_, start, text)[text.size()] != 0;
}

bool Pattern::found_in(std::string_view text) const {
  const Positions start(text.size() + 1, 1);
  return any(step(*root_, start, text));
}

std::optional<std::pair<std::size_t, std::size_t>> Pattern::find(std::string_view text, std::size_t from) const {
  for (std::size_t begin = from; begin <= text.size(); ++begin) {
    Positions start(text.size() + 1, 0);
    start[begin] = 1;
    const Positions reached = step(*root_, start, text);
    for (std::size_t end = text.size() + 1; end-- > begin;) {
      if (reached[end]) return std::make_pair(begin, end);
    }
  }
  return std::nullopt;
}

}  // namespace aip
