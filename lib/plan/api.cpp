// The `api:` area rendered into the api stack of each account and region: per
// REST API the API itself (private ones admit only their VPC endpoint), a
// resource per path segment, a method per route with a Lambda proxy
// integration and the invoke permission for exactly that route, Lambda
// authorizers with theirs, and a deployment whose id changes with the methods
// (CloudFormation deploys an API only when the deployment is replaced).
#include <cctype>
#include <cstdint>
#include <map>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/logical_id.hpp"
#include "cfn/schema/template_loader.hpp"
#include "plan/api_parts.hpp"
#include "plan/functions.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

Json lambda_uri(Json function_arn) {
  // API Gateway's ARN of the Lambda service: "lambda" stands where an account would.
  const std::string uri = aws::arn(aws::kThisPartition, "apigateway", aws::kThisRegion, "lambda",
                                   "path/2015-03-31/functions/${FunctionArn}/invocations");
  return Json{{"Fn::Sub", Json::array({uri, {{"FunctionArn", std::move(function_arn)}}})}};
}

// An execute-api ARN of this API: "${Api}/<rest>".
Json execute_api_arn(const std::string& api_id, const std::string& rest) {
  return stack_arn("execute-api", "${" + api_id + "}/" + rest);
}

// "POST" -> "Post": the part of logical ids that names a method.
std::string method_id(const std::string& method) {
  std::string lower;
  for (char c : method) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return cfn::pascal_case(lower);
}

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016X}", h).substr(0, 8);
}

// Private APIs answer only requests that come through the VPC's execute-api
// endpoint; everything else is denied before any authorizer runs.
Json private_policy(Json endpoint_id) {
  auto invoke = [&](PolicyStatement s, const char* op) {
    return s.anyone().action("execute-api:Invoke").resource("execute-api:/*").condition(op, "aws:SourceVpce", endpoint_id);
  };
  return policy_doc(Json::array({invoke(PolicyStatement::deny("DenyOutsideVpcEndpoint"), "StringNotEquals"),
                                 invoke(PolicyStatement::allow("AllowThroughVpcEndpoint"), "StringEquals")}));
}

void plan_rest_api(ApiPlan& p) {
  const spec::RestApi& api = p.api;
  Json properties = {{"Name", p.name},
                     {"Description", api.description.value.empty()
                                         ? fmt::format("API {} of platform {}", api.name, p.spec.name.value)
                                         : api.description.value},
                     {"ApiKeySourceType", api.api_key_source.value == "authorizer" ? "AUTHORIZER" : "HEADER"},
                     {"EndpointConfiguration", {{"Types", Json::array({api.is_private() ? "PRIVATE" : "REGIONAL"})}}}};
  if (api.is_private()) {
    const spec::Vpc& vpc = *p.spec.find_vpc(api.vpc.value);
    Json endpoint = p.assembly.ref(p.stack, vpc_stack(p.spec, p.assembly, vpc), vpc_logical_id(vpc) + "ExecuteApiEndpoint");
    properties["EndpointConfiguration"]["VpcEndpointIds"] = Json::array({endpoint});
    properties["Policy"] = private_policy(endpoint);
  }
  add_resource(p.stack, p.id, "AWS::ApiGateway::RestApi", std::move(properties), api.location, api.tags);
}

// Lambda may be invoked by API Gateway for this source only.
void allow_invoke(ApiPlan& p, const std::string& id, const spec::Function& f, Json source_arn, Location where) {
  add_resource(p.stack, id, "AWS::Lambda::Permission",
               {{"Action", "lambda:InvokeFunction"},
                {"FunctionName", function_arn(p.spec, p.assembly, p.stack, f)},
                {"Principal", "apigateway.amazonaws.com"},
                {"SourceArn", std::move(source_arn)}},
               where);
}

void plan_authorizers(ApiPlan& p) {
  for (const spec::ApiAuthorizer& a : p.api.authorizers) {
    const spec::Function& f = *p.spec.functions.find(a.function.value);
    const std::string id = p.id + cfn::pascal_case(a.name) + "Authorizer";
    std::string sources;
    for (const auto& h : a.headers) sources += (sources.empty() ? "" : ", ") + ("method.request.header." + h.value);
    add_resource(p.stack, id, "AWS::ApiGateway::Authorizer",
                 {{"RestApiId", fn::ref(p.id)},
                  {"Name", a.name},
                  {"Type", a.type.value == "token" ? "TOKEN" : "REQUEST"},
                  {"AuthorizerUri", lambda_uri(function_arn(p.spec, p.assembly, p.stack, f))},
                  {"IdentitySource", sources},
                  {"AuthorizerResultTtlInSeconds", a.cache_seconds.value}},
                 a.location);
    allow_invoke(p, id + "Permission", f, execute_api_arn(p.id, "authorizers/${" + id + "}"), a.function.location);
  }
}

std::string request_validator_id(const ApiPlan& p) { return p.id + "RequestValidator"; }

// The API's one validator: every method names it, so API Gateway checks the
// parameters and body each route declares before the integration runs
// (AIP-EXP-046); a route that declares none passes unchanged.
void plan_request_validator(ApiPlan& p, Json& fingerprint) {
  Json properties = {{"RestApiId", fn::ref(p.id)},
                     {"Name", p.name + "-requests"},
                     {"ValidateRequestBody", true},
                     {"ValidateRequestParameters", true}};
  fingerprint.push_back({request_validator_id(p), properties});
  add_resource(p.stack, request_validator_id(p), "AWS::ApiGateway::RequestValidator", std::move(properties),
               p.api.location);
}

// A route's `validate:`: its required parameters, and a model of its JSON body.
void add_route_validation(ApiPlan& p, const spec::ApiRoute& r, const std::string& route_id, Json& method,
                          Json& fingerprint) {
  const spec::RouteValidation& v = *r.validate;
  if (!v.parameters.empty()) {
    Json parameters = Json::object();
    for (const auto& name : v.parameters) parameters["method.request." + name.value] = true;
    method["RequestParameters"] = std::move(parameters);
  }
  if (v.body) {
    Json schema = cfn::yaml_to_json(*v.body);
    // API Gateway models are JSON Schema draft 4.
    if (!schema.contains("$schema")) schema["$schema"] = "http://json-schema.org/draft-04/schema#";
    const std::string id = p.id + route_id + "BodyModel";
    Json properties = {{"RestApiId", fn::ref(p.id)},
                       {"Name", route_id + "Body"},
                       {"ContentType", "application/json"},
                       {"Schema", std::move(schema)}};
    // The deployment changes with the model: API Gateway validates against
    // the model as it was when the stage was deployed.
    fingerprint.push_back({id, properties});
    add_resource(p.stack, id, "AWS::ApiGateway::Model", std::move(properties), v.body->location);
    method["RequestModels"] = {{"application/json", fn::ref(id)}};
  }
}

// One AWS::ApiGateway::Resource per path prefix and a method per route;
// returns the methods' ids, which the deployment waits for.
std::vector<std::string> plan_routes(ApiPlan& p, Json& fingerprint) {
  std::vector<std::string> methods;
  std::map<std::string, std::string> resources;  // path -> logical id
  auto resource_of = [&](const std::string& path, Location where) -> Json {
    std::vector<std::string> segments = spec::api_path_segments(path);
    Json parent = fn::get_att(p.id, "RootResourceId");
    std::string prefix;
    for (const std::string& segment : segments) {
      prefix += "/" + segment;
      auto it = resources.find(prefix);
      if (it == resources.end()) {
        const std::string id = p.id + path_id(prefix) + "Resource";
        Json properties = {{"RestApiId", fn::ref(p.id)}, {"ParentId", parent}, {"PathPart", segment}};
        fingerprint.push_back({id, properties});
        add_resource(p.stack, id, "AWS::ApiGateway::Resource", std::move(properties), where);
        it = resources.emplace(prefix, id).first;
      }
      parent = fn::ref(it->second);
    }
    return parent;
  };
  for (const spec::ApiRoute& r : p.api.routes) {
    const spec::Function& f = *p.spec.functions.find(r.function.value);
    const std::string auth = spec::route_auth(p.api, r);
    const std::string id = p.id + path_id(r.path) + method_id(r.method) + "Method";
    Json properties = {{"RestApiId", fn::ref(p.id)},
                       {"ResourceId", resource_of(r.path, r.location)},
                       {"HttpMethod", r.method},
                       {"ApiKeyRequired", spec::route_needs_api_key(p.api, r)},
                       {"Integration",
                        {{"Type", "AWS_PROXY"},
                         {"IntegrationHttpMethod", "POST"},
                         {"Uri", lambda_uri(function_arn(p.spec, p.assembly, p.stack, f))}}}};
    if (auth == "none") {
      properties["AuthorizationType"] = "NONE";
    } else if (auth == "iam") {
      properties["AuthorizationType"] = "AWS_IAM";
    } else {
      properties["AuthorizationType"] = "CUSTOM";
      properties["AuthorizerId"] = fn::ref(p.id + cfn::pascal_case(auth) + "Authorizer");
    }
    properties["RequestValidatorId"] = fn::ref(request_validator_id(p));
    if (r.validate) add_route_validation(p, r, path_id(r.path) + method_id(r.method), properties, fingerprint);
    fingerprint.push_back({id, properties});
    add_resource(p.stack, id, "AWS::ApiGateway::Method", std::move(properties), r.location);
    methods.push_back(id);
    // Exactly this method and path of the stage: path parameters match any value.
    std::string path;
    for (const std::string& segment : spec::api_path_segments(r.path)) {
      path += "/" + (segment.front() == '{' ? std::string("*") : segment);
    }
    std::string method = r.method == "ANY" ? "*" : r.method;
    allow_invoke(p, p.id + path_id(r.path) + method_id(r.method) + "Permission", f,
                 execute_api_arn(p.id, fmt::format("{}/{}{}", p.api.stage.name.value, method, path.empty() ? "/" : path)),
                 r.function.location);
  }
  return methods;
}

void plan_one(const spec::Spec& spec, cfn::Assembly& assembly, const spec::RestApi& api) {
  spec::Placement where = spec::api_placement(spec, api);
  ApiPlan p{spec, assembly, api, stack_for(assembly, spec, kLayerApi, *where.account, where.region),
            rest_api_id(api.name), spec.name.value + "-" + api.name};
  plan_rest_api(p);
  plan_authorizers(p);
  Json fingerprint = Json::array();
  for (const spec::ApiAuthorizer& a : api.authorizers) {
    fingerprint.push_back({a.name, a.type.value, a.cache_seconds.value, a.function.value});
  }
  plan_request_validator(p, fingerprint);
  std::vector<std::string> methods = plan_routes(p, fingerprint);
  // A new logical id whenever the routes change: CloudFormation then creates
  // a new deployment and points the stage at it.
  const std::string deployment = p.id + "Deployment" + fnv1a_hex(fingerprint.dump());
  cfn::Resource& d = add_resource(p.stack, deployment, "AWS::ApiGateway::Deployment",
                                  {{"RestApiId", fn::ref(p.id)},
                                   {"Description", fmt::format("Routes of API {} (aip)", api.name)}},
                                  api.location);
  d.depends_on = methods;
  plan_api_stage(p, deployment);
  plan_usage_plans(p);
}

}  // namespace

std::string path_id(const std::string& path) {
  std::vector<std::string> segments = spec::api_path_segments(path);
  if (segments.empty()) return "Root";
  std::string out;
  for (const std::string& s : segments) out += (s.front() == '{' ? "By" : "") + cfn::pascal_case(s);
  return out;
}

std::string method_settings_path(const std::string& path) {
  std::string out = "/";
  for (char c : path) out += c == '/' ? std::string("~1") : std::string(1, c);
  return out;
}

void plan_api(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::RestApi& api : spec.api.rest_apis) plan_one(spec, assembly, api);
}

}  // namespace aip::plan
