#include "plan/macie.hpp"

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "spec/resources.hpp"

namespace aip::plan {

bool enables_macie(const spec::Spec& spec) {
  for (const spec::RawResource& r : spec.resources) {
    if (r.type.value == "AWS::Macie::Session") return true;
  }
  return false;
}

// By condition, not as the principal: the role exists only once Macie is
// enabled (after the keys' stacks), and KMS refuses a key policy naming a
// principal that does not exist.
PolicyStatement macie_classifies() {
  return std::move(
      PolicyStatement::allow("MacieClassifies")
          .anyone()
          .action("kms:Decrypt")
          .resource("*")
          .condition("ArnEquals", "aws:PrincipalArn",
                     cfn::intrinsic::sub(aws::arn(aws::kThisPartition, "iam", "", aws::kThisAccount,
                                                  "role/aws-service-role/macie.amazonaws.com/"
                                                  "AWSServiceRoleForAmazonMacie"))));
}

}  // namespace aip::plan
