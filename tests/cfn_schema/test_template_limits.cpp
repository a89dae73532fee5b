// Hostile templates: the loader refuses input beyond InputLimits (the limits
// specs have) with line:col, for JSON as for YAML, before building anything.
#include "cfn/schema/template_loader.hpp"

#include <catch2/catch.hpp>

using namespace aip::cfn;

namespace {

std::string error_of(std::string_view text, const aip::InputLimits& limits = {}) {
  try {
    load_template(text, limits);
  } catch (const TemplateLoadError& e) {
    return e.what();
  }
  return "no error";
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("a template over 16 MiB is refused as a whole, before parsing") {
  const std::string big = "{" + std::string(16u << 20, ' ') + "}";
  try {
    load_template(big);
    FAIL("expected an error");
  } catch (const TemplateLoadError& e) {
    CHECK(e.where.line == 0);  // no line:col: the file as a whole
    CHECK(std::string(e.what()) == "file is 16777218 bytes, larger than the limit of 16777216 bytes");
  }
  CHECK(error_of("Resources: {}\n", {.max_bytes = 8}) == "file is 14 bytes, larger than the limit of 8 bytes");
}

TEST_CASE("JSON nesting deeper than 64 levels is refused at the bracket that crosses it") {
  // The object is level 1, so 63 arrays inside it are 64 levels: allowed.
  CHECK_NOTHROW(load_template("{\"Metadata\": " + repeat("[", 63) + repeat("]", 63) + "}"));
  CHECK(error_of("{\"Metadata\": " + repeat("[", 64) + repeat("]", 64) + "}") ==
        "1:77: nesting is deeper than the limit of 64 levels");
  // A million brackets (a stack overflow or gigabytes in a naive parser) stop at the same place.
  CHECK(error_of("{\"Metadata\": " + repeat("[", 1'000'000)) == "1:77: nesting is deeper than the limit of 64 levels");
}

TEST_CASE("YAML templates have the same nesting limit") {
  CHECK(error_of("Metadata: " + repeat("[", 64) + repeat("]", 64) + "\n") ==
        "1:74: nesting is deeper than the limit of 64 levels");
}

TEST_CASE("JSON with more than a million keys and values is refused") {
  // Nodes: the object, the key, the array, then the zeros.
  const auto zeros = [](std::size_t n) { return "{\"Metadata\": [" + repeat("0,", n - 1) + "0]}"; };
  CHECK_NOTHROW(load_template(zeros(999'997)));
  CHECK(error_of(zeros(999'998)) == "1:2000009: document has more than 1000000 nodes");
}

TEST_CASE("YAML templates count alias expansions against the node limit") {
  std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    laughs += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) laughs += std::string(i ? ", *" : "*") + static_cast<char>(c - 1);
    laughs += "]\n";
  }
  CHECK(error_of(laughs).find("document expands to more than 1000000 nodes (alias expansion?)") != std::string::npos);
}

TEST_CASE("a JSON string over 1 MiB is refused at its opening quote") {
  const std::string x(1u << 20, 'x');
  CHECK_NOTHROW(load_template("{\"Description\": \"" + x + "\"}"));
  CHECK(error_of("{\"Description\": \"" + x + "x\"}") ==
        "1:17: string of 1048577 bytes is longer than the limit of 1048576 bytes");
  // Keys are strings too.
  CHECK(error_of("{\n  \"" + x + "x\": 1}") == "2:3: string of 1048577 bytes is longer than the limit of 1048576 bytes");
}

TEST_CASE("JSON string length counts the bytes after unescaping, as YAML does") {
  const aip::InputLimits four{.max_scalar_bytes = 4};
  CHECK(error_of(R"({"A": "\u00e9\u00e9"})", four) == "no error");      // 2 + 2 bytes
  CHECK(error_of(R"({"A": "\ud83d\ude00"})", four) == "no error");      // one 4-byte code point
  CHECK(error_of(R"({"A": "\n\t\"\\"})", four) == "no error");          // 4 one-byte escapes
  CHECK(error_of(R"({"A": "\u20ac\u00e9"})", four) == "1:7: string of 5 bytes is longer than the limit of 4 bytes");
  CHECK(error_of(R"({"A": "abcde"})", four) == "1:7: string of 5 bytes is longer than the limit of 4 bytes");
}

TEST_CASE("a duplicate JSON key is an error at the second one, never a silent overwrite") {
  CHECK(error_of("{\"Resources\": {\"Q\": {\n  \"Type\": \"AWS::SQS::Queue\",\n  \"Type\": \"AWS::SNS::Topic\"}}}") ==
        "3:3: duplicate key 'Type'");
  // Keys are compared after unescaping.
  CHECK(error_of(R"({"Resources": {}, "Re\u0073ources": {}})") == "1:19: duplicate key 'Resources'");
}

TEST_CASE("invalid UTF-8 is refused with its byte offset and line:col") {
  CHECK(error_of("{\n  \"Description\": \"a\xff\"\n}") == "2:20: invalid UTF-8 at byte offset 21");
  CHECK(error_of("Description: caf\xC3\n") == "1:17: invalid UTF-8 at byte offset 16");
  // Overlong forms, surrogates and code points past U+10FFFF are invalid too
  // (nlohmann::json would throw when writing them out).
  CHECK(error_of("Description: \xC0\xAF\n") == "1:14: invalid UTF-8 at byte offset 13");
  CHECK(error_of("Description: \xED\xA0\x80\n") == "1:14: invalid UTF-8 at byte offset 13");
  CHECK(error_of("Description: \xF4\x90\x80\x80\n") == "1:14: invalid UTF-8 at byte offset 13");
  // The offset counts a byte order mark; the column, like an editor, does not.
  CHECK(error_of("\xEF\xBB\xBF{\"A\": \"\xff\"}") == "1:8: invalid UTF-8 at byte offset 10");
  // Valid multi-byte text loads.
  CHECK(load_template("Description: \"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"\n").json["Description"] ==
        "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
}

TEST_CASE("a JSON number beyond a double is an error at the number, YAML keeps it as text") {
  // Found by fuzz_diff: nlohmann::json throws out_of_range, with no position.
  CHECK(error_of("{\"A\":\n  [1, 1e999]}") == "2:7: number 1e999 is out of range (larger than a double)");
  CHECK(error_of("{\"A\": -" + std::string(400, '9') + "}") ==
        "1:7: number -999999999999999999999999999999999999... is out of range (larger than a double)");
  // As nlohmann's lexer does, the longest prefix that is a number counts (fuzz_diff found this too).
  CHECK(error_of("{\"A\": 1e999E5}") == "1:7: number 1e999 is out of range (larger than a double)");
  CHECK(load_template("{\"A\": 1e-999}").json["A"] == 0.0);  // underflow is zero, as in nlohmann
  CHECK(load_template("A: 1e999\n").json["A"] == "1e999");
}

TEST_CASE("control characters in a YAML template are an error at their byte offset") {
  CHECK(error_of("Resources:\n  \x01\x00Q: 1\n") == "2:3: character U+0001 at byte offset 13 is not allowed in YAML");
}
