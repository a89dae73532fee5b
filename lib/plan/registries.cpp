// ECR repositories (seed 004): per repository a customer-managed KMS key
// (unless `aws_managed_key: true`), scan on push, immutable tags, a lifecycle
// policy that expires untagged images and all but the newest `keep_images`,
// and, for `pull_accounts`, a repository policy that lets exactly those
// accounts pull.
#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/registries.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace registries_cpp {

using cfn::Json;
namespace fn = cfn::intrinsic;

// ECR's lifecycle policy text: untagged images first, then the image count.
std::string lifecycle_text(const spec::Repository& r) {
  Json rules = Json::array(
      {{{"rulePriority", 1},
        {"description", fmt::format("Expire untagged images after {} days", r.untagged_days.value)},
        {"selection",
         {{"tagStatus", "untagged"}, {"countType", "sinceImagePushed"}, {"countUnit", "days"},
          {"countNumber", r.untagged_days.value}}},
        {"action", {{"type", "expire"}}}},
       {{"rulePriority", 2},
        {"description", fmt::format("Keep the newest {} images", r.keep_images.value)},
        {"selection", {{"tagStatus", "any"}, {"countType", "imageCountMoreThan"}, {"countNumber", r.keep_images.value}}},
        {"action", {{"type", "expire"}}}}});
  return Json{{"rules", rules}}.dump();
}

void plan_repository(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Repository& r) {
  cfn::Stack& stack = repository_stack(spec, assembly, r);
  const std::string id = repository_id(r.name);
  const std::string name = spec::repository_name(spec, r);
  Json encryption = {{"EncryptionType", "AES256"}};
  if (!r.aws_managed_key.value) {
    cfn::Resource& key = add_resource(
        stack, id + "Key", "AWS::KMS::Key",
        {{"Description", fmt::format("Encrypts the images of ECR repository {}", name)},
         {"EnableKeyRotation", true},
         {"PendingWindowInDays", 30},
         {"KeyPolicy", policy_doc(Json::array({account_administers_key()}))}},
        r.location, r.tags);
    // Images outlive the stack; without their key they are unreadable.
    key.deletion_policy = "Retain";
    encryption = {{"EncryptionType", "KMS"}, {"KmsKey", fn::get_att(id + "Key", "Arn")}};
  }
  Json props = {{"RepositoryName", name},
                {"ImageScanningConfiguration", {{"ScanOnPush", r.scan_on_push.value}}},
                {"ImageTagMutability", r.immutable_tags.value ? "IMMUTABLE" : "MUTABLE"},
                {"EncryptionConfiguration", encryption},
                {"LifecyclePolicy", {{"LifecyclePolicyText", lifecycle_text(r)}}}};
  if (!r.pull_accounts.empty()) {
    Json principals = Json::array();
    for (const auto& a : r.pull_accounts) principals.push_back(account_root(spec.find_account(a.value)->id.value));
    props["RepositoryPolicyText"] =
        policy_doc(Json::array({PolicyStatement::allow("CrossAccountPull")
                                    .aws(principals)
                                    .action(Json::array({"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                                         "ecr:GetDownloadUrlForLayer"}))}));
  }
  cfn::Resource& repo = add_resource(stack, id, "AWS::ECR::Repository", props, r.location, r.tags);
  repo.deletion_policy = "Retain";
}

}  // namespace registries_cpp

cfn::Stack& repository_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Repository& repo) {
  spec::Placement p = spec::place(spec, repo.account, repo.region);
  return stack_for(assembly, spec, kLayerRegistries, *p.account, p.region);
}

cfn::Json repository_image(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                           const spec::Repository& repo, const std::string& tag) {
  spec::Placement p = spec::place(spec, repo.account, repo.region);
  if (p.account->id.value == from.account_id && p.region == from.region) {
    cfn::Stack& stack = repository_stack(spec, assembly, repo);
    return cfn::Json{{"Fn::Join", cfn::Json::array({"", cfn::Json::array({assembly.get_att(from, stack, repository_id(repo.name),
                                                                                             "RepositoryUri"),
                                                                            ":" + tag})})}};
  }
  return cfn::intrinsic::sub(fmt::format("{}.dkr.ecr.{}.${{AWS::URLSuffix}}/{}:{}", p.account->id.value, p.region,
                                         spec::repository_name(spec, repo), tag));
}

cfn::Json repository_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                         const spec::Repository& repo) {
  spec::Placement p = spec::place(spec, repo.account, repo.region);
  if (p.account->id.value == from.account_id && p.region == from.region) {
    return assembly.get_att(from, repository_stack(spec, assembly, repo), repository_id(repo.name), "Arn");
  }
  return stack_arn("ecr", "repository/" + spec::repository_name(spec, repo), p.region, p.account->id.value);
}

void plan_registries(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Repository& r : spec.registries.repositories) registries_cpp::plan_repository(spec, assembly, r);
}

}  // namespace aip::plan
