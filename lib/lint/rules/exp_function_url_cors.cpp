// AIP-EXP-042: a Lambda function URL whose CORS policy allows every origin and
// every method (checkov CKV2_AWS_75).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_function_url_cors {

bool lists_star(const Json* values) {
  if (values == nullptr || !values->is_array()) return false;
  for (const Json& v : *values) {
    if (v == "*") return true;
  }
  return false;
}

void check(Context& ctx) {
  for (const ResourceRef& u : ctx.resources("AWS::Lambda::Url")) {
    const Json* cors = member(u.properties(), "Cors");
    if (cors == nullptr || !cors->is_object()) continue;  // no CORS: browsers refuse cross-origin calls
    if (!lists_star(member(*cors, "AllowOrigins")) || !lists_star(member(*cors, "AllowMethods"))) continue;
    ctx.report(u, {"Properties", "Cors"},
               fmt::format("function URL {} allows every origin and every method (AllowOrigins and AllowMethods "
                           "\"*\"): any web page a user visits can call the function from the user's browser",
                           u.display()));
  }
}

}  // namespace exp_function_url_cors

const Rule& rule_exp_function_url_cors() {
  static const Rule rule{
      {"AIP-EXP-042", "Function URL with an open CORS policy", Severity::warning,
       {"exposure", "nist-800-53", "soc2", "iso27001"},
       "A function URL's CORS policy tells browsers which web origins may call it. AllowOrigins \"*\" together with "
       "AllowMethods \"*\" lets script on any site a user visits send any request (a POST that starts a job, a "
       "DELETE) to the function and, for a function that reads cookies or tokens, act for the user (checkov "
       "CKV2_AWS_75).",
       "List the application's origins in AllowOrigins and only the methods it uses in AllowMethods; keep "
       "AllowCredentials false unless the origins are listed."},
      &exp_function_url_cors::check};
  return rule;
}

}  // namespace aip::lint
