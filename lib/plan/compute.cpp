// The `compute:` area rendered into its stack.
#include "plan/plan.hpp"

namespace aip::plan {

void plan_compute(const spec::Spec&, cfn::Assembly&) {}

}  // namespace aip::plan
