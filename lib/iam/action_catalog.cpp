#include "iam/action_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "iam/catalog_data.hpp"
#include "iam/wildcard.hpp"

namespace aip::iam {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

struct ActionCatalog::Service {
  std::string name;
  std::map<std::string, std::string> arn_formats;  // resource type -> ARN format
  std::map<std::string, CatalogAction> actions;    // lowercased name -> action
};

// One service: its JSON text until first asked for, then the parsed form.
struct ActionCatalog::Slot {
  std::string prefix;
  std::string owned;      // the text when the catalog was built from a document
  std::string_view text;  // into `owned` or the embedded table
  mutable std::once_flag once;
  mutable std::unique_ptr<Service> parsed;
};

ActionCatalog::ActionCatalog() = default;
ActionCatalog::~ActionCatalog() = default;

ActionCatalog::ActionCatalog(const nlohmann::json& doc) {
  source_ = doc.at("source").get<std::string>() + "@" + doc.at("version").get<std::string>() + " (data of " +
            doc.value("dataUpdated", std::string("unknown")) + ")";
  for (const auto& [prefix, service] : doc.at("services").items()) {
    auto slot = std::make_unique<Slot>();
    slot->prefix = prefix;
    slot->owned = service.dump();
    slot->text = slot->owned;
    slots_.push_back(std::move(slot));
  }
}

const ActionCatalog& ActionCatalog::embedded() {
  static const ActionCatalog* catalog = [] {
    auto* c = new ActionCatalog();  // never destroyed: may be used during static destruction
    c->source_ = std::string(catalog_data::source());
    for (const auto& entry : catalog_data::services()) {
      auto slot = std::make_unique<Slot>();
      slot->prefix = std::string(entry.prefix);
      slot->text = entry.json;
      c->slots_.push_back(std::move(slot));
    }
    return c;
  }();
  return *catalog;
}

const ActionCatalog::Service* ActionCatalog::service(std::string_view prefix) const {
  const std::string key = lower(prefix);
  const auto it = std::lower_bound(slots_.begin(), slots_.end(), key,
                                   [](const auto& slot, const std::string& k) { return slot->prefix < k; });
  if (it == slots_.end() || (*it)->prefix != key) return nullptr;
  const Slot& slot = **it;
  std::call_once(slot.once, [&] {
    const auto j = nlohmann::json::parse(slot.text);
    auto s = std::make_unique<Service>();
    s->name = j.value("name", slot.prefix);
    s->arn_formats = j.value("resources", std::map<std::string, std::string>{});
    for (const auto& [name, a] : j.at("actions").items()) {
      CatalogAction action{slot.prefix, name, a.value("access", std::string()),
                           a.value("resources", std::vector<std::string>{}),
                           a.value("required", std::vector<std::string>{})};
      s->actions.emplace(lower(name), std::move(action));
    }
    slot.parsed = std::move(s);
  });
  return slot.parsed.get();
}

std::vector<std::string> ActionCatalog::services() const {
  std::vector<std::string> out;
  for (const auto& slot : slots_) out.push_back(slot->prefix);
  return out;
}

bool ActionCatalog::known_service(std::string_view prefix) const { return service(prefix) != nullptr; }

std::string ActionCatalog::service_name(std::string_view prefix) const {
  const Service* s = service(prefix);
  return s ? s->name : std::string();
}

const CatalogAction* ActionCatalog::find(std::string_view action) const {
  const auto colon = action.find(':');
  if (colon == std::string_view::npos) return nullptr;
  const Service* s = service(action.substr(0, colon));
  if (!s) return nullptr;
  const auto it = s->actions.find(lower(action.substr(colon + 1)));
  return it == s->actions.end() ? nullptr : &it->second;
}

bool ActionCatalog::known_action(std::string_view action) const { return find(action) != nullptr; }

std::vector<std::string> ActionCatalog::expand(std::string_view pattern) const {
  std::string_view prefix_pattern = "*", action_pattern = "*";
  if (pattern != "*") {
    const auto colon = pattern.find(':');
    if (colon == std::string_view::npos) return {};
    prefix_pattern = pattern.substr(0, colon);
    action_pattern = pattern.substr(colon + 1);
  }
  std::vector<std::string> out;
  for (const auto& slot : slots_) {
    if (!glob_match(prefix_pattern, slot->prefix, Case::Insensitive)) continue;
    for (const auto& [key, action] : service(slot->prefix)->actions) {
      if (glob_match(action_pattern, action.name, Case::Insensitive)) out.push_back(action.full_name());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool ActionCatalog::supports_resource_level(std::string_view action) const {
  const CatalogAction* a = find(action);
  return a && !a->resource_types.empty();
}

std::vector<std::string> ActionCatalog::resource_arn_formats(std::string_view action) const {
  const CatalogAction* a = find(action);
  if (!a) return {};
  std::vector<std::string> out;
  for (const auto& type : a->resource_types) {
    if (auto f = resource_arn_format(a->service, type); !f.empty()) out.push_back(std::move(f));
  }
  return out;
}

std::string ActionCatalog::resource_arn_format(std::string_view prefix, std::string_view resource_type) const {
  const Service* s = service(prefix);
  if (!s) return {};
  const auto it = s->arn_formats.find(std::string(resource_type));
  return it == s->arn_formats.end() ? std::string() : it->second;
}

}  // namespace aip::iam
