#pragma once
// Internal to aip_cfn_schema: a ResourceSchema read straight from its line
// of data/cfn-schemas.jsonl, without building an nlohmann::json document
// first. Parsing the entries a template uses that way was most of an
// `aip validate` of a template (a document of a few hundred nodes per entry,
// each allocated, copied into the schema, freed); reading the text once into
// the schema costs a fifth of that. SchemaDb::find uses it.
#include "cfn/schema/schema_db.hpp"

#include <optional>
#include <string_view>

namespace aip::cfn::schema_text {

// The schema ResourceSchema::from_json(nlohmann::json::parse(line)) gives,
// for lines of the shape the embedder writes (tests/cfn_schema/test_schema_text.cpp
// compares the two over every embedded entry). nullopt for anything else
// (a value of an unexpected kind, a duplicate key, a number that is not a
// plain integer in an enum, malformed JSON): the caller then takes the
// nlohmann path, which reports or tolerates it as it always did.
std::optional<ResourceSchema> parse(std::string_view line);

// Only the entry's `tagging`, as parse(line) reads it, without building the
// rest of the schema (tag placement needs nothing else). False when the line
// is not an object of members; `out` is then unset.
bool parse_tagging(std::string_view line, std::optional<TagInfo>& out);

}  // namespace aip::cfn::schema_text
