// The platform areas and the order they are planned in. An area names the
// areas whose resources it references; those are planned first, so every
// reference (and every export/import across stacks) finds its target. Adding
// an area: its plan_<area>() in a file of its own, and one row in areas.cpp.
#pragma once

#include <vector>

#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

struct Area {
  const char* name;
  void (*plan)(const spec::Spec&, cfn::Assembly&);
  std::vector<const char*> after;  // areas planned before this one
};

// `table` ordered so that every area comes after those it names, keeping
// the table's own order otherwise (so the result is stable). Throws
// std::logic_error on an unknown name or a cycle: both are bugs in aip.
std::vector<const Area*> order_areas(const std::vector<Area>& table);

// Every area of the spec, in planning order.
const std::vector<const Area*>& planning_order();

}  // namespace aip::plan
