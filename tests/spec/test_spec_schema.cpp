// templates/spec.schema.json (`aip schema`) kept honest against the readers:
// every blueprint and good example validates, specs with unknown keys or wrong
// types do not, and for every element map a reader reads, the schema allows
// exactly the keys that reader accepts.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lint/json_schema.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using aip::YamlNode;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const json& schema() {
  static const json s = json::parse(read(fs::path(AIP_SOURCE_DIR) / "templates/spec.schema.json"));
  return s;
}

// YAML -> JSON as the YAML language server types it (YAML 1.2 core schema):
// plain scalars may be null, booleans, integers or floats; the rest are strings.
json to_json(const YamlNode& n) {
  switch (n.kind) {
    case YamlNode::Kind::null: return nullptr;
    case YamlNode::Kind::sequence: {
      json out = json::array();
      for (const YamlNode& item : n.items) out.push_back(to_json(item));
      return out;
    }
    case YamlNode::Kind::map: {
      json out = json::object();
      for (const auto& [k, v] : n.entries) out[k.scalar] = to_json(v);
      return out;
    }
    case YamlNode::Kind::scalar: break;
  }
  const std::string& s = n.scalar;
  if (n.quoted || !n.tag.empty()) return s;
  static const std::regex null_re("null|Null|NULL|~|");
  static const std::regex bool_re("true|True|TRUE|false|False|FALSE");
  static const std::regex int_re("[-+]?[0-9]+");
  static const std::regex float_re("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (std::regex_match(s, null_re)) return nullptr;
  if (std::regex_match(s, bool_re)) return s[0] == 't' || s[0] == 'T';
  if (std::regex_match(s, int_re)) return std::stoll(s);
  if (std::regex_match(s, float_re)) return std::stod(s);
  return s;
}

struct Doc {
  aip::SourceManager sources;
  aip::Diagnostics diags;
  std::optional<YamlNode> root;
};

std::unique_ptr<Doc> parse(const fs::path& path) {
  auto d = std::make_unique<Doc>();
  std::string error;
  const aip::SourceFile* file = d->sources.load(path.string(), &error);
  REQUIRE(file != nullptr);
  d->root = aip::parse_yaml(*file, d->diags);
  REQUIRE(d->root);
  return d;
}

std::vector<std::string> validate(const std::string& text) {
  static const aip::test::JsonSchemaValidator validator(schema());
  aip::SourceManager sources;
  aip::Diagnostics diags;
  auto root = aip::parse_yaml(sources.add("spec.yaml", text), diags);
  REQUIRE(root);
  return validator.validate(to_json(*root));
}

// Every spec the project ships: blueprints, good examples, the starter spec,
// and tests/spec/schema-extra.yaml (the parts of the schema nothing else uses).
std::vector<fs::path> shipped_specs() {
  const fs::path src(AIP_SOURCE_DIR);
  std::vector<fs::path> out;
  for (const char* dir : {"blueprints", "examples"}) {
    for (const auto& e : fs::directory_iterator(src / dir)) {
      if (e.path().extension() == ".yaml") out.push_back(e.path());
    }
  }
  out.push_back(src / "templates/starter.yaml");
  out.push_back(src / "tests/spec/schema-extra.yaml");
  std::sort(out.begin(), out.end());
  return out;
}

// The concrete schemas `s` stands for: $ref resolved, anyOf/oneOf/allOf flattened.
void concrete(const json& s, std::vector<const json*>& out) {
  if (s.contains("$ref")) {
    const std::string ref = s["$ref"].get<std::string>();
    concrete(schema().at(json::json_pointer(ref.substr(1))), out);
    return;
  }
  bool combined = false;
  for (const char* k : {"anyOf", "oneOf", "allOf"}) {
    if (!s.contains(k)) continue;
    combined = true;
    for (const json& sub : s[k]) concrete(sub, out);
  }
  if (!combined) out.push_back(&s);
}

const json* branch_of_type(const json& s, const char* type) {
  std::vector<const json*> all;
  concrete(s, all);
  for (const json* c : all) {
    if (c->contains("type") && (*c)["type"] == type) return c;
  }
  return nullptr;
}

// Which object schema each YAML map of a document falls under.
void match(const json& s, const YamlNode& n, std::map<const YamlNode*, const json*>& out) {
  if (n.is_map()) {
    const json* o = branch_of_type(s, "object");
    if (o == nullptr) return;
    out[&n] = o;
    for (const auto& [k, v] : n.entries) {
      if (o->contains("properties") && (*o)["properties"].contains(k.scalar)) {
        match((*o)["properties"][k.scalar], v, out);
      } else if (o->contains("additionalProperties") && (*o)["additionalProperties"].is_object()) {
        match((*o)["additionalProperties"], v, out);
      }
    }
  } else if (n.is_sequence()) {
    const json* a = branch_of_type(s, "array");
    if (a == nullptr || !a->contains("items")) return;
    for (const YamlNode& item : n.items) match((*a)["items"], item, out);
  }
}

// Every closed object schema (a fixed set of keys), by its JSON pointer.
void closed_objects(const json& s, const std::string& at, std::map<const json*, std::string>& out) {
  if (!s.is_object()) return;
  if (s.contains("properties") && s.value("additionalProperties", json(true)) == false) out[&s] = at.empty() ? "/" : at;
  for (const auto& [k, v] : s.items()) {
    if (v.is_object()) closed_objects(v, at + "/" + k, out);
    if (v.is_array()) {
      for (std::size_t i = 0; i < v.size(); ++i) closed_objects(v[i], at + "/" + k + "/" + std::to_string(i), out);
    }
  }
}

}  // namespace

TEST_CASE("the spec schema is a draft-07 schema the validator fully understands") {
  CHECK(schema()["$schema"] == "http://json-schema.org/draft-07/schema#");
  // The validator throws on keywords it does not know: check it meets them all.
  CHECK_NOTHROW(validate("aip: 1\nname: x\naccounts: {dev: {id: \"123456789012\", region: us-east-1}}\n"));
  // Every closed object but the suppression itself and the lint settings takes
  // `lint:`, as Fields does; the top level's is its own (Guard rule files). An
  // `existing:` description renders nothing, so it takes none either, nor
  // does an SSM parameter standing for an existing id.
  std::map<const json*, std::string> objects;
  closed_objects(schema(), "", objects);
  for (const auto& [s, at] : objects) {
    INFO(at);
    bool own = at == "/definitions/lint" || at == "/definitions/suppression" || at == "/definitions/spec_lint" ||
               at.starts_with("/definitions/vpc/allOf/0/properties/existing") ||
               at.ends_with("/properties/existing") || at == "/definitions/ssm_value";
    CHECK(s->at("properties").contains("lint") != own);
  }
  CHECK(schema()["properties"]["lint"]["$ref"] == "#/definitions/spec_lint");
}

TEST_CASE("every blueprint, good example and the starter spec validates against the schema") {
  for (const fs::path& path : shipped_specs()) {
    INFO(path.string());
    aip::SourceManager sources;
    aip::Diagnostics diags;
    std::string error;
    const aip::SourceFile* file = sources.load(path.string(), &error);
    REQUIRE(file != nullptr);
    auto spec = aip::spec::load_spec(*file, diags);
    INFO(aip::render_all(diags, false));
    CHECK(spec);  // a real spec, not just schema-shaped
    auto errors = validate(file->text);
    for (const std::string& e : errors) UNSCOPED_INFO(e);
    CHECK(errors.empty());
  }
}

TEST_CASE("unknown keys, wrong types and bad values fail the schema, as they fail aip") {
  const fs::path bad = fs::path(AIP_SOURCE_DIR) / "examples/bad";
  for (const char* file : {"unknown-key.yaml", "wrong-type.yaml", "missing-required.yaml"}) {
    INFO(file);
    CHECK_FALSE(validate(read(bad / file)).empty());
  }
  const std::string head = "aip: 1\nname: x\naccounts: {dev: {id: \"123456789012\", region: us-east-1}}\n";
  const std::string vpc = "network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      tiers: {private: 24}\n";
  CHECK(validate(head + vpc).empty());
  CHECK_FALSE(validate(head + vpc + "      nat: sometimes\n").empty());          // not one of the choices
  CHECK_FALSE(validate(head + vpc + "      azs: 7\n").empty());                  // out of range
  CHECK_FALSE(validate(head + vpc + "      azs: \"2\"\n").empty());              // a quoted number is a string
  CHECK_FALSE(validate(head + vpc + "      endpoints: {gatway: [s3]}\n").empty());  // unknown nested key
  CHECK_FALSE(validate(head + "lint: {suppress: []}\n").empty());                // top-level lint names rules, not suppressions
  CHECK(validate(head + "lint: {rules: [policies/]}\n").empty());
  CHECK_FALSE(validate(head + vpc + "      lint: {suppress: [{rule: AIP-NET-005}]}\n").empty());  // no reason
  CHECK(validate(head + vpc + "      lint: {suppress: [{rule: AIP-NET-005, reason: lab}]}\n").empty());
  const std::string persona = "iam:\n  personas:\n    ds:\n      trust: {identity_center: DataScientist}\n";
  CHECK(validate(head + persona + "      sagemaker: [develop, invoke]\n      deny: [iam-changes, {buckets: [raw]}]\n").empty());
  CHECK_FALSE(validate(head + persona + "      sagemaker: develp\n").empty());        // not a level of intents.json
  CHECK_FALSE(validate(head + persona + "      deny: [iam-chanegs]\n").empty());      // not a restriction
  CHECK_FALSE(validate(head + persona + "      deny: {buckets: [raw]}\n").empty());   // the map form goes in a list
  CHECK_FALSE(validate(head + persona + "      max_session_hours: 13\n").empty());    // out of range
  const std::string fn = "functions:\n  f: {handler: app.handler, code: {inline: x}, runtime: ";
  CHECK(validate(head + fn + "python3.12}\n").empty());
  CHECK_FALSE(validate(head + fn + "python2.7}\n").empty());                          // not a supported runtime
}

TEST_CASE("for every element map a reader reads, the schema allows exactly the reader's keys") {
  std::map<const json*, std::string> objects;
  closed_objects(schema(), "", objects);
  std::set<const json*> compared;
  std::set<std::string> planned(aip::spec::planned_areas().begin(), aip::spec::planned_areas().end());
  for (const fs::path& path : shipped_specs()) {
    auto doc = parse(path);
    std::vector<std::pair<const YamlNode*, std::vector<std::string>>> read_maps;
    aip::spec::FieldsObserver observer = [&](const YamlNode& map, const std::vector<std::string>& keys) {
      read_maps.emplace_back(&map, keys);
    };
    aip::spec::set_fields_observer(&observer);
    aip::spec::read_spec(*doc->root, *doc->root->location.file, doc->diags);
    aip::spec::set_fields_observer(nullptr);
    std::map<const YamlNode*, const json*> schemas;
    match(schema(), *doc->root, schemas);
    REQUIRE_FALSE(read_maps.empty());
    for (const auto& [map, keys] : read_maps) {
      INFO(path.filename().string() << ":" << map->location.line << ":" << map->location.column);
      auto it = schemas.find(map);
      REQUIRE(it != schemas.end());
      INFO("schema " << objects[it->second]);
      std::set<std::string> reader(keys.begin(), keys.end()), allowed;
      if (map == &*doc->root) {
        for (const std::string& p : planned) reader.erase(p);  // rejected as "not implemented yet"
      }
      for (const auto& [k, v] : it->second->at("properties").items()) allowed.insert(k);
      CHECK(reader == allowed);
      compared.insert(it->second);
    }
  }
  // The shipped specs reach every part of the schema, so every part was compared.
  for (const auto& [s, at] : objects) {
    INFO("no shipped spec uses " << at << "; add it to tests/spec/schema-extra.yaml");
    CHECK(compared.count(s) == 1);
  }
}
