// AIP-ENC-044: a Lex bot alias (or a bot's test alias) whose conversation
// logs are written without a KMS key (cdk-nag AwsSolutions-LEX4).
#include <optional>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_lex_conversation_logs {

bool enabled(const Json& log) {
  const Json* on = member(log, "Enabled");
  return on != nullptr && is_true(*on);
}

void check_settings(Context& ctx, const ResourceRef& r, const Path& at, const Json* settings) {
  if (settings == nullptr || !settings->is_object()) return;
  // Audio logs go to S3: the destination names its own KMS key.
  if (const Json* audio = member(*settings, "AudioLogSettings"); audio != nullptr && audio->is_array()) {
    for (std::size_t i = 0; i < audio->size(); ++i) {
      if (!enabled((*audio)[i])) continue;
      if (member_path((*audio)[i], {"Destination", "S3Bucket", "KmsKeyArn"}) != nullptr) continue;
      Path p = at;
      p.insert(p.end(), {"AudioLogSettings", std::to_string(i)});
      ctx.report(r, p,
                 fmt::format("Lex {} writes audio conversation logs to S3 without a KMS key (Destination.S3Bucket."
                             "KmsKeyArn)",
                             r.display()));
    }
  }
  // Text logs go to a log group: its KmsKeyId decides.
  if (const Json* text = member(*settings, "TextLogSettings"); text != nullptr && text->is_array()) {
    for (std::size_t i = 0; i < text->size(); ++i) {
      if (!enabled((*text)[i])) continue;
      const Json* arn = member_path((*text)[i], {"Destination", "CloudWatch", "CloudWatchLogGroupArn"});
      auto group = arn != nullptr ? ctx.resolve(*r.tmpl, *arn) : std::nullopt;
      if (!group || group->type() != "AWS::Logs::LogGroup") continue;  // defined elsewhere: cannot be judged
      if (member(group->properties(), "KmsKeyId") != nullptr) continue;
      Path p = at;
      p.insert(p.end(), {"TextLogSettings", std::to_string(i)});
      Finding& f = ctx.report(r, p,
                              fmt::format("Lex {} writes text conversation logs to the log group {}, which has no KMS "
                                          "key (KmsKeyId)",
                                          r.display(), group->display()));
      f.note(ctx.locate(*group, {}), "log group declared here");
    }
  }
}

void check(Context& ctx) {
  for (const ResourceRef& a : ctx.resources("AWS::Lex::BotAlias")) {
    check_settings(ctx, a, {"Properties", "ConversationLogSettings"},
                   member(a.properties(), "ConversationLogSettings"));
  }
  for (const ResourceRef& b : ctx.resources("AWS::Lex::Bot")) {
    check_settings(ctx, b, {"Properties", "TestBotAliasSettings", "ConversationLogSettings"},
                   member_path(b.properties(), {"TestBotAliasSettings", "ConversationLogSettings"}));
  }
}

}  // namespace enc_lex_conversation_logs

const Rule& rule_enc_lex_conversation_logs() {
  static const Rule rule{
      {"AIP-ENC-044", "Lex conversation logs without a KMS key", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "gdpr", "soc2", "iso27001"},
       "Lex conversation logs keep what users said and typed to a bot (names, account numbers, health "
       "questions), as audio in S3 and as text in CloudWatch Logs. Without a KMS key on the S3 destination or on "
       "the log group, anyone who may read the bucket or the group reads the conversations, and the key policy "
       "cannot narrow it (cdk-nag AwsSolutions-LEX4, for bot aliases and a bot's test alias). A log group defined "
       "outside the template is not judged.",
       "Give each enabled AudioLogSettings destination S3Bucket.KmsKeyArn, and the text logs' log group a "
       "KmsKeyId (a customer-managed key whose policy allows logs.REGION.amazonaws.com)."},
      &enc_lex_conversation_logs::check};
  return rule;
}

}  // namespace aip::lint
