// Semantic checks over the whole spec, once everything is read (so all values
// are typed): the accounts here, then each area's checks (check_<area>.cpp).
#include <map>

#include <fmt/format.h>

#include "spec/load.hpp"

namespace aip::spec {
namespace {

void check_accounts(const Spec& spec, Diagnostics& diags) {
  std::map<std::string, const Account*> by_id;
  for (const Account& a : spec.accounts) {
    if (a.id.value.empty()) continue;
    auto [it, inserted] = by_id.emplace(a.id.value, &a);
    if (!inserted) {
      Diagnostic& d = diags.error(a.id.location, fmt::format("accounts '{}' and '{}' have the same id {}",
                                                             it->second->name, a.name, a.id.value));
      d.notes.push_back({Severity::note, it->second->id.location, "first used here", {}});
    }
  }
}

}  // namespace

void check_spec(const Spec& spec, Diagnostics& diags) {
  check_accounts(spec, diags);
  check_network(spec, diags);
  check_identity(spec, diags);
  check_data(spec, diags);
  check_compute(spec, diags);
  check_edge(spec, diags);
  check_finops(spec, diags);
  check_storage(spec, diags);
  check_observability(spec, diags);
  check_dashboards(spec, diags);
  check_events(spec, diags);
  check_iam(spec, diags);
  check_functions(spec, diags);
  check_api(spec, diags);
  check_vpns(spec, diags);
  check_search(spec, diags);
  check_sagemaker(spec, diags);
  check_glue(spec, diags);
  check_dns(spec, diags);
  check_cdn(spec, diags);
  check_backup(spec, diags);
  check_pipelines(spec, diags);
  check_resources(spec, diags);
  check_environment_references(spec, diags);
  check_registries(spec, diags);
  check_secrets(spec, diags);
  check_discovery(spec, diags);
  check_tables(spec, diags);
  check_workflows(spec, diags);
  check_security(spec, diags);
  check_bedrock(spec, diags);
  check_classification(spec, diags);
}

}  // namespace aip::spec
