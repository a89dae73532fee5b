// The `observability:` area rendered into its stack.
#include "plan/plan.hpp"

namespace aip::plan {

void plan_observability(const spec::Spec&, cfn::Assembly&) {}

}  // namespace aip::plan
