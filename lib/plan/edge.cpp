// The `edge:` area rendered into its stack.
#include "plan/plan.hpp"

namespace aip::plan {

void plan_edge(const spec::Spec&, cfn::Assembly&) {}

}  // namespace aip::plan
