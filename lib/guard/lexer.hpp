// Splits a Guard rule file into tokens, each with its file:line:col.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/source.hpp"

namespace aip::guard {

struct Token {
  enum class Kind { identifier, string, integer, floating, regex, variable, punct, message, end };
  Kind kind = Kind::end;
  std::string text;  // identifier, unquoted string, number, regex body, variable name, punctuation, message
  Location location;
  bool newline_before = false;  // a line break separates it from the previous token
  std::size_t offset = 0, end = 0;  // byte range in the file, for quoting a clause as written
};

// Tokens of `file`, ending with one Token::Kind::end. Lexical errors (an
// unterminated string, regex or << message, a stray character) go to `diags`.
std::vector<Token> tokenize(const SourceFile& file, Diagnostics& diags);

}  // namespace aip::guard
