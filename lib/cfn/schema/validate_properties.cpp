// Property names, value types, required properties and enums, checked against
// the resource's schema. Leniency follows CloudFormation / cfn-lint: scalars
// may be given as strings ("5", "true"), numbers and booleans are accepted
// where a string goes, and any intrinsic function is accepted as a value
// (its result is only known at deploy time).
#include "cfn/schema/checks.hpp"
#include "base/did_you_mean.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <tuple>

namespace aip::cfn::detail {

namespace {

using Kind = TypeRef::Kind;

bool is_integer_text(const std::string& s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool is_number_text(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s.front())) || std::isspace(static_cast<unsigned char>(s.back()))) return false;
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(d);
}

bool is_boolean_text(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "true" || s == "false";
}

std::string expected_text(const TypeRef& t) {
  switch (t.kind) {
    case Kind::String: return "a string";
    case Kind::Integer: return "an integer";
    case Kind::Number: return "a number";
    case Kind::Boolean: return "a boolean";
    case Kind::Timestamp: return "a timestamp string";
    case Kind::AnyJson: return "a JSON object";
    case Kind::Tag: return "a tag object";
    case Kind::List: return "a list";
    case Kind::Map: return "an object";
    case Kind::Named: return "an object (" + t.name + ")";
    case Kind::Union: {
      std::string s;
      for (std::size_t i = 0; i < t.args.size(); ++i) s += (i ? " or " : "") + expected_text(t.args[i]);
      return s;
    }
  }
  return "?";
}

// Whether a JSON value (not an intrinsic) has an acceptable shape for a scalar type.
bool scalar_fits(const nlohmann::json& v, Kind kind) {
  switch (kind) {
    case Kind::String:
    case Kind::Timestamp:
      return v.is_string() || v.is_number() || v.is_boolean();
    case Kind::Integer:
      if (v.is_number_integer()) return true;
      if (v.is_number_float()) return std::floor(v.get<double>()) == v.get<double>();
      return v.is_string() && is_integer_text(v.get<std::string>());
    case Kind::Number:
      return v.is_number() || (v.is_string() && is_number_text(v.get<std::string>()));
    case Kind::Boolean:
      return v.is_boolean() || (v.is_string() && is_boolean_text(v.get<std::string>()));
    default:
      return false;
  }
}

std::string scalar_text(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

class PropertyChecker {
 public:
  PropertyChecker(const ResourceSchema& schema, const SchemaDb& db, const nlohmann::json& tmpl,
                  std::vector<SchemaFinding>& out)
      : schema_(schema), db_(db), tmpl_(tmpl), out_(&out) {}

  void check_struct(const nlohmann::json& obj, const StructSchema& s, JsonPath& path) {
    bool transformed = false;
    for (const auto& [key, value] : obj.items()) {
      if (key == "Fn::Transform") {  // a macro fills this object in at deploy time
        transformed = true;
        continue;
      }
      path.push_back(key);
      if (const PropertySchema* decl = s.find(key)) {
        check_value(value, decl->type, *decl, path);
      } else {
        std::vector<std::string> names;
        for (const auto& [name, _] : s.properties) names.push_back(name);
        add(path, "unknown-property", "unknown property \"" + key + "\"" + did_you_mean(key, names, Quote::double_));
      }
      path.pop_back();
    }
    if (transformed) return;
    for (const auto& name : s.required()) {
      if (!obj.contains(name)) add(path, "required-property", "missing required property \"" + name + "\"");
    }
    check_property_set(obj, s, path, *out_);
  }

  // `decl` gives the enum and value keywords; for list elements and Fn::If
  // branches it is the declaration of the list or property itself.
  void check_value(const nlohmann::json& v, const TypeRef& type, const PropertySchema& decl, JsonPath& path) {
    const std::string_view fn = intrinsic_name(v);
    if (!fn.empty()) {
      // Fn::If picks one of two values of the expected type; check both.
      const auto& args = v.begin().value();
      if (fn == "Fn::If" && args.is_array() && args.size() == 3) {
        path.emplace_back(fn);
        for (std::size_t i = 1; i < 3; ++i) {
          if (is_no_value(args[i])) continue;
          path.push_back(std::to_string(i));
          check_value(args[i], type, decl, path);
          path.pop_back();
        }
        path.pop_back();
      }
      if (fn == "Ref" && args.is_string()) check_ref_type(args.get<std::string>(), type, path);
      if (fn == "Fn::GetAtt") check_getatt_type(args, type, path);
      return;
    }
    if (v.is_null()) {
      add(path, "null-value", "null values are not allowed in templates");
      return;
    }
    switch (type.kind) {
      case Kind::String:
      case Kind::Timestamp:
      case Kind::Integer:
      case Kind::Number:
      case Kind::Boolean:
        if (!scalar_fits(v, type.kind)) return mismatch(v, type, path);
        check_enum(v, decl.enum_values, path);
        check_value_limits(v, decl.limits, path, *out_);
        return;
      case Kind::AnyJson:
        if (!(v.is_object() || v.is_array() || v.is_string())) return mismatch(v, type, path);
        return;
      case Kind::Tag:
        if (!v.is_object()) return mismatch(v, type, path);
        return check_struct(v, tag_schema(), path);
      case Kind::List:
        if (!v.is_array()) return mismatch(v, type, path);
        check_list_limits(v, decl.limits, path, *out_);
        for (std::size_t i = 0; i < v.size(); ++i) {
          path.push_back(std::to_string(i));
          check_value(v[i], type.args.at(0), decl, path);
          path.pop_back();
        }
        return;
      case Kind::Map:
        if (!v.is_object()) return mismatch(v, type, path);
        if (!decl.key_pattern.empty()) check_map_keys(v, decl.key_pattern, path, *out_);
        for (const auto& [key, value] : v.items()) {
          path.push_back(key);
          check_value(value, type.args.at(0), decl, path);
          path.pop_back();
        }
        return;
      case Kind::Named: {
        if (!v.is_object()) return mismatch(v, type, path);
        const StructSchema* s = schema_.nested_type(type.name);
        if (s) check_struct(v, *s, path);  // a dangling name is a data problem, not the user's
        return;
      }
      case Kind::Union:
        return check_union(v, type, decl, path);
    }
  }

 private:
  // The CDK models the common {Key, Value} tag as a builtin type. Only Key is
  // required: a few services accept a tag without a Value.
  static const StructSchema& tag_schema() {
    static const StructSchema s = [] {
      StructSchema t;
      t.properties["Key"] = PropertySchema{TypeRef{Kind::String, {}, {}}, true, {}};
      t.properties["Value"] = PropertySchema{TypeRef{Kind::String, {}, {}}, false, {}};
      return t;
    }();
    return s;
  }

  // Accept if any alternative accepts; otherwise report the findings of the
  // first alternative that has the value's shape, or a plain mismatch.
  void check_union(const nlohmann::json& v, const TypeRef& type, const PropertySchema& decl, JsonPath& path) {
    std::vector<SchemaFinding> best;
    bool have_best = false;
    for (const auto& alt : type.args) {
      std::vector<SchemaFinding> trial;
      PropertyChecker sub(schema_, db_, tmpl_, trial);
      sub.check_value(v, alt, decl, path);
      if (trial.empty()) return;
      const bool same_shape = trial.front().rule != "type-mismatch" || trial.front().path != path;
      if (same_shape && !have_best) {
        best = std::move(trial);
        have_best = true;
      }
    }
    if (have_best) {
      out_->insert(out_->end(), best.begin(), best.end());
    } else {
      mismatch(v, type, path);
    }
  }

  void check_enum(const nlohmann::json& v, const std::vector<std::string>& enums, const JsonPath& path) {
    if (enums.empty()) return;
    const std::string text = scalar_text(v);
    if (std::find(enums.begin(), enums.end(), text) != enums.end()) return;
    // Long enums (instance types...) are cut short in the message.
    constexpr std::size_t kShown = 12;
    std::string list;
    for (std::size_t i = 0; i < enums.size() && i < kShown; ++i) list += (i ? ", " : "") + enums[i];
    if (enums.size() > kShown) list += ", ... (" + std::to_string(enums.size() - kShown) + " more)";
    add(path, "invalid-enum",
        "value \"" + text + "\" is not allowed; expected one of: " + list + did_you_mean(text, enums, Quote::double_));
  }

  // What a Ref returns: a list for List<...> and CommaDelimitedList
  // parameters (also through SSM) and AWS::NotificationARNs, a string for
  // every resource and other parameter. Empty when unknown (AWS::NoValue, an
  // undeclared name, a parameter without a string Type).
  std::string ref_shape(const std::string& name, std::string& what) const {
    if (name == "AWS::NotificationARNs") {
      what = "pseudo parameter AWS::NotificationARNs";
      return "list";
    }
    if (name.rfind("AWS::", 0) == 0) {
      if (name == "AWS::NoValue") return "";
      what = "pseudo parameter " + name;
      return "string";
    }
    if (const auto params = tmpl_.find("Parameters"); params != tmpl_.end() && params->is_object()) {
      if (const auto p = params->find(name); p != params->end()) {
        const auto t = p->is_object() ? p->find("Type") : p->end();
        if (t == p->end() || !t->is_string()) return "";
        const std::string type = t->get<std::string>();
        what = "parameter \"" + name + "\" of type " + type;
        const bool list = type.rfind("List<", 0) == 0 || type == "CommaDelimitedList" ||
                          type.rfind("AWS::SSM::Parameter::Value<List<", 0) == 0 ||
                          type == "AWS::SSM::Parameter::Value<CommaDelimitedList>";
        return list ? "list" : "string";
      }
    }
    if (const auto res = tmpl_.find("Resources"); res != tmpl_.end() && res->is_object() && res->contains(name)) {
      what = "resource \"" + name + "\"";
      const auto& r = res->at(name);
      if (r.is_object() && r.contains("Type") && r.at("Type").is_string()) what += " (" + r.at("Type").get<std::string>() + ")";
      return "string";
    }
    return "";
  }

  void check_ref_type(const std::string& name, const TypeRef& type, JsonPath& path) {
    const bool scalar = type.kind == Kind::String || type.kind == Kind::Timestamp || type.kind == Kind::Integer ||
                        type.kind == Kind::Number || type.kind == Kind::Boolean;
    if (!scalar && type.kind != Kind::List) return;  // objects, JSON and unions are not judged
    std::string what;
    const std::string shape = ref_shape(name, what);
    if (shape.empty()) return;
    if (scalar && shape == "list") {
      path.emplace_back("Ref");
      add(path, "ref-type-mismatch",
          "Ref \"" + name + "\" returns a list (" + what + "), expected " + expected_text(type) +
              "; pick one item with Fn::Select or join them with Fn::Join");
      path.pop_back();
    } else if (type.kind == Kind::List && shape == "string") {
      path.emplace_back("Ref");
      add(path, "ref-type-mismatch",
          "Ref \"" + name + "\" returns a string (" + what + "), expected a list; write it as a list item: [!Ref " +
              name + "]");
      path.pop_back();
    }
  }

  // Fn::GetAtt against the attribute types of the schemas. Only the shape is
  // compared (CloudFormation turns numbers and booleans into strings and back):
  // a scalar, a list or an object. JSON, unions and attributes of resources
  // without a schema (custom resources, nested stacks' Outputs.X) are not judged.
  enum class Shape { Unknown, Scalar, List, Object };

  static Shape shape_of(const TypeRef& t) {
    if (t.is_scalar()) return Shape::Scalar;
    if (t.kind == Kind::List) return Shape::List;
    if (t.kind == Kind::Map || t.kind == Kind::Named || t.kind == Kind::Tag) return Shape::Object;
    return Shape::Unknown;
  }

  static std::string shape_text(Shape s, const TypeRef& t) {
    if (s == Shape::List) return "a list (" + t.to_string() + ")";
    if (s == Shape::Object) return "an object (" + t.to_string() + ")";
    return expected_text(t);
  }

  void check_getatt_type(const nlohmann::json& args, const TypeRef& type, JsonPath& path) {
    std::string id;
    std::string attribute;
    if (args.is_string()) {
      std::tie(id, attribute) = split_getatt(args.get<std::string>());
    } else if (args.is_array() && args.size() == 2 && args[0].is_string() && args[1].is_string()) {
      id = args[0].get<std::string>();
      attribute = args[1].get<std::string>();
    }
    const Shape wanted = shape_of(type);
    if (id.empty() || attribute.empty() || wanted == Shape::Unknown) return;
    const auto res = tmpl_.find("Resources");
    if (res == tmpl_.end() || !res->is_object()) return;
    const auto r = res->find(id);
    if (r == res->end() || !r->is_object() || !r->contains("Type") || !r->at("Type").is_string()) return;
    const std::string& target_type = r->at("Type").get_ref<const std::string&>();
    if (target_type == "AWS::CloudFormation::Stack" && attribute.rfind("Outputs.", 0) == 0) return;
    const ResourceSchema* target = db_.find(target_type);
    if (!target) return;
    const std::optional<TypeRef> returned = target->attribute_type(attribute);
    if (!returned) return;  // no such attribute: AIP-CFN-E043
    const Shape got = shape_of(*returned);
    if (got == Shape::Unknown || got == wanted) return;
    const std::string name = id + "." + attribute;
    std::string hint;
    if (got == Shape::List && wanted == Shape::Scalar) {
      hint = "; pick one item with Fn::Select or join them with Fn::Join";
    } else if (wanted == Shape::List && got == Shape::Scalar) {
      hint = "; write it as a list item: [!GetAtt " + name + "]";
    } else if (got == Shape::Object) {
      std::vector<std::string> fields;
      for (const auto& a : target->attributes) {
        if (a.size() > attribute.size() + 1 && a.compare(0, attribute.size(), attribute) == 0 && a[attribute.size()] == '.') {
          fields.push_back(id + "." + a);
        }
      }
      if (!fields.empty()) hint = "; name one of its fields, such as " + fields.front();
    }
    path.emplace_back("Fn::GetAtt");
    add(path, "getatt-type-mismatch",
        "Fn::GetAtt \"" + name + "\" (" + target_type + ") returns " + shape_text(got, *returned) + ", expected " +
            expected_text(type) + hint);
    path.pop_back();
  }

  void mismatch(const nlohmann::json& v, const TypeRef& type, const JsonPath& path) {
    add(path, "type-mismatch", "expected " + expected_text(type) + ", got " + describe_value(v));
  }

  void add(const JsonPath& path, const char* rule, std::string message) {
    out_->push_back({path, std::move(message), rule});
  }

  const ResourceSchema& schema_;
  const SchemaDb& db_;  // the schemas of Fn::GetAtt targets
  const nlohmann::json& tmpl_;
  std::vector<SchemaFinding>* out_;
};

bool is_custom_resource(std::string_view type) {
  return type.rfind("Custom::", 0) == 0 || type == "AWS::CloudFormation::CustomResource";
}

}  // namespace

void check_resource_properties(const Context& ctx) {
  const auto* resources = ctx.section("Resources");
  if (!resources) return;
  for (const auto& [id, type] : ctx.resource_types) {
    if (!ctx.in_focus(id)) continue;
    const auto& res = resources->at(id);
    auto props_it = res.find("Properties");
    const bool has_props = props_it != res.end() && props_it->is_object();
    static const nlohmann::json kEmpty = nlohmann::json::object();
    const nlohmann::json& props = has_props ? *props_it : kEmpty;
    if (props_it != res.end() && !has_props) continue;  // reported by check_template_shape
    if (has_props && !intrinsic_name(props).empty()) continue;  // e.g. Properties: {Fn::If: ...}
    JsonPath path{"Resources", id, "Properties"};
    if (is_custom_resource(type)) {
      // Custom resources take any properties; the provider only needs a token.
      if (!props.contains("ServiceToken")) ctx.add(path, "required-property", "missing required property \"ServiceToken\"");
      continue;
    }
    const ResourceSchema* schema = ctx.db.find(type);
    if (!schema) continue;  // unknown types are reported by check_template_shape
    PropertyChecker(*schema, ctx.db, ctx.tmpl, ctx.findings).check_struct(props, schema->properties, path);
  }
}

}  // namespace aip::cfn::detail
