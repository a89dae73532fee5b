// The syntax tree of a Guard 3 rule file. Every node keeps the location it was
// written at, so evaluation failures and parse errors point into the rule file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/pattern.hpp"
#include "base/source.hpp"

namespace aip::guard {

struct Clause;
struct FunctionCall;
struct Query;

// A clause list in conjunctive normal form: every inner list must hold (its
// clauses joined by `or`), as Guard reads clauses on separate lines.
using Conjunctions = std::vector<std::vector<Clause>>;

// One step of a query: `Resources`, `.*`, `[*]`, `[0]`, `[ filter ]`,
// `[ keys == ... ]`, `this`, or `%var` (only as the first step).
struct QueryPart {
  enum class Kind { key, index, all_values, all_indices, filter, key_filter, this_value, variable };
  Kind kind = Kind::key;
  std::string name;                      // key or variable name
  int index = 0;                         // index
  std::shared_ptr<Conjunctions> filter;  // filter
  std::shared_ptr<Clause> key_filter;    // key_filter: a clause whose left side stands for each key
  Location location;
  std::vector<std::string> spellings;    // key: the other spellings tried when it is missing (key_spellings)
};

// `cfn_nag` -> cfnNag, CfnNag, cfn-nag, Cfn Nag, Cfn-Nag: Guard tries a missing
// key in these spellings (camel, pascal, kebab, snake, title, train case).
std::vector<std::string> key_spellings(std::string_view key);

struct Query {
  std::vector<QueryPart> parts;
  bool match_all = true;  // false after `some`
  Location location;
  std::string text;       // as written, for messages
};

// A regular expression literal `/.../`, compiled once at parse time.
struct Regex {
  std::string text;
  std::shared_ptr<const Pattern> pattern;
};

// The right-hand side of a comparison or `let`: a literal, a regex, a query
// or a function call.
struct Operand {
  enum class Kind { literal, regex, query, function };
  Kind kind = Kind::literal;
  nlohmann::json literal;
  std::vector<std::shared_ptr<const Pattern>> element_patterns;  // a list literal with regexes: one per element (null: not a regex)
  Regex regex;
  std::shared_ptr<Query> query;
  std::shared_ptr<FunctionCall> function;
  Location location;
};

struct FunctionCall {
  std::string name;
  std::vector<Operand> arguments;
  Location location;
};

enum class Operator {
  eq, lt, le, gt, ge, in,  // binary
  exists, empty, is_string, is_list, is_struct, is_int, is_float, is_bool, is_null  // unary
};
bool is_unary(Operator op);
std::string operator_text(Operator op, bool negated);

struct LetAssignment {
  std::string name;
  Operand value;
  Location location;
};

struct Block {
  std::vector<LetAssignment> assignments;
  Conjunctions clauses;
};

// One clause of a block. Kinds:
//  access:     `[not] QUERY OP [RHS] [<< message >>]`
//  named_rule: `[not] RULE_NAME [<< message >>]`, true when that rule passed;
//              `[not] RULE_NAME(ARG, ...)`: a call of a parameterized rule
//  block:      `QUERY { ... }`, the block evaluated for each value of QUERY
//  when:       `when CONDITIONS { ... }`
//  type_block: `AWS::S3::Bucket [when ...] { ... }` (rule level), each resource of the type
struct Clause {
  enum class Kind { access, named_rule, block, when, type_block };
  Kind kind = Kind::access;
  Location location;
  bool negated = false;   // a leading `not` / `!`
  std::string message;    // between << >>; empty when none

  // access
  Query query;
  Operator op = Operator::exists;
  bool op_negated = false;  // `!=`, `not in`, `!exists`, `!empty`, ...
  Operand rhs;

  // named_rule
  std::string rule_name;
  bool call = false;               // `RULE_NAME(...)`
  std::vector<Operand> arguments;  // a call's arguments: literals, queries, %variables

  // block, when, type_block
  std::string type_name;
  std::shared_ptr<Conjunctions> conditions;  // when, type_block with `when`
  std::shared_ptr<Block> body;
  std::string text;  // the clause as written, for failure messages
};

struct Rule {
  std::string name;
  // `rule NAME(P1, P2) { ... }` (Guard 3 parameterized rules): evaluated only
  // where a clause calls it, with %P1, %P2 bound to the call's arguments;
  // never reported on its own.
  bool parameterized = false;
  std::vector<std::string> parameters;
  std::shared_ptr<Conjunctions> conditions;  // `when ...`; null when none
  Block body;
  Location location;
};

// A parsed rule file: file-level `let`s and the rules, in file order.
struct RuleFile {
  std::string path;
  std::vector<LetAssignment> assignments;
  std::vector<Rule> rules;
};

}  // namespace aip::guard
