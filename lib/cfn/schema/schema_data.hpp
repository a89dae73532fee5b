#pragma once
// Interface to the build-generated table of embedded resource schemas
// (see embed.cpp). Internal to aip_cfn_schema; use SchemaDb instead.
#include <span>
#include <string_view>

namespace aip::cfn::schema_data {

struct EmbeddedEntry {
  std::string_view type;  // e.g. "AWS::EC2::VPC"; entries are sorted by type
  std::string_view json;  // one line of data/cfn-schemas.jsonl
};

std::span<const EmbeddedEntry> entries();
std::string_view source_version();

}  // namespace aip::cfn::schema_data
