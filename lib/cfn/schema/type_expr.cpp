#include "cfn/schema/type_expr.hpp"

#include <stdexcept>

namespace aip::cfn {

namespace {

struct Parser {
  std::string_view text;
  std::size_t pos = 0;

  [[noreturn]] void fail(const char* what) const {
    throw std::invalid_argument("bad type expression \"" + std::string(text) + "\": " + what);
  }

  std::string_view word() {
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != '<' && text[pos] != '>' && text[pos] != '|') ++pos;
    if (pos == start) fail("expected a type name");
    return text.substr(start, pos - start);
  }

  void expect(char c) {
    if (pos >= text.size() || text[pos] != c) fail("unbalanced brackets");
    ++pos;
  }

  TypeRef parse() {
    const std::string_view w = word();
    TypeRef t;
    if (w == "list" || w == "map") {
      t.kind = w == "list" ? TypeRef::Kind::List : TypeRef::Kind::Map;
      expect('<');
      t.args.push_back(parse());
      expect('>');
    } else if (w == "union") {
      t.kind = TypeRef::Kind::Union;
      expect('<');
      t.args.push_back(parse());
      while (pos < text.size() && text[pos] == '|') {
        ++pos;
        t.args.push_back(parse());
      }
      expect('>');
    } else if (w == "string") {
      t.kind = TypeRef::Kind::String;
    } else if (w == "integer") {
      t.kind = TypeRef::Kind::Integer;
    } else if (w == "number") {
      t.kind = TypeRef::Kind::Number;
    } else if (w == "boolean") {
      t.kind = TypeRef::Kind::Boolean;
    } else if (w == "json") {
      t.kind = TypeRef::Kind::AnyJson;
    } else if (w == "timestamp") {
      t.kind = TypeRef::Kind::Timestamp;
    } else if (w == "tag") {
      t.kind = TypeRef::Kind::Tag;
    } else {
      t.kind = TypeRef::Kind::Named;
      t.name = std::string(w);
    }
    return t;
  }
};

}  // namespace

bool TypeRef::is_scalar() const {
  return kind == Kind::String || kind == Kind::Integer || kind == Kind::Number ||
         kind == Kind::Boolean || kind == Kind::Timestamp;
}

std::string TypeRef::to_string() const {
  switch (kind) {
    case Kind::String: return "string";
    case Kind::Integer: return "integer";
    case Kind::Number: return "number";
    case Kind::Boolean: return "boolean";
    case Kind::AnyJson: return "json";
    case Kind::Timestamp: return "timestamp";
    case Kind::Tag: return "tag";
    case Kind::List: return "list<" + args.at(0).to_string() + ">";
    case Kind::Map: return "map<" + args.at(0).to_string() + ">";
    case Kind::Union: {
      std::string s = "union<";
      for (std::size_t i = 0; i < args.size(); ++i) s += (i ? "|" : "") + args[i].to_string();
      return s + ">";
    }
    case Kind::Named: return name;
  }
  return "?";
}

TypeRef parse_type_expr(std::string_view text) {
  Parser p{text};
  TypeRef t = p.parse();
  if (p.pos != text.size()) p.fail("trailing characters");
  return t;
}

}  // namespace aip::cfn
