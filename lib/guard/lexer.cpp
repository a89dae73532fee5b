#include "guard/lexer.hpp"

#include <cctype>
#include <string_view>

namespace aip::guard {

namespace lexer {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Lexer {
 public:
  Lexer(const SourceFile& file, Diagnostics& diags) : file_(file), text_(file.text), diags_(diags) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    while (true) {
      const bool newline = skip_space_and_comments();
      Token t;
      t.location = here();
      t.newline_before = newline || out.empty();
      if (at_end()) {
        t.offset = t.end = pos_;
        out.push_back(t);
        return out;
      }
      t.offset = pos_;
      if (lex(t)) {
        t.end = pos_;
        out.push_back(std::move(t));
      }
    }
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  Location here() const { return Location{&file_, line_, column_}; }
  void advance(std::size_t n = 1) {
    for (std::size_t i = 0; i < n && !at_end(); ++i) {
      if (text_[pos_] == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
      ++pos_;
    }
  }

  // Returns whether a line break was skipped.
  bool skip_space_and_comments() {
    bool newline = false;
    while (!at_end()) {
      const char c = peek();
      if (c == '\n') {
        newline = true;
        advance();
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        advance();
      } else if (c == '#') {
        while (!at_end() && peek() != '\n') advance();
      } else {
        break;
      }
    }
    return newline;
  }

  bool lex(Token& t) {
    const char c = peek();
    if (ident_start(c)) return identifier(t);
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '-' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
      return number(t);
    }
    switch (c) {
      case '"': case '\'': return quoted(t, c);
      case '/': return regex(t);
      case '%': {
        advance();
        if (!ident_start(peek())) {
          diags_.error(t.location, "expected a variable name after '%'");
          return false;
        }
        t.kind = Token::Kind::variable;
        while (ident_char(peek())) {
          t.text += peek();
          advance();
        }
        return true;
      }
      case '<':
        if (peek(1) == '<') return message(t);
        return punct(t, peek(1) == '=' ? 2 : 1);
      case '>': case '=': case '!': return punct(t, peek(1) == '=' ? 2 : 1);
      case '|':
        if (text_.substr(pos_, 4) == "|OR|") return punct(t, 4);
        break;
      case '{': case '}': case '[': case ']': case '(': case ')': case ',': case '.': case '*': case ':':
        return punct(t, 1);
      default: break;
    }
    diags_.error(t.location, std::string("unexpected character '") + c + "'");
    advance();
    return false;
  }

  bool punct(Token& t, std::size_t n) {
    t.kind = Token::Kind::punct;
    t.text = std::string(text_.substr(pos_, n));
    advance(n);
    return true;
  }

  // Identifiers, keywords and type names: `AWS::S3::Bucket` is one token.
  bool identifier(Token& t) {
    t.kind = Token::Kind::identifier;
    while (true) {
      while (ident_char(peek())) {
        t.text += peek();
        advance();
      }
      if (peek() == ':' && peek(1) == ':' && ident_start(peek(2))) {
        t.text += "::";
        advance(2);
        continue;
      }
      return true;
    }
  }

  bool number(Token& t) {
    t.kind = Token::Kind::integer;
    if (peek() == '-') {
      t.text += '-';
      advance();
    }
    while (std::isdigit(static_cast<unsigned char>(peek()))) {
      t.text += peek();
      advance();
    }
    if (peek() == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))) {
      t.kind = Token::Kind::floating;
      t.text += '.';
      advance();
      while (std::isdigit(static_cast<unsigned char>(peek()))) {
        t.text += peek();
        advance();
      }
    }
    return true;
  }

  bool quoted(Token& t, char quote) {
    t.kind = Token::Kind::string;
    advance();
    while (true) {
      if (at_end() || peek() == '\n') {
        diags_.error(t.location, "unterminated string");
        return false;
      }
      const char c = peek();
      if (c == quote) {
        advance();
        return true;
      }
      if (c == '\\' && (peek(1) == quote || peek(1) == '\\')) {
        t.text += peek(1);
        advance(2);
        continue;
      }
      t.text += c;
      advance();
    }
  }

  // `/.../`: the body is kept as written (`\/` included) for aip::Pattern.
  bool regex(Token& t) {
    t.kind = Token::Kind::regex;
    advance();
    while (true) {
      if (at_end() || peek() == '\n') {
        diags_.error(t.location, "unterminated regular expression (missing closing '/')");
        return false;
      }
      const char c = peek();
      if (c == '/') {
        advance();
        return true;
      }
      if (c == '\\' && peek(1) == '/') {
        t.text += '/';
        advance(2);
        continue;
      }
      if (c == '\\' && peek(1) != '\0') {
        t.text += c;
        t.text += peek(1);
        advance(2);
        continue;
      }
      t.text += c;
      advance();
    }
  }

  // `<< text >>`, which may span lines; the text is trimmed.
  bool message(Token& t) {
    t.kind = Token::Kind::message;
    advance(2);
    const std::size_t start = pos_;
    while (!at_end() && !(peek() == '>' && peek(1) == '>')) advance();
    if (at_end()) {
      diags_.error(t.location, "unterminated custom message (missing '>>')");
      return false;
    }
    std::string_view body = text_.substr(start, pos_ - start);
    advance(2);
    while (!body.empty() && std::isspace(static_cast<unsigned char>(body.front()))) body.remove_prefix(1);
    while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back()))) body.remove_suffix(1);
    t.text = std::string(body);
    return true;
  }

  const SourceFile& file_;
  std::string_view text_;
  Diagnostics& diags_;
  std::size_t pos_ = 0;
  int line_ = 1, column_ = 1;
};

}  // namespace lexer

std::vector<Token> tokenize(const SourceFile& file, Diagnostics& diags) {
  return lexer::Lexer(file, diags).run();
}

}  // namespace aip::guard
