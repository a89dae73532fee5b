// AIP-AI-001: a Bedrock guardrail without content filters, or without a
// prompt-attack filter on the input.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace ai_guardrail_content_filters {

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::Bedrock::Guardrail")) {
    const Json* filters = member_path(g.properties(), {"ContentPolicyConfig", "FiltersConfig"});
    if (filters == nullptr || !filters->is_array() || filters->empty()) {
      ctx.report(g, {}, fmt::format("guardrail {} has no content filters (ContentPolicyConfig): hate, violence, "
                                    "sexual content and prompt attacks pass it",
                                    g.display()));
      continue;
    }
    bool prompt_attack = false;
    for (const Json& f : *filters) {
      const Json* type = member(f, "Type");
      const Json* strength = member(f, "InputStrength");
      if (type != nullptr && *type == "PROMPT_ATTACK" && strength != nullptr && *strength != "NONE") {
        prompt_attack = true;
      }
    }
    if (!prompt_attack) {
      ctx.report(g, {"Properties", "ContentPolicyConfig"},
                 fmt::format("guardrail {} does not filter prompt attacks (PROMPT_ATTACK with an InputStrength): "
                             "jailbreaks and prompt injection pass it",
                             g.display()));
    }
  }
}

}  // namespace ai_guardrail_content_filters

const Rule& rule_ai_guardrail_content_filters() {
  static const Rule rule{
      {"AIP-AI-001", "Bedrock guardrail without content filters or a prompt-attack filter", Severity::warning,
       {"exposure", "nist-800-53", "soc2", "iso27001"},
       "A guardrail is the control that stops harmful prompts and answers before they reach users. Without "
       "content filters (hate, insults, sexual, violence, misconduct) it blocks only the topics, words and PII "
       "it names; without a PROMPT_ATTACK filter on the input, jailbreaks and prompt injection reach the model "
       "(OWASP LLM01). Denied topics and word lists do not replace either.",
       "Add ContentPolicyConfig with the categories you need and PROMPT_ATTACK at InputStrength HIGH (its "
       "OutputStrength must be NONE). In a spec: `content_filters: {hate: high, ..., prompt_attack: {input: high, "
       "output: none}}`."},
      &ai_guardrail_content_filters::check};
  return rule;
}

}  // namespace aip::lint
