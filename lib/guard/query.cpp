// Query retrieval, as cfn-guard does it: keys and indices, `*` and `[*]` over
// maps and lists, filters, `keys` filters and variables. A missing key gives
// an unresolved result (which fails every comparison but `not exists`); a
// filter that selects nothing gives no result (the clause is then skipped).
#include <algorithm>
#include <cctype>
#include <charconv>

#include "guard/engine.hpp"

namespace aip::guard {

namespace query_walk {

std::string part_text(const QueryPart& p) {
  switch (p.kind) {
    case QueryPart::Kind::key: return p.name;
    case QueryPart::Kind::index: return "[" + std::to_string(p.index) + "]";
    case QueryPart::Kind::all_values: return "*";
    case QueryPart::Kind::all_indices: return "[*]";
    case QueryPart::Kind::filter: return "[...]";
    case QueryPart::Kind::key_filter: return "[keys ...]";
    case QueryPart::Kind::this_value: return "this";
    case QueryPart::Kind::variable: return "%" + p.name;
  }
  return "";
}

std::string rest_text(const Query& q, std::size_t index) {
  std::string out;
  for (std::size_t i = index; i < q.parts.size(); ++i) {
    const std::string t = part_text(q.parts[i]);
    if (!out.empty() && t.front() != '[') out += '.';
    out += t;
  }
  return out;
}

Found unresolved(const Found& at, const Query& q, std::size_t index) {
  Found f = at;
  f.resolved = false;
  f.missing = rest_text(q, index);
  return f;
}

Found child(const Found& parent, const nlohmann::json& value, std::string_view segment) {
  Found f;
  f.value = &value;
  f.path = parent.path + "/" + pointer_segment(segment);
  return f;
}

// Guard finds `Metadata.cfn_nag` under `cfn-nag` too: a missing key is tried
// in camel, pascal, kebab, snake, title and train case, in that order.
std::vector<std::string> words_of(std::string_view key) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    // Anything but a letter or digit separates words: '!Ref' is the word "ref", so Ref in pascal case.
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(word);
      word.clear();
      continue;
    }
    const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    if (upper && !word.empty() && !std::isupper(static_cast<unsigned char>(word.back()))) {
      words.push_back(word);
      word.clear();
    }
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

}  // namespace query_walk

std::vector<std::string> key_spellings(std::string_view key) {
  const std::vector<std::string> words = query_walk::words_of(key);
  auto capital = [](std::string w) {
    if (!w.empty()) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    return w;
  };
  auto joined = [&](std::string_view sep, bool capitalize, bool first_lower) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i > 0) out += sep;
      out += (capitalize && !(first_lower && i == 0)) ? capital(words[i]) : words[i];
    }
    return out;
  };
  std::vector<std::string> out;
  for (std::string s : {joined("", true, true), joined("", true, false), joined("-", false, false),
                        joined("_", false, false), joined(" ", true, false), joined("-", true, false)}) {
    if (s != key && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}


std::string pointer_segment(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

Founds Engine::query(const Query& q, const Scope& scope) {
  Founds out;
  retrieve(q, 0, scope.root, scope, out);
  return out;
}

void Engine::retrieve(const Query& q, std::size_t index, const Found& current, const Scope& scope, Founds& out) {
  using query_walk::child;
  using query_walk::unresolved;
  if (index >= q.parts.size()) {
    out.push_back(current);
    return;
  }
  const QueryPart& part = q.parts[index];
  const nlohmann::json& value = *current.value;
  switch (part.kind) {
    case QueryPart::Kind::variable: {
      if (index > 0) {
        interpolate(q, index, current, scope, out);
        return;
      }
      // `%x[*]` is `%x`: a variable already stands for each of its values.
      std::size_t next = index + 1;
      if (next < q.parts.size() && q.parts[next].kind == QueryPart::Kind::all_indices) ++next;
      for (const Found& f : variable(part.name, scope, part.location)) {
        if (!f.resolved || next >= q.parts.size()) {
          out.push_back(f);
        } else {
          retrieve(q, next, f, scope, out);
        }
      }
      return;
    }
    case QueryPart::Kind::this_value:
      retrieve(q, index + 1, current, scope, out);
      return;
    case QueryPart::Kind::key: {
      int as_index = 0;
      const auto [end, ec] = std::from_chars(part.name.data(), part.name.data() + part.name.size(), as_index);
      if (ec == std::errc() && end == part.name.data() + part.name.size()) {
        if (value.is_array() && as_index >= 0 && static_cast<std::size_t>(as_index) < value.size()) {
          retrieve(q, index + 1, child(current, value[static_cast<std::size_t>(as_index)], part.name), scope, out);
        } else {
          out.push_back(unresolved(current, q, index));
        }
        return;
      }
      if (value.is_object()) {
        auto it = value.find(part.name);
        if (it != value.end()) {
          retrieve(q, index + 1, child(current, *it, part.name), scope, out);
          return;
        }
        for (const std::string& spelling : part.spellings) {
          it = value.find(spelling);
          if (it != value.end()) {
            retrieve(q, index + 1, child(current, *it, spelling), scope, out);
            return;
          }
        }
      }
      out.push_back(unresolved(current, q, index));
      return;
    }
    case QueryPart::Kind::index: {
      if (value.is_array()) {
        const long size = static_cast<long>(value.size());
        const long i = part.index < 0 ? size + part.index : part.index;
        if (i >= 0 && i < size) {
          retrieve(q, index + 1, child(current, value[static_cast<std::size_t>(i)], std::to_string(i)), scope, out);
          return;
        }
      }
      out.push_back(unresolved(current, q, index));
      return;
    }
    case QueryPart::Kind::all_indices:
    case QueryPart::Kind::all_values: {
      if (value.is_array()) {
        if (value.empty()) {
          out.push_back(unresolved(current, q, index));
          return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) retrieve(q, index + 1, child(current, value[i], std::to_string(i)), scope, out);
        return;
      }
      if (value.is_object() && part.kind == QueryPart::Kind::all_values) {
        if (value.empty()) {
          out.push_back(unresolved(current, q, index));
          return;
        }
        for (auto it = value.begin(); it != value.end(); ++it) retrieve(q, index + 1, child(current, it.value(), it.key()), scope, out);
        return;
      }
      // A single value where a collection is expected stands for itself.
      retrieve(q, index + 1, current, scope, out);
      return;
    }
    case QueryPart::Kind::filter: {
      const QueryPart::Kind before = index > 0 ? q.parts[index - 1].kind : QueryPart::Kind::this_value;
      const bool each_element = before == QueryPart::Kind::all_values || before == QueryPart::Kind::all_indices ||
                                before == QueryPart::Kind::variable;
      if (value.is_object()) {
        if (each_element) {
          filter_one(q, index, current, scope, out);
        } else {
          // `Resources[ Type == 'X' ]`: the filter selects among the map's values.
          for (auto it = value.begin(); it != value.end(); ++it) filter_one(q, index, child(current, it.value(), it.key()), scope, out);
        }
        return;
      }
      if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) filter_one(q, index, child(current, value[i], std::to_string(i)), scope, out);
        return;
      }
      if (before == QueryPart::Kind::all_indices) {
        filter_one(q, index, current, scope, out);
        return;
      }
      out.push_back(unresolved(current, q, index));
      return;
    }
    case QueryPart::Kind::key_filter: {
      if (!value.is_object()) {
        out.push_back(unresolved(current, q, index));
        return;
      }
      const Clause& test = *part.key_filter;
      const Founds rhs = operand(test.rhs, scope);
      for (auto it = value.begin(); it != value.end(); ++it) {
        Founds key{Found{own(it.key()), true, false, current.path, "", nullptr}};
        const std::vector<Verdict> verdicts = compare_binary(test, key, rhs);
        bool pass = !verdicts.empty();
        for (const Verdict& v : verdicts) pass = pass && v.pass;
        if (pass) retrieve(q, index + 1, child(current, it.value(), it.key()), scope, out);
      }
      return;
    }
  }
}

// `Parameters.%refs`: each value of the variable (a string or a list of
// strings) is a key of the current map.
void Engine::interpolate(const Query& q, std::size_t index, const Found& current, const Scope& scope, Founds& out) {
  const nlohmann::json& map = *current.value;
  auto lookup = [&](const nlohmann::json& key) {
    if (map.is_object() && key.is_string()) {
      auto it = map.find(key.get_ref<const std::string&>());
      if (it != map.end()) {
        retrieve(q, index + 1, query_walk::child(current, *it, it.key()), scope, out);
        return;
      }
    }
    out.push_back(query_walk::unresolved(current, q, index));
  };
  for (const Found& key : variable(q.parts[index].name, scope, q.parts[index].location)) {
    if (!key.resolved) {
      out.push_back(query_walk::unresolved(current, q, index));
    } else if (key.value->is_array()) {
      for (const nlohmann::json& k : *key.value) lookup(k);
    } else {
      lookup(*key.value);
    }
  }
}

// Keeps `current` when the filter's clauses pass with it as `this`.
void Engine::filter_one(const Query& q, std::size_t index, const Found& current, const Scope& scope, Founds& out) {
  Scope inner;
  inner.parent = &scope;
  inner.root = current;
  if (condition(*q.parts[index].filter, inner) == Status::pass) retrieve(q, index + 1, current, scope, out);
}

}  // namespace aip::guard
