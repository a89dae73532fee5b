// The template model: stacks of resources with their properties as JSON, their
// dependencies and the spec location each came from. Planning fills it in; the
// renderer, the validator, lint and diff read it.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/source.hpp"

namespace aip::cfn {

using Json = nlohmann::json;

struct Resource {
  std::string logical_id;
  std::string type;
  Json properties = Json::object();
  std::vector<std::string> depends_on;        // logical ids in the same stack
  std::map<std::string, std::string> tags;    // element tags; platform tags are added when rendering
  std::string deletion_policy;                // "", "Retain", "Snapshot" or "Delete"
  std::string update_replace_policy;          // "": the deletion policy
  Json update_policy;                         // the resource's UpdatePolicy; null: none
  // Spec `overrides:` (cfn/overrides.hpp): Properties paths and values (null
  // deletes), applied by the renderer last, after tags.
  std::vector<std::pair<std::vector<std::string>, Json>> overrides;
  Location provenance;                        // the spec element this resource renders
  // Finer provenance for parts of the properties that render their own spec
  // element (a security group's rule i: {"SecurityGroupIngress", "i"}), so a
  // lint finding inside them points at that element's line.
  std::vector<std::pair<std::vector<std::string>, Location>> property_provenance;
  Json metadata;                              // the resource's Metadata; null: none
};

struct Stack {
  std::string id;            // artifact id and CloudFormation stack name
  std::string layer;         // network, identity, ...
  std::string account_name;
  std::string account_id;
  std::string region;
  std::string description;
  std::vector<Resource> resources;            // in planning order; rendered sorted by id
  std::map<std::string, Json> outputs;        // output name -> {Value, Export}
  // Deploy-time values (the template's Parameters): name -> {Type, Default, ...};
  // a deploy passes a new value (cdk deploy --parameters Stack:Name=value).
  std::map<std::string, Json> parameters;
  std::set<std::string> dependencies;         // stacks whose exports this one imports
  // Logical ids that stand for infrastructure deployed elsewhere (`existing:`
  // in the spec): nothing is rendered for them, and a reference to one is the
  // literal it gives (what Ref would return: "vpc-0abc...", a subnet id).
  std::map<std::string, Json, std::less<>> existing;
  // GetAtt of an existing id: {logical id, attribute} -> the literal.
  std::map<std::pair<std::string, std::string>, Json> existing_attributes;

  // Adds a resource; a logical id already in the stack throws DuplicateId.
  Resource& add(Resource r);
  const Resource* find(std::string_view logical_id) const;
  Resource* find(std::string_view logical_id);
  std::string environment() const { return "aws://" + account_id + "/" + region; }

 private:
  std::map<std::string, std::size_t, std::less<>> index_;
};

// Raised when two spec elements map to the same logical id.
struct DuplicateId : std::runtime_error {
  DuplicateId(std::string id, Location first, Location second);
  std::string id;
  Location first;
  Location second;
};

// Raised when a reference cannot be expressed (another account or region).
struct UnresolvableReference : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Assembly {
  std::string platform;                        // the spec's name
  std::map<std::string, std::string> tags;     // spec-level tags, on every taggable resource
  std::deque<Stack> stacks;                    // deque: references stay valid while stacks are added

  Stack* find(std::string_view id);
  const Stack* find(std::string_view id) const;

  // References from a resource in `from` to one in `to`. Within a stack they are
  // Ref / Fn::GetAtt; across stacks of one environment the target stack gets an
  // exported Output and `from` gets Fn::ImportValue and a stack dependency.
  Json ref(Stack& from, Stack& to, const std::string& logical_id);
  Json get_att(Stack& from, Stack& to, const std::string& logical_id, const std::string& attribute);

 private:
  Json import(Stack& from, Stack& to, const std::string& output_name, Json value);
};

}  // namespace aip::cfn
