// How functions and services reach the bedrock area's guardrails: the
// statements of a caller that names guardrails, invokes models, or must invoke
// them through a guardrail. Knowledge-base retrieval is attached by the
// bedrock area itself (plan/bedrock.cpp), which is planned after the roles.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// A cross-region inference profile id (`eu.anthropic...`): Bedrock routes it
// to the model in any region of its geography. Models without on-demand
// throughput (Claude Sonnet 4, for one) answer only through a profile.
bool is_inference_profile(std::string_view model_id);

// What invoking `model_id` needs, appended to `arns`: the foundation model in
// this region, or the inference profile of this account and region and the
// model in every region the profile routes to.
void add_invocable_arns(const std::string& model_id, cfn::Json& arns);

// The caller's statements, referenced from `from` (imports from the
// guardrails stack):
//   InvokeModels     bedrock:InvokeModel(WithResponseStream) on the models;
//                    with a model guardrail only when the request carries it
//                    (bedrock:GuardrailIdentifier);
//   ApplyGuardrails  bedrock:ApplyGuardrail on exactly the named guardrails;
//   DecryptGuardrails kms:Decrypt on their customer-managed keys, through Bedrock.
void bedrock_caller_statements(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                               const std::vector<spec::Located<std::string>>& models,
                               const std::vector<spec::Located<std::string>>& guardrails,
                               const spec::Located<std::string>& model_guardrail, cfn::Json& statements);

}  // namespace aip::plan
