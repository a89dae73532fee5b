#include "cfn/render.hpp"

#include "cfn/overrides.hpp"
#include "cfn/tagging.hpp"

#include <type_traits>
#include <utility>

namespace aip::cfn {
namespace {

// A resource's value for its template entry: moved out of a stack the caller
// gives up (StackT not const), copied otherwise.
template <class T>
decltype(auto) take_or_copy(T& value) {
  if constexpr (std::is_const_v<T>) {
    return (value);
  } else {
    return std::move(value);
  }
}

// Both render_template and render_template_taking: StackT is `const Stack` or `Stack`.
template <class StackT>
Json render_stack(const Assembly& assembly, StackT& stack) {
  Json resources = Json::object();
  for (auto& r : stack.resources) {
    Json properties = take_or_copy(r.properties);
    if (const TagPlacement placement = tag_placement(r.type); placement.style != TagStyle::none) {
      // Later sources win: platform tags, then the element's own, then aip's.
      std::map<std::string, std::string> tags = assembly.tags;
      for (const auto& [k, v] : r.tags) tags[k] = v;
      tags["aip:spec"] = assembly.platform;
      tags["aip:stack"] = stack.id;
      properties[placement.property] = tags_property(tags, placement.style);
    }
    for (const auto& [path, value] : r.overrides) apply_override(properties, path, value);  // checked by plan
    Json entry = Json{{"Type", r.type}};
    if (!properties.empty()) entry["Properties"] = std::move(properties);
    if (!r.metadata.is_null()) entry["Metadata"] = take_or_copy(r.metadata);
    if (!r.depends_on.empty()) entry["DependsOn"] = r.depends_on;
    if (!r.deletion_policy.empty()) {
      entry["DeletionPolicy"] = r.deletion_policy;
      entry["UpdateReplacePolicy"] = r.deletion_policy;
    }
    if (!r.update_replace_policy.empty()) entry["UpdateReplacePolicy"] = r.update_replace_policy;
    if (!r.update_policy.is_null()) entry["UpdatePolicy"] = take_or_copy(r.update_policy);
    resources[r.logical_id] = std::move(entry);
  }
  Json document = Json{{"AWSTemplateFormatVersion", "2010-09-09"}, {"Resources", std::move(resources)}};
  if (!stack.description.empty()) document["Description"] = stack.description;
  if (!stack.parameters.empty()) {
    Json parameters = Json::object();
    for (const auto& [name, parameter] : stack.parameters) parameters[name] = parameter;
    document["Parameters"] = std::move(parameters);
  }
  if (!stack.outputs.empty()) {
    Json outputs = Json::object();
    for (const auto& [name, output] : stack.outputs) outputs[name] = output;
    document["Outputs"] = std::move(outputs);
  }
  return document;
}

}  // namespace

Json render_template(const Assembly& assembly, const Stack& stack) { return render_stack(assembly, stack); }

Json render_template_taking(const Assembly& assembly, Stack& stack) { return render_stack(assembly, stack); }

}  // namespace aip::cfn
