#include "command_model.hpp"

namespace aip::cli {
namespace {

// CLI::IsMember describes itself as "{a,b,c}" in the option's type name
// ("TEXT:{a,b,c}"); the choices are what completions offer.
std::vector<std::string> choices_of(const std::string& type_name) {
  std::vector<std::string> out;
  std::size_t open = type_name.find(":{");
  if (open == std::string::npos) return out;
  std::size_t close = type_name.find('}', open);
  if (close == std::string::npos) return out;
  std::string list = type_name.substr(open + 2, close - open - 2);
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

OptionModel option_model(const CLI::Option& opt) {
  OptionModel m;
  m.long_names = opt.get_lnames();
  m.short_names = opt.get_snames();
  if (opt.get_positional() && m.long_names.empty() && m.short_names.empty()) m.positional = opt.get_name(true, false);
  if (opt.get_expected_max() > 0) {  // a flag expects no value
    std::string type = opt.get_type_name();
    m.value_name = type.substr(0, type.find(':'));
    if (m.value_name.empty()) m.value_name = "VALUE";
    m.choices = choices_of(type);
  }
  m.description = opt.get_description();
  m.required = opt.get_required();
  m.repeatable = opt.get_expected_max() > 1;
  return m;
}

}  // namespace

std::string OptionModel::display() const {
  if (!positional.empty()) return positional;
  std::string out;
  for (const std::string& s : short_names) out += (out.empty() ? "-" : ", -") + s;
  for (const std::string& l : long_names) out += (out.empty() ? "--" : ", --") + l;
  return out;
}

CommandModel command_model(const CLI::App& app) {
  CommandModel m;
  m.name = app.get_parent() == nullptr ? "aip" : app.get_name();
  m.description = app.get_description();
  m.footer = app.get_footer();
  for (const CLI::Option* opt : app.get_options()) {
    OptionModel option = option_model(*opt);
    (option.positional.empty() ? m.options : m.positionals).push_back(std::move(option));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    m.subcommands.push_back(command_model(*sub));
  }
  return m;
}

}  // namespace aip::cli
