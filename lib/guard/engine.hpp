// The evaluator's internals, shared by its files: query results, scopes and
// the Engine that evaluates clauses (evaluator.cpp), queries (query.cpp),
// comparisons (compare.cpp) and built-in functions (functions.cpp).
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "guard/ast.hpp"
#include "guard/evaluator.hpp"

namespace aip::guard {

// One value a query selected, or where it stopped when a key was missing.
struct Found {
  const nlohmann::json* value = nullptr;  // the value; unresolved: the last value reached
  bool resolved = true;
  bool literal = false;                   // written in the rule file, not found in the document
  std::string path;                       // JSON pointer in the document
  std::string missing;                    // unresolved: the rest of the query
  const Pattern* regex = nullptr;         // a /regex/ literal (value then holds its text)
  const std::vector<std::shared_ptr<const Pattern>>* element_patterns = nullptr;  // a list literal's regexes
};
using Founds = std::vector<Found>;

// Where queries start (`this`) and which `let`s are visible; variables are
// computed once per scope, against the root of the scope that declares them.
struct Scope {
  const Scope* parent = nullptr;
  Found root;
  const std::vector<LetAssignment>* lets = nullptr;
  mutable std::map<std::string, Founds> values;
};

struct Outcome {
  Status status = Status::skip;
  std::vector<Failure> failures;
};

class Engine {
 public:
  Engine(const RuleFile& file, const nlohmann::json& document, const EvalOptions& options);

  // A reference to a name: the first status of the rules of that name that is not SKIP.
  Status rule_status(const std::string& name);
  // One rule of the file (rules may share a name).
  Status status_of(const Rule& r);
  const std::vector<Failure>& failures_of(const Rule& r) { return failures_[&r]; }

  // query.cpp
  Founds query(const Query& q, const Scope& scope);
  // functions.cpp
  Founds call(const FunctionCall& call, const Scope& scope);
  // Values of a right-hand side or argument.
  Founds operand(const Operand& o, const Scope& scope);
  // Keeps a computed value alive for the rest of the evaluation.
  const nlohmann::json* own(nlohmann::json value);

  // evaluator.cpp
  Outcome conjunctions(const Conjunctions& clauses, const Scope& scope);
  Outcome block(const Block& body, const Scope& scope);

 private:
  Outcome clause(const Clause& c, const Scope& scope);
  Outcome access(const Clause& c, const Scope& scope);
  Outcome block_clause(const Clause& c, const Scope& scope);
  Outcome type_block(const Clause& c, const Scope& scope);
  Outcome call_rule(const Clause& c, const Scope& scope);
  Outcome evaluate_rule(const Rule& r);
  Status condition(const Conjunctions& clauses, const Scope& scope);
  void fail_at(Outcome& out, const Clause& c, const Found& value) const;
  const Founds& variable(const std::string& name, const Scope& scope, Location where);

  // query.cpp
  void retrieve(const Query& q, std::size_t index, const Found& current, const Scope& scope, Founds& out);
  void interpolate(const Query& q, std::size_t index, const Found& current, const Scope& scope, Founds& out);
  void filter_one(const Query& q, std::size_t index, const Found& current, const Scope& scope, Founds& out);

  const RuleFile& file_;
  const nlohmann::json& document_;
  EvalOptions options_;
  Scope file_scope_;
  std::map<std::string, std::vector<const Rule*>> rules_;  // in file order
  std::map<const Rule*, Status> status_;
  std::map<const Rule*, std::vector<Failure>> failures_;
  std::deque<nlohmann::json> owned_;
  std::vector<std::string> evaluating_;
  // Above 0 while filters and `when` conditions run: their failures are never reported, so none are built.
  int quiet_ = 0;
};

// compare.cpp: the outcome of each lhs value of a clause against its rhs.
struct Verdict {
  Found value;  // the lhs value judged (unresolved included)
  bool pass;
};
std::vector<Verdict> compare_binary(const Clause& c, const Founds& lhs, const Founds& rhs);
bool unary_holds(Operator op, const Found& value);
bool json_equal(const nlohmann::json& a, const nlohmann::json& b);

// "a/b" -> "a~1b": a JSON pointer segment.
std::string pointer_segment(std::string_view key);

}  // namespace aip::guard
