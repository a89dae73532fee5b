// A minimal JSON Schema validator (draft-04 / draft-07 subset) for checking
// aip's SARIF output against the official SARIF 2.1.0 schema in tests.
// Supports the keywords that schema uses: $ref (local), type, properties,
// additionalProperties, required, items, minItems, uniqueItems, minimum,
// maximum, enum, pattern, anyOf, oneOf, allOf, format (uri, uri-reference,
// date-time checked loosely). Any other validation keyword makes it fail
// loudly rather than pass silently.
#pragma once

#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace aip::test {

class JsonSchemaValidator {
 public:
  explicit JsonSchemaValidator(nlohmann::json schema) : root_(std::move(schema)) {}

  // Every violation as "pointer: message"; empty when valid.
  std::vector<std::string> validate(const nlohmann::json& instance) const {
    std::vector<std::string> errors;
    check(root_, instance, "", errors);
    return errors;
  }

 private:
  nlohmann::json root_;

  const nlohmann::json& resolve(const std::string& ref) const {
    if (ref == "#") return root_;
    if (ref.rfind("#/", 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
    return root_.at(nlohmann::json::json_pointer(ref.substr(1)));
  }

  static bool is_type(const nlohmann::json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    if (type == "integer") return v.is_number_integer() || (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>())));
    if (type == "number") return v.is_number();
    throw std::runtime_error("unsupported type " + type);
  }

  void check(const nlohmann::json& schema, const nlohmann::json& v, const std::string& at,
             std::vector<std::string>& errors) const {
    static const std::set<std::string> known = {
        "$schema", "id", "$id", "title", "description", "default", "definitions", "$ref", "type", "properties",
        "additionalProperties", "required", "items", "minItems", "uniqueItems", "minimum", "maximum", "enum",
        "pattern", "anyOf", "oneOf", "allOf", "format", "deprecated"};
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) errors.push_back(at + ": not allowed");
      return;
    }
    for (const auto& [key, value] : schema.items()) {
      if (known.count(key) == 0) throw std::runtime_error("validator does not support keyword " + key + " at " + at);
    }
    if (schema.contains("$ref")) {
      check(resolve(schema["$ref"].get<std::string>()), v, at, errors);
      return;  // draft-04/07: siblings of $ref are ignored
    }
    if (schema.contains("type")) {
      const auto& t = schema["type"];
      bool ok = false;
      if (t.is_string()) ok = is_type(v, t.get<std::string>());
      else for (const auto& one : t) ok = ok || is_type(v, one.get<std::string>());
      if (!ok) {
        errors.push_back(at + ": expected type " + t.dump() + ", got " + v.type_name());
        return;
      }
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& e : schema["enum"]) found = found || e == v;
      if (!found) errors.push_back(at + ": " + v.dump() + " is not one of " + schema["enum"].dump());
    }
    if (v.is_object()) {
      if (schema.contains("required")) {
        for (const auto& r : schema["required"]) {
          if (!v.contains(r.get<std::string>())) errors.push_back(at + ": missing required property " + r.get<std::string>());
        }
      }
      const nlohmann::json* props = schema.contains("properties") ? &schema["properties"] : nullptr;
      for (const auto& [key, value] : v.items()) {
        std::string child = at + "/" + key;
        if (props != nullptr && props->contains(key)) {
          check((*props)[key], value, child, errors);
        } else if (schema.contains("additionalProperties")) {
          const auto& extra = schema["additionalProperties"];
          if (extra.is_boolean()) {
            if (!extra.get<bool>()) errors.push_back(at + ": property " + key + " is not allowed");
          } else {
            check(extra, value, child, errors);
          }
        }
      }
    }
    if (v.is_array()) {
      if (schema.contains("minItems") && v.size() < schema["minItems"].get<std::size_t>()) {
        errors.push_back(at + ": fewer than " + schema["minItems"].dump() + " items");
      }
      if (schema.contains("uniqueItems") && schema["uniqueItems"].get<bool>()) {
        for (std::size_t i = 0; i < v.size(); ++i) {
          for (std::size_t j = i + 1; j < v.size(); ++j) {
            if (v[i] == v[j]) errors.push_back(at + ": items " + std::to_string(i) + " and " + std::to_string(j) + " are equal");
          }
        }
      }
      if (schema.contains("items")) {
        if (!schema["items"].is_object()) throw std::runtime_error("unsupported tuple items at " + at);
        for (std::size_t i = 0; i < v.size(); ++i) check(schema["items"], v[i], at + "/" + std::to_string(i), errors);
      }
    }
    if (v.is_number()) {
      if (schema.contains("minimum") && v.get<double>() < schema["minimum"].get<double>()) {
        errors.push_back(at + ": below minimum " + schema["minimum"].dump());
      }
      if (schema.contains("maximum") && v.get<double>() > schema["maximum"].get<double>()) {
        errors.push_back(at + ": above maximum " + schema["maximum"].dump());
      }
    }
    if (v.is_string()) {
      const std::string s = v.get<std::string>();
      if (schema.contains("pattern")) {
        std::regex re(schema["pattern"].get<std::string>(), std::regex::ECMAScript);
        if (!std::regex_search(s, re)) errors.push_back(at + ": \"" + s + "\" does not match " + schema["pattern"].dump());
      }
      if (schema.contains("format")) {
        const std::string f = schema["format"].get<std::string>();
        if (f == "uri" && s.find(':') == std::string::npos) errors.push_back(at + ": \"" + s + "\" is not an absolute URI");
        if ((f == "uri" || f == "uri-reference") && s.find_first_of(" \t\n\\") != std::string::npos) {
          errors.push_back(at + ": \"" + s + "\" is not a URI reference");
        }
      }
    }
    auto count_valid = [&](const nlohmann::json& list) {
      std::size_t n = 0;
      for (const auto& sub : list) {
        std::vector<std::string> e;
        check(sub, v, at, e);
        if (e.empty()) ++n;
      }
      return n;
    };
    if (schema.contains("anyOf") && count_valid(schema["anyOf"]) == 0) errors.push_back(at + ": matches none of anyOf");
    if (schema.contains("oneOf") && count_valid(schema["oneOf"]) != 1) errors.push_back(at + ": does not match exactly one of oneOf");
    if (schema.contains("allOf")) {
      for (const auto& sub : schema["allOf"]) check(sub, v, at, errors);
    }
  }
};

}  // namespace aip::test
