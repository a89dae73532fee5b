// Fuzz target: an IAM policy document (JSON). Whatever parses must satisfy the
// renderer's documented laws: canonical() is idempotent, render(p) ==
// render(canonical(p)), and parse(render(p)) == canonical(p).
#include <cstdint>
#include <cstdlib>

#include "iam/policy.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto doc = aip::iam::Json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  const aip::iam::ParseResult parsed = aip::iam::parse_policy(doc);
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) check(!e.message.empty());
    return 0;
  }
  const aip::iam::Policy canon = aip::iam::canonical(parsed.policy);
  check(aip::iam::canonical(canon) == canon);
  const aip::iam::Json rendered = aip::iam::render_policy(parsed.policy);
  check(rendered == aip::iam::render_policy(canon));
  const aip::iam::ParseResult again = aip::iam::parse_policy(rendered);
  check(again.ok() && again.policy == canon);
  (void)rendered.dump();
  return 0;
}
