#include "generate_man.hpp"

#include <fmt/format.h>

namespace aip::cli {
namespace {

// Text in roff: a backslash is an escape, a hyphen in an option must be \- to
// be copy-pasteable, and a line starting with . or ' would be a request.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string uppercase(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

std::string option_heading(const OptionModel& o) {
  std::string out;
  for (const std::string& s : o.short_names) out += fmt::format("{}\\fB\\-{}\\fR", out.empty() ? "" : ", ", roff(s));
  for (const std::string& l : o.long_names) out += fmt::format("{}\\fB\\-\\-{}\\fR", out.empty() ? "" : ", ", roff(l));
  if (!o.value_name.empty()) out += fmt::format(" \\fI{}\\fR", roff(o.value_name));
  return out;
}

// "Text" -> "Text.", so the notes after it read as sentences.
std::string sentence(const std::string& text) {
  if (text.empty() || text.back() == '.') return text;
  return text + ".";
}

std::string option_body(const OptionModel& o) {
  std::string out = roff(sentence(o.description));
  if (!o.choices.empty()) {
    std::string list;
    for (const std::string& c : o.choices) list += (list.empty() ? "" : ", ") + roff(c);
    out += fmt::format(" One of: {}.", list);
  }
  if (o.repeatable) out += " May be given more than once.";
  if (o.required) out += " Required.";
  return out;
}

// "Examples:\n  aip ...\n\nMore text": the examples paragraph goes to
// EXAMPLES, the rest to NOTES, both as written (no fill: they are laid out).
void write_footer(std::string& page, const std::string& footer) {
  std::string text = footer;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  if (text.empty()) return;
  std::string examples, notes = text;
  const std::string heading = "Examples:\n";
  if (text.rfind(heading, 0) == 0) {
    std::size_t end = text.find("\n\n");
    examples = text.substr(heading.size(), end == std::string::npos ? std::string::npos : end - heading.size());
    notes = end == std::string::npos ? "" : text.substr(end + 2);
  }
  if (!examples.empty()) page += ".SH EXAMPLES\n.nf\n" + roff(examples) + "\n.fi\n";
  if (!notes.empty()) page += ".SH NOTES\n.nf\n" + roff(notes) + "\n.fi\n";
}

std::string synopsis(const CommandModel& cmd, bool is_root) {
  std::string out = is_root ? ".B aip\n" : fmt::format(".B aip {}\n", roff(cmd.name));
  out += "[\\fIOPTIONS\\fR]";
  if (is_root) out += " \\fICOMMAND\\fR [\\fIARGS\\fR]";
  for (const OptionModel& p : cmd.positionals) {
    std::string arg = fmt::format("\\fI{}\\fR{}", roff(uppercase(p.positional)), p.repeatable ? "..." : "");
    out += p.required ? " " + arg : " [" + arg + "]";
  }
  return out + "\n";
}

std::string render_man_page(const CommandModel& cmd, const CommandModel& root, const std::string& version, bool is_root) {
  std::string title = is_root ? "aip" : "aip-" + cmd.name;
  std::string p = fmt::format(".TH {} 1 \"\" \"aip {}\" \"aip manual\"\n", roff(uppercase(title)), roff(version));
  // The root's description reads "aip: turn ..."; NAME says "aip \- turn ...".
  std::string summary = cmd.description;
  if (summary.rfind(title + ": ", 0) == 0) summary.erase(0, title.size() + 2);
  p += fmt::format(".SH NAME\n{} \\- {}\n", roff(title), roff(summary));
  p += ".SH SYNOPSIS\n" + synopsis(cmd, is_root);
  if (is_root) {
    p += ".SH COMMANDS\n";
    for (const CommandModel& sub : cmd.subcommands) {
      p += fmt::format(".TP\n\\fB{}\\fR\n{} See \\fBaip\\-{}\\fR(1).\n", roff(sub.name), roff(sentence(sub.description)),
                       roff(sub.name));
    }
  }
  if (!cmd.positionals.empty()) {
    p += ".SH ARGUMENTS\n";
    for (const OptionModel& a : cmd.positionals) {
      p += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(uppercase(a.positional)), option_body(a));
    }
  }
  p += ".SH OPTIONS\n";
  for (const OptionModel& o : cmd.options) p += fmt::format(".TP\n{}\n{}\n", option_heading(o), option_body(o));
  write_footer(p, cmd.footer);
  p += ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nWhen set and not empty, no colour is printed unless \\fB\\-\\-color always\\fR "
       "is given (https://no\\-color.org).\n";
  p += ".SH SEE ALSO\n";
  std::string see_also;
  if (!is_root) see_also = "\\fBaip\\fR(1)";
  for (const CommandModel& sub : root.subcommands) {
    if (sub.name == cmd.name) continue;
    see_also += fmt::format("{}\\fBaip\\-{}\\fR(1)", see_also.empty() ? "" : ",\n", roff(sub.name));
  }
  return p + see_also + "\n";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> man_pages(const CommandModel& root, const std::string& version) {
  std::vector<std::pair<std::string, std::string>> pages;
  pages.emplace_back("aip.1", render_man_page(root, root, version, true));
  for (const CommandModel& sub : root.subcommands) {
    pages.emplace_back("aip-" + sub.name + ".1", render_man_page(sub, root, version, false));
  }
  return pages;
}

}  // namespace aip::cli
