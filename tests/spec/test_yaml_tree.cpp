#include <catch2/catch.hpp>

#include "base/yaml_tree.hpp"

using namespace aip;

namespace {

struct Parsed {
  SourceManager sources;
  Diagnostics diags;
  std::optional<YamlNode> root;
};

std::unique_ptr<Parsed> parse(const std::string& text, YamlLimits limits = {}) {
  auto p = std::make_unique<Parsed>();
  p->root = parse_yaml(p->sources.add("doc.yaml", text), p->diags, limits);
  return p;
}

std::string first_error(const Parsed& p) {
  REQUIRE(!p.diags.items().empty());
  const Diagnostic d = p.diags.sorted().front();
  return d.location.str() + ": " + d.message;
}

}  // namespace

TEST_CASE("yaml tree keeps line and column of keys and values") {
  auto p = parse("a: 1\nb:\n  c: [x, 'y']\n");
  REQUIRE(p->root);
  const YamlNode& root = *p->root;
  REQUIRE(root.is_map());
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[0].first.location.line == 1);
  CHECK(root.entries[0].first.location.column == 1);
  CHECK(root.entries[0].second.location.column == 4);
  const YamlNode* c = root.find("b")->find("c");
  REQUIRE(c != nullptr);
  REQUIRE(c->is_sequence());
  CHECK(c->items[1].scalar == "y");
  CHECK(c->items[1].quoted);
  CHECK_FALSE(c->items[0].quoted);
  CHECK(c->items[1].location.line == 3);
  CHECK(c->items[1].location.column == 10);
}

TEST_CASE("yaml tree keeps map order as written") {
  auto p = parse("zeta: 1\nalpha: 2\nmid: 3\n");
  REQUIRE(p->root);
  std::vector<std::string> keys;
  for (const auto& [k, v] : p->root->entries) keys.push_back(k.scalar);
  CHECK(keys == std::vector<std::string>{"zeta", "alpha", "mid"});
}

TEST_CASE("duplicate keys are an error with a note at the first one") {
  auto p = parse("a: 1\nb: 2\na: 3\n");
  CHECK_FALSE(p->root);
  CHECK(first_error(*p) == "doc.yaml:3:1: duplicate key 'a'");
  REQUIRE(p->diags.items().front().notes.size() == 1);
  CHECK(p->diags.items().front().notes[0].location.line == 1);
}

TEST_CASE("syntax errors carry the parser's position") {
  auto p = parse("a: [1, 2\nb: 3\n");
  CHECK_FALSE(p->root);
  CHECK(first_error(*p).rfind("doc.yaml:", 0) == 0);
  CHECK(first_error(*p).find("YAML syntax error") != std::string::npos);
}

TEST_CASE("aliases are expanded, but a billion-laughs document is refused quickly") {
  auto ok = parse("base: &b {x: 1}\ncopy: *b\n");
  REQUIRE(ok->root);
  CHECK(ok->root->find("copy")->find("x")->scalar == "1");

  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char level = 'b'; level <= 'j'; ++level) {
    std::string name(1, level);
    bomb += name + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  auto p = parse(bomb);
  CHECK_FALSE(p->root);
  CHECK(first_error(*p).find("more than 1000000 nodes") != std::string::npos);
}

TEST_CASE("nesting deeper than the limit is refused") {
  YamlLimits limits;
  limits.max_depth = 8;
  auto p = parse("a: [[[[[[[[[1]]]]]]]]]\n", limits);
  CHECK_FALSE(p->root);
  CHECK(first_error(*p).find("nesting is deeper than the limit of 8 levels") != std::string::npos);
}

TEST_CASE("oversized documents and strings are refused") {
  YamlLimits limits;
  limits.max_bytes = 10;
  auto big = parse("a: 0123456789\n", limits);
  CHECK_FALSE(big->root);
  CHECK(first_error(*big).find("larger than the limit of 10 bytes") != std::string::npos);

  YamlLimits strings;
  strings.max_scalar_bytes = 4;
  auto long_string = parse("a: abcdefgh\n", strings);
  CHECK_FALSE(long_string->root);
  CHECK(first_error(*long_string) == "doc.yaml:1:4: string of 8 bytes is longer than the limit of 4 bytes");
}

TEST_CASE("invalid UTF-8 is an error at its byte offset") {
  auto p = parse("a: ok\nb: \xff\xfe\n");
  CHECK_FALSE(p->root);
  CHECK(first_error(*p) == "doc.yaml:2:4: invalid UTF-8 at byte offset 9");
}

TEST_CASE("control characters are an error at their byte offset (yaml-cpp garbles the text around them)") {
  // Found by fuzz_template: "  \x01\x00NoName:" came back as the key "\x01\x85oName".
  auto p = parse("a:\n  \x01\x00b: 1\n");
  CHECK_FALSE(p->root);
  CHECK(first_error(*p) == "doc.yaml:2:3: character U+0001 at byte offset 5 is not allowed in YAML");
  CHECK(first_error(*parse("a: \xC2\x9B\n")) == "doc.yaml:1:4: character U+009B at byte offset 3 is not allowed in YAML");
  CHECK(first_error(*parse("a: \x7F\n")) == "doc.yaml:1:4: character U+007F at byte offset 3 is not allowed in YAML");
  // Tabs, CR LF, NEL and everything printable are fine.
  auto ok = parse("a:\t\"x\xC2\x85y \xC2\xA0\"\r\nb: \xEF\xBB\xBF\n");
  REQUIRE(ok->root);
  CHECK(ok->root->find("a")->scalar == "x\xC2\x85y \xC2\xA0");
}

TEST_CASE("the escapes for NEL and no-break space decode to UTF-8, as every other escape does") {
  // yaml-cpp 0.7 returns the Latin-1 bytes 0x85 and 0xA0, invalid UTF-8 that
  // nlohmann::json would throw on when a template is written.
  auto p = parse("a: \"x\\Ny\\_z \\xE9\"\n");
  REQUIRE(p->root);
  CHECK(p->root->find("a")->scalar == "x\xC2\x85y\xC2\xA0z \xC3\xA9");
}

TEST_CASE("an empty document is a null root") {
  auto p = parse("");
  REQUIRE(p->root);
  CHECK(p->root->is_null());
}

TEST_CASE("explicit tags are kept for template loading") {
  auto p = parse("a: !Ref MyBucket\n");
  REQUIRE(p->root);
  CHECK(p->root->find("a")->tag == "!Ref");
  CHECK(p->root->find("a")->scalar == "MyBucket");
}
