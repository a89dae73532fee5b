// Internal: the analysis steps of a stack diff, one file each.
#pragma once

#include "diff/values.hpp"

namespace aip::diff {

// replacement.cpp: sets each change's replacement from the schema and the
// resource's kind (Replaced / MayReplace / Updated) with its reasons.
void classify_replacement(ResourceChange& rc, const cfn::ResourceSchema* schema);

// replacement.cpp: a resource whose createOnly property refers (Ref /
// Fn::GetAtt) to a replaced resource is replaced too, transitively, as
// CloudFormation does when the referenced value changes.
void propagate_replacements(std::vector<ResourceChange>& changes, const Json& old_resources, const Json& new_resources,
                            const cfn::SchemaDb& db);

// data_loss.cpp: stateful resources that are replaced or removed, unless
// their UpdateReplacePolicy / DeletionPolicy keeps them.
void assess_data_loss(std::vector<ResourceChange>& changes, const Json& old_resources);

// rename_detection.cpp: a removed resource and an added one of the same type
// with near-identical properties are a likely rename.
std::vector<Rename> detect_renames(std::vector<ResourceChange>& changes, const Json& old_resources,
                                   const Json& new_resources);

// iam_changes.cpp: statements added and removed per document, with verdicts.
void collect_iam_changes(StackDiff& sd, const Json& old_resources, const Json& new_resources);

// security_group_changes.cpp: rules added and removed, with verdicts.
void collect_security_group_changes(StackDiff& sd, const Json& old_resources, const Json& new_resources);

// change_links.cpp: the references and DependsOn edges that touch a changed
// resource, and the unchanged resources at their other end (for the Mermaid
// diagram of render_markdown).
void collect_change_links(StackDiff& sd, const Json& old_resources, const Json& new_resources);

}  // namespace aip::diff
