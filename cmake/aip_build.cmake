# How aip is compiled: the default build type, warnings, precompiled headers
# and unity builds. Measured with tools/build-times.sh; README "Build times"
# has the figures.

# Warnings are errors where it matters (CI, README command (b)), not for a
# user who builds with a newer compiler that warns about something new.
option(AIP_WERROR "Treat compiler warnings as errors" OFF)
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wconversion -Wno-sign-conversion)
if(AIP_WERROR)
  add_compile_options(-Werror)
endif()

# The heavy third-party headers are compiled once per target instead of once
# per file: nlohmann/json.hpp alone took ~1.9 s in each of ~200 files.
option(AIP_PCH "Precompile the heavy third-party headers" ON)
set(AIP_PCH_HEADERS
  <algorithm> <functional> <map> <memory> <optional> <set> <string> <string_view> <utility> <vector>
  <fmt/format.h> <nlohmann/json.hpp>)

# Unity builds: each target's files compiled a few at a time as one file, so
# the inline code of nlohmann::json, fmt and CLI11 that every file
# instantiates is compiled once per batch instead of once per file (it was
# ~70 % of a plan file's compile time). Names at namespace scope must be
# unique within a library for this (anonymous namespaces included); -DAIP_UNITY=OFF
# builds file by file, as an editor does.
option(AIP_UNITY "Compile each target's files in batches (unity build)" ON)
if(AIP_UNITY)
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE 8)
endif()

# aip_precompile(TARGET [TEST]): gives TARGET the precompiled headers (TEST:
# Catch2's too; CLI: CLI11's).
function(aip_precompile target)
  if(NOT AIP_PCH)
    return()
  endif()
  set(headers ${AIP_PCH_HEADERS})
  if(ARGV1 STREQUAL "TEST")
    list(APPEND headers <catch2/catch.hpp>)
  elseif(ARGV1 STREQUAL "CLI")
    list(APPEND headers <CLI/CLI.hpp>)
  endif()
  target_precompile_headers(${target} PRIVATE ${headers})
  # The headers above come from these packages; a target that does not link
  # them still needs their include paths (header-only or not).
  target_link_libraries(${target} PRIVATE nlohmann_json::nlohmann_json fmt::fmt)
endfunction()
