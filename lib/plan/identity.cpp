// The `identity:` area rendered into its stack.
#include "plan/plan.hpp"

namespace aip::plan {

void plan_identity(const spec::Spec&, cfn::Assembly&) {}

}  // namespace aip::plan
