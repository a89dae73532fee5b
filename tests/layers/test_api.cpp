// The api area: REST APIs with Lambda proxy routes, authorizers, a logged and
// throttled stage, usage plans with API keys, private endpoints and WAF.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kFunctions =
    "functions:\n"
    "  router: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n"
    "  auth: {runtime: python3.12, handler: app.handler, code: {inline: x}}\n";

const std::string kApi = std::string(kHeader) + kFunctions +
                         "api:\n"
                         "  rest_apis:\n"
                         "    gw:\n"
                         "      authorizers:\n"
                         "        jwt: {function: auth}\n"
                         "      routes:\n"
                         "        POST /v1/invoke: {function: router, throttle: {rate: 5, burst: 10}}\n"
                         "        GET /v1/items/{id}: router\n"
                         "        GET /health: {function: router, auth: none, api_key: false}\n"
                         "      usage_plans:\n"
                         "        search: {throttle: {rate: 50, burst: 100}, quota: {limit: 1000, period: day}}\n"
                         "        web: {quota: {limit: 5}, api_keys: [web-a, web-b]}\n";

}  // namespace

TEST_CASE("routes become resources and methods with Lambda proxy integrations and scoped permissions") {
  auto p = plan_text(kApi);
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-api");
  const Json& api = stack.find("GwApi")->properties;
  CHECK(api["Name"] == "test-gw");
  CHECK(api["EndpointConfiguration"]["Types"] == Json::parse(R"(["REGIONAL"])"));
  CHECK(api["ApiKeySourceType"] == "HEADER");
  CHECK_FALSE(api.contains("Policy"));
  // One resource per path prefix, shared by the routes below it.
  CHECK(stack.find("GwApiV1Resource")->properties["ParentId"] ==
        Json::parse(R"({"Fn::GetAtt": ["GwApi", "RootResourceId"]})"));
  CHECK(stack.find("GwApiV1ItemsResource")->properties["ParentId"] == Json::parse(R"({"Ref": "GwApiV1Resource"})"));
  CHECK(stack.find("GwApiV1ItemsByIdResource")->properties["PathPart"] == "{id}");

  const Json& invoke = stack.find("GwApiV1InvokePostMethod")->properties;
  CHECK(invoke["HttpMethod"] == "POST");
  CHECK(invoke["ResourceId"] == Json::parse(R"({"Ref": "GwApiV1InvokeResource"})"));
  CHECK(invoke["AuthorizationType"] == "CUSTOM");
  CHECK(invoke["AuthorizerId"] == Json::parse(R"({"Ref": "GwApiJwtAuthorizer"})"));
  // Usage plans count requests by API key.
  CHECK(invoke["ApiKeyRequired"] == true);
  CHECK(invoke["Integration"]["Type"] == "AWS_PROXY");
  CHECK(invoke["Integration"]["IntegrationHttpMethod"] == "POST");
  CHECK(invoke["Integration"]["Uri"]["Fn::Sub"][1]["FunctionArn"] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-functions:RouterFunctionArn"})"));
  const Json& health = stack.find("GwApiHealthGetMethod")->properties;
  CHECK(health["AuthorizationType"] == "NONE");
  CHECK(health["ApiKeyRequired"] == false);

  const Json& permission = stack.find("GwApiV1ItemsByIdGetPermission")->properties;
  CHECK(permission["Principal"] == "apigateway.amazonaws.com");
  // This stage, this method, this path (parameters as *): nothing else.
  CHECK(permission["SourceArn"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${GwApi}/v1/GET/v1/items/*"})"));
  const Json& authorizer = stack.find("GwApiJwtAuthorizer")->properties;
  CHECK(authorizer["Type"] == "TOKEN");
  CHECK(authorizer["IdentitySource"] == "method.request.header.Authorization");
  CHECK(authorizer["AuthorizerResultTtlInSeconds"] == 300);
  CHECK(stack.find("GwApiJwtAuthorizerPermission")->properties["SourceArn"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${GwApi}/authorizers/${GwApiJwtAuthorizer}"})"));
  CHECK(p.stack("test-dev-api").dependencies.count("test-dev-functions") == 1);
}

TEST_CASE("the deployment id follows the routes, and waits for every method") {
  auto a = plan_text(kApi);
  auto b = plan_text(kApi);
  auto c = plan_text(std::string(kApi).replace(kApi.find("GET /health"), 10, "GET /healthz"));
  auto deployment = [](const aip::test::Planned& p) {
    for (const auto& r : p.stack("test-dev-api").resources) {
      if (r.type == "AWS::ApiGateway::Deployment") return r;
    }
    FAIL("no deployment");
    throw std::logic_error("unreachable");
  };
  CHECK(deployment(a).logical_id == deployment(b).logical_id);
  CHECK(deployment(a).logical_id != deployment(c).logical_id);
  CHECK(deployment(a).logical_id.rfind("GwApiDeployment", 0) == 0);
  CHECK(deployment(a).depends_on.size() == 3);
  CHECK(a.resource("GwApiStage").properties["DeploymentId"] == Json{{"Ref", deployment(a).logical_id}});
}

TEST_CASE("the stage logs to encrypted, retained log groups and throttles every method") {
  auto p = plan_text(kApi);
  const auto& stack = p.stack("test-dev-api");
  const auto& stage = *stack.find("GwApiStage");
  CHECK(stage.properties["StageName"] == "v1");
  CHECK(stage.properties["TracingEnabled"] == true);
  CHECK(stage.properties["AccessLogSetting"]["DestinationArn"] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${GwApiAccessLogGroup}"})"));
  Json format = Json::parse(stage.properties["AccessLogSetting"]["Format"].get<std::string>());
  CHECK(format["requestId"] == "$context.requestId");
  CHECK(format["apiKeyId"] == "$context.identity.apiKeyId");
  const Json& settings = stage.properties["MethodSettings"];
  REQUIRE(settings.size() == 2);
  CHECK(settings[0] == Json::parse(R"({"ResourcePath": "/*", "HttpMethod": "*", "LoggingLevel": "INFO",
      "DataTraceEnabled": false, "MetricsEnabled": true, "ThrottlingRateLimit": 1000.0, "ThrottlingBurstLimit": 2000})"));
  CHECK(settings[1]["ResourcePath"] == "/~1v1~1invoke");
  CHECK(settings[1]["HttpMethod"] == "POST");
  CHECK(settings[1]["ThrottlingRateLimit"] == 5.0);
  CHECK(stage.depends_on == std::vector<std::string>{"GwApiExecutionLogGroup", "ApiGatewayAccount"});

  const auto& access = *stack.find("GwApiAccessLogGroup");
  CHECK(access.properties["LogGroupName"] == "API-Gateway-Access-Logs_test-gw/v1");
  CHECK(access.properties["RetentionInDays"] == 365);
  CHECK(access.properties["KmsKeyId"] == Json::parse(R"({"Fn::GetAtt": ["GwApiLogKey", "Arn"]})"));
  CHECK(access.deletion_policy == "Retain");
  CHECK(stack.find("GwApiExecutionLogGroup")->properties["LogGroupName"] ==
        Json::parse(R"({"Fn::Sub": "API-Gateway-Execution-Logs_${GwApi}/v1"})"));
  const Json& key = stack.find("GwApiLogKey")->properties;
  CHECK(key["EnableKeyRotation"] == true);
  CHECK(key["KeyPolicy"]["Statement"][1]["Condition"]["ArnEquals"]["kms:EncryptionContext:aws:logs:arn"].size() == 2);

  // The account's CloudWatch role, scoped to API Gateway's log groups.
  CHECK(stack.find("ApiGatewayAccount")->properties["CloudWatchRoleArn"] ==
        Json::parse(R"({"Fn::GetAtt": ["ApiGatewayCloudWatchRole", "Arn"]})"));
  const Json& role = stack.find("ApiGatewayCloudWatchRole")->properties;
  const Json& statements = role["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(statements[0]["Resource"][0]["Fn::Sub"] ==
        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:API-Gateway-Execution-Logs_*");
  CHECK(statements[2]["Action"] == "logs:DescribeLogGroups");
}

TEST_CASE("usage plans per team with throttle, quota and their API keys") {
  auto p = plan_text(kApi);
  CHECK(p.schema_findings().empty());
  const Json& search = p.resource("GwApiSearchUsagePlan").properties;
  CHECK(search["UsagePlanName"] == "test-gw-search");
  CHECK(search["Throttle"] == Json::parse(R"({"RateLimit": 50.0, "BurstLimit": 100})"));
  CHECK(search["Quota"] == Json::parse(R"({"Limit": 1000, "Period": "DAY"})"));
  CHECK(search["ApiStages"] == Json::parse(R"([{"ApiId": {"Ref": "GwApi"}, "Stage": {"Ref": "GwApiStage"}}])"));
  CHECK(p.resource("GwApiSearchApiKey").properties["Name"] == "test-gw-search");
  CHECK(p.resource("GwApiSearchUsagePlanSearchKey").properties ==
        Json::parse(R"({"KeyId": {"Ref": "GwApiSearchApiKey"}, "KeyType": "API_KEY", "UsagePlanId": {"Ref": "GwApiSearchUsagePlan"}})"));
  const Json& web = p.resource("GwApiWebUsagePlan").properties;
  CHECK_FALSE(web.contains("Throttle"));
  CHECK(web["Quota"]["Period"] == "MONTH");
  CHECK(p.has("GwApiWebUsagePlanWebAKey"));
  CHECK(p.has("GwApiWebUsagePlanWebBKey"));
}

TEST_CASE("a private API admits only its VPC's execute-api endpoint, and WAF protects a stage") {
  auto p = plan_text(std::string(kHeader) + kFunctions +
                     "network:\n  vpcs:\n    main:\n      cidr: 10.0.0.0/16\n      tiers: {private: 24}\n"
                     "      endpoints: {interface: [execute-api]}\n"
                     "api:\n  cloudwatch_role: false\n  rest_apis:\n    internal:\n      endpoint: private\n      vpc: main\n"
                     "      routes:\n        POST /invoke: {function: router, auth: iam}\n"
                     "edge:\n  web_acls:\n    api: {apis: [internal], max_body_kb: 40}\n");
  CHECK(p.schema_findings().empty());
  // An ACL that protects only APIs may inspect up to 64 KB, raised from API Gateway's 16.
  CHECK(p.resource("ApiWebAcl").properties["AssociationConfig"] ==
        Json::parse(R"({"RequestBody": {"API_GATEWAY": {"DefaultSizeInspectionLimit": "KB_48"}}})"));
  const Json& api = p.resource("InternalApi").properties;
  Json endpoint = Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcExecuteApiEndpointRef"})");
  CHECK(api["EndpointConfiguration"] == Json{{"Types", {"PRIVATE"}}, {"VpcEndpointIds", {endpoint}}});
  const Json& deny = api["Policy"]["Statement"][0];
  CHECK(deny["Effect"] == "Deny");
  CHECK(deny["Condition"]["StringNotEquals"]["aws:SourceVpce"] == endpoint);
  CHECK(p.resource("InternalApiInvokePostMethod").properties["AuthorizationType"] == "AWS_IAM");
  CHECK_FALSE(p.has("ApiGatewayAccount"));
  CHECK(p.resource("InternalApiStage").depends_on == std::vector<std::string>{"InternalApiExecutionLogGroup"});
  const Json& association = p.resource("ApiWebAclInternalApiAssociation").properties;
  CHECK(association["ResourceArn"]["Fn::Sub"][0] ==
        "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}");
  CHECK(association["ResourceArn"]["Fn::Sub"][1]["Stage"] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-api:InternalApiStageRef"})"));
}

TEST_CASE("api errors point at the spec with did-you-mean") {
  const std::string head = std::string(kFunctions) + "api:\n  rest_apis:\n    gw:\n";
  auto errors = [&](const std::string& body) { return errors_of(head + body); };
  // Line 11 is the first line of `body`.
  CHECK(errors("      routes:\n        POST /v1: {function: ruoter, auth: none}\n") ==
        "spec.yaml:12:30: route 'POST /v1' of API 'gw' refers to function 'ruoter', which is not defined; did you "
        "mean 'router'?\n");
  CHECK(errors("      routes:\n        FETCH /v1: {function: router, auth: none}\n") ==
        "spec.yaml:12:9: route 'FETCH /v1' has method FETCH, which is not one of GET, POST, PUT, PATCH, DELETE, HEAD, "
        "OPTIONS or ANY\n");
  CHECK(errors("      routes:\n        POST /v1: router\n") ==
        "spec.yaml:12:9: route 'POST /v1' of API 'gw' needs 'auth': the API has 0 authorizers; write an authorizer's "
        "name, iam or none\n");
  CHECK(errors("      authorizers: {jwt: {function: auth}}\n      routes:\n        POST /v1: {function: router, auth: jtw}\n") ==
        "spec.yaml:13:44: route 'POST /v1' refers to authorizer 'jtw', which API 'gw' does not have (or write iam or "
        "none); did you mean 'jwt'?\n");
  CHECK(errors("      routes:\n        GET /a/{id}: {function: router, auth: none}\n"
               "        GET /a/{key}/b: {function: router, auth: none}\n")
            .find("route 'GET /a/{key}/b' names parameter {key} where route 'GET /a/{id}' names {id}") !=
        std::string::npos);
  CHECK(errors("      endpoint: private\n      routes:\n        POST /v1: {function: router, auth: none}\n") ==
        "spec.yaml:11:17: private API 'gw' needs 'vpc': the VPC whose execute-api endpoint may call it\n");
  CHECK(errors("      routes:\n        POST /v1: {function: router, auth: none, api_key: false}\n"
               "      usage_plans: {team: {quota: {limit: 10}}}\n") ==
        "spec.yaml:13:21: usage plans of API 'gw' throttle requests by API key, but no route requires one; remove "
        "'api_key: false' from the routes the plans should cover\n");
  CHECK(errors("      routes:\n        POST /v1: {function: router, auth: none}\n"
               "      usage_plans:\n        a: {quota: {limit: 10}, api_keys: [k]}\n        b: {quota: {limit: 10}, api_keys: [k]}\n")
            .find("API key 'k' is already in usage plan 'a'; a key belongs to one plan of a stage") != std::string::npos);
  CHECK(errors("      routes:\n        POST /v1: {function: router, auth: none}\n"
               "      stage: {logging_level: DEBUG}\n")
            .find("'logging_level' must be one of INFO, ERROR, OFF, got 'DEBUG'") != std::string::npos);
  CHECK(errors("      routes:\n        POST /v1: {function: router, auth: none}\n"
               "      stage: {access_log_fields: {team: team_id}}\n") ==
        "spec.yaml:13:41: access log field 'team' must be an API Gateway $context variable such as "
        "$context.authorizer.team, got 'team_id'\n");
  CHECK(errors("      routes:\n        POST /v1: {function: router, auth: none}\n      stgae: {}\n") ==
        "spec.yaml:13:7: unknown key 'stgae' in API 'gw'; did you mean 'stage'?\n");
  CHECK(errors_of(head + "      routes:\n        POST /v1: {function: router, auth: none}\n"
                         "edge:\n  web_acls:\n    w: {apis: [gww]}\n") ==
        "spec.yaml:15:16: web ACL 'w' refers to API 'gww', which is not defined; did you mean 'gw'?\n");
}

TEST_CASE("every method names the API request validator, and a route validate block declares parameters and a body model") {
  auto p = plan_text(std::string(kHeader) + kFunctions +
                     "api:\n"
                     "  rest_apis:\n"
                     "    gw:\n"
                     "      routes:\n"
                     "        GET /health: {function: router, auth: none}\n"
                     "        POST /v1/invoke:\n"
                     "          function: router\n"
                     "          auth: iam\n"
                     "          validate:\n"
                     "            parameters: [querystring.model, header.x-team]\n"
                     "            body: {type: object, required: [prompt], properties: {prompt: {type: string, "
                     "maxLength: 8000}}}\n");
  CHECK(p.schema_findings().empty());
  const auto& stack = p.stack("test-dev-api");
  const Json& validator = stack.find("GwApiRequestValidator")->properties;
  CHECK(validator["RestApiId"] == Json::parse(R"({"Ref": "GwApi"})"));
  CHECK(validator["ValidateRequestBody"] == true);
  CHECK(validator["ValidateRequestParameters"] == true);
  // A route without validate: names the validator and declares nothing.
  const Json& health = stack.find("GwApiHealthGetMethod")->properties;
  CHECK(health["RequestValidatorId"] == Json::parse(R"({"Ref": "GwApiRequestValidator"})"));
  CHECK_FALSE(health.contains("RequestParameters"));
  CHECK_FALSE(health.contains("RequestModels"));
  const Json& invoke = stack.find("GwApiV1InvokePostMethod")->properties;
  CHECK(invoke["RequestValidatorId"] == Json::parse(R"({"Ref": "GwApiRequestValidator"})"));
  CHECK(invoke["RequestParameters"] ==
        Json::parse(R"({"method.request.querystring.model": true, "method.request.header.x-team": true})"));
  CHECK(invoke["RequestModels"] == Json::parse(R"({"application/json": {"Ref": "GwApiV1InvokePostBodyModel"}})"));
  const Json& model = stack.find("GwApiV1InvokePostBodyModel")->properties;
  CHECK(model["RestApiId"] == Json::parse(R"({"Ref": "GwApi"})"));
  CHECK(model["Name"] == "V1InvokePostBody");
  CHECK(model["ContentType"] == "application/json");
  CHECK(model["Schema"] == Json::parse(R"({"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
      "required": ["prompt"], "properties": {"prompt": {"type": "string", "maxLength": 8000}}})"));
}

TEST_CASE("route validate errors point at the spec with did-you-mean") {
  const std::string head = std::string(kFunctions) + "api:\n  rest_apis:\n    gw:\n      routes:\n";
  auto errors = [&](const std::string& validate) {
    return errors_of(head + "        POST /v1:\n          function: router\n          auth: none\n          validate: " +
                     validate + "\n");
  };
  // Line 15 is the validate: line.
  CHECK(errors("{parameters: [querystrng.model]}") ==
        "spec.yaml:15:35: route 'POST /v1': a required parameter is written querystring.NAME or header.NAME, got "
        "'querystrng.model'; did you mean 'querystring'?\n");
  CHECK(errors("{parameters: [header]}") ==
        "spec.yaml:15:35: route 'POST /v1': a required parameter is written querystring.NAME or header.NAME, got "
        "'header'\n");
  CHECK(errors("{parameters: [header.x team]}") ==
        "spec.yaml:15:35: route 'POST /v1': 'x team' is not an HTTP header name\n");
  CHECK(errors("{parameters: [header.a, header.a]}") ==
        "spec.yaml:15:45: route 'POST /v1' names parameter 'header.a' twice\n");
  CHECK(errors("{body: object}") ==
        "spec.yaml:15:28: route 'POST /v1': 'body' must be a JSON schema of the request body (a mapping such as "
        "{type: object, required: [prompt]}), got 'object'\n");
  CHECK(errors("{}") == "spec.yaml:15:21: validate of route 'POST /v1' names neither 'parameters' nor 'body'\n");
  CHECK(errors("{paramters: [header.a]}") ==
        "spec.yaml:15:22: unknown key 'paramters' in validate of route 'POST /v1'; did you mean 'parameters'?\n");
  CHECK(errors_of(head + "        GET /v1: {function: router, auth: none, validate: {body: {type: object}}}\n") ==
        "spec.yaml:12:66: route 'GET /v1': a GET request has no body to validate\n");
}
