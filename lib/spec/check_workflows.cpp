// Checks of the `workflows:` area: every `${KIND:NAME}` of a definition names
// an element of the spec in the workflow's account and region (errors point
// into the definition file), schedules, logging.
#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {

namespace check_workflows_area {

struct Found {
  bool exists = false;
  Placement where;
  Location declared;
  std::vector<std::string> names;
};

Found find_element(const Spec& spec, const std::string& kind, const std::string& name) {
  Found f;
  auto look = [&](const auto& items, auto placement) {
    for (const auto& e : items) {
      f.names.push_back(e.name);
      if (e.name != name) continue;
      f.exists = true;
      f.where = placement(e);
      f.declared = e.location;
    }
  };
  if (kind == "function") {
    look(spec.functions.items, [&](const Function& e) { return function_placement(spec, e); });
  } else if (kind == "table") {
    look(spec.tables.items, [&](const Table& e) { return table_placement(spec, e); });
  } else if (kind == "queue") {
    look(spec.events.queues, [&](const EventQueue& e) { return place(spec, e.account, e.region); });
  } else if (kind == "topic") {
    look(spec.events.topics, [&](const EventTopic& e) { return place(spec, e.account, e.region); });
  } else if (kind == "bucket") {
    look(spec.storage.buckets, [&](const Bucket& e) { return place(spec, e.account, e.region); });
  } else if (kind == "workflow") {
    look(spec.workflows.items, [&](const Workflow& e) { return workflow_placement(spec, e); });
  } else if (kind == "job") {
    look(spec.glue.jobs, [&](const GlueJob& e) { return glue_job_placement(spec, e); });
  } else if (kind == "endpoint") {
    look(spec.sagemaker.endpoints, [&](const Endpoint& e) { return place(spec, e.account, e.region); });
  } else if (kind == "sagemaker-role") {
    // Checked on its own below: a role is global, created in accounts.
    look(spec.iam.roles, [&](const IamRole&) { return Placement{}; });
  }
  return f;
}

// `${sagemaker-role:NAME}`: an iam role whose `sagemaker: develop` intent
// creates the SageMaker execution role the job runs as, in this account.
void check_sagemaker_role(const Spec& spec, const Workflow& w, const Placement& here, const AslReference& ref,
                          Diagnostics& diags) {
  const IamRole& r = *spec.iam.find(ref.name);
  const std::string what = fmt::format("workflow '{}' names sagemaker-role '{}'", w.name, ref.name);
  bool develops = false;
  for (const ServiceGrant& g : r.permissions.services) {
    develops = develops || (g.service.value == "sagemaker" && g.level.value == "develop");
  }
  std::string problem;
  if (r.existing()) {
    problem = "an existing role (aip creates no SageMaker execution role for it)";
  } else if (r.stackset) {
    problem = "a StackSet role (its SageMaker execution role has no fixed account)";
  } else if (!develops) {
    problem = "a role without sagemaker: develop, which creates the SageMaker execution role a job runs as";
  } else if (here.known()) {
    bool in_account = r.accounts.empty() ? spec.accounts.size() == 1 && &spec.accounts.front() == here.account
                                         : false;
    for (const auto& a : r.accounts) in_account = in_account || spec.find_account(a.value) == here.account;
    if (!in_account) problem = fmt::format("not created in the workflow's account ({})", here.str());
  }
  if (problem.empty()) return;
  Diagnostic& d = diags.error(ref.location, fmt::format("{}, {}", what, problem));
  d.notes.push_back({Severity::note, r.location, "role declared here", {}});
}

void check_workflow(const Spec& spec, const Workflow& w, Diagnostics& diags) {
  const std::string what = fmt::format("workflow '{}'", w.name);
  Placement here = place(spec, w.account, w.region, what, w.location, diags);
  const std::string name = state_machine_name(spec, w);
  if (name.size() > 80) {
    diags.error(w.location, fmt::format("{} would be named {} ({} characters); Step Functions allows 80", what, name,
                                        name.size()));
  }
  if (!w.schedule_timezone.value.empty() && w.schedule.value.empty()) {
    diags.error(w.schedule_timezone.location, fmt::format("'schedule_timezone' of {} needs a 'schedule'", what));
  }
  for (const AslReference& ref : w.asl.references) {
    Found f = find_element(spec, ref.kind, ref.name);
    if (!f.exists) {
      diags.error(ref.location, fmt::format("{} names {} '{}', which is not defined in the spec{}", what, ref.kind,
                                            ref.name, did_you_mean(ref.name, f.names)));
      continue;
    }
    if (ref.kind == "sagemaker-role") {
      check_sagemaker_role(spec, w, here, ref, diags);
      continue;
    }
    if (here.known() && f.where.known() && here != f.where) {
      Diagnostic& d = diags.error(ref.location, fmt::format("{} ({}) cannot use {} '{}' ({}); use one of its own "
                                                            "account and region",
                                                            what, here.str(), ref.kind, ref.name, f.where.str()));
      d.notes.push_back({Severity::note, f.declared, fmt::format("{} declared here", ref.kind), {}});
    }
  }
  if (w.type.value == "express") {
    for (const AslTask& t : w.asl.tasks) {
      if (t.sync) {
        diags.error(t.location, fmt::format("Task state '{}' waits for {} (.sync), which express "
                                            "workflow '{}' cannot do; use type: standard",
                                            t.state,
                                            t.service == AslService::glue        ? "a Glue job run"
                                            : t.service == AslService::sagemaker ? "a SageMaker job"
                                                                                 : "another execution",
                                            w.name));
      }
    }
  }
}

}  // namespace check_workflows_area

void check_workflows(const Spec& spec, Diagnostics& diags) {
  for (const Workflow& w : spec.workflows.items) check_workflows_area::check_workflow(spec, w, diags);
}

}  // namespace aip::spec
