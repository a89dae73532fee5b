#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/pattern.hpp"
#include "base/pattern_captures.hpp"

using aip::Pattern;

TEST_CASE("Pattern matches the whole text, found_in any part", "[base][pattern]") {
  const Pattern p("[0-9]{12}");
  CHECK(p.matches("123456789012"));
  CHECK_FALSE(p.matches("12345678901"));
  CHECK_FALSE(p.matches("1234567890123"));
  CHECK(p.found_in("account 123456789012 here"));
  CHECK_FALSE(p.found_in("account 12345 here"));

  const Pattern anchored("^arn:[^:]+:iam::[0-9]{12}:root$");
  CHECK(anchored.matches("arn:aws:iam::123456789012:root"));
  CHECK(anchored.found_in("arn:aws:iam::123456789012:root"));
  CHECK_FALSE(anchored.found_in("x arn:aws:iam::123456789012:root"));
}

TEST_CASE("Pattern classes, escapes, groups, alternation and counts", "[base][pattern]") {
  CHECK(Pattern("[^\\s]{1,3}").matches("a-b"));
  CHECK_FALSE(Pattern("[^\\s]{1,3}").matches("a b"));
  CHECK(Pattern("\\d+\\.\\d+").matches("10.25"));
  CHECK_FALSE(Pattern("\\d+\\.\\d+").matches("10x25"));
  CHECK(Pattern("(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})").matches("r-ab12"));
  CHECK(Pattern("(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})").matches("ou-ab12-abcdefgh"));
  CHECK_FALSE(Pattern("(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})").matches("ou-ab12"));
  CHECK(Pattern("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}").matches("X-Api-Key"));
  CHECK(Pattern("a{2,}").matches("aaaa"));
  CHECK_FALSE(Pattern("a{2,}").matches("a"));
  CHECK(Pattern("(?:ab)*c").matches("ababc"));
  CHECK(Pattern("x?").matches(""));
  CHECK(Pattern("").matches(""));
  CHECK_FALSE(Pattern("").matches("a"));
  CHECK(Pattern("[]a]+").matches("]a]"));
  CHECK(Pattern("[a-]+").matches("-a-"));
  // Negated escapes inside a class (SageMaker's schema: Image ^[\S]+$).
  CHECK(Pattern("^[\\S]+$").matches("1.dkr.ecr.us-east-1.amazonaws.com/churn:1.5.0"));
  CHECK_FALSE(Pattern("^[\\S]+$").matches("a b"));
  CHECK(Pattern("[\\Dx]+").matches("abx"));
  CHECK_FALSE(Pattern("[\\Dx]+").matches("a1"));
}

TEST_CASE("Pattern stays linear where a backtracking matcher explodes", "[base][pattern]") {
  // (a|a)*b and (a*)*b on a long run of a's: exponential for backtracking engines.
  const std::string text(5000, 'a');
  CHECK_FALSE(Pattern("(a|a)*b").matches(text));
  CHECK_FALSE(Pattern("(a*)*b").matches(text));
  CHECK(Pattern("(a*)*").matches(text));
  CHECK_FALSE(Pattern("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}").matches(std::string(60, 'a') + std::string(60, '-') + "!"));
}

TEST_CASE("Malformed patterns throw", "[base][pattern]") {
  for (const char* bad : {"(a", "a)", "[a-z", "a{2", "a{3,2}", "*a", "\\", "[z-a]"}) {
    INFO(bad);
    CHECK_THROWS_AS(Pattern(bad), std::invalid_argument);
  }
}

// Every pattern aip uses, checked against std::regex (ECMAScript) on inputs
// built from the pattern's own alphabet, so the two disagree nowhere they meet.
TEST_CASE("Pattern agrees with std::regex on aip's patterns", "[base][pattern]") {
  const std::vector<std::string> patterns = {
      "[0-9]{12}",
      "([a-z]{2,7}\\.)?[a-z0-9-]+\\.[A-Za-z0-9._:-]+\\*?",
      "[A-Za-z0-9_.:/=+@-]{1,128}",
      "[A-Za-z0-9+=,.@_-]{1,64}",
      "[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}",
      "(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})",
      "o-[a-z0-9]{10,32}",
      "[0-9]{1,3}(\\.[0-9]{1,3}){3}",
      "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]",
      "db\\.[a-z0-9]+\\.[a-z0-9]+",
      "(1[1-7])(\\.[0-9]{1,2})?",
      "8\\.0\\.mysql_aurora\\.3\\.[0-9]{2}\\.[0-9]{1,2}",
      "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
      "[^\\s]{1,128}",
      "[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]",
      "([0-9]{1,5})-([0-9]{1,5})",
      "([A-Z]+) +(/[^ ]*)",
      "arn:aws[a-z-]*:lambda:([a-z0-9-]+):([0-9]{12}):function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?",
      "^arn:(\\$\\{AWS::Partition\\}|[^:]+):iam::\\$\\{AWS::AccountId\\}:root$",
      "^repo:[^/*?:]+/[^/*?:]+:.+$",
      "iam::aws:policy/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$",
      "([0-9]{12})\\.dkr\\.ecr(-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/([a-z0-9._/-]+)([:@].*)?",
  };
  const std::string alphabet = "aAzZ09-_.:/ *$@{}\\ou rsbn3";
  std::mt19937 rng(42);  // fixed seed: the same inputs on every run
  for (const std::string& text : patterns) {
    INFO("pattern " << text);
    const Pattern ours(text);
    const std::regex theirs(text, std::regex::ECMAScript);
    for (int i = 0; i < 400; ++i) {
      std::string input;
      const int len = static_cast<int>(rng() % 24);
      for (int k = 0; k < len; ++k) {
        // Mostly characters of the pattern itself, so matches are not rare.
        input += (rng() % 3 != 0) ? text[rng() % text.size()] : alphabet[rng() % alphabet.size()];
      }
      INFO("input '" << input << "'");
      CHECK(ours.matches(input) == std::regex_match(input, theirs));
      CHECK(ours.found_in(input) == std::regex_search(input, theirs));
    }
  }
}

TEST_CASE("Pattern agrees with std::regex on known matches", "[base][pattern]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"([0-9]{12})\\.dkr\\.ecr(-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/([a-z0-9._/-]+)([:@].*)?",
       "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.2"},
      {"^repo:[^/*?:]+/[^/*?:]+:.+$", "repo:octo/app:ref:refs/heads/main"},
      {"arn:aws[a-z-]*:lambda:([a-z0-9-]+):([0-9]{12}):function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?",
       "arn:aws:lambda:eu-west-1:123456789012:function:router:$LATEST"},
      {"[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]", "us-gov-west-1"},
      {"([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]", "23:00-01:30"},
  };
  for (const auto& [pattern, input] : cases) {
    INFO(pattern << " on " << input);
    CHECK(Pattern(pattern).matches(input));
    CHECK(std::regex_match(input, std::regex(pattern)));
  }
}

TEST_CASE("Pattern (?i) matches either case, a leading flag only", "[base][pattern]") {
  const Pattern p("(?i)ELBSecurityPolicy-TLS-1-2");
  CHECK(p.matches("elbsecuritypolicy-tls-1-2"));
  CHECK(p.matches("ELBSECURITYPOLICY-TLS-1-2"));
  CHECK_FALSE(Pattern("ELBSecurityPolicy").matches("elbsecuritypolicy"));
  CHECK(Pattern("(?i)[a-c]+").matches("AbC"));
  CHECK_FALSE(Pattern("(?i)[a-c]+").matches("AbD"));
  CHECK_THROWS_AS(Pattern("a(?i)"), std::invalid_argument);
  // After the start anchor, as AWS Control Tower's rules write it: still the whole pattern's flag.
  const Pattern anchored("^(?i)kms:GrantIsForAWSResource$");
  CHECK(anchored.matches("KMS:GrantIsForAwsResource"));
  CHECK(anchored.matches("kms:grantisforawsresource"));
  CHECK_FALSE(anchored.matches("xkms:GrantIsForAWSResource"));
  CHECK_FALSE(anchored.matches("kms:GrantIsForAWSResource2"));
  CHECK_THROWS_AS(Pattern("^a(?i)"), std::invalid_argument);
}

TEST_CASE("Pattern takes a '{' that cannot start a count as itself", "[base][pattern]") {
  const Pattern p("{{resolve\\:secretsmanager\\:.*}}");
  CHECK(p.matches("{{resolve:secretsmanager:db:SecretString:password}}"));
  CHECK_FALSE(p.found_in("plain-password"));
  CHECK(Pattern("a{x").matches("a{x"));
  CHECK(Pattern("a{2}").matches("aa"));
  CHECK_THROWS_AS(Pattern("{2}"), std::invalid_argument);
}

TEST_CASE("Pattern find gives the leftmost, longest match at or after a position", "[base][pattern]") {
  const Pattern digits("[0-9]+");
  const auto m = digits.find("ab 123 45");
  REQUIRE(m);
  CHECK(m->first == 3);
  CHECK(m->second == 6);
  const auto next = digits.find("ab 123 45", 6);
  REQUIRE(next);
  CHECK(next->first == 7);
  CHECK_FALSE(digits.find("none"));
  const auto empty = Pattern("x*").find("ab");  // an empty match at the start
  REQUIRE(empty);
  CHECK(empty->first == 0);
  CHECK(empty->second == 0);
  const auto anchored = Pattern("^arn:aws:").find("arn:aws:s3:::b");
  REQUIRE(anchored);
  CHECK(anchored->second == 8);
  CHECK_FALSE(Pattern("^arn").find("x arn"));
}

TEST_CASE("pattern_captures gives each group's span, leftmost-first as Rust's regex", "[base][pattern]") {
  using aip::pattern_captures;
  using Span = std::pair<std::size_t, std::size_t>;
  constexpr std::size_t npos = std::string_view::npos;
  auto groups = pattern_captures("([a-z]+)-([0-9]+)?", "xx abc-12 de-", 0);
  REQUIRE(groups);
  REQUIRE(groups->size() == 3);
  CHECK((*groups)[0] == Span(3, 9));
  CHECK((*groups)[1] == Span(3, 6));
  CHECK((*groups)[2] == Span(7, 9));
  auto next = pattern_captures("([a-z]+)-([0-9]+)?", "xx abc-12 de-", 9);
  REQUIRE(next);
  CHECK((*next)[0] == Span(10, 13));
  CHECK((*next)[2] == Span(npos, npos));  // the optional group took no part
  // Alternatives in order (Pattern::find would take the longest).
  auto first = pattern_captures("(a|ab)(c|bcd)", "abcd", 0);
  REQUIRE(first);
  CHECK((*first)[0] == Span(0, 4));
  CHECK((*first)[1] == Span(0, 1));
  CHECK((*first)[2] == Span(1, 4));
  // (?:...) does not capture; a repeated group keeps its last round; anchors hold.
  auto last = pattern_captures("^(?:x)([a-c])+$", "xabc", 0);
  REQUIRE(last);
  REQUIRE(last->size() == 2);
  CHECK((*last)[1] == Span(3, 4));
  CHECK_FALSE(pattern_captures("^b", "ab", 0));
  auto folded = pattern_captures("(?i)(ab)", "xAB", 0);
  REQUIRE(folded);
  CHECK((*folded)[1] == Span(1, 3));
  // A pathological pattern gives up within its budget instead of running for ever.
  CHECK_FALSE(pattern_captures("(a*)*b", std::string(40, 'a'), 0, 100000));
  CHECK_THROWS_AS(pattern_captures("(a", "a", 0), std::invalid_argument);
}
