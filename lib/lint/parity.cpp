// Reads the embedded data/lint-parity.tsv (parity.hpp).
#include "lint/parity.hpp"

#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

namespace aip::lint {

namespace parity_data {
extern const char* const kTable;
}

namespace parity_reader {

std::vector<std::string> split_on(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(sep, start);
    out.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

std::vector<ParityRow> read_table(std::string_view text) {
  std::vector<ParityRow> rows;
  int line_no = 0;
  for (const std::string& line : split_on(text, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = split_on(line, '\t');
    if (f.size() != 5) {
      throw std::runtime_error(fmt::format("data/lint-parity.tsv:{}: {} fields, expected 5", line_no, f.size()));
    }
    ParityRow r;
    r.tool = f[0];
    r.id = f[1];
    r.checks = f[2];
    r.note = f[4];
    r.line = line_no;
    if (f[3] == "n/a") {
      r.status = ParityRow::Status::not_applicable;
    } else if (f[3] == "gap") {
      r.status = ParityRow::Status::gap;
    } else {
      r.status = ParityRow::Status::covered;
      r.aip = split_on(f[3], ',');
    }
    if (r.tool != "cdk-nag" && r.tool != "checkov") {
      throw std::runtime_error(fmt::format("data/lint-parity.tsv:{}: unknown tool '{}'", line_no, r.tool));
    }
    if (r.status != ParityRow::Status::covered && r.note.empty()) {
      throw std::runtime_error(fmt::format("data/lint-parity.tsv:{}: {} needs a note saying why", line_no, f[3]));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace parity_reader

const std::vector<ParityRow>& parity_table() {
  static const std::vector<ParityRow> rows = parity_reader::read_table(parity_data::kTable);
  return rows;
}

}  // namespace aip::lint
