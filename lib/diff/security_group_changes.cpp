// Security group rule changes: inline rules of AWS::EC2::SecurityGroup and
// standalone AWS::EC2::SecurityGroupIngress / Egress resources, compared as
// sets (EC2 keeps rules without order, and a description is not access).
// An added rule broadens access unless an existing rule of the same group
// and direction already allows at least as much (same or all protocols, a
// containing port range, the same peer or a containing CIDR).
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "diff/analysis.hpp"
#include "net/cidr.hpp"

namespace aip::diff {

namespace {

struct Rule {
  std::string group;
  std::string direction;
  std::string protocol;  // tcp, udp, icmp, icmpv6, all, or as written
  int from = -1;         // -1: all ports
  int to = -1;
  std::string peer;
  std::optional<net::Prefix> cidr;
  std::string description;
  std::string defined_in;
  std::string key() const { return group + "|" + direction + "|" + protocol + "|" + ports() + "|" + peer; }
  std::string ports() const {
    if (protocol == "all" || from < 0) return "all";
    return from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to);
  }
  bool open() const { return cidr && cidr->length() == 0; }
};

std::optional<int> integer(const Json& v) {
  if (v.is_number_integer()) return v.get<int>();
  if (v.is_number()) return static_cast<int>(v.get<double>());
  if (v.is_string()) {
    try {
      std::size_t used = 0;
      int i = std::stoi(v.get<std::string>(), &used);
      if (used == v.get<std::string>().size()) return i;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

std::string protocol_of(const Json& v) {
  std::string p = v.is_null() ? "all" : text(v);
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (p == "-1" || p == "all") return "all";
  if (p == "6") return "tcp";
  if (p == "17") return "udp";
  if (p == "1") return "icmp";
  if (p == "58") return "icmpv6";
  return p;
}

std::string group_ref(const Json& v) {
  std::string id = referenced_id(v);
  return id.empty() ? text(v) : id;
}

Rule make_rule(const std::string& group, const std::string& direction, const Json& r, const std::string& defined_in) {
  Rule rule;
  rule.group = group;
  rule.direction = direction;
  rule.defined_in = defined_in;
  rule.protocol = protocol_of(r.contains("IpProtocol") ? r["IpProtocol"] : Json());
  if (rule.protocol != "all") {
    rule.from = r.contains("FromPort") ? integer(r["FromPort"]).value_or(-1) : -1;
    rule.to = r.contains("ToPort") ? integer(r["ToPort"]).value_or(rule.from) : rule.from;
    if (rule.from < 0 || rule.to < 0) rule.from = rule.to = -1;
  }
  const bool in = direction == "ingress";
  for (const char* field : {"CidrIp", "CidrIpv6"}) {
    if (r.contains(field)) {
      rule.peer = text(r[field]);
      if (r[field].is_string()) rule.cidr = net::Prefix::parse(rule.peer, nullptr);
    }
  }
  if (const char* f = in ? "SourceSecurityGroupId" : "DestinationSecurityGroupId"; r.contains(f)) {
    rule.peer = "sg " + group_ref(r[f]);
  }
  if (in && r.contains("SourceSecurityGroupName")) rule.peer = "sg " + text(r["SourceSecurityGroupName"]);
  if (const char* f = in ? "SourcePrefixListId" : "DestinationPrefixListId"; r.contains(f)) {
    rule.peer = "prefix list " + text(r[f]);
  }
  if (r.contains("Description")) rule.description = text(r["Description"]);
  return rule;
}

std::vector<Rule> rules_of(const Json& resources) {
  std::vector<Rule> out;
  for (const auto& [id, r] : resources.items()) {
    if (!r.is_object()) continue;
    const std::string type = resource_type(r);
    const Json props = r.contains("Properties") && r["Properties"].is_object() ? r["Properties"] : Json::object();
    if (type == "AWS::EC2::SecurityGroup") {
      for (const auto& [field, direction] : {std::pair{"SecurityGroupIngress", "ingress"}, std::pair{"SecurityGroupEgress", "egress"}}) {
        if (!props.contains(field) || !props[field].is_array()) continue;
        for (const auto& rule : props[field]) {
          if (rule.is_object()) out.push_back(make_rule(id, direction, rule, id));
        }
      }
      if (!props.contains("SecurityGroupEgress")) {
        // Without SecurityGroupEgress, EC2 gives the group its default rule.
        Rule all = make_rule(id, "egress", Json{{"IpProtocol", "-1"}, {"CidrIp", "0.0.0.0/0"}}, id);
        all.description = "EC2 default egress (no SecurityGroupEgress)";
        out.push_back(all);
      }
    } else if (type == "AWS::EC2::SecurityGroupIngress" || type == "AWS::EC2::SecurityGroupEgress") {
      std::string group = props.contains("GroupId") ? group_ref(props["GroupId"])
                          : props.contains("GroupName") ? text(props["GroupName"])
                                                        : "?";
      out.push_back(make_rule(group, type == "AWS::EC2::SecurityGroupIngress" ? "ingress" : "egress", props, id));
    }
  }
  return out;
}

// The old side seen through the likely renames, so a renamed group's rules
// are not reported as removed and added again.
void apply_renames(std::vector<Rule>& rules, const std::vector<Rename>& renames) {
  std::map<std::string, std::string> to;
  for (const auto& r : renames) to[r.from] = r.to;
  const auto map = [&](std::string& s, const std::string& prefix) {
    if (s.rfind(prefix, 0) != 0) return;
    auto it = to.find(s.substr(prefix.size()));
    if (it != to.end()) s = prefix + it->second;
  };
  for (auto& r : rules) {
    map(r.group, "");
    map(r.defined_in, "");
    map(r.peer, "sg ");
  }
}

bool covers(const Rule& outer, const Rule& inner) {
  if (outer.group != inner.group || outer.direction != inner.direction) return false;
  if (outer.protocol != "all" && outer.protocol != inner.protocol) return false;
  if (outer.protocol != "all" && outer.from >= 0) {
    if (inner.from < 0 || inner.from < outer.from || inner.to > outer.to) return false;
  }
  if (outer.peer == inner.peer) return true;
  return outer.cidr && inner.cidr && outer.cidr->contains(*inner.cidr);
}

SecurityGroupRuleChange describe(const Rule& r, bool added) {
  SecurityGroupRuleChange c;
  c.added = added;
  c.group = r.group;
  c.direction = r.direction;
  c.protocol = r.protocol;
  c.ports = r.ports();
  c.peer = r.peer;
  c.description = r.description;
  c.defined_in = r.defined_in;
  return c;
}

}  // namespace

void collect_security_group_changes(StackDiff& sd, const Json& old_resources, const Json& new_resources) {
  std::vector<Rule> before = rules_of(old_resources);
  apply_renames(before, sd.renames);
  const std::vector<Rule> after = rules_of(new_resources);
  std::multiset<std::string> before_keys, after_keys;
  for (const auto& r : before) before_keys.insert(r.key());
  for (const auto& r : after) after_keys.insert(r.key());
  // The rules of each group and direction, in order: covers() and the
  // reasons below look at no other.
  std::map<std::pair<std::string, std::string>, std::vector<const Rule*>> before_by_group;
  for (const auto& o : before) before_by_group[{o.group, o.direction}].push_back(&o);
  static const std::vector<const Rule*> none;
  std::vector<SecurityGroupRuleChange> out;
  for (const auto& r : after) {
    auto group_it = before_by_group.find({r.group, r.direction});
    const std::vector<const Rule*>& same_group = group_it == before_by_group.end() ? none : group_it->second;
    if (auto it = before_keys.find(r.key()); it != before_keys.end()) {
      before_keys.erase(it);
      continue;
    }
    SecurityGroupRuleChange c = describe(r, true);
    const bool already = std::any_of(same_group.begin(), same_group.end(), [&](const Rule* o) { return covers(*o, r); });
    if (already) {
      c.why = "already allowed by an existing rule";
    } else {
      c.broadens = true;
      if (r.open()) {
        c.why = r.direction == "ingress" ? "open to the internet" : "to anywhere";
      } else {
        c.why = "new rule";
        for (const Rule* op : same_group) {
          const Rule& o = *op;
          if (o.protocol == r.protocol && o.ports() == r.ports() && o.cidr && r.cidr && r.cidr->contains(*o.cidr)) {
            c.why = "wider CIDR than before";
            break;
          }
          if (o.peer == r.peer) c.why = "ports or protocols not allowed before";
        }
      }
    }
    out.push_back(std::move(c));
  }
  for (const auto& r : before) {
    if (auto it = after_keys.find(r.key()); it != after_keys.end()) {
      after_keys.erase(it);
      continue;
    }
    SecurityGroupRuleChange c = describe(r, false);
    c.why = "removes access";
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const SecurityGroupRuleChange& a, const SecurityGroupRuleChange& b) {
    return std::tie(a.group, a.direction, b.added) < std::tie(b.group, b.direction, a.added);
  });
  for (auto& c : out) sd.security_groups.push_back(std::move(c));
}

}  // namespace aip::diff
