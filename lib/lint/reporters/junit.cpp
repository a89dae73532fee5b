// JUnit XML: one test case per rule that ran; findings at or above --fail-on
// are its failures, others (and suppressed ones) go to system-out.
#include <map>

#include <fmt/format.h>

#include "lint/reporters/reporters.hpp"

namespace aip::lint {
namespace {

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string line_of(const Finding& f) {
  return headline(f) + (f.suppressed ? fmt::format(" (suppressed: {})", f.suppression_reason) : "");
}

}  // namespace

std::string report_junit(const std::vector<Finding>& findings, const ReportOptions& options) {
  std::map<std::string, std::vector<const Finding*>> by_rule;
  for (const Finding& f : findings) by_rule[f.rule].push_back(&f);
  std::vector<const Rule*> rules = options.rules;
  for (const auto& [id, list] : by_rule) {
    const Rule* r = find_rule(id);
    if (r != nullptr && std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
  }
  std::string cases;
  std::size_t failures = 0;
  for (const Rule* r : rules) {
    std::vector<const Finding*> failing;
    std::string other;
    for (const Finding* f : by_rule[r->info.id]) {
      if (!f->suppressed && f->severity >= options.fail_on) {
        failing.push_back(f);
      } else {
        other += line_of(*f) + "\n";
      }
    }
    std::string classname = "aip.lint." + (r->info.tags.empty() ? std::string("general") : r->info.tags.front());
    cases += fmt::format("    <testcase classname=\"{}\" name=\"{}: {}\">\n", xml_escape(classname),
                         xml_escape(r->info.id), xml_escape(r->info.summary));
    if (!failing.empty()) {
      ++failures;
      std::string body;
      for (const Finding* f : failing) body += line_of(*f) + "\n";
      cases += fmt::format("      <failure message=\"{} finding{}\" type=\"{}\">{}</failure>\n", failing.size(),
                           failing.size() == 1 ? "" : "s", to_string(r->info.severity), xml_escape(body));
    }
    if (!other.empty()) cases += fmt::format("      <system-out>{}</system-out>\n", xml_escape(other));
    cases += "    </testcase>\n";
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"aip lint\" tests=\"{0}\" failures=\"{1}\">\n"
      "  <testsuite name=\"aip lint\" tests=\"{0}\" failures=\"{1}\" errors=\"0\" skipped=\"0\">\n{2}  </testsuite>\n"
      "</testsuites>\n",
      rules.size(), failures, cases);
}

}  // namespace aip::lint
