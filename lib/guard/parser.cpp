#include "guard/parser.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>

#include "base/did_you_mean.hpp"
#include "guard/lexer.hpp"

namespace aip::guard {

const std::vector<FunctionSignature>& builtin_functions() {
  static const std::vector<FunctionSignature> functions = {
      {"count", 1, 1},        {"json_parse", 1, 1},    {"regex_replace", 3, 3}, {"to_lower", 1, 1},
      {"to_upper", 1, 1},     {"substring", 3, 3},     {"join", 2, 2},          {"url_decode", 1, 1},
      {"parse_int", 1, 1},    {"parse_boolean", 1, 1}, {"parse_string", 1, 1},  {"parse_float", 1, 1},
      {"parse_char", 1, 1},   {"parse_epoch", 1, 1},   {"now", 0, 0},
  };
  return functions;
}

namespace parser {

// A syntax error ends the parse of its file: after one, the rest of the file
// cannot be read reliably, and a cascade of follow-on errors helps nobody.
struct SyntaxError {
  Location where;
  std::string message;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::vector<std::string>& unary_operator_words() {
  static const std::vector<std::string> words = {"exists", "empty", "is_string", "is_list", "is_struct",
                                                 "is_int", "is_float", "is_bool", "is_null"};
  return words;
}

std::optional<Operator> unary_operator(std::string_view word) {
  static const std::map<std::string, Operator> ops = {
      {"exists", Operator::exists},   {"empty", Operator::empty},       {"is_string", Operator::is_string},
      {"is_list", Operator::is_list}, {"is_struct", Operator::is_struct}, {"is_int", Operator::is_int},
      {"is_float", Operator::is_float}, {"is_bool", Operator::is_bool}, {"is_null", Operator::is_null}};
  auto it = ops.find(lower(word));
  if (it == ops.end()) return std::nullopt;
  return it->second;
}

class Parser {
 public:
  Parser(const SourceFile& file, std::vector<Token> tokens) : file_(file), tokens_(std::move(tokens)) {}

  RuleFile parse_file() {
    RuleFile out;
    out.path = file_.path;
    while (!at_end()) {
      const Token& t = peek();
      if (is_word(t, "let")) {
        out.assignments.push_back(let_assignment());
      } else if (is_word(t, "rule")) {
        out.rules.push_back(rule());
      } else {
        std::string what = describe(t);
        std::string hint = t.kind == Token::Kind::identifier ? did_you_mean(t.text, {"let", "rule"}) : "";
        fail(t.location, "expected 'let' or 'rule' at the top level, got " + what + hint);
      }
    }
    return out;
  }

 private:
  // ---- tokens
  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  bool at_end() const { return peek().kind == Token::Kind::end; }
  const Token& next() {
    const Token& t = peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  static bool is_word(const Token& t, std::string_view word) {
    return t.kind == Token::Kind::identifier && lower(t.text) == word;
  }
  static bool is_punct(const Token& t, std::string_view p) { return t.kind == Token::Kind::punct && t.text == p; }
  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Token::Kind::end: return "the end of the file";
      case Token::Kind::string: return "the string '" + t.text + "'";
      case Token::Kind::regex: return "the regular expression /" + t.text + "/";
      case Token::Kind::variable: return "'%" + t.text + "'";
      case Token::Kind::message: return "a custom message";
      default: return "'" + t.text + "'";
    }
  }
  [[noreturn]] void fail(Location where, std::string message) const { throw SyntaxError{where, std::move(message)}; }
  const Token& expect_punct(std::string_view p, std::string_view context) {
    if (!is_punct(peek(), p)) {
      fail(peek().location, "expected '" + std::string(p) + "' " + std::string(context) + ", got " + describe(peek()));
    }
    return next();
  }
  std::string identifier(std::string_view what) {
    if (peek().kind != Token::Kind::identifier) fail(peek().location, "expected " + std::string(what) + ", got " + describe(peek()));
    return next().text;
  }
  std::string text_since(std::size_t first_token) const {
    const std::size_t last = pos_ == 0 ? 0 : pos_ - 1;
    if (first_token > last) return "";
    const std::size_t begin = tokens_[first_token].offset, end = tokens_[last].end;
    return file_.text.substr(begin, end - begin);
  }

  // ---- declarations
  LetAssignment let_assignment() {
    LetAssignment let;
    let.location = next().location;  // let
    let.name = identifier("a variable name after 'let'");
    if (is_punct(peek(), "=")) {
      next();
    } else if (is_punct(peek(), ":") && is_punct(peek(1), "=")) {
      next();
      next();
    } else {
      fail(peek().location, "expected '=' after 'let " + let.name + "', got " + describe(peek()));
    }
    let.value = operand(/*in_let=*/true);
    return let;
  }

  Rule rule() {
    Rule r;
    r.location = next().location;  // rule
    r.name = identifier("a rule name after 'rule'");
    if (is_punct(peek(), "(")) {
      next();
      r.parameterized = true;
      while (!is_punct(peek(), ")")) {
        if (!r.parameters.empty()) expect_punct(",", "between the parameters of rule '" + r.name + "'");
        const Location at = peek().location;
        std::string name = identifier("a parameter name in rule '" + r.name + "'");
        if (std::find(r.parameters.begin(), r.parameters.end(), name) != r.parameters.end()) {
          fail(at, "parameter '" + name + "' of rule '" + r.name + "' is named twice");
        }
        r.parameters.push_back(std::move(name));
      }
      next();  // )
      if (r.parameters.empty()) fail(r.location, "parameterized rule '" + r.name + "' has no parameters");
    }
    if (is_word(peek(), "when")) {
      next();
      r.conditions = std::make_shared<Conjunctions>(conditions());
    }
    expect_punct("{", "to open the body of rule '" + r.name + "'");
    r.body = block_body(/*rule_level=*/true);
    return r;
  }

  // Clauses up to the `{` that opens a block.
  Conjunctions conditions() {
    Conjunctions out;
    while (!is_punct(peek(), "{")) {
      if (at_end()) fail(peek().location, "expected '{' after the 'when' conditions, got the end of the file");
      out.push_back(disjunction(false, /*condition=*/true));
    }
    if (out.empty()) fail(peek().location, "expected a condition after 'when'");
    return out;
  }

  // After the `{`: assignments and clauses up to the closing `}`.
  Block block_body(bool rule_level) {
    Block b;
    while (!is_punct(peek(), "}")) {
      if (at_end()) fail(peek().location, "expected '}' to close the block, got the end of the file");
      if (is_word(peek(), "let")) {
        b.assignments.push_back(let_assignment());
        continue;
      }
      b.clauses.push_back(disjunction(rule_level));
    }
    next();  // }
    return b;
  }

  // `condition`: in `when` conditions, where a `{` after a rule name opens the block.
  std::vector<Clause> disjunction(bool rule_level, bool condition = false) {
    std::vector<Clause> out;
    out.push_back(clause(rule_level, condition));
    while (is_word(peek(), "or") || is_punct(peek(), "|OR|")) {
      next();
      out.push_back(clause(rule_level, condition));
    }
    return out;
  }

  static bool is_type_name(const Token& t) {
    return t.kind == Token::Kind::identifier && t.text.find("::") != std::string::npos;
  }

  Clause clause(bool rule_level, bool condition = false) {
    const std::size_t start = pos_;
    Clause c;
    c.location = peek().location;
    if (is_word(peek(), "when")) {
      next();
      c.kind = Clause::Kind::when;
      c.conditions = std::make_shared<Conjunctions>(conditions());
      next();  // {
      c.body = std::make_shared<Block>(block_body(rule_level));
      c.text = text_since(start);
      return c;
    }
    if (is_type_name(peek())) {
      if (!rule_level) fail(peek().location, "a type block ('" + peek().text + "') may only appear directly in a rule");
      c.kind = Clause::Kind::type_block;
      c.type_name = next().text;
      if (is_word(peek(), "when")) {
        next();
        c.conditions = std::make_shared<Conjunctions>(conditions());
      }
      if (is_punct(peek(), "{")) {
        next();
        c.body = std::make_shared<Block>(block_body(false));
      } else {
        // `AWS::S3::Bucket Properties.X exists`: a block of one clause.
        c.body = std::make_shared<Block>();
        c.body->clauses.push_back({clause(false)});
      }
      c.text = text_since(start);
      return c;
    }
    if (is_word(peek(), "not") || (is_punct(peek(), "!") && peek(1).kind != Token::Kind::punct)) {
      next();
      c.negated = true;
    }
    if (starts_named_rule(condition)) {
      c.kind = Clause::Kind::named_rule;
      c.rule_name = next().text;
      c.location = tokens_[pos_ - 1].location;
      if (is_punct(peek(), "(") && !peek().newline_before) {
        next();
        c.call = true;
        while (!is_punct(peek(), ")")) {
          if (at_end()) fail(peek().location, "expected ')' to close the arguments of '" + c.rule_name + "', got the end of the file");
          if (!c.arguments.empty()) expect_punct(",", "between the arguments of '" + c.rule_name + "(...)'");
          c.arguments.push_back(operand(false));
        }
        next();  // )
      }
      c.text = text_since(start);
      if (peek().kind == Token::Kind::message) c.message = next().text;
      return c;
    }
    c.query = query();
    if (is_punct(peek(), "{")) {
      next();
      c.kind = Clause::Kind::block;
      c.body = std::make_shared<Block>(block_body(false));
      c.text = text_since(start);
      return c;
    }
    comparison(c);
    c.text = text_since(start);
    if (peek().kind == Token::Kind::message) c.message = next().text;
    return c;
  }

  // A lone word that is not followed by the rest of a query or an operator on
  // the same line names another rule.
  bool starts_named_rule(bool condition) const {
    const Token& t = peek();
    if (t.kind != Token::Kind::identifier || is_keyword(t.text)) return false;
    const Token& after = peek(1);
    if (after.kind == Token::Kind::punct) {
      return !(after.text == "." || after.text == "[" || (after.text == "{" && !condition) || after.text == "==" || after.text == "!=" ||
               after.text == "<" || after.text == "<=" || after.text == ">" || after.text == ">=" ||
               (after.text == "!" && !after.newline_before));
    }
    if (after.kind == Token::Kind::identifier && !after.newline_before) {
      const std::string w = lower(after.text);
      if (w == "in" || w == "not" || unary_operator(w)) return false;
      // `Tags exist`: a misspelt operator, which comparison() reports; `A B`: two rules.
      std::vector<std::string> words = unary_operator_words();
      words.push_back("in");
      if (!did_you_mean(w, words).empty()) return false;
    }
    return true;
  }

  static bool is_keyword(std::string_view word) {
    static const std::set<std::string> words = {"let", "rule", "when", "or", "not", "some", "this", "keys",
                                                "true", "false", "null", "in"};
    const std::string w = lower(word);
    return words.count(w) > 0 || unary_operator(w).has_value();
  }

  // The operator and right-hand side of an access clause.
  void comparison(Clause& c) {
    c.kind = Clause::Kind::access;
    const Token& t = peek();
    bool negated = false;
    if (is_punct(t, "!") || is_word(t, "not")) {
      next();
      negated = true;
    }
    const Token& op = peek();
    if (op.kind == Token::Kind::punct && !negated) {
      static const std::map<std::string, std::pair<Operator, bool>> binary = {
          {"==", {Operator::eq, false}}, {"!=", {Operator::eq, true}}, {"<", {Operator::lt, false}},
          {"<=", {Operator::le, false}}, {">", {Operator::gt, false}}, {">=", {Operator::ge, false}}};
      auto it = binary.find(op.text);
      if (it != binary.end()) {
        next();
        c.op = it->second.first;
        c.op_negated = it->second.second;
        c.rhs = operand(false);
        return;
      }
    }
    if (op.kind == Token::Kind::identifier) {
      const std::string w = lower(op.text);
      if (w == "in") {
        next();
        c.op = Operator::in;
        c.op_negated = negated;
        c.rhs = operand(false);
        return;
      }
      if (auto u = unary_operator(w)) {
        next();
        c.op = *u;
        c.op_negated = negated;
        return;
      }
      std::vector<std::string> words = unary_operator_words();
      words.push_back("in");
      fail(op.location, "expected an operator after '" + c.query.text + "', got '" + op.text + "'" + did_you_mean(op.text, words));
    }
    fail(op.location, "expected an operator (==, !=, <, <=, >, >=, in, exists, empty, is_string, ...) after '" +
                          c.query.text + "', got " + describe(op));
  }

  // ---- queries
  Query query() {
    const std::size_t start = pos_;
    Query q;
    q.location = peek().location;
    if (is_word(peek(), "some")) {
      next();
      q.match_all = false;
    }
    const Token& first = peek();
    QueryPart part;
    part.location = first.location;
    if (first.kind == Token::Kind::variable) {
      part.kind = QueryPart::Kind::variable;
      part.name = next().text;
    } else if (is_word(first, "this")) {
      next();
      part.kind = QueryPart::Kind::this_value;
    } else if (first.kind == Token::Kind::identifier && !is_keyword(first.text)) {
      part.kind = QueryPart::Kind::key;
      part.name = next().text;
      part.spellings = key_spellings(part.name);
    } else if (first.kind == Token::Kind::string) {
      part.kind = QueryPart::Kind::key;
      part.name = next().text;
      part.spellings = key_spellings(part.name);
    } else if (is_punct(first, "*")) {
      next();
      part.kind = QueryPart::Kind::all_values;
    } else {
      fail(first.location, "expected a query (a key such as 'Resources', '%variable' or 'this'), got " + describe(first));
    }
    q.parts.push_back(std::move(part));
    while (true) {
      if (is_punct(peek(), ".")) {
        next();
        q.parts.push_back(dotted_part());
      } else if (is_punct(peek(), "[")) {
        q.parts.push_back(bracket_part());
      } else {
        break;
      }
    }
    q.text = text_since(start);
    return q;
  }

  QueryPart dotted_part() {
    const Token& t = peek();
    QueryPart p;
    p.location = t.location;
    if (is_punct(t, "*")) {
      next();
      p.kind = QueryPart::Kind::all_values;
    } else if (t.kind == Token::Kind::integer) {
      p.kind = QueryPart::Kind::index;
      p.index = std::stoi(next().text);
    } else if (t.kind == Token::Kind::identifier || t.kind == Token::Kind::string) {
      p.kind = QueryPart::Kind::key;
      p.name = next().text;
      p.spellings = key_spellings(p.name);
    } else if (t.kind == Token::Kind::variable) {
      // `Parameters.%refs`: the variable's values are the keys.
      p.kind = QueryPart::Kind::variable;
      p.name = next().text;
    } else {
      fail(t.location, "expected a key, '*' or an index after '.', got " + describe(t));
    }
    return p;
  }

  QueryPart bracket_part() {
    QueryPart p;
    p.location = next().location;  // [
    const Token& t = peek();
    if (is_punct(t, "*") && is_punct(peek(1), "]")) {
      next();
      next();
      p.kind = QueryPart::Kind::all_indices;
      return p;
    }
    if (t.kind == Token::Kind::integer && is_punct(peek(1), "]")) {
      p.kind = QueryPart::Kind::index;
      p.index = std::stoi(next().text);
      next();
      return p;
    }
    if (is_word(t, "keys")) {
      const std::size_t start = pos_;
      Clause key_clause;
      key_clause.location = t.location;
      next();
      key_clause.query.parts.push_back(QueryPart{QueryPart::Kind::this_value, "", 0, nullptr, nullptr, t.location, {}});
      key_clause.query.text = "keys";
      comparison(key_clause);
      key_clause.text = text_since(start);
      if (is_unary(key_clause.op)) fail(key_clause.location, "a 'keys' filter needs a comparison such as 'keys == /regex/'");
      p.kind = QueryPart::Kind::key_filter;
      p.key_filter = std::make_shared<Clause>(std::move(key_clause));
      expect_punct("]", "to close the 'keys' filter");
      return p;
    }
    p.kind = QueryPart::Kind::filter;
    p.filter = std::make_shared<Conjunctions>();
    while (!is_punct(peek(), "]")) {
      if (at_end()) fail(p.location, "unterminated filter: missing ']'");
      p.filter->push_back(disjunction(false));
    }
    if (p.filter->empty()) fail(p.location, "empty filter '[]'");
    next();  // ]
    return p;
  }

  // ---- operands
  Operand operand(bool in_let) {
    Operand o;
    const Token& t = peek();
    o.location = t.location;
    switch (t.kind) {
      case Token::Kind::string:
        o.literal = next().text;
        return o;
      case Token::Kind::integer:
        o.literal = std::stoll(next().text);
        return o;
      case Token::Kind::floating:
        o.literal = std::stod(next().text);
        return o;
      case Token::Kind::regex:
        o.kind = Operand::Kind::regex;
        o.regex = regex(next());
        return o;
      case Token::Kind::variable:
        o.kind = Operand::Kind::query;
        o.query = std::make_shared<Query>(query());
        return o;
      case Token::Kind::punct:
        if (t.text == "[") {
          o.literal = list_operand(o.element_patterns);
          return o;
        }
        if (t.text == "{") {
          o.literal = literal_value();
          return o;
        }
        break;
      case Token::Kind::identifier: {
        const std::string w = lower(t.text);
        if (w == "true" || w == "false") {
          next();
          o.literal = (w == "true");
          return o;
        }
        if (w == "null") {
          next();
          o.literal = nullptr;
          return o;
        }
        if (is_punct(peek(1), "(")) {
          o.kind = Operand::Kind::function;
          o.function = std::make_shared<FunctionCall>(function_call());
          return o;
        }
        if (!is_keyword(t.text) || w == "this" || w == "some") {
          o.kind = Operand::Kind::query;
          o.query = std::make_shared<Query>(query());
          return o;
        }
        break;
      }
      default: break;
    }
    fail(t.location, std::string("expected ") + (in_let ? "a value, a query or a function call" : "a value to compare with") +
                         ", got " + describe(t));
  }

  // Compiled once here; a pattern aip::Pattern cannot read is an error at its line.
  Regex regex(const Token& t) {
    try {
      return Regex{t.text, std::make_shared<const Pattern>(t.text)};
    } catch (const std::invalid_argument& e) {
      fail(t.location, "invalid regular expression /" + t.text + "/: " + e.what());
    }
  }

  FunctionCall function_call() {
    FunctionCall call;
    const Token& name = next();
    call.name = name.text;
    call.location = name.location;
    next();  // (
    while (!is_punct(peek(), ")")) {
      call.arguments.push_back(operand(true));
      if (is_punct(peek(), ",")) {
        next();
      } else if (!is_punct(peek(), ")")) {
        fail(peek().location, "expected ',' or ')' in the arguments of '" + call.name + "', got " + describe(peek()));
      }
    }
    next();  // )
    const auto& functions = builtin_functions();
    auto it = std::find_if(functions.begin(), functions.end(), [&](const FunctionSignature& f) { return call.name == f.name; });
    if (it == functions.end()) {
      std::vector<std::string> names;
      for (const auto& f : functions) names.emplace_back(f.name);
      fail(call.location, "unknown function '" + call.name + "'" + did_you_mean(call.name, names));
    }
    const int n = static_cast<int>(call.arguments.size());
    if (n < it->min_arguments || n > it->max_arguments) {
      fail(call.location, "'" + call.name + "' takes " + std::to_string(it->min_arguments) + " argument" +
                              (it->min_arguments == 1 ? "" : "s") + ", got " + std::to_string(n));
    }
    if (call.name == "regex_replace") check_regex_replace(call);
    return call;
  }

  // The pattern and the replacement are literals: check them now, not per value.
  void check_regex_replace(const FunctionCall& call) const {
    const Operand& pattern = call.arguments[1];
    const Operand& replacement = call.arguments[2];
    if (!pattern.literal.is_string()) fail(pattern.location, "the pattern of 'regex_replace' must be a string");
    if (!replacement.literal.is_string()) fail(replacement.location, "the replacement of 'regex_replace' must be a string");
    try {
      Pattern compiled(pattern.literal.get<std::string>());
    } catch (const std::invalid_argument& e) {
      fail(pattern.location, std::string("invalid regular expression in 'regex_replace': ") + e.what());
    }
    // $N and ${N} name capture groups, as in Rust's regex (functions.cpp expands them).
  }

  // A list on the right of a comparison, which may hold regexes: `in [/^a/, 'b']`.
  nlohmann::json list_operand(std::vector<std::shared_ptr<const Pattern>>& patterns) {
    next();  // [
    nlohmann::json list = nlohmann::json::array();
    bool any_regex = false;
    while (!is_punct(peek(), "]")) {
      if (peek().kind == Token::Kind::regex) {
        Regex r = regex(next());
        list.push_back(r.text);
        patterns.push_back(r.pattern);
        any_regex = true;
      } else {
        list.push_back(literal_value());
        patterns.push_back(nullptr);
      }
      if (is_punct(peek(), ",")) next();
      else if (!is_punct(peek(), "]")) fail(peek().location, "expected ',' or ']' in a list, got " + describe(peek()));
    }
    next();
    if (!any_regex) patterns.clear();
    return list;
  }

  // A literal list or map: `[1, 'a']`, `{ "Key": "Value" }`.
  nlohmann::json literal_value() {
    const Token& t = peek();
    if (is_punct(t, "[")) {
      next();
      nlohmann::json list = nlohmann::json::array();
      while (!is_punct(peek(), "]")) {
        list.push_back(literal_value());
        if (is_punct(peek(), ",")) next();
        else if (!is_punct(peek(), "]")) fail(peek().location, "expected ',' or ']' in a list, got " + describe(peek()));
      }
      next();
      return list;
    }
    if (is_punct(t, "{")) {
      next();
      nlohmann::json map = nlohmann::json::object();
      while (!is_punct(peek(), "}")) {
        const Token& key = peek();
        if (key.kind != Token::Kind::string && key.kind != Token::Kind::identifier) {
          fail(key.location, "expected a key in a map literal, got " + describe(key));
        }
        std::string k = next().text;
        expect_punct(":", "after the key '" + k + "'");
        map[k] = literal_value();
        if (is_punct(peek(), ",")) next();
        else if (!is_punct(peek(), "}")) fail(peek().location, "expected ',' or '}' in a map, got " + describe(peek()));
      }
      next();
      return map;
    }
    switch (t.kind) {
      case Token::Kind::string: return next().text;
      case Token::Kind::integer: return std::stoll(next().text);
      case Token::Kind::floating: return std::stod(next().text);
      case Token::Kind::regex: fail(t.location, "a regular expression inside a list or map literal is not supported");
      case Token::Kind::identifier: {
        const std::string w = lower(t.text);
        if (w == "true" || w == "false") {
          next();
          return w == "true";
        }
        if (w == "null") {
          next();
          return nullptr;
        }
        break;
      }
      default: break;
    }
    fail(t.location, "expected a literal value (string, number, true, false, null, list or map), got " + describe(t));
  }

  const SourceFile& file_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

// ---- checks after parsing: every %variable, rule and dependency is known.

class Checker {
 public:
  Checker(const RuleFile& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  void run() {
    std::map<std::string, const Rule*> rules;
    // cfn-guard lets rules share a name (Control Tower files define one for templates and one for
    // hooks, each behind its `when`); a parameterized rule is called by name, so it must be unique.
    for (const Rule& r : file_.rules) {
      const auto [first, inserted] = rules.emplace(r.name, &r);
      if (!inserted && (r.parameterized || first->second->parameterized)) {
        diags_.error(r.location, "rule '" + r.name + "' is defined twice (a parameterized rule's name must be unique)");
      }
      if (inserted) rule_names_.push_back(r.name);
    }
    rules_ = &rules;
    std::vector<std::string> file_scope;
    for (const LetAssignment& let : file_.assignments) {
      if (std::find(file_scope.begin(), file_scope.end(), let.name) != file_scope.end()) {
        diags_.error(let.location, "variable '" + let.name + "' is assigned twice");
      }
      file_scope.push_back(let.name);
    }
    scopes_.push_back(file_scope);
    for (const LetAssignment& let : file_.assignments) operand(let.value);
    for (const Rule& r : file_.rules) {
      current_rule_ = r.name;
      scopes_.push_back(r.parameters);
      if (r.conditions) conjunctions(*r.conditions);
      block(r.body);
      scopes_.pop_back();
    }
    scopes_.pop_back();
    for (const Rule& r : file_.rules) check_cycle(r.name, rules);
  }

 private:
  void block(const Block& b) {
    std::vector<std::string> names;
    for (const LetAssignment& let : b.assignments) names.push_back(let.name);
    scopes_.push_back(names);
    for (const LetAssignment& let : b.assignments) operand(let.value);
    conjunctions(b.clauses);
    scopes_.pop_back();
  }
  void conjunctions(const Conjunctions& cs) {
    for (const auto& d : cs) {
      for (const Clause& c : d) clause(c);
    }
  }
  void clause(const Clause& c) {
    switch (c.kind) {
      case Clause::Kind::access:
        query(c.query);
        if (!is_unary(c.op)) operand(c.rhs);
        break;
      case Clause::Kind::named_rule:
        for (const Operand& a : c.arguments) operand(a);
        if (std::find(rule_names_.begin(), rule_names_.end(), c.rule_name) == rule_names_.end()) {
          diags_.error(c.location, "no rule named '" + c.rule_name + "' in this file" + did_you_mean(c.rule_name, rule_names_));
        } else {
          const Rule& target = *rules_->at(c.rule_name);
          if (c.call && !target.parameterized) {
            diags_.error(c.location, "rule '" + c.rule_name + "' takes no parameters; name it without '(...)'");
          } else if (!c.call && target.parameterized) {
            diags_.error(c.location, "rule '" + c.rule_name + "' is parameterized: call it as " + c.rule_name + "(" +
                                         join_names(target.parameters) + ")");
          } else if (c.call && c.arguments.size() != target.parameters.size()) {
            diags_.error(c.location, "rule '" + c.rule_name + "' takes " + std::to_string(target.parameters.size()) +
                                         " argument" + (target.parameters.size() == 1 ? "" : "s") + " (" +
                                         join_names(target.parameters) + "), got " + std::to_string(c.arguments.size()));
          }
          dependencies_[current_rule_].insert(c.rule_name);
        }
        break;
      case Clause::Kind::block:
        query(c.query);
        block(*c.body);
        break;
      case Clause::Kind::when:
      case Clause::Kind::type_block:
        if (c.conditions) conjunctions(*c.conditions);
        block(*c.body);
        break;
    }
  }
  void query(const Query& q) {
    for (const QueryPart& p : q.parts) {
      if (p.kind == QueryPart::Kind::variable) variable(p.name, p.location);
      if (p.filter) conjunctions(*p.filter);
      if (p.key_filter) operand(p.key_filter->rhs);
    }
  }
  void operand(const Operand& o) {
    if (o.query) query(*o.query);
    if (o.function) {
      for (const Operand& a : o.function->arguments) operand(a);
    }
  }
  void variable(const std::string& name, Location where) {
    std::vector<std::string> visible;
    for (const auto& scope : scopes_) {
      for (const std::string& v : scope) {
        if (v == name) return;
        visible.push_back(v);
      }
    }
    diags_.error(where, "unknown variable '%" + name + "'" + did_you_mean(name, visible));
  }
  void check_cycle(const std::string& start, const std::map<std::string, const Rule*>& rules) {
    std::vector<std::string> path{start};
    std::set<std::string> seen;
    if (reaches(start, start, path, seen)) {
      std::string chain;
      for (const std::string& n : path) chain += (chain.empty() ? "" : " -> ") + n;
      if (reported_.insert(*std::min_element(path.begin(), path.end())).second) {
        diags_.error(rules.at(start)->location, "rule '" + start + "' depends on itself: " + chain);
      }
    }
  }
  bool reaches(const std::string& from, const std::string& target, std::vector<std::string>& path, std::set<std::string>& seen) {
    auto it = dependencies_.find(from);
    if (it == dependencies_.end()) return false;
    for (const std::string& dep : it->second) {
      path.push_back(dep);
      if (dep == target) return true;
      if (seen.insert(dep).second && reaches(dep, target, path, seen)) return true;
      path.pop_back();
    }
    return false;
  }

  static std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  const RuleFile& file_;
  Diagnostics& diags_;
  const std::map<std::string, const Rule*>* rules_ = nullptr;
  std::vector<std::vector<std::string>> scopes_;
  std::vector<std::string> rule_names_;
  std::string current_rule_;
  std::map<std::string, std::set<std::string>> dependencies_;
  std::set<std::string> reported_;
};

}  // namespace parser

std::optional<RuleFile> parse_rule_file(const SourceFile& file, Diagnostics& diags) {
  Diagnostics local;
  std::vector<Token> tokens = tokenize(file, local);
  std::optional<RuleFile> out;
  if (!local.has_errors()) {
    try {
      out = parser::Parser(file, std::move(tokens)).parse_file();
    } catch (const parser::SyntaxError& e) {
      local.error(e.where, e.message);
    }
  }
  if (out) parser::Checker(*out, local).run();
  const bool failed = local.has_errors();
  for (const Diagnostic& d : local.items()) diags.add(d);
  if (failed) return std::nullopt;
  return out;
}

}  // namespace aip::guard
