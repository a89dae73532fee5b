// The compact text form of one service of the IAM action catalog, which the
// binary embeds instead of the service's JSON: a query reads its lines as views
// into the embedded text, with nothing to parse into maps of strings (the
// catalog was most of what `aip lint` held in memory). embed_catalog.cpp writes
// it at build time; ActionCatalog reads it.
//
//   <service name>\n
//   R\t<resource type>\t<ARN format>\n                          sorted by type
//   A\t<Action>\t<access level>\t<types,...>\t<required,...>\n  sorted by lower-cased name
//
// Names, types and ARN formats hold no tab, newline or comma (the embedder checks).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace aip::iam::catalog_text {

// One service of data/iam-actions.json ({"name", "resources", "actions"}) in
// the form above. Of actions whose names differ only in case, the first in key
// order is kept. Throws std::invalid_argument on a field the form cannot hold.
std::string compact_service(std::string_view prefix, const nlohmann::json& service);

struct ActionLine {
  std::string_view name;       // "GetObject"
  std::string_view access;     // "Read"
  std::string_view resources;  // "accesspointobject,object"; "" when none
  std::string_view required;   // comma-separated as well
};

struct ServiceLines {
  std::string_view name;
  std::vector<std::pair<std::string_view, std::string_view>> arn_formats;  // type -> format, sorted by type
  std::vector<ActionLine> actions;                                          // sorted by lower-cased name
};

// Reads the form above; the views point into `text`.
ServiceLines read_service(std::string_view text);

// Splits a comma-separated list ("" -> none).
std::vector<std::string> split_list(std::string_view list);

// a < b, ignoring ASCII case: the order of ServiceLines::actions.
bool less_ignoring_case(std::string_view a, std::string_view b);

}  // namespace aip::iam::catalog_text
