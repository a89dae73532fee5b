#include "cfn/model.hpp"

#include <cctype>

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"

namespace aip::cfn {

DuplicateId::DuplicateId(std::string logical_id, Location a, Location b)
    : std::runtime_error(fmt::format("logical id {} is used twice", logical_id)),
      id(std::move(logical_id)),
      first(a),
      second(b) {}

Resource& Stack::add(Resource r) {
  auto it = index_.find(r.logical_id);
  if (it != index_.end()) throw DuplicateId(r.logical_id, resources[it->second].provenance, r.provenance);
  index_.emplace(r.logical_id, resources.size());
  resources.push_back(std::move(r));
  return resources.back();
}

const Resource* Stack::find(std::string_view logical_id) const {
  auto it = index_.find(logical_id);
  return it == index_.end() ? nullptr : &resources[it->second];
}

Resource* Stack::find(std::string_view logical_id) {
  auto it = index_.find(logical_id);
  return it == index_.end() ? nullptr : &resources[it->second];
}

Stack* Assembly::find(std::string_view id) {
  for (Stack& s : stacks) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const Stack* Assembly::find(std::string_view id) const {
  for (const Stack& s : stacks) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

Json Assembly::ref(Stack& from, Stack& to, const std::string& logical_id) {
  if (auto it = to.existing.find(logical_id); it != to.existing.end()) return it->second;
  if (&from == &to) return intrinsic::ref(logical_id);
  return import(from, to, logical_id + "Ref", intrinsic::ref(logical_id));
}

Json Assembly::get_att(Stack& from, Stack& to, const std::string& logical_id, const std::string& attribute) {
  if (auto it = to.existing_attributes.find({logical_id, attribute}); it != to.existing_attributes.end()) {
    return it->second;
  }
  if (to.existing.count(logical_id) != 0) {
    throw UnresolvableReference(fmt::format("{} stands for existing infrastructure: its {} is not known to aip",
                                            logical_id, attribute));
  }
  if (&from == &to) return intrinsic::get_att(logical_id, attribute);
  std::string name = logical_id;
  for (char c : attribute) {
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  }
  return import(from, to, name, intrinsic::get_att(logical_id, attribute));
}

Json Assembly::import(Stack& from, Stack& to, const std::string& output_name, Json value) {
  if (from.environment() != to.environment()) {
    throw UnresolvableReference(fmt::format("stack {} ({}) cannot import from {} ({}): CloudFormation exports do "
                                            "not cross accounts or regions",
                                            from.id, from.environment(), to.id, to.environment()));
  }
  std::string export_name = fmt::format("{}:{}", to.id, output_name);
  to.outputs[output_name] = Json{{"Value", std::move(value)}, {"Export", Json{{"Name", export_name}}}};
  from.dependencies.insert(to.id);
  return intrinsic::import_value(export_name);
}

}  // namespace aip::cfn
