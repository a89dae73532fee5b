// A single pass over JSON text that enforces InputLimits before nlohmann::json
// builds a value: nlohmann itself has no bound on depth, size or count, and a
// few megabytes of "[[[[" would cost gigabytes. Brackets outside strings give
// the depth of any document the parser would accept, so the pass needs no
// grammar and never fails on malformed text (the parser reports that). It also
// locates numbers too large for a double, which nlohmann refuses without
// saying where.
#include "cfn/schema/template_loader_impl.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

namespace aip::cfn::detail {

namespace {

class LimitScanner {
 public:
  LimitScanner(std::string_view text, const InputLimits& limits) : s_(text), limits_(limits) {}

  void run() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\n') {
        newline();
      } else if (c == '"') {
        string_token();
        continue;
      } else if (c == '{' || c == '[') {
        node();
        if (++depth_ > limits_.max_depth) fail(limit_message::too_deep(limits_.max_depth));
      } else if (c == '}' || c == ']') {
        if (depth_ > 0) --depth_;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != ',' && c != ':') {
        node();
        literal_token();
        continue;
      }
      ++i_;
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw TemplateLoadError(message, here()); }
  SourceLocation here() const { return {line_, static_cast<int>(i_ - line_start_) + 1}; }

  void newline() {
    ++line_;
    line_start_ = i_ + 1;
  }

  void node() {
    if (++nodes_ > limits_.max_nodes) fail(limit_message::too_many_nodes(limits_.max_nodes));
  }

  // Counts the unescaped length: what the string will hold, as YAML counts it.
  void string_token() {
    node();
    const SourceLocation start = here();
    std::size_t length = 0;
    std::size_t j = i_ + 1;
    while (j < s_.size() && s_[j] != '"') {
      if (s_[j] == '\\' && j + 1 < s_.size()) {
        if (s_[j + 1] == 'u') {
          std::size_t digits = 0;
          length += unicode_escape_length(j + 2, digits);
          j += 2 + digits;
        } else {
          j += 2;
          ++length;
        }
        continue;
      }
      if (s_[j] == '\n') {  // invalid in JSON, but later tokens' lines must stay right
        ++line_;
        line_start_ = j + 1;
      }
      ++j;
      ++length;
    }
    if (length > limits_.max_scalar_bytes) {
      throw TemplateLoadError(limit_message::string_too_long(length, limits_.max_scalar_bytes), start);
    }
    i_ = std::min(j + 1, s_.size());
  }

  // UTF-8 length of the code unit in "\uXXXX" whose hex digits start at `at`
  // (a surrogate pair counts 2 + 2, the 4 bytes of its code point).
  std::size_t unicode_escape_length(std::size_t at, std::size_t& digits) const {
    unsigned value = 0;
    for (; digits < 4 && at + digits < s_.size(); ++digits) {
      const char h = s_[at + digits];
      const unsigned digit = h >= '0' && h <= '9'   ? static_cast<unsigned>(h - '0')
                             : h >= 'a' && h <= 'f' ? static_cast<unsigned>(h - 'a' + 10)
                             : h >= 'A' && h <= 'F' ? static_cast<unsigned>(h - 'A' + 10)
                                                    : 16u;
      if (digit == 16) break;
      value = value * 16 + digit;
    }
    if (value < 0x80) return 1;
    if (value < 0x800 || (value >= 0xD800 && value <= 0xDFFF)) return 2;
    return 3;
  }

  // true, false, null or a number (or garbage, which the parser reports).
  void literal_token() {
    const SourceLocation start = here();
    const std::size_t begin = i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ':' || c == '"' || c == '{' ||
          c == '}' || c == '[' || c == ']') {
        break;
      }
      ++i_;
    }
    check_number(s_.substr(begin, i_ - begin), start);
  }

  // nlohmann::json parses numbers with strtod and throws (without a position)
  // when the result is not finite, as for 1e999; say where instead. Like its
  // lexer, this reads the longest prefix that is a JSON number.
  static void check_number(std::string_view token, SourceLocation where) {
    const std::size_t length = json_number_length(token);
    if (length == 0) return;
    const std::string text(token.substr(0, length));
    if (std::isfinite(std::strtod(text.c_str(), nullptr))) return;
    const std::string shown = text.size() > 40 ? text.substr(0, 37) + "..." : text;
    throw TemplateLoadError("number " + shown + " is out of range (larger than a double)", where);
  }

  // Length of the prefix matching -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, 0 if none.
  static std::size_t json_number_length(std::string_view t) {
    const auto digits = [&t](std::size_t i) {
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      return i;
    };
    std::size_t i = t.size() > 0 && t[0] == '-' ? 1 : 0;
    if (i >= t.size() || t[i] < '0' || t[i] > '9') return 0;
    i = t[i] == '0' ? i + 1 : digits(i);
    if (i + 1 < t.size() && t[i] == '.' && t[i + 1] >= '0' && t[i + 1] <= '9') i = digits(i + 1);
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
      std::size_t j = i + 1;
      if (j < t.size() && (t[j] == '+' || t[j] == '-')) ++j;
      if (j < t.size() && t[j] >= '0' && t[j] <= '9') i = digits(j);
    }
    return i;
  }

  std::string_view s_;
  const InputLimits& limits_;
  std::size_t i_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  std::size_t depth_ = 0;
  std::size_t nodes_ = 0;
};

}  // namespace

void check_json_limits(std::string_view text, const InputLimits& limits) { LimitScanner(text, limits).run(); }

}  // namespace aip::cfn::detail
