#include <catch2/catch.hpp>

#include "guard/ast.hpp"
#include "guard_support.hpp"

using guard_test::parse;
using guard_test::parse_errors;

TEST_CASE("Guard parser reads lets, rules, when, type blocks, filters and messages", "[guard][parser]") {
  auto p = parse(R"(
let buckets = Resources.*[ Type == 'AWS::S3::Bucket'
  Metadata.guard.SuppressedRules not exists or
  Metadata.guard.SuppressedRules.* != "S3_X"
]
rule S3_X when %buckets !empty {
  %buckets.Properties.VersioningConfiguration.Status == 'Enabled'
  << Versioning must be on >>
}
rule TYPED {
  AWS::EC2::Instance when Properties.ImageId exists {
    Properties.InstanceType in ['t3.micro', 't3.small']
  }
  S3_X
}
)");
  REQUIRE(p->file);
  const aip::guard::RuleFile& f = *p->file;
  REQUIRE(f.assignments.size() == 1);
  CHECK(f.assignments[0].name == "buckets");
  REQUIRE(f.rules.size() == 2);
  const aip::guard::Rule& s3 = f.rules[0];
  CHECK(s3.name == "S3_X");
  CHECK(s3.location.line == 6);
  CHECK(s3.location.column == 1);
  REQUIRE(s3.conditions);
  REQUIRE(s3.body.clauses.size() == 1);
  const aip::guard::Clause& c = s3.body.clauses[0][0];
  CHECK(c.kind == aip::guard::Clause::Kind::access);
  CHECK(c.message == "Versioning must be on");
  CHECK(c.text == "%buckets.Properties.VersioningConfiguration.Status == 'Enabled'");
  CHECK(c.location.line == 7);
  CHECK(c.location.column == 3);
  const aip::guard::Query& q = f.assignments[0].value.query ? *f.assignments[0].value.query : aip::guard::Query{};
  REQUIRE(q.parts.size() == 3);
  CHECK(q.parts[1].kind == aip::guard::QueryPart::Kind::all_values);
  CHECK(q.parts[2].kind == aip::guard::QueryPart::Kind::filter);
  REQUIRE(q.parts[2].filter->size() == 2);
  CHECK((*q.parts[2].filter)[0].size() == 1);
  CHECK((*q.parts[2].filter)[1].size() == 2);  // the `or`
  const aip::guard::Rule& typed = f.rules[1];
  REQUIRE(typed.body.clauses.size() == 2);
  CHECK(typed.body.clauses[0][0].kind == aip::guard::Clause::Kind::type_block);
  CHECK(typed.body.clauses[0][0].type_name == "AWS::EC2::Instance");
  CHECK(typed.body.clauses[0][0].conditions);
  CHECK(typed.body.clauses[1][0].kind == aip::guard::Clause::Kind::named_rule);
  CHECK(typed.body.clauses[1][0].rule_name == "S3_X");
}

TEST_CASE("Guard parser reads every operator form", "[guard][parser]") {
  auto p = parse(R"(
rule ops {
  a == 1
  a != 'x'
  a < 2
  a <= 2.5
  a > -1
  a >= 0
  a in [1, 2]
  a not in [3]
  a !in [4]
  a IN [5]
  a exists
  a !exists
  a not exists
  a empty
  a !empty
  a is_string
  a !is_list
  a not is_struct
  a is_int
  a is_float
  a is_bool
  a is_null
  a == /^x$/ or a == true
  a == null
  a == { "k": [1, "v"] }
  not a exists
  some a[*] == 1
  a[0] == this
  a[ keys == /^b/ ].c exists
}
)");
  REQUIRE(p->file);
  const auto& clauses = p->file->rules[0].body.clauses;
  REQUIRE(clauses.size() == 29);
  using aip::guard::Operator;
  auto op = [&](std::size_t i) { return aip::guard::operator_text(clauses[i][0].op, clauses[i][0].op_negated); };
  CHECK(op(0) == "==");
  CHECK(op(1) == "!=");
  CHECK(op(2) == "<");
  CHECK(op(3) == "<=");
  CHECK(op(4) == ">");
  CHECK(op(5) == ">=");
  CHECK(op(6) == "in");
  CHECK(op(7) == "not in");
  CHECK(op(8) == "not in");
  CHECK(op(9) == "in");
  CHECK(op(10) == "exists");
  CHECK(op(11) == "!exists");
  CHECK(op(12) == "!exists");
  CHECK(op(13) == "empty");
  CHECK(op(14) == "!empty");
  CHECK(op(15) == "is_string");
  CHECK(op(16) == "!is_list");
  CHECK(op(17) == "!is_struct");
  CHECK(op(18) == "is_int");
  CHECK(op(19) == "is_float");
  CHECK(op(20) == "is_bool");
  CHECK(op(21) == "is_null");
  CHECK(clauses[22].size() == 2);
  CHECK(clauses[22][0].rhs.kind == aip::guard::Operand::Kind::regex);
  CHECK(clauses[23][0].rhs.literal.is_null());
  CHECK(clauses[24][0].rhs.literal == nlohmann::json{{"k", {1, "v"}}});
  CHECK(clauses[25][0].negated);
  CHECK_FALSE(clauses[26][0].query.match_all);
  CHECK(clauses[28][0].query.parts[1].kind == aip::guard::QueryPart::Kind::key_filter);
}

TEST_CASE("Guard parse errors: each class with its message and line:col", "[guard][parser]") {
  struct Case {
    const char* rules;
    const char* error;
  };
  const Case cases[] = {
      // lexical
      {"rule r { % == 1 }", "1:10: expected a variable name after '%'"},
      {"rule r {\n  a == @\n}", "2:8: unexpected character '@'"},
      {"rule r {\n  a == 'open\n}", "2:8: unterminated string"},
      {"rule r { a == /abc\n}", "1:15: unterminated regular expression (missing closing '/')"},
      {"rule r { a exists << never closed }", "1:19: unterminated custom message (missing '>>')"},
      // declarations
      {"rul r { a exists }", "1:1: expected 'let' or 'rule' at the top level, got 'rul'; did you mean 'rule'?"},
      {"let = 1", "1:5: expected a variable name after 'let', got '='"},
      {"let x 1", "1:7: expected '=' after 'let x', got '1'"},
      {"rule { a exists }", "1:6: expected a rule name after 'rule', got '{'"},
      {"rule r(x, x) { %x exists }", "1:11: parameter 'x' of rule 'r' is named twice"},
      {"rule r() { a exists }", "1:1: parameterized rule 'r' has no parameters"},
      {"rule r(x y) { %x exists }", "1:10: expected ',' between the parameters of rule 'r', got 'y'"},
      {"rule r(1) { a exists }", "1:8: expected a parameter name in rule 'r', got '1'"},
      {"rule p(x) { %x exists }\nrule r { p(a, b) }", "2:10: rule 'p' takes 1 argument (x), got 2"},
      {"rule p(x, y) { %x exists }\nrule r { p }", "2:10: rule 'p' is parameterized: call it as p(x, y)"},
      {"rule p { a exists }\nrule r { p(a) }", "2:10: rule 'p' takes no parameters; name it without '(...)'"},
      {"rule p(x) { %y exists }", "1:13: unknown variable '%y'; did you mean 'x'?"},
      {"rule p(x) { %x exists }\nrule r { p(a b) }", "2:14: expected ',' between the arguments of 'p(...)', got 'b'"},
      {"rule p(x) { %x exists }\nrule r { p(a", "2:13: expected ')' to close the arguments of 'p', got the end of the file"},
      {"rule r a exists", "1:8: expected '{' to open the body of rule 'r', got 'a'"},
      {"rule r when a exists", "1:21: expected '{' after the 'when' conditions, got the end of the file"},
      {"rule r when { a exists }", "1:13: expected a condition after 'when'"},
      {"rule r {\n  a exists\n", "3:1: expected '}' to close the block, got the end of the file"},
      {"rule r { a { AWS::S3::Bucket { b exists } } }", "1:14: a type block ('AWS::S3::Bucket') may only appear directly in a rule"},
      // clauses and queries
      {"rule r {\n  Properties.X exist\n}", "2:16: expected an operator after 'Properties.X', got 'exist'; did you mean 'exists'?"},
      {"rule r { a.b 'x' }", "1:14: expected an operator (==, !=, <, <=, >, >=, in, exists, empty, is_string, ...) after 'a.b', got the string 'x'"},
      {"rule r { a == 1\n  == 2 }", "2:3: expected a query (a key such as 'Resources', '%variable' or 'this'), got '=='"},
      {"rule r { a.== 1 }", "1:12: expected a key, '*' or an index after '.', got '=='"},
      {"rule r { a[ keys exists ] exists }", "1:13: a 'keys' filter needs a comparison such as 'keys == /regex/'"},
      {"rule r { a[ keys == 'x' b ] exists }", "1:25: expected ']' to close the 'keys' filter, got 'b'"},
      {"rule r { a[ b exists", "1:11: unterminated filter: missing ']'"},
      {"rule r { a[] exists }", "1:11: empty filter '[]'"},
      {"rule r { a == }", "1:15: expected a value to compare with, got '}'"},
      {"rule r { a == /(ab/ }", "1:15: invalid regular expression /(ab/: pattern '(ab' at 3: missing ')'"},
      // literals
      {"rule r { a in [1 2] }", "1:18: expected ',' or ']' in a list, got '2'"},
      {"rule r { a == { 1: 2 } }", "1:17: expected a key in a map literal, got '1'"},
      {"rule r { a == { k 2 } }", "1:19: expected ':' after the key 'k', got '2'"},
      {"rule r { a == { k: 2 j: 3 } }", "1:22: expected ',' or '}' in a map, got 'j'"},
      {"rule r { a == { k: /x/ } }", "1:20: a regular expression inside a list or map literal is not supported"},
      {"rule r { a == [ b ] }", "1:17: expected a literal value (string, number, true, false, null, list or map), got 'b'"},
      // functions
      {"let n = cout(Resources.*)", "1:9: unknown function 'cout'; did you mean 'count'?"},
      {"let n = count(Resources, 1)", "1:9: 'count' takes 1 argument, got 2"},
      {"let n = count(Resources 1)", "1:25: expected ',' or ')' in the arguments of 'count', got '1'"},
      {"let s = regex_replace(%x, %y, 'b')\nlet x = 1\nlet y = 2", "1:27: the pattern of 'regex_replace' must be a string"},
      {"let s = regex_replace(Resources, 'a', 1)", "1:39: the replacement of 'regex_replace' must be a string"},
      {"let s = regex_replace(Resources, '(a', 'b')", "1:34: invalid regular expression in 'regex_replace': pattern '(a' at 2: missing ')'"},
      // names
      // Plain rules may share a name (as in cfn-guard); a parameterized one is called by name.
      {"rule r(x) { %x exists }\nrule r { b exists }", "2:1: rule 'r' is defined twice (a parameterized rule's name must be unique)"},
      {"rule r { b exists }\nrule r(x) { %x exists }", "2:1: rule 'r' is defined twice (a parameterized rule's name must be unique)"},
      {"let x = 1\nlet x = 2", "2:1: variable 'x' is assigned twice"},
      {"rule rule_a { a exists }\nrule r { rule_b }", "2:10: no rule named 'rule_b' in this file; did you mean 'rule_a'?"},
      {"let buckets = Resources.*\nrule r { %bukets exists }", "2:10: unknown variable '%bukets'; did you mean 'buckets'?"},
      {"rule a { b }\nrule b { a }", "1:1: rule 'a' depends on itself: a -> b -> a"},
  };
  for (const Case& c : cases) {
    INFO(c.rules);
    const std::vector<std::string> errors = parse_errors(c.rules);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0] == c.error);
  }
}

TEST_CASE("Guard parse errors render as file:line:col: error:", "[guard][parser]") {
  aip::SourceManager sources;
  aip::Diagnostics diags;
  aip::guard::parse_rule_file(sources.add("policies/tags.guard", "rule r {\n  Tags exist\n}\n"), diags);
  const std::string text = aip::render_all(diags, false);
  CHECK(text.find("policies/tags.guard:2:8: error: expected an operator after 'Tags', got 'exist'; did you mean 'exists'?") != std::string::npos);
}

TEST_CASE("A variable declared in an inner block is not visible outside it", "[guard][parser]") {
  const auto errors = parse_errors("rule r {\n  a { let inner = b\n    %inner exists }\n  %inner exists\n}");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "4:3: unknown variable '%inner'");
}
