#include "iam/catalog_text.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace aip::iam::catalog_text {

namespace {

char lower_char(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower_char(x) == lower_char(y); });
}

// A field of one line: no tab or newline, and in lists no comma either.
const std::string& checked(const std::string& field, bool in_list) {
  if (field.find_first_of(in_list ? "\t\n," : "\t\n") != std::string::npos) {
    throw std::invalid_argument("IAM catalog field \"" + field + "\" holds a tab, newline or comma");
  }
  return field;
}

std::string joined(const nlohmann::json& action, const char* key) {
  std::string out;
  if (!action.contains(key)) return out;
  for (const auto& v : action.at(key)) {
    if (!out.empty()) out += ',';
    out += checked(v.get<std::string>(), true);
  }
  return out;
}

// The next line of `text` from `pos` (without its newline); advances `pos`.
std::string_view next_line(std::string_view text, std::size_t& pos) {
  const std::size_t end = std::min(text.find('\n', pos), text.size());
  std::string_view line = text.substr(pos, end - pos);
  pos = end + 1;
  return line;
}

// The next tab-separated field of `line`; consumes it.
std::string_view next_field(std::string_view& line) {
  const std::size_t tab = line.find('\t');
  std::string_view field = line.substr(0, tab);
  line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
  return field;
}

}  // namespace

bool less_ignoring_case(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower_char(x) < lower_char(y); });
}

std::string compact_service(std::string_view prefix, const nlohmann::json& service) {
  std::string out = checked(service.value("name", std::string(prefix)), false) + "\n";
  if (service.contains("resources")) {
    for (const auto& [type, format] : service.at("resources").items()) {
      out += "R\t" + checked(type, true) + "\t" + checked(format.get<std::string>(), false) + "\n";
    }
  }
  // json objects iterate in key order; the first of names equal but for case wins.
  std::vector<std::pair<std::string, const nlohmann::json*>> actions;
  for (const auto& item : service.at("actions").items()) {
    const std::string& name = item.key();
    const bool seen = std::any_of(actions.begin(), actions.end(),
                                  [&](const auto& a) { return equal_ignoring_case(a.first, name); });
    if (!seen) actions.emplace_back(name, &item.value());
  }
  std::stable_sort(actions.begin(), actions.end(),
                   [](const auto& a, const auto& b) { return less_ignoring_case(a.first, b.first); });
  for (const auto& [name, action] : actions) {
    out += "A\t" + checked(name, true) + "\t" + checked(action->value("access", std::string()), false) + "\t" +
           joined(*action, "resources") + "\t" + joined(*action, "required") + "\n";
  }
  return out;
}

ServiceLines read_service(std::string_view text) {
  ServiceLines out;
  // A line per action, plus the name and resource types: at most a few entries too many, and no regrowth.
  out.actions.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  std::size_t pos = 0;
  out.name = next_line(text, pos);
  while (pos < text.size()) {
    std::string_view line = next_line(text, pos);
    const std::string_view kind = next_field(line);
    if (kind == "R") {
      const std::string_view type = next_field(line);
      out.arn_formats.emplace_back(type, line);
    } else if (kind == "A") {
      ActionLine a;
      a.name = next_field(line);
      a.access = next_field(line);
      a.resources = next_field(line);
      a.required = line;
      out.actions.push_back(a);
    }
  }
  return out;
}

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    out.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return out;
}

}  // namespace aip::iam::catalog_text
