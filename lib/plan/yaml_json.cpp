#include "plan/yaml_json.hpp"

#include <charconv>
#include <cstdlib>

namespace aip::plan {
namespace yaml_json {

using cfn::TypeRef;

struct Hint {
  const cfn::ResourceSchema* rs = nullptr;
  const TypeRef* type = nullptr;            // the declared type of the value
  const cfn::StructSchema* st = nullptr;    // or the struct it is (the top level)
};

bool is_int(const std::string& s) {
  long long v = 0;
  std::size_t start = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (start == s.size()) return false;
  auto [end, ec] = std::from_chars(s.data() + start, s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

bool is_float(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  bool digit = s.find_first_of("0123456789") != std::string::npos;
  return digit && end == s.c_str() + s.size() && s.find_first_of("xXnN") == std::string::npos;
}

cfn::Json core_scalar(const YamlNode& n) {
  const std::string& s = n.scalar;
  if (n.quoted) return s;
  if (s == "null" || s == "~" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (is_int(s)) return cfn::Json::parse(s[0] == '+' ? s.substr(1) : s);
  if (is_float(s)) return std::strtod(s.c_str(), nullptr);
  return s;
}

// The alternative of a union that fits the node's shape.
const TypeRef* pick(const TypeRef* t, const YamlNode& n) {
  if (t == nullptr || t->kind != TypeRef::Kind::Union) return t;
  for (const TypeRef& a : t->args) {
    bool fits = n.is_map() ? (a.kind == TypeRef::Kind::Named || a.kind == TypeRef::Kind::Map)
                : n.is_sequence() ? a.kind == TypeRef::Kind::List
                                  : a.is_scalar();
    if (!fits) continue;
    if (n.is_scalar() && !n.quoted) {
      cfn::Json v = core_scalar(n);
      bool number = a.kind == TypeRef::Kind::Integer || a.kind == TypeRef::Kind::Number;
      if (v.is_number() && !number) continue;
      if (v.is_boolean() && a.kind != TypeRef::Kind::Boolean) continue;
    }
    return &a;
  }
  return nullptr;
}

cfn::Json scalar(const YamlNode& n, const TypeRef* t) {
  if (n.quoted || t == nullptr || !t->is_scalar()) return core_scalar(n);
  switch (t->kind) {
    case TypeRef::Kind::String:
    case TypeRef::Kind::Timestamp: return n.scalar;
    case TypeRef::Kind::Integer:
    case TypeRef::Kind::Number:
    case TypeRef::Kind::Boolean: return core_scalar(n);
    default: return core_scalar(n);
  }
}

cfn::Json convert(const YamlNode& n, Hint h, const TagResolver& resolve) {
  if (!n.tag.empty()) return resolve(n);
  const TypeRef* t = pick(h.type, n);
  switch (n.kind) {
    case YamlNode::Kind::null: return nullptr;
    case YamlNode::Kind::scalar: return scalar(n, t);
    case YamlNode::Kind::sequence: {
      cfn::Json out = cfn::Json::array();
      const TypeRef* item = t != nullptr && t->kind == TypeRef::Kind::List && !t->args.empty() ? &t->args[0] : nullptr;
      for (const YamlNode& i : n.items) out.push_back(convert(i, Hint{h.rs, item, nullptr}, resolve));
      return out;
    }
    case YamlNode::Kind::map: {
      const cfn::StructSchema* st = h.st;
      const TypeRef* value_type = nullptr;
      if (st == nullptr && t != nullptr && h.rs != nullptr) {
        if (t->kind == TypeRef::Kind::Named) st = h.rs->nested_type(t->name);
        if (t->kind == TypeRef::Kind::Map && !t->args.empty()) value_type = &t->args[0];
      }
      cfn::Json out = cfn::Json::object();
      for (const auto& [k, v] : n.entries) {
        const TypeRef* child = value_type;
        if (st != nullptr) {
          const cfn::PropertySchema* p = st->find(k.scalar);
          child = p != nullptr ? &p->type : nullptr;
        }
        out[k.scalar] = convert(v, Hint{h.rs, child, nullptr}, resolve);
      }
      return out;
    }
  }
  return nullptr;
}

}  // namespace yaml_json

cfn::Json properties_json(const YamlNode& properties, const cfn::ResourceSchema* schema, const TagResolver& resolve) {
  return yaml_json::convert(properties, {schema, nullptr, schema != nullptr ? &schema->properties : nullptr}, resolve);
}

cfn::Json value_json(const YamlNode& value, const cfn::ResourceSchema* schema, const std::vector<std::string>& path,
                     const TagResolver& resolve) {
  const cfn::PropertySchema* p = nullptr;
  if (schema != nullptr) {
    cfn::PropertyPath pp;
    for (const std::string& s : path) pp.push_back(s[0] == '[' ? s.substr(1, s.size() - 2) : s);
    p = schema->resolve(pp);
  }
  const cfn::TypeRef* t = p != nullptr ? &p->type : nullptr;
  // An index into a list: the element type.
  if (t != nullptr && !path.empty() && path.back()[0] == '[' && t->kind == cfn::TypeRef::Kind::List && !t->args.empty()) {
    t = &t->args[0];
  }
  return yaml_json::convert(value, {schema, t, nullptr}, resolve);
}

const cfn::StructSchema* struct_at(const cfn::ResourceSchema& schema, const std::vector<std::string>& path) {
  if (path.empty()) return &schema.properties;
  cfn::PropertyPath pp;
  for (const std::string& s : path) pp.push_back(s[0] == '[' ? s.substr(1, s.size() - 2) : s);
  const cfn::PropertySchema* p = schema.resolve(pp);
  if (p == nullptr) return nullptr;
  const cfn::TypeRef* t = &p->type;
  while ((t->kind == cfn::TypeRef::Kind::List || t->kind == cfn::TypeRef::Kind::Map) && !t->args.empty()) {
    t = &t->args[0];
  }
  if (t->kind == cfn::TypeRef::Kind::Union) {
    for (const cfn::TypeRef& a : t->args) {
      if (a.kind == cfn::TypeRef::Kind::Named) return schema.nested_type(a.name);
    }
  }
  return t->kind == cfn::TypeRef::Kind::Named ? schema.nested_type(t->name) : nullptr;
}

}  // namespace aip::plan
