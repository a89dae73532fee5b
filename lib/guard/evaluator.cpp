// Clause, block and rule evaluation, following cfn-guard 3: clauses on
// separate lines must all hold, `or` needs one; a clause whose query selects
// nothing is skipped; a rule whose `when` does not pass is skipped; a
// dependency on another rule holds only when that rule passed.
#include <algorithm>

#include "guard/engine.hpp"

namespace aip::guard {

const char* status_name(Status s) {
  switch (s) {
    case Status::pass: return "PASS";
    case Status::fail: return "FAIL";
    case Status::skip: return "SKIP";
  }
  return "?";
}

namespace evaluation {

Failure failure_at(const Clause& c, const Found& value) {
  Failure f;
  f.path = value.path;
  f.missing = value.resolved ? "" : value.missing;
  f.message = c.message;
  f.clause = c.text;
  f.location = c.location;
  return f;
}

// all: fails when any value fails; some: passes when any value passes.
Status tally(bool match_all, int passes, int fails) {
  if (match_all) return fails > 0 ? Status::fail : (passes > 0 ? Status::pass : Status::skip);
  return passes > 0 ? Status::pass : (fails > 0 ? Status::fail : Status::skip);
}

// The logical id when the pointer is /Resources/<id>/...
std::string resource_of(const std::string& path) {
  static const std::string prefix = "/Resources/";
  if (path.compare(0, prefix.size(), prefix) != 0) return "";
  const std::size_t end = path.find('/', prefix.size());
  std::string id = path.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
  std::string out;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (id[i] == '~' && i + 1 < id.size()) {
      out += id[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += id[i];
    }
  }
  return out;
}

bool suppressed(const nlohmann::json& document, const std::string& resource, const std::string& rule) {
  if (resource.empty() || !document.is_object()) return false;
  const auto resources = document.find("Resources");
  if (resources == document.end() || !resources->is_object()) return false;
  const auto r = resources->find(resource);
  if (r == resources->end() || !r->is_object()) return false;
  const nlohmann::json* list = &*r;
  for (const char* key : {"Metadata", "guard", "SuppressedRules"}) {
    if (!list->is_object()) return false;
    const auto it = list->find(key);
    if (it == list->end()) return false;
    list = &*it;
  }
  if (!list->is_array()) return false;
  return std::any_of(list->begin(), list->end(), [&](const nlohmann::json& v) { return v.is_string() && v.get<std::string>() == rule; });
}

}  // namespace evaluation

Engine::Engine(const RuleFile& file, const nlohmann::json& document, const EvalOptions& options)
    : file_(file), document_(document), options_(options) {
  file_scope_.root = Found{&document_, true, false, "", "", nullptr};
  file_scope_.lets = &file_.assignments;
  for (const Rule& r : file_.rules) rules_[r.name].push_back(&r);
}

const nlohmann::json* Engine::own(nlohmann::json value) {
  owned_.push_back(std::move(value));
  return &owned_.back();
}

const Founds& Engine::variable(const std::string& name, const Scope& scope, Location where) {
  for (const Scope* s = &scope; s != nullptr; s = s->parent) {
    if (s->lets == nullptr) continue;
    const auto cached = s->values.find(name);
    if (cached != s->values.end()) return cached->second;
    for (const LetAssignment& let : *s->lets) {
      if (let.name != name) continue;
      Founds values = operand(let.value, *s);
      // `let x = some q` keeps only what resolved.
      if (let.value.query && !let.value.query->match_all) {
        values.erase(std::remove_if(values.begin(), values.end(), [](const Found& f) { return !f.resolved; }), values.end());
      }
      return s->values[name] = std::move(values);
    }
  }
  // The parser checks every variable; reaching here is a bug in aip.
  throw std::logic_error("guard: unknown variable %" + name + " at " + where.str());
}

Founds Engine::operand(const Operand& o, const Scope& scope) {
  switch (o.kind) {
    case Operand::Kind::literal: {
      Found f{&o.literal, true, true, "", "", nullptr};
      if (!o.element_patterns.empty()) f.element_patterns = &o.element_patterns;
      return {f};
    }
    case Operand::Kind::regex: return {Found{own(o.regex.text), true, true, "", "", o.regex.pattern.get()}};
    case Operand::Kind::query: return query(*o.query, scope);
    case Operand::Kind::function: return call(*o.function, scope);
  }
  return {};
}

// `when` conditions and filters only select: their failures are not built.
Status Engine::condition(const Conjunctions& clauses, const Scope& scope) {
  ++quiet_;
  const Status s = conjunctions(clauses, scope).status;
  --quiet_;
  return s;
}

void Engine::fail_at(Outcome& out, const Clause& c, const Found& value) const {
  if (quiet_ == 0) out.failures.push_back(evaluation::failure_at(c, value));
}

Outcome Engine::conjunctions(const Conjunctions& clauses, const Scope& scope) {
  Outcome out;
  int passes = 0, fails = 0;
  for (const std::vector<Clause>& any_of : clauses) {
    bool passed = false;
    std::vector<Failure> failed;
    int disjunct_fails = 0;
    for (const Clause& c : any_of) {
      Outcome o = clause(c, scope);
      if (o.status == Status::pass) {
        passed = true;
        break;
      }
      if (o.status == Status::fail) {
        ++disjunct_fails;
        failed.insert(failed.end(), std::make_move_iterator(o.failures.begin()), std::make_move_iterator(o.failures.end()));
      }
    }
    if (passed) {
      ++passes;
    } else if (disjunct_fails > 0) {
      ++fails;
      out.failures.insert(out.failures.end(), std::make_move_iterator(failed.begin()), std::make_move_iterator(failed.end()));
    }
  }
  out.status = fails > 0 ? Status::fail : (passes > 0 ? Status::pass : Status::skip);
  if (out.status != Status::fail) out.failures.clear();
  return out;
}

Outcome Engine::block(const Block& body, const Scope& scope) {
  Scope inner;
  inner.parent = &scope;
  inner.root = scope.root;
  inner.lets = &body.assignments;
  return conjunctions(body.clauses, inner);
}

Outcome Engine::clause(const Clause& c, const Scope& scope) {
  switch (c.kind) {
    case Clause::Kind::access: return access(c, scope);
    case Clause::Kind::named_rule: {
      if (c.call) return call_rule(c, scope);
      const bool passed = rule_status(c.rule_name) == Status::pass;
      Outcome o;
      o.status = (passed != c.negated) ? Status::pass : Status::fail;
      if (o.status == Status::fail) fail_at(o, c, scope.root);
      return o;
    }
    case Clause::Kind::block: return block_clause(c, scope);
    case Clause::Kind::when: {
      if (condition(*c.conditions, scope) != Status::pass) return Outcome{};
      return block(*c.body, scope);
    }
    case Clause::Kind::type_block: return type_block(c, scope);
  }
  return {};
}

Outcome Engine::access(const Clause& c, const Scope& scope) {
  Outcome out;
  const Founds lhs = query(c.query, scope);
  const bool flip = c.negated;
  std::vector<Verdict> verdicts;
  if (is_unary(c.op)) {
    const QueryPart::Kind last = c.query.parts.back().kind;
    const bool on_selection = last == QueryPart::Kind::filter || last == QueryPart::Kind::key_filter ||
                              (c.query.parts.size() == 1 && last == QueryPart::Kind::variable);
    if (c.op == Operator::empty && on_selection) {
      // `%buckets empty` asks whether anything was selected.
      if (lhs.empty()) {
        const bool pass = (!c.op_negated) != flip;
        out.status = pass ? Status::pass : Status::fail;
        if (!pass) fail_at(out, c, scope.root);
        return out;
      }
      for (const Found& f : lhs) {
        const bool is_empty = !f.resolved || f.value->is_null();
        verdicts.push_back(Verdict{f, (is_empty != c.op_negated) != flip});
      }
    } else {
      if (lhs.empty()) return out;  // skip
      for (const Found& f : lhs) verdicts.push_back(Verdict{f, (unary_holds(c.op, f) != c.op_negated) != flip});
    }
  } else {
    if (lhs.empty()) return out;  // skip
    const Founds rhs = operand(c.rhs, scope);
    verdicts = compare_binary(c, lhs, rhs);
    if (flip) {
      for (Verdict& v : verdicts) v.pass = !v.pass;
    }
  }
  int passes = 0, fails = 0;
  for (const Verdict& v : verdicts) {
    if (v.pass) {
      ++passes;
    } else {
      ++fails;
      fail_at(out, c, v.value);
    }
  }
  out.status = evaluation::tally(c.query.match_all, passes, fails);
  if (out.status != Status::fail) out.failures.clear();
  return out;
}

Outcome Engine::block_clause(const Clause& c, const Scope& scope) {
  Outcome out;
  const Founds values = query(c.query, scope);
  int passes = 0, fails = 0;
  for (const Found& v : values) {
    if (!v.resolved) {
      ++fails;
      fail_at(out, c, v);
      continue;
    }
    Scope inner;
    inner.parent = &scope;
    inner.root = v;
    Outcome o = block(*c.body, inner);
    if (o.status == Status::pass) ++passes;
    if (o.status == Status::fail) {
      ++fails;
      out.failures.insert(out.failures.end(), std::make_move_iterator(o.failures.begin()), std::make_move_iterator(o.failures.end()));
    }
  }
  out.status = evaluation::tally(c.query.match_all, passes, fails);
  if (out.status != Status::fail) out.failures.clear();
  return out;
}

// `AWS::S3::Bucket { ... }`: the block for each resource of that type.
Outcome Engine::type_block(const Clause& c, const Scope& scope) {
  Outcome out;
  if (c.conditions && condition(*c.conditions, scope) != Status::pass) return out;
  const nlohmann::json& root = *scope.root.value;
  if (!root.is_object()) return out;
  const auto resources = root.find("Resources");
  if (resources == root.end() || !resources->is_object()) return out;
  int passes = 0, fails = 0;
  for (auto it = resources->begin(); it != resources->end(); ++it) {
    const nlohmann::json& r = it.value();
    if (!r.is_object()) continue;
    const auto type = r.find("Type");
    if (type == r.end() || !type->is_string() || type->get_ref<const std::string&>() != c.type_name) continue;
    Scope inner;
    inner.parent = &scope;
    inner.root = Found{&r, true, false, scope.root.path + "/Resources/" + pointer_segment(it.key()), "", nullptr};
    Outcome o = block(*c.body, inner);
    if (o.status == Status::pass) ++passes;
    if (o.status == Status::fail) {
      ++fails;
      out.failures.insert(out.failures.end(), std::make_move_iterator(o.failures.begin()), std::make_move_iterator(o.failures.end()));
    }
  }
  out.status = evaluation::tally(true, passes, fails);
  if (out.status != Status::fail) out.failures.clear();
  return out;
}

// `name(args)`: the parameterized rule evaluated with its parameters bound to
// the arguments' values (taken in the caller's scope); it passes when the rule
// does. A failing call reports the rule's own failures (the values inside it
// that failed), with the call's << message >> when it has one.
Outcome Engine::call_rule(const Clause& c, const Scope& scope) {
  const Rule& r = *rules_.at(c.rule_name).front();  // the parser keeps parameterized names unique
  static const std::vector<LetAssignment> kNoLets;
  Scope params;
  params.parent = &file_scope_;
  params.root = file_scope_.root;
  params.lets = &kNoLets;
  for (std::size_t i = 0; i < r.parameters.size() && i < c.arguments.size(); ++i) {
    params.values[r.parameters[i]] = operand(c.arguments[i], scope);
  }
  Outcome inner;
  if (!r.conditions || condition(*r.conditions, params) == Status::pass) inner = block(r.body, params);
  const bool passed = inner.status == Status::pass;
  Outcome o;
  o.status = (passed != c.negated) ? Status::pass : Status::fail;
  if (o.status != Status::fail) return o;
  if (!c.negated && !inner.failures.empty()) {
    o.failures = std::move(inner.failures);
    if (!c.message.empty()) {
      for (Failure& f : o.failures) f.message = c.message;
    }
  } else {
    fail_at(o, c, scope.root);
  }
  return o;
}

Outcome Engine::evaluate_rule(const Rule& r) {
  if (r.conditions && condition(*r.conditions, file_scope_) != Status::pass) return Outcome{};
  return block(r.body, file_scope_);
}

Status Engine::rule_status(const std::string& name) {
  const auto rules = rules_.find(name);
  if (rules == rules_.end()) throw std::logic_error("guard: rule " + name + " unknown");  // the parser rejects it
  for (const Rule* r : rules->second) {
    if (const Status s = status_of(*r); s != Status::skip) return s;
  }
  return Status::skip;
}

Status Engine::status_of(const Rule& r) {
  const auto done = status_.find(&r);
  if (done != status_.end()) return done->second;
  const std::string& name = r.name;
  // The parser rejects cycles; a rule in progress here is a bug.
  if (std::find(evaluating_.begin(), evaluating_.end(), name) != evaluating_.end()) {
    throw std::logic_error("guard: rule " + name + " cyclic");
  }
  evaluating_.push_back(name);
  Outcome o = evaluate_rule(r);
  evaluating_.pop_back();
  for (Failure& f : o.failures) {
    f.resource = evaluation::resource_of(f.path);
    if (!f.resource.empty()) {
      const std::size_t id_end = f.path.find('/', std::string("/Resources/").size());
      f.property = id_end == std::string::npos ? "" : f.path.substr(id_end);
    }
  }
  failures_[&r] = std::move(o.failures);
  return status_[&r] = o.status;
}

std::vector<RuleResult> evaluate(const RuleFile& rules, const nlohmann::json& document, const EvalOptions& options) {
  Engine engine(rules, document, options);
  std::vector<RuleResult> out;
  for (const Rule& r : rules.rules) {
    if (r.parameterized) continue;  // evaluated where it is called, never on its own
    RuleResult result;
    result.name = r.name;
    result.location = r.location;
    result.status = engine.status_of(r);
    if (result.status == Status::fail) {
      for (const Failure& f : engine.failures_of(r)) {
        if (options.honour_suppressed_rules && evaluation::suppressed(document, f.resource, r.name)) continue;
        result.failures.push_back(f);
      }
      if (result.failures.empty() && !engine.failures_of(r).empty()) result.status = Status::skip;
    }
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace aip::guard
