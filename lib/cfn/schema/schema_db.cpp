#include "cfn/schema/schema_db.hpp"

#include "cfn/schema/schema_data.hpp"
#include "cfn/schema/schema_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace aip::cfn {

// Parsed entries, filled on demand: one slot per entry (same index), each
// parsed once. Threads that need different types parse them at the same time;
// one that needs a type being parsed waits for that type only.
struct SchemaDb::Cache {
  struct Slot {
    std::once_flag once;
    std::unique_ptr<ResourceSchema> schema;
  };
  explicit Cache(std::size_t size) : slots(size) {}
  std::vector<Slot> slots;
};

namespace {

std::vector<std::string> strings(const nlohmann::json& entry, const char* key) {
  std::vector<std::string> out;
  if (auto it = entry.find(key); it != entry.end()) out = it->get<std::vector<std::string>>();
  return out;
}

std::optional<double> number_of(const nlohmann::json& p, const char* key) {
  auto it = p.find(key);
  if (it == p.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

ValueLimits parse_limits(const nlohmann::json& p) {
  ValueLimits l;
  l.pattern = p.value("pattern", std::string());
  l.min_length = number_of(p, "minLength");
  l.max_length = number_of(p, "maxLength");
  l.minimum = number_of(p, "minimum");
  l.maximum = number_of(p, "maximum");
  l.min_items = number_of(p, "minItems");
  l.max_items = number_of(p, "maxItems");
  l.unique_items = p.value("uniqueItems", false);
  return l;
}

std::map<std::string, std::vector<std::string>, std::less<>> name_lists(const nlohmann::json& def, const char* key) {
  std::map<std::string, std::vector<std::string>, std::less<>> out;
  if (auto it = def.find(key); it != def.end()) {
    for (const auto& [name, list] : it->items()) out.emplace(name, list.get<std::vector<std::string>>());
  }
  return out;
}

// `def` holds "properties" and the property-set keys (a resource entry or a
// "types" entry).
StructSchema parse_struct(const nlohmann::json& def) {
  StructSchema s;
  for (const auto& [name, p] : def.at("properties").items()) {
    PropertySchema ps;
    ps.type = parse_type_expr(p.at("type").get<std::string>());
    ps.required = p.value("required", false);
    if (auto e = p.find("enum"); e != p.end()) {
      for (const auto& v : *e) ps.enum_values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    }
    ps.limits = parse_limits(p);
    ps.key_pattern = p.value("keyPattern", std::string());
    s.properties.emplace(name, std::move(ps));
  }
  s.exactly_one = strings(def, "exactlyOne");
  s.at_least_one = strings(def, "atLeastOne");
  s.requires_also = name_lists(def, "requires");
  s.excludes = name_lists(def, "excludes");
  return s;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

// True when the stored pattern ("A/*/B") is a prefix of the path; "*" matches
// any one segment.
bool pattern_covers(std::string_view pattern, const PropertyPath& path) {
  const auto segs = split(pattern, '/');
  if (segs.size() > path.size()) return false;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (segs[i] != "*" && segs[i] != path[i]) return false;
  }
  return true;
}

}  // namespace

const PropertySchema* StructSchema::find(std::string_view name) const {
  auto it = properties.find(name);
  return it == properties.end() ? nullptr : &it->second;
}

std::vector<std::string> StructSchema::required() const {
  std::vector<std::string> out;
  for (const auto& [name, p] : properties) {
    if (p.required) out.push_back(name);
  }
  return out;
}

ResourceSchema ResourceSchema::from_json(const nlohmann::json& entry) {
  ResourceSchema r;
  r.type_name = entry.at("type").get<std::string>();
  r.properties = parse_struct(entry);
  if (auto t = entry.find("types"); t != entry.end()) {
    for (const auto& [name, def] : t->items()) r.types.emplace(name, parse_struct(def));
  }
  r.create_only = strings(entry, "createOnly");
  r.conditional_create_only = strings(entry, "conditionalCreateOnly");
  r.attributes = strings(entry, "attributes");
  r.dynamic_attributes = strings(entry, "dynamicAttributes");
  if (auto t = entry.find("attributeTypes"); t != entry.end()) {
    for (const auto& [name, type] : t->items()) r.attribute_types.emplace(name, parse_type_expr(type.get<std::string>()));
  }
  r.primary_identifier = strings(entry, "primaryIdentifier");
  r.cfn_ref_identifier = strings(entry, "cfnRefIdentifier");
  if (auto t = entry.find("tagging"); t != entry.end()) {
    r.tagging = TagInfo{t->at("property").get<std::string>(), t->at("variant").get<std::string>()};
  }
  r.transform = entry.value("transform", std::string());
  return r;
}

const StructSchema* ResourceSchema::nested_type(std::string_view name) const {
  auto it = types.find(name);
  return it == types.end() ? nullptr : &it->second;
}

bool ResourceSchema::has_attribute(std::string_view name) const {
  if (std::binary_search(attributes.begin(), attributes.end(), name, std::less<>{})) return true;
  for (const auto& dyn : dynamic_attributes) {
    if (name.size() > dyn.size() + 1 && name.substr(0, dyn.size()) == dyn && name[dyn.size()] == '.') return true;
  }
  return false;
}

std::optional<TypeRef> ResourceSchema::attribute_type(std::string_view name) const {
  if (std::binary_search(attributes.begin(), attributes.end(), name, std::less<>{})) {
    const auto it = attribute_types.find(name);
    return it == attribute_types.end() ? TypeRef{} : it->second;
  }
  for (const auto& dyn : dynamic_attributes) {
    if (name.size() <= dyn.size() + 1 || name.substr(0, dyn.size()) != dyn || name[dyn.size()] != '.') continue;
    const auto it = attribute_types.find(dyn);
    if (it != attribute_types.end() && it->second.kind == TypeRef::Kind::Map) return it->second.args.at(0);
    return TypeRef{TypeRef::Kind::AnyJson, {}, {}};
  }
  return std::nullopt;
}

const PropertySchema* ResourceSchema::resolve(const PropertyPath& path) const {
  if (path.empty()) return nullptr;
  const PropertySchema* current = properties.find(path[0]);
  if (!current) return nullptr;
  const TypeRef* type = &current->type;
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (type->kind == TypeRef::Kind::List || type->kind == TypeRef::Kind::Map) {
      type = &type->args.at(0);  // path[i] is an index or key: step into the element
      continue;
    }
    if (type->kind != TypeRef::Kind::Named) return nullptr;
    const StructSchema* s = nested_type(type->name);
    current = s ? s->find(path[i]) : nullptr;
    if (!current) return nullptr;
    type = &current->type;
  }
  return current;
}

Replacement ResourceSchema::replacement(const PropertyPath& path) const {
  for (const auto& p : create_only) {
    if (pattern_covers(p, path)) return Replacement::Always;
  }
  for (const auto& p : conditional_create_only) {
    if (pattern_covers(p, path)) return Replacement::Conditional;
  }
  return Replacement::None;
}

std::vector<std::string> ResourceSchema::read_only() const {
  std::vector<std::string> out;
  for (auto a : attributes) {
    std::replace(a.begin(), a.end(), '.', '/');
    out.push_back(std::move(a));
  }
  return out;
}

bool ResourceSchema::is_read_only(const PropertyPath& path) const {
  for (const auto& p : read_only()) {
    if (pattern_covers(p, path)) return true;
  }
  return false;
}

SchemaDb::SchemaDb(std::vector<Entry> entries, std::string version)
    : entries_(std::move(entries)), version_(std::move(version)), cache_(std::make_unique<Cache>(entries_.size())) {}

SchemaDb::SchemaDb(std::string jsonl, std::string version)
    : storage_(std::move(jsonl)), version_(std::move(version)) {
  const std::string_view text = storage_;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    // Only the type name is needed now; the rest is parsed on lookup.
    const auto j = nlohmann::json::parse(line);
    const auto& type = j.at("type").get_ref<const std::string&>();
    const auto pos = line.find(type);  // the name occurs verbatim in its own line
    entries_.push_back({line.substr(pos, type.size()), line});
  }
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.type < b.type; });
  cache_ = std::make_unique<Cache>(entries_.size());
}

SchemaDb::~SchemaDb() = default;

const SchemaDb& SchemaDb::builtin() {
  static const SchemaDb db = [] {
    std::vector<Entry> entries;
    for (const auto& e : schema_data::entries()) entries.push_back({e.type, e.json});
    return SchemaDb(std::move(entries), std::string(schema_data::source_version()));
  }();
  return db;
}

std::unique_ptr<SchemaDb> SchemaDb::from_jsonl(std::string text, std::string version) {
  return std::unique_ptr<SchemaDb>(new SchemaDb(std::move(text), std::move(version)));
}

const ResourceSchema* SchemaDb::find(std::string_view type) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), type,
                             [](const Entry& e, std::string_view t) { return e.type < t; });
  if (it == entries_.end() || it->type != type) return nullptr;
  Cache::Slot& slot = cache_->slots[static_cast<std::size_t>(it - entries_.begin())];
  std::call_once(slot.once, [&] {
    // Straight from the text when it has the embedder's shape (every built-in
    // entry has); the json document is the general way.
    auto schema = schema_text::parse(it->json);
    if (!schema) schema = ResourceSchema::from_json(nlohmann::json::parse(it->json));
    slot.schema = std::make_unique<ResourceSchema>(std::move(*schema));
  });
  return slot.schema.get();
}

std::optional<TagInfo> SchemaDb::tagging(std::string_view type) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), type,
                             [](const Entry& e, std::string_view t) { return e.type < t; });
  if (it == entries_.end() || it->type != type) return std::nullopt;
  std::optional<TagInfo> out;
  if (schema_text::parse_tagging(it->json, out)) return out;
  return find(type)->tagging;  // not of the embedder's shape: the general way
}

bool SchemaDb::contains(std::string_view type) const {
  return std::binary_search(entries_.begin(), entries_.end(), Entry{type, {}},
                            [](const Entry& a, const Entry& b) { return a.type < b.type; });
}

std::vector<std::string> SchemaDb::type_names() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) out.emplace_back(e.type);
  return out;
}

std::string SchemaDb::source_version() const { return version_; }

}  // namespace aip::cfn
