// How functions, services and workflows reach the tables area's resources.
#pragma once

#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// The stack a table lives in: "<platform>-<account>[-<region>]-tables".
cfn::Stack& table_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Table& table);
// The table's ARN by name, as Fn::Sub over the stack's partition, region and account.
cfn::Json table_arn(const spec::Spec& spec, const spec::Table& table);
// The ARN of the table's customer-managed key, referenced from `from`.
cfn::Json table_key_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, const spec::Table& table);
// The statements granting `grants` (read: GetItem, Query, ... on the tables and
// their indexes; write: PutItem, UpdateItem, ...) and kms on customer-managed keys.
void table_statements(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                      const spec::TableGrants& grants, cfn::Json& statements);

}  // namespace aip::plan
