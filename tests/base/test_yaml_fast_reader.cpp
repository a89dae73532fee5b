// The fast YAML reader against yaml-cpp: for every YAML file of the repository,
// the YAML blocks of the docs, hand-written cases and small mutations of them,
// parse_yaml (fast reader first) and parse_yaml_with_yaml_cpp must give the same
// tree, with the same locations, or the same diagnostics.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "base/yaml_fast_reader.hpp"
#include "base/yaml_tree.hpp"

using namespace aip;

namespace yaml_fast_test {

namespace fs = std::filesystem;

struct Outcome {
  bool handled = false;     // the fast reader read it
  const char* why = "";     // why it declined
  std::string difference;   // empty when both paths agree
};

std::string rendered(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.items()) {
    out += headline(d) + "\n";
    for (const Diagnostic& n : d.notes) out += "  " + headline(n) + "\n";
  }
  return out;
}

Outcome compare(const std::string& text, const YamlLimits& limits = {}) {
  SourceManager sources;
  const SourceFile& file = sources.add("doc.yaml", text);
  Diagnostics slow_diags;
  Diagnostics diags;
  const std::optional<YamlNode> slow = parse_yaml_with_yaml_cpp(file, slow_diags, limits);
  const std::optional<YamlNode> tree = parse_yaml(file, diags, limits);
  Outcome o;
  if (slow.has_value() != tree.has_value()) {
    o.difference = slow ? "only yaml-cpp read it" : "only parse_yaml read it";
  } else if (slow) {
    o.difference = yaml_tree_difference(*tree, *slow);
  }
  if (o.difference.empty() && rendered(diags) != rendered(slow_diags)) {
    o.difference = "diagnostics:\n" + rendered(diags) + "vs\n" + rendered(slow_diags);
  }
  if (slow) {
    const char* why = nullptr;
    const std::optional<YamlNode> fast = read_yaml_fast(file, limits, &why);
    o.handled = fast.has_value();
    if (why != nullptr) o.why = why;
    if (fast && o.difference.empty()) o.difference = yaml_tree_difference(*fast, *slow);
  }
  return o;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The ```yaml blocks of a Markdown page.
std::vector<std::string> yaml_blocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  std::size_t at = 0;
  while ((at = markdown.find("```yaml\n", at)) != std::string::npos) {
    const std::size_t begin = at + 8;
    const std::size_t end = markdown.find("```", begin);
    if (end == std::string::npos) break;
    blocks.push_back(markdown.substr(begin, end - begin));
    at = end + 3;
  }
  return blocks;
}

// Constructs the reader covers; each must be read by it, and like yaml-cpp.
const std::vector<std::string> kHandled = {
    "",
    "# only a comment\n",
    "---\n",
    "--- # start\na: 1\n",
    "a: 1\n",
    "a: 1",
    "a:\n",
    "a:",
    "a:\nb: 2\n",
    "a:\n  # comment\nb: 2\n",
    "a:\n\n\n",
    "a:   \n   \n",
    "a: b\n# trailing comment",
    "a: b   # comment\nc: d#not a comment\n",
    "  a: 1\n  b: 2\n",
    "a:\n  b:\n    c: 1\n  d: [x, 'y', \"z\"]\n",
    "a: {k: v, k2: 'w', k3: [1, 2]}\n",
    "a: [ ]\nb: {}\nc: [ a ,b ]\n",
    "a: [arn:aws:s3:::bucket/*, 'x:y', http://example.com]\n",
    "a: [~, null, Null, NULL, '', \"null\"]\n",
    "~: 1\nnull: 2\n'null': 3\n",
    "a: ~\nb: null\nc: !ref null\n",
    "- a\n- b\n-\n- - c\n  - d\n-   e\n",
    "- a: 1\n  b: 2\n- c: 3\n-\n  d: 4\n",
    "- a:\n- b\n",
    "a:\n- x\n- y\nb:\n  - z\n",
    "a:\n-\nb: 1\n",
    "list:\n  - name: one\n    value: 1\n  - name: two\n    items:\n      - p\n      - q\n",
    "a: 'it''s'\nb: \"tab\\there \\\"q\\\" \\\\ \\/\"\n",
    "a: \"esc \\0 \\a \\b \\v \\f \\r \\e \\  \\L \\P\"\n",
    "a: \"\\n\"\nb: \"x\\n\\n\"\n",
    "'quoted key': 1\n\"dq key\": 2\nkey with spaces: 3\n",
    "a: -1\nb: -x\nc: ?x\nd: :x\ne: a:b\nf: 1.5e3\ng: true\n",
    "a: [-1, :x, a:b]\n",
    "Fn: !GetAtt Role.Arn\nRef: !Ref Bucket\nSub: !Sub '${AWS::Region}'\nL: !GetAtt [a, b]\nM: !If {a: b}\n",
    "- !Ref a\n- !Sub \"x\"\n- [!Ref a, !GetAtt b.c]\n",
    "a: !sub |\n  text ${x}\n",
    "a: |\n  line one\n  line two\nb: 1\n",
    "a: |-\n  no newline\nb: >\n  folded\n  text\n\n  para\nc: >-\n  x\n  y\n",
    "a: |+\n  keep\n\n\nb: 1\n",
    "a: |\n    indented\n      more\n    back\n",
    "a: |2\n    two more\n",
    "a: >\n  one\n    more indented\n  back\n\n\n  after\n",
    "a: |\n\n  leading empty line\n",
    "a: |\n  text\n\n",
    "a: |\n  text\n# comment\nb: 1\n",
    "a: |\n  text\n  # not a comment\n",
    "a: |\n  text",
    "a: |\nb: 1\n",
    "a: | # comment\n  text\n",
    "- |\n  item\n- >-\n  folded item\n",
    "- key: |\n    text\n  other: 1\n",
    "a:\n  |\n   on its own line\n",
    "a: caf\xC3\xA9\n\xC3\xA9t\xC3\xA9: '\xE2\x82\xAC'\n",
    "a: \"caf\xC3\xA9 \\t x\"\n",
    "a: x   \nb: y   \n",
    "a: &x 1\nb: *x\nc: [*x, b]\nd: {k: *x}\n",
    "base: &base\n  a: 1\n  b: [x]\nother: *base\nlist: &l\n  - 1\nl2: *l\n",
    "a: &r >-\n  folded\nb: *r\n",
    "a:\n  - b:\n ",
    "a:\n  b:\n  ",
    "a:\n- b:\n ",
    "a:\n  -\n   ",
    "a:\n  b:\n  # end",
    "a: &x\n  b: &x\n  c: 1\nd: *x\ne: &x 2\nf: *x\n",
    "a: [x,\n  y]\n",
    "a: !Ref\n  - x\n",
    "a: !Ref\nb: &n\nc: !Sub\n  x\nd: !GetAtt\n  - a\n  - b\ne: &m !If [a, b]\n",
    "a: [x,\n  y, # comment\n  'z'\n  ]\nb: {k: v,\n    k2: w}\n",
    "\"scalar at the top\"\n",
    "plain top\n",
    "[a, b]\n",
    "!Ref x\n",
};

// Constructs the reader leaves to yaml-cpp (and errors): parse_yaml must still
// agree with yaml-cpp alone.
const std::vector<std::string> kDeclined = {
    "a: *x\n",
    "a: &x [*x]\n",
    "a: x   \nb: y\t\n",
    "a: 1\n...\n",
    "a: [x,\ny]\n",
    "a: [x\n  , y]\n",
    "*x : 1\n",
    "&x a: 1\n",
    "? complex\n: key\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a:\n\tb: 1\n",
    "a: multi\n  line plain\n",
    "a: 'multi\n  line'\n",
    "a: 1\na: 2\n",
    "a: {x: 1, x: 2}\n",
    "a: \"\\x41\\u00e9\\N\\_\"\n",
    "a: b: c\n",
    "a: 1\n b: 2\n",
    "- a\nb: 1\n",
    "a: [x, ]\n",
    "a: !!str 1\n",
    "a: !<tag:x> 1\n",
    "a: !e!x 1\n",
    "a:\r\n  b: 1\r\n",
    "\xEF\xBB\xBF" "a: 1\n",
    "a: |0\n  x\n",
    "a: \"unterminated\n",
    "a: [unterminated\n",
    "a: 'x' y\n",
    "|\n text\n",
    "a: 1 # c\n   # deeper comment\nb: 2\n",
    "a: \"bad \\q escape\"\n",
    "a:\n  - b\n c: 1\n",
    "{a: 1}: b\n",
    "a:\n   &m |\n  J\n",
    "- !Sub |\n  x\n",
    "- &a |\n  x\n",
    "- [a]: b\n",
};

}  // namespace yaml_fast_test

using namespace yaml_fast_test;

TEST_CASE("the fast YAML reader reads its subset exactly as yaml-cpp does") {
  for (const std::string& text : kHandled) {
    INFO("input:\n" << text);
    const Outcome o = compare(text);
    CHECK(o.difference == "");
    CHECK(o.handled);
    if (!o.handled) INFO("declined: " << o.why);
  }
}

TEST_CASE("parse_yaml agrees with yaml-cpp where the fast reader declines") {
  for (const std::string& text : kDeclined) {
    INFO("input:\n" << text);
    const Outcome o = compare(text);
    CHECK(o.difference == "");
    CHECK_FALSE(o.handled);
  }
}

TEST_CASE("the fast YAML reader declines at the limits, so yaml-cpp reports them") {
  YamlLimits tight;
  tight.max_depth = 2;
  tight.max_nodes = 6;
  tight.max_scalar_bytes = 4;
  for (const std::string text : {"a:\n  b:\n    c: 1\n", "a: [[[1]]]\n", "a: 1\nb: 2\nc: 3\nd: 4\n", "a: 12345\n",
                                 "a: |\n  12345\n", "a:\n  b: 1\n"}) {
    INFO("input:\n" << text);
    const Outcome o = compare(text, tight);
    CHECK(o.difference == "");
  }
  CHECK_FALSE(compare("a:\n  b:\n    c: 1\n", tight).handled);
  CHECK(compare("a:\n  b: 1\n", tight).handled);
}

TEST_CASE("small edits of the cases read the same by both paths") {
  // Every deletion of one byte and every insertion of a structural character,
  // at every position: a deterministic stand-in for the fuzzer (fuzz_yaml).
  const std::string inserts = " \n:-#'\"[]{},|>!~\t";
  std::size_t compared = 0;
  for (const std::vector<std::string>* cases : {&kHandled, &kDeclined}) {
    for (const std::string& text : *cases) {
      for (std::size_t i = 0; i <= text.size(); ++i) {
        std::vector<std::string> variants;
        if (i < text.size()) variants.push_back(text.substr(0, i) + text.substr(i + 1));
        for (char c : inserts) variants.push_back(text.substr(0, i) + c + text.substr(i));
        for (const std::string& v : variants) {
          const Outcome o = compare(v);
          if (!o.difference.empty()) {
            INFO("input:\n" << v);
            CHECK(o.difference == "");
          }
          ++compared;
        }
      }
    }
  }
  CHECK(compared > 10000);
}

TEST_CASE("every YAML file of the repository reads the same by both paths") {
  const fs::path root = AIP_SOURCE_DIR;
  std::size_t files = 0;
  std::size_t handled = 0;
  std::map<std::string, int> declined;
  std::vector<std::string> blueprints_declined;
  for (const char* dir : {"blueprints", "examples", "tests", "fuzz", "templates", "docs", "data", "bench"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      const fs::path& path = entry.path();
      const std::string ext = path.extension().string();
      std::vector<std::string> texts;
      if (ext == ".yaml" || ext == ".yml") {
        texts.push_back(read_text(path));
      } else if (ext == ".md") {
        texts = yaml_blocks(read_text(path));
      } else if (path.string().find("/fuzz/seeds/asl/") != std::string::npos) {
        texts.push_back(read_text(path));
      }
      const std::string name = fs::relative(path, root).string();
      for (const std::string& text : texts) {
        INFO(name);
        const Outcome o = compare(text);
        CHECK(o.difference == "");
        ++files;
        if (o.handled) {
          ++handled;
        } else {
          ++declined[o.why];
          if (name.rfind("blueprints/", 0) == 0) blueprints_declined.push_back(name + ": " + o.why);
        }
      }
    }
  }
  if (std::getenv("AIP_YAML_FAST_REPORT") != nullptr) {
    std::printf("fast reader: %zu of %zu YAML texts\n", handled, files);
    for (const auto& [why, n] : declined) std::printf("  declined %d: %s\n", n, why.c_str());
  }
  // The blueprints (specs and their workflows) are what `aip synth` reads: the
  // fast path must not silently stop reading them.
  CHECK(blueprints_declined.empty());
  for (const std::string& b : blueprints_declined) WARN(b);
  CHECK(files > 500);
  CHECK(handled * 10 >= files * 8);
}
