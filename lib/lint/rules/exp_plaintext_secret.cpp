// AIP-EXP-036: credentials written into a template in plain text: Lambda
// environment variables (checkov CKV_AWS_45), SSM String parameters (CKV_AWS_384)
// and EC2 user data (CKV_AWS_46).
#include <cctype>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_plaintext_secret {

// What in `text` looks like a credential: an AWS access key id, a private key,
// an aws_secret_access_key assignment (git-secrets' AWS and general patterns,
// which checkov uses). "" when nothing does.
std::string credential_in(std::string_view text) {
  static const char* kKeyPrefixes[] = {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA"};
  for (std::size_t i = 0; i + 20 <= text.size(); ++i) {
    bool prefix = false;
    for (const char* p : kKeyPrefixes) prefix = prefix || text.compare(i, 4, p) == 0;
    if (!prefix || (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1])))) continue;
    bool rest = true;
    for (std::size_t k = i + 4; k < i + 20; ++k) {
      const char c = text[k];
      rest = rest && (std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)));
    }
    if (rest && (i + 20 == text.size() || !std::isalnum(static_cast<unsigned char>(text[i + 20])))) {
      return "an AWS access key id";
    }
  }
  if (text.find("-----BEGIN") != std::string_view::npos && text.find("PRIVATE KEY-----") != std::string_view::npos) {
    return "a private key";
  }
  const std::string low = lower(text);
  for (std::size_t at = low.find("aws_secret_access_key"); at != std::string::npos;
       at = low.find("aws_secret_access_key", at + 1)) {
    std::size_t k = at + 21;
    while (k < low.size() && (low[k] == ' ' || low[k] == '"' || low[k] == '\'')) ++k;
    if (k < low.size() && (low[k] == '=' || low[k] == ':')) return "an AWS secret access key";
  }
  return "";
}

// A literal that names a secret rather than holding one.
bool reference_like(const std::string& value) {
  return value.empty() || value.rfind("arn:", 0) == 0 || value.rfind("{{resolve:", 0) == 0 ||
         value.find("${") != std::string::npos;
}

// Names that say the value is a credential; names of a secret's ARN, id or name are not.
bool secret_name(const std::string& name) {
  if (!cicd_plaintext_credentials::credential_name(name)) return false;
  const std::string n = lower(name);
  for (const char* suffix : {"_arn", "_name", "_id", "_path", "_parameter", "_param", "_table", "_url"}) {
    const std::string s = suffix;
    if (n.size() > s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0) return false;
  }
  return true;
}

void check_functions(Context& ctx) {
  for (const char* type : {"AWS::Lambda::Function", "AWS::Serverless::Function"}) {
    for (const ResourceRef& f : ctx.resources(type)) {
      const Json* vars = member_path(f.properties(), {"Environment", "Variables"});
      if (vars == nullptr || !vars->is_object()) continue;
      for (auto it = vars->begin(); it != vars->end(); ++it) {
        if (!it.value().is_string()) continue;  // an intrinsic: a reference, not a literal
        const std::string value = it.value().get<std::string>();
        std::string what = credential_in(value);
        if (what.empty() && secret_name(it.key()) && !reference_like(value)) what = "a credential";
        if (what.empty()) continue;
        ctx.report(f, {"Properties", "Environment", "Variables", it.key()},
                   fmt::format("function {} sets {} in plain text ({}): anyone who may read the function's "
                               "configuration or the template sees it; read it from Secrets Manager at run time",
                               f.display(), it.key(), what));
      }
    }
  }
}

void check_parameters(Context& ctx) {
  for (const ResourceRef& p : ctx.resources("AWS::SSM::Parameter")) {
    const Json* value = member(p.properties(), "Value");
    if (value == nullptr || !value->is_string()) continue;
    const std::string v = value->get<std::string>();
    const Json* name = member(p.properties(), "Name");
    const std::string n = name != nullptr && name->is_string() ? name->get<std::string>() : p.logical_id;
    std::string what = credential_in(v);
    if (what.empty()) {
      // checkov's condition: a name with "secret" or "api key", a literal value, not a test or example.
      const std::string ln = lower(n);
      const bool named = ln.find("secret") != std::string::npos || ln.find("apikey") != std::string::npos ||
                         ln.find("api_key") != std::string::npos || ln.find("password") != std::string::npos ||
                         ln.find("token") != std::string::npos;
      const bool sample = ln.find("test") != std::string::npos || ln.find("example") != std::string::npos ||
                          lower(v).find("test") != std::string::npos || lower(v).find("example") != std::string::npos;
      if (named && !sample && !reference_like(v)) what = "a credential";
    }
    if (what.empty()) continue;
    ctx.report(p, {"Properties", "Value"},
               fmt::format("parameter {} stores {} as a plain String in the template: CloudFormation cannot create "
                           "SecureString parameters, so keep the value in Secrets Manager (or create the "
                           "SecureString outside the template)",
                           n, what));
  }
}

// The literal text of user data: a string, or Fn::Base64 / Fn::Sub of one.
std::string user_data_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_object() || v.size() != 1) return "";
  const Json* inner = member(v, "Fn::Base64");
  if (inner == nullptr) inner = member(v, "Fn::Sub");
  if (inner == nullptr) return "";
  if (inner->is_array() && !inner->empty()) return user_data_text((*inner)[0]);
  return user_data_text(*inner);
}

void check_user_data(Context& ctx) {
  struct Where {
    const char* type;
    std::vector<std::string> path;
  };
  static const Where kWhere[] = {
      {"AWS::EC2::Instance", {"UserData"}},
      {"AWS::EC2::LaunchTemplate", {"LaunchTemplateData", "UserData"}},
      {"AWS::AutoScaling::LaunchConfiguration", {"UserData"}},
  };
  for (const Where& w : kWhere) {
    for (const ResourceRef& r : ctx.resources(w.type)) {
      const Json* data = member_path(r.properties(), w.path);
      if (data == nullptr) continue;
      const std::string text = user_data_text(*data);
      std::string what = credential_in(text);
      if (what.empty()) continue;
      Path at{"Properties"};
      at.insert(at.end(), w.path.begin(), w.path.end());
      ctx.report(r, at,
                 fmt::format("{} has {} in its user data: user data is readable by everyone who may describe the "
                             "instance and by every process on it through the metadata service; give the instance a "
                             "role, or read the secret from Secrets Manager at boot",
                             r.display(), what));
    }
  }
}

void check(Context& ctx) {
  check_functions(ctx);
  check_parameters(ctx);
  check_user_data(ctx);
}

}  // namespace exp_plaintext_secret

const Rule& rule_exp_plaintext_secret() {
  static const Rule rule{
      {"AIP-EXP-036", "Credentials in plain text in a function, parameter or user data", Severity::error,
       {"exposure", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001", "gdpr"},
       "A password, token, API key (a model provider's, a vector store's) or AWS access key written into a Lambda "
       "environment variable, an SSM String parameter or EC2 user data is stored unencrypted in the template, in "
       "the stack's history and in source control, and returned in clear text by GetFunctionConfiguration, "
       "GetParameter and the instance metadata service to everyone allowed to call them. It cannot be rotated "
       "without a deployment and usually outlives the person who put it there (checkov CKV_AWS_45, CKV_AWS_384, "
       "CKV_AWS_46). Values that only name a secret (an ARN, a {{resolve:secretsmanager:...}} reference, a "
       "${...} substitution) and names ending in _ARN, _NAME, _ID and the like are not reported.",
       "Keep the value in Secrets Manager and pass the secret's ARN instead; the code reads it at run time with "
       "secretsmanager:GetSecretValue on that ARN (aip's `secrets:` area and its functions' `secrets:` do this). "
       "Replace AWS access keys with the function's or instance's role."},
      &exp_plaintext_secret::check};
  return rule;
}

}  // namespace aip::lint
