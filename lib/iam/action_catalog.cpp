#include "iam/action_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "iam/catalog_data.hpp"
#include "iam/catalog_text.hpp"
#include "iam/wildcard.hpp"

namespace aip::iam {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

// One service as views into its compact text (catalog_text.hpp). The few
// actions find() hands out as CatalogAction are built when first asked for.
struct ActionCatalog::Service {
  catalog_text::ServiceLines lines;
  std::string prefix;
  mutable std::mutex found_mutex;
  mutable std::map<std::string_view, CatalogAction> found;  // by the line's name

  const catalog_text::ActionLine* action(std::string_view name) const {
    const auto it = std::lower_bound(
        lines.actions.begin(), lines.actions.end(), name,
        [](const catalog_text::ActionLine& a, std::string_view n) { return catalog_text::less_ignoring_case(a.name, n); });
    if (it == lines.actions.end() || catalog_text::less_ignoring_case(name, it->name)) return nullptr;
    return &*it;
  }
};

// One service: its compact text until first asked for, then the lines read.
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
    slot->owned = catalog_text::compact_service(prefix, service);
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
      slot->text = entry.text;
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
    auto s = std::make_unique<Service>();
    s->lines = catalog_text::read_service(slot.text);
    s->prefix = slot.prefix;
    slot.parsed = std::move(s);
  });
  return slot.parsed.get();
}

const catalog_text::ActionLine* ActionCatalog::action_line(std::string_view action, const Service** in) const {
  const auto colon = action.find(':');
  if (colon == std::string_view::npos) return nullptr;
  const Service* s = service(action.substr(0, colon));
  if (!s) return nullptr;
  if (in) *in = s;
  return s->action(action.substr(colon + 1));
}

std::vector<std::string> ActionCatalog::services() const {
  std::vector<std::string> out;
  for (const auto& slot : slots_) out.push_back(slot->prefix);
  return out;
}

bool ActionCatalog::known_service(std::string_view prefix) const { return service(prefix) != nullptr; }

std::string ActionCatalog::service_name(std::string_view prefix) const {
  const Service* s = service(prefix);
  return s ? std::string(s->lines.name) : std::string();
}

const CatalogAction* ActionCatalog::find(std::string_view action) const {
  const Service* s = nullptr;
  const catalog_text::ActionLine* line = action_line(action, &s);
  if (!line) return nullptr;
  const std::lock_guard<std::mutex> lock(s->found_mutex);
  auto [it, fresh] = s->found.try_emplace(line->name);
  if (fresh) {
    it->second = CatalogAction{s->prefix, std::string(line->name), std::string(line->access),
                               catalog_text::split_list(line->resources), catalog_text::split_list(line->required)};
  }
  return &it->second;
}

bool ActionCatalog::known_action(std::string_view action) const { return action_line(action) != nullptr; }

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
    for (const catalog_text::ActionLine& a : service(slot->prefix)->lines.actions) {
      if (glob_match(action_pattern, a.name, Case::Insensitive)) out.push_back(slot->prefix + ":" + std::string(a.name));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool ActionCatalog::supports_resource_level(std::string_view action) const {
  const catalog_text::ActionLine* a = action_line(action);
  return a && !a->resources.empty();
}

std::vector<std::string> ActionCatalog::resource_arn_formats(std::string_view action) const {
  const Service* s = nullptr;
  const catalog_text::ActionLine* a = action_line(action, &s);
  if (!a) return {};
  std::vector<std::string> out;
  for (const auto& type : catalog_text::split_list(a->resources)) {
    if (auto f = resource_arn_format(s->prefix, type); !f.empty()) out.push_back(std::move(f));
  }
  return out;
}

std::string ActionCatalog::resource_arn_format(std::string_view prefix, std::string_view resource_type) const {
  const Service* s = service(prefix);
  if (!s) return {};
  const auto& formats = s->lines.arn_formats;
  const auto it = std::lower_bound(formats.begin(), formats.end(), resource_type,
                                   [](const auto& entry, std::string_view t) { return entry.first < t; });
  return it != formats.end() && it->first == resource_type ? std::string(it->second) : std::string();
}

}  // namespace aip::iam
