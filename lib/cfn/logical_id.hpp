// Logical ids from spec names: readable, stable, and independent of position.
#pragma once

#include <string>
#include <string_view>

namespace aip::cfn {

// "lang-portal" -> "LangPortal", "ecr.api" -> "EcrApi", "db_2" -> "Db2".
// Only [A-Za-z0-9] survive, so the result is always a valid logical id part.
std::string pascal_case(std::string_view name);

}  // namespace aip::cfn
