// Templates -> the graph model: clusters, nodes by kind, reference, DependsOn,
// network and IAM grant edges.
#include <algorithm>
#include <iterator>
#include <tuple>

#include "graph/graph.hpp"
#include "iam/documents.hpp"

namespace aip::graph {

// Helpers in a namespace of their own: unity builds compile several files as one.
namespace build {

struct Refs {
  std::map<std::string, std::set<std::string>> resources;  // logical id -> GetAtt attributes
  std::vector<std::string> imports;                        // Fn::ImportValue names, as far as they are static
};

bool single_key(const Json& v, const char* key) { return v.is_object() && v.size() == 1 && v.contains(key); }

// The text of a value that is static up to pseudo parameters: a string, or
// Fn::Sub / Fn::Join of such; ${AWS::StackName} becomes `stack`. "" otherwise.
std::string static_text(const Json& v, const std::string& stack) {
  if (v.is_string()) return v.get<std::string>();
  if (single_key(v, "Fn::Sub")) {
    const Json& s = v["Fn::Sub"];
    std::string text = s.is_string() ? s.get<std::string>() : (s.is_array() && !s.empty() && s[0].is_string() ? s[0].get<std::string>() : "");
    const std::string token = "${AWS::StackName}";
    for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
      text.replace(at, token.size(), stack);
      at += stack.size();
    }
    return text;
  }
  if (single_key(v, "Ref") && v["Ref"] == "AWS::StackName") return stack;
  if (single_key(v, "Fn::Join")) {
    const Json& j = v["Fn::Join"];
    if (!j.is_array() || j.size() != 2 || !j[0].is_string() || !j[1].is_array()) return "";
    std::string out;
    for (std::size_t i = 0; i < j[1].size(); ++i) {
      std::string part = static_text(j[1][i], stack);
      if (part.empty()) return "";
      if (i > 0) out += j[0].get<std::string>();
      out += part;
    }
    return out;
  }
  return "";
}

void add_sub_names(const std::string& text, const std::set<std::string>& resources, const std::set<std::string>& locals,
                   Refs& out) {
  for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
    if (at + 2 < text.size() && text[at + 2] == '!') continue;  // ${!Literal}
    std::size_t end = text.find('}', at);
    if (end == std::string::npos) return;
    std::string name = text.substr(at + 2, end - at - 2);
    std::string attr;
    if (auto dot = name.find('.'); dot != std::string::npos) {
      attr = name.substr(dot + 1);
      name = name.substr(0, dot);
    }
    if (locals.count(name) == 0 && resources.count(name) != 0) {
      auto& attrs = out.resources[name];
      if (!attr.empty()) attrs.insert(attr);
    }
  }
}

void walk_refs(const Json& v, const std::set<std::string>& resources, const std::string& stack, Refs& out) {
  if (v.is_array()) {
    for (const Json& e : v) walk_refs(e, resources, stack, out);
    return;
  }
  if (!v.is_object()) return;
  if (single_key(v, "Ref")) {
    if (v["Ref"].is_string() && resources.count(v["Ref"].get<std::string>()) != 0) out.resources[v["Ref"].get<std::string>()];
    return;
  }
  if (single_key(v, "Fn::GetAtt")) {
    const Json& g = v["Fn::GetAtt"];
    std::string id;
    std::string attr;
    if (g.is_array() && !g.empty() && g[0].is_string()) {
      id = g[0].get<std::string>();
      if (g.size() > 1 && g[1].is_string()) attr = g[1].get<std::string>();
    } else if (g.is_string()) {
      id = g.get<std::string>();
      if (auto dot = id.find('.'); dot != std::string::npos) {
        attr = id.substr(dot + 1);
        id = id.substr(0, dot);
      }
    }
    if (resources.count(id) != 0) {
      auto& attrs = out.resources[id];
      if (!attr.empty()) attrs.insert(attr);
    }
    return;
  }
  if (single_key(v, "Fn::Sub")) {
    const Json& s = v["Fn::Sub"];
    std::set<std::string> locals;
    if (s.is_array() && s.size() == 2 && s[1].is_object()) {
      for (const auto& [name, value] : s[1].items()) {
        locals.insert(name);
        walk_refs(value, resources, stack, out);
      }
    }
    const Json* text = s.is_string() ? &s : (s.is_array() && !s.empty() && s[0].is_string() ? &s[0] : nullptr);
    if (text != nullptr) add_sub_names(text->get<std::string>(), resources, locals, out);
    return;
  }
  if (single_key(v, "Fn::ImportValue")) {
    std::string name = static_text(v["Fn::ImportValue"], stack);
    if (!name.empty()) out.imports.push_back(name);
    walk_refs(v["Fn::ImportValue"], resources, stack, out);
    return;
  }
  for (const auto& [key, value] : v.items()) walk_refs(value, resources, stack, out);
}

std::pair<std::string, std::string> split_environment(const std::string& env) {
  std::string account = "unknown account";
  std::string region = "unknown region";
  const std::string scheme = "aws://";
  if (env.rfind(scheme, 0) == 0) {
    std::string rest = env.substr(scheme.size());
    auto slash = rest.find('/');
    std::string a = rest.substr(0, slash);
    std::string r = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (!a.empty() && a != "unknown-account") account = a;
    if (!r.empty() && r != "unknown-region") region = r;
  }
  return {account, region};
}

std::string node_id(const std::string& stack, const std::string& logical_id) { return stack + "/" + logical_id; }

struct Builder {
  const GraphOptions& options;
  std::map<std::string, Node> nodes;
  // (from, to, kind) -> labels
  std::map<std::tuple<std::string, std::string, EdgeKind>, std::set<std::string>> edges;
  // (grantee, target) -> actions
  std::map<std::pair<std::string, std::string>, std::set<std::string>> grants;

  void edge(const std::string& from, const std::string& to, EdgeKind kind, const std::string& label = "") {
    auto& labels = edges[{from, to, kind}];
    if (!label.empty()) labels.insert(label);
  }

  std::string external(const std::string& key, const std::string& label, const std::string& what) {
    std::string id = "ext:" + key;
    if (nodes.count(id) == 0) {
      Node n;
      n.id = id;
      n.logical_id = label;
      n.type = what;
      n.kind = NodeKind::external;
      nodes[id] = n;
    }
    return id;
  }
};

std::string port_label(const Json& rule) {
  auto text = [](const Json& v) -> std::string {
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_string()) return v.get<std::string>();
    return "";
  };
  std::string protocol = rule.contains("IpProtocol") ? text(rule["IpProtocol"]) : "";
  if (protocol == "-1" || protocol.empty()) return "all traffic";
  if (protocol == "6") protocol = "tcp";
  if (protocol == "17") protocol = "udp";
  if (protocol == "1") protocol = "icmp";
  std::string from = rule.contains("FromPort") ? text(rule["FromPort"]) : "";
  std::string to = rule.contains("ToPort") ? text(rule["ToPort"]) : "";
  if (protocol == "icmp" || protocol == "icmpv6") return protocol;
  if (from.empty() && to.empty()) return protocol;
  if (from == "-1" || (from == "0" && to == "65535")) return protocol + " all ports";
  if (to.empty() || from == to) return protocol + " " + from;
  return protocol + " " + from + "-" + to;
}

// An IAM Resource value: the resources it names, or what outside the platform.
std::string arn_service(const Json& v) {
  // Flatten intrinsics into text with placeholders, then read arn:PARTITION:SERVICE:...
  std::string text;
  if (v.is_string()) {
    text = v.get<std::string>();
  } else if (single_key(v, "Fn::Sub")) {
    const Json& s = v["Fn::Sub"];
    if (s.is_string()) text = s.get<std::string>();
    else if (s.is_array() && !s.empty() && s[0].is_string()) text = s[0].get<std::string>();
  } else if (single_key(v, "Fn::Join") && v["Fn::Join"].is_array() && v["Fn::Join"].size() == 2 &&
             v["Fn::Join"][1].is_array()) {
    const Json& j = v["Fn::Join"];
    std::string sep = j[0].is_string() ? j[0].get<std::string>() : "";
    for (std::size_t i = 0; i < j[1].size(); ++i) {
      if (i > 0) text += sep;
      text += j[1][i].is_string() ? j[1][i].get<std::string>() : "X";
    }
  }
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "${") == 0) {
      std::size_t end = text.find('}', i);
      if (end == std::string::npos) break;
      plain += "X";
      i = end;
    } else {
      plain += text[i];
    }
  }
  if (plain.rfind("arn:", 0) != 0) return "";
  auto a = plain.find(':', 4);
  if (a == std::string::npos) return "";
  auto b = plain.find(':', a + 1);
  if (b == std::string::npos) return "";
  return plain.substr(a + 1, b - a - 1);
}

std::string action_summary(const std::set<std::string>& actions) {
  std::map<std::string, std::set<std::string>> by_service;
  for (const std::string& a : actions) {
    bool negated = a.rfind("NOT ", 0) == 0;
    std::string bare = negated ? a.substr(4) : a;
    auto colon = bare.find(':');
    std::string service = colon == std::string::npos ? bare : bare.substr(0, colon);
    std::string name = colon == std::string::npos ? "*" : bare.substr(colon + 1);
    if (negated) service = "all but " + service;
    by_service[service].insert(name);
  }
  std::string out;
  for (const auto& [service, names] : by_service) {
    if (!out.empty()) out += "; ";
    out += service + ": ";
    if (names.count("*") != 0) {
      out += "*";
    } else if (names.size() > 3) {
      const std::string& first = *names.begin();
      const std::string& second = *std::next(names.begin());
      out += first + ", " + second + " and " + std::to_string(names.size() - 2) + " more";
    } else {
      bool first = true;
      for (const std::string& n : names) {
        out += (first ? "" : ", ") + n;
        first = false;
      }
    }
  }
  return out;
}

std::vector<std::string> strings_of(const Json& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array()) {
    for (const Json& e : v) {
      if (e.is_string()) out.push_back(e.get<std::string>());
    }
  }
  return out;
}

}  // namespace build

bool Edge::operator<(const Edge& o) const {
  return std::tie(kind, from, to, label) < std::tie(o.kind, o.from, o.to, o.label);
}

const Node* Graph::node(const std::string& id) const {
  auto it = std::lower_bound(nodes.begin(), nodes.end(), id, [](const Node& n, const std::string& k) { return n.id < k; });
  return it != nodes.end() && it->id == id ? &*it : nullptr;
}

void collect_references(const Json& value, const std::set<std::string>& resources,
                        std::map<std::string, std::set<std::string>>& out) {
  build::Refs refs;
  build::walk_refs(value, resources, "", refs);
  for (auto& [id, attrs] : refs.resources) out[id].insert(attrs.begin(), attrs.end());
}

NodeKind kind_of_type(const std::string& type) {
  static const std::map<std::string, NodeKind> kServices = {
      {"Lambda", NodeKind::compute}, {"ECS", NodeKind::compute}, {"Batch", NodeKind::compute},
      {"SageMaker", NodeKind::compute}, {"StepFunctions", NodeKind::compute}, {"EKS", NodeKind::compute},
      {"AppRunner", NodeKind::compute}, {"Bedrock", NodeKind::compute}, {"AutoScaling", NodeKind::compute},
      {"CodeBuild", NodeKind::compute}, {"EMR", NodeKind::compute},
      {"S3", NodeKind::data}, {"S3Express", NodeKind::data}, {"DynamoDB", NodeKind::data}, {"RDS", NodeKind::data},
      {"EFS", NodeKind::data}, {"FSx", NodeKind::data}, {"OpenSearchService", NodeKind::data},
      {"OpenSearchServerless", NodeKind::data}, {"Kinesis", NodeKind::data}, {"KinesisFirehose", NodeKind::data},
      {"Glue", NodeKind::data}, {"Backup", NodeKind::data}, {"ElastiCache", NodeKind::data},
      {"Redshift", NodeKind::data}, {"ECR", NodeKind::data}, {"Athena", NodeKind::data},
      {"LakeFormation", NodeKind::data}, {"SSM", NodeKind::data}, {"Elasticsearch", NodeKind::data},
      {"EC2", NodeKind::network}, {"ElasticLoadBalancingV2", NodeKind::network},
      {"ElasticLoadBalancing", NodeKind::network}, {"Route53", NodeKind::network},
      {"Route53Resolver", NodeKind::network}, {"CloudFront", NodeKind::network},
      {"NetworkFirewall", NodeKind::network}, {"GlobalAccelerator", NodeKind::network},
      {"ServiceDiscovery", NodeKind::network},
      {"IAM", NodeKind::identity}, {"Cognito", NodeKind::identity}, {"SSO", NodeKind::identity},
      {"KMS", NodeKind::security}, {"SecretsManager", NodeKind::security}, {"GuardDuty", NodeKind::security},
      {"SecurityHub", NodeKind::security}, {"Config", NodeKind::security}, {"WAFv2", NodeKind::security},
      {"AccessAnalyzer", NodeKind::security}, {"CertificateManager", NodeKind::security},
      {"ACMPCA", NodeKind::security}, {"Macie", NodeKind::security}, {"Inspector", NodeKind::security},
      {"InspectorV2", NodeKind::security}, {"Shield", NodeKind::security},
      {"SQS", NodeKind::integration}, {"SNS", NodeKind::integration}, {"Events", NodeKind::integration},
      {"ApiGateway", NodeKind::integration}, {"ApiGatewayV2", NodeKind::integration},
      {"Scheduler", NodeKind::integration}, {"Pipes", NodeKind::integration}, {"AppSync", NodeKind::integration},
      {"Logs", NodeKind::observability}, {"CloudWatch", NodeKind::observability},
      {"CloudTrail", NodeKind::observability}, {"XRay", NodeKind::observability},
      {"Budgets", NodeKind::observability}, {"CE", NodeKind::observability},
  };
  if (type.rfind("AWS::EC2::Instance", 0) == 0 || type == "AWS::EC2::LaunchTemplate") return NodeKind::compute;
  if (type.rfind("AWS::", 0) != 0) return NodeKind::other;
  std::string rest = type.substr(5);
  std::string service = rest.substr(0, rest.find("::"));
  auto it = kServices.find(service);
  return it == kServices.end() ? NodeKind::other : it->second;
}

const char* to_string(NodeKind kind) {
  switch (kind) {
    case NodeKind::compute: return "compute";
    case NodeKind::data: return "data";
    case NodeKind::network: return "network";
    case NodeKind::identity: return "identity";
    case NodeKind::security: return "security";
    case NodeKind::integration: return "integration";
    case NodeKind::observability: return "observability";
    case NodeKind::other: return "other";
    case NodeKind::external: return "external";
  }
  return "other";
}

const char* to_string(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::reference: return "reference";
    case EdgeKind::depends_on: return "depends-on";
    case EdgeKind::network: return "network";
    case EdgeKind::iam_grant: return "iam-grant";
  }
  return "reference";
}

const char* to_string(NodeStatus status) {
  switch (status) {
    case NodeStatus::none: return "none";
    case NodeStatus::added: return "added";
    case NodeStatus::removed: return "removed";
    case NodeStatus::updated: return "updated";
    case NodeStatus::replaced: return "replaced";
    case NodeStatus::unchanged: return "unchanged";
  }
  return "none";
}

Graph build_graph(const std::vector<StackInput>& inputs, const GraphOptions& options) {
  using build::node_id;
  build::Builder b{options, {}, {}, {}};
  Graph graph;

  // Stacks, their resources, and every export by name.
  std::map<std::string, std::set<std::string>> resources_of;  // stack -> logical ids
  std::map<std::string, std::vector<std::string>> exports;    // export name -> node ids
  for (const StackInput& in : inputs) {
    auto [account, region] = build::split_environment(in.environment);
    graph.stacks.push_back({in.name, account, in.account_name, region});
    auto& ids = resources_of[in.name];
    if (in.tmpl == nullptr || !in.tmpl->is_object()) continue;
    const Json* resources = in.tmpl->contains("Resources") ? &(*in.tmpl)["Resources"] : nullptr;
    if (resources == nullptr || !resources->is_object()) continue;
    for (const auto& [id, r] : resources->items()) {
      ids.insert(id);
      Node n;
      n.id = node_id(in.name, id);
      n.stack = in.name;
      n.logical_id = id;
      n.type = r.is_object() && r.contains("Type") && r["Type"].is_string() ? r["Type"].get<std::string>() : "";
      n.kind = kind_of_type(n.type);
      b.nodes[n.id] = n;
    }
  }
  for (const StackInput& in : inputs) {
    if (in.tmpl == nullptr || !in.tmpl->is_object() || !in.tmpl->contains("Outputs")) continue;
    const Json& outputs = (*in.tmpl)["Outputs"];
    if (!outputs.is_object()) continue;
    for (const auto& [name, output] : outputs.items()) {
      if (!output.is_object() || !output.contains("Export") || !output["Export"].is_object() ||
          !output["Export"].contains("Name") || !output.contains("Value")) {
        continue;
      }
      std::string export_name = build::static_text(output["Export"]["Name"], in.name);
      if (export_name.empty()) continue;
      build::Refs refs;
      build::walk_refs(output["Value"], resources_of[in.name], in.name, refs);
      for (const auto& [id, attrs] : refs.resources) exports[export_name].push_back(node_id(in.name, id));
    }
  }

  for (const StackInput& in : inputs) {
    if (in.tmpl == nullptr || !in.tmpl->is_object() || !in.tmpl->contains("Resources")) continue;
    const Json& resources = (*in.tmpl)["Resources"];
    if (!resources.is_object()) continue;
    const std::set<std::string>& ids = resources_of[in.name];
    auto refs_of = [&](const Json& v) {
      build::Refs refs;
      build::walk_refs(v, ids, in.name, refs);
      return refs;
    };
    // Targets of a value that names resources (a security group, a role): node ids.
    auto targets_of = [&](const Json& v) {
      std::vector<std::string> out;
      build::Refs refs = refs_of(v);
      for (const auto& [id, attrs] : refs.resources) out.push_back(node_id(in.name, id));
      for (const std::string& name : refs.imports) {
        auto it = exports.find(name);
        if (it != exports.end()) out.insert(out.end(), it->second.begin(), it->second.end());
      }
      return out;
    };
    // Roles whose ManagedPolicyArns name each managed policy of this stack.
    std::map<std::string, std::vector<std::string>> attached_to;
    for (const auto& [id, r] : resources.items()) {
      if (!r.is_object() || !r.contains("Properties") || !r["Properties"].is_object()) continue;
      const Json& p = r["Properties"];
      if (p.contains("ManagedPolicyArns")) {
        for (const std::string& target : targets_of(p["ManagedPolicyArns"])) attached_to[target].push_back(node_id(in.name, id));
      }
    }

    for (const auto& [id, r] : resources.items()) {
      if (!r.is_object()) continue;
      const std::string self = node_id(in.name, id);
      const std::string type = r.contains("Type") && r["Type"].is_string() ? r["Type"].get<std::string>() : "";
      const Json empty = Json::object();
      const Json& props = r.contains("Properties") && r["Properties"].is_object() ? r["Properties"] : empty;

      if (options.references) {
        build::Refs refs = refs_of(props);
        for (const auto& [target, attrs] : refs.resources) {
          if (target == id) continue;
          std::string label;
          for (const std::string& a : attrs) label += (label.empty() ? "" : ", ") + a;
          b.edge(self, node_id(in.name, target), EdgeKind::reference, label);
        }
        std::set<std::string> seen_imports;
        for (const std::string& name : refs.imports) {
          if (!seen_imports.insert(name).second) continue;
          auto it = exports.find(name);
          if (it == exports.end()) {
            b.edge(self, b.external("export:" + name, name, "export"), EdgeKind::reference, "import");
          } else {
            for (const std::string& target : it->second) b.edge(self, target, EdgeKind::reference, "import");
          }
        }
      }
      if (options.depends_on && r.contains("DependsOn")) {
        for (const std::string& dep : build::strings_of(r["DependsOn"])) {
          if (ids.count(dep) != 0 && dep != id) b.edge(self, node_id(in.name, dep), EdgeKind::depends_on);
        }
      }

      if (options.network) {
        // (group node ids, rule, ingress?)
        auto add_rule = [&](const std::vector<std::string>& groups, const Json& rule, bool ingress) {
          if (!rule.is_object()) return;
          std::string label = build::port_label(rule);
          if (!ingress) label = "egress " + label;
          std::vector<std::string> peers;
          const char* cidr_keys[] = {"CidrIp", "CidrIpv6"};
          for (const char* key : cidr_keys) {
            if (!rule.contains(key)) continue;
            if (rule[key].is_string()) {
              std::string cidr = rule[key].get<std::string>();
              peers.push_back(b.external("cidr:" + cidr, cidr, "CIDR"));
            } else {
              for (const std::string& t : targets_of(rule[key])) peers.push_back(t);
            }
          }
          const char* group_key = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
          const char* list_key = ingress ? "SourcePrefixListId" : "DestinationPrefixListId";
          for (const char* key : {group_key, ingress ? "SourceSecurityGroupName" : ""}) {
            if (*key == 0 || !rule.contains(key)) continue;
            if (rule[key].is_string()) {
              std::string sg = rule[key].get<std::string>();
              peers.push_back(b.external("sg:" + sg, sg, "security group"));
            } else {
              for (const std::string& t : targets_of(rule[key])) peers.push_back(t);
            }
          }
          if (rule.contains(list_key)) {
            if (rule[list_key].is_string()) {
              std::string pl = rule[list_key].get<std::string>();
              peers.push_back(b.external("pl:" + pl, pl, "prefix list"));
            } else {
              for (const std::string& t : targets_of(rule[list_key])) peers.push_back(t);
            }
          }
          for (const std::string& group : groups) {
            for (const std::string& peer : peers) {
              if (ingress) b.edge(peer, group, EdgeKind::network, label);
              else b.edge(group, peer, EdgeKind::network, label);
            }
          }
        };
        if (type == "AWS::EC2::SecurityGroup") {
          for (bool ingress : {true, false}) {
            const char* key = ingress ? "SecurityGroupIngress" : "SecurityGroupEgress";
            if (!props.contains(key) || !props[key].is_array()) continue;
            for (const Json& rule : props[key]) add_rule({self}, rule, ingress);
          }
        } else if ((type == "AWS::EC2::SecurityGroupIngress" || type == "AWS::EC2::SecurityGroupEgress") &&
                   props.contains("GroupId")) {
          std::vector<std::string> groups = targets_of(props["GroupId"]);
          if (groups.empty() && props["GroupId"].is_string()) {
            std::string sg = props["GroupId"].get<std::string>();
            groups.push_back(b.external("sg:" + sg, sg, "security group"));
          }
          add_rule(groups, props, type == "AWS::EC2::SecurityGroupIngress");
        }
      }

      if (options.iam && iam::has_documents(type)) {
        for (const iam::DocumentSite& site : iam::documents_in(type, props)) {
          if (site.kind != iam::DocumentKind::identity && site.kind != iam::DocumentKind::boundary_candidate) continue;
          // Who holds the grant.
          std::vector<std::string> grantees;
          if (type == "AWS::IAM::Role" || type == "AWS::IAM::User" || type == "AWS::IAM::Group") {
            grantees.push_back(self);
          } else {
            for (const char* key : {"Roles", "Users", "Groups", "RoleName", "UserName", "GroupName"}) {
              if (props.contains(key)) {
                for (const std::string& t : targets_of(props[key])) grantees.push_back(t);
              }
            }
            if (auto it = attached_to.find(self); it != attached_to.end()) {
              grantees.insert(grantees.end(), it->second.begin(), it->second.end());
            }
            if (grantees.empty()) grantees.push_back(self);
          }
          Json doc = site.as_document();
          Json statements = doc.contains("Statement") ? doc["Statement"] : Json::array();
          if (statements.is_object()) statements = Json::array({statements});
          if (!statements.is_array()) continue;
          for (const Json& st : statements) {
            if (!st.is_object() || st.value("Effect", "") != "Allow") continue;
            std::set<std::string> actions;
            if (st.contains("Action")) {
              for (const std::string& a : build::strings_of(st["Action"])) actions.insert(a);
            } else if (st.contains("NotAction")) {
              for (const std::string& a : build::strings_of(st["NotAction"])) actions.insert("NOT " + a);
            }
            if (actions.empty()) continue;
            std::vector<std::string> targets;
            if (st.contains("NotResource")) {
              targets.push_back(b.external("any", "* (any resource)", "IAM resource"));
            } else if (st.contains("Resource")) {
              Json list = st["Resource"].is_array() ? st["Resource"] : Json::array({st["Resource"]});
              for (const Json& res : list) {
                if (res == "*") {
                  targets.push_back(b.external("any", "* (any resource)", "IAM resource"));
                  continue;
                }
                std::vector<std::string> named = targets_of(res);
                if (!named.empty()) {
                  targets.insert(targets.end(), named.begin(), named.end());
                  continue;
                }
                std::string service = build::arn_service(res);
                if (!service.empty()) targets.push_back(b.external("service:" + service, service, "outside the platform"));
              }
            }
            for (const std::string& g : grantees) {
              for (const std::string& t : targets) b.grants[{g, t}].insert(actions.begin(), actions.end());
            }
          }
        }
      }
    }
  }
  for (const auto& [key, actions] : b.grants) b.edge(key.first, key.second, EdgeKind::iam_grant, build::action_summary(actions));

  std::sort(graph.stacks.begin(), graph.stacks.end(), [](const StackCluster& x, const StackCluster& y) {
    return std::tie(x.account, x.region, x.name) < std::tie(y.account, y.region, y.name);
  });
  for (auto& [id, n] : b.nodes) graph.nodes.push_back(std::move(n));
  for (const auto& [key, labels] : b.edges) {
    const auto& [from, to, kind] = key;
    Edge e;
    e.from = from;
    e.to = to;
    e.kind = kind;
    for (const std::string& l : labels) e.label += (e.label.empty() ? "" : kind == EdgeKind::reference ? ", " : "; ") + l;
    graph.edges.push_back(std::move(e));
  }
  std::sort(graph.edges.begin(), graph.edges.end());
  return graph;
}

}  // namespace aip::graph
