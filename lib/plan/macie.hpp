// Amazon Macie, which a platform enables with a raw AWS::Macie::Session (no
// area models it), and what the keys of the buckets it inspects must allow.
#pragma once

#include "plan/policy_builder.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// Whether the platform enables Macie.
bool enables_macie(const spec::Spec& spec);

// The key policy statement that lets Macie's service-linked role decrypt the
// objects it inspects for sensitive data (its managed policy has no kms:Decrypt).
PolicyStatement macie_classifies();

}  // namespace aip::plan
