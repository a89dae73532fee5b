#pragma once
// Property type expressions as written in data/cfn-schemas.jsonl:
//   string | integer | number | boolean | json | timestamp | tag
//   | list<T> | map<T> | union<T|T...> | TypeName (a nested type of the resource)
#include <string>
#include <string_view>
#include <vector>

namespace aip::cfn {

struct TypeRef {
  enum class Kind { String, Integer, Number, Boolean, AnyJson, Timestamp, Tag, List, Map, Union, Named };
  Kind kind = Kind::String;
  std::string name;           // Named: key into ResourceSchema::types
  std::vector<TypeRef> args;  // List/Map: one element type; Union: the alternatives

  bool is_scalar() const;     // String..Timestamp except AnyJson (free-form JSON)
  std::string to_string() const;  // back to the grammar, e.g. "list<string>"
};

// Throws std::invalid_argument on malformed text.
TypeRef parse_type_expr(std::string_view text);

}  // namespace aip::cfn
