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

# aip_precompile(TARGET [TEST|CLI]): gives TARGET the precompiled headers.
# The headers are compiled once per kind of target, not once per target
# (each .gch took 3-9 s): every library reuses aip_pch_lib's, every test
# aip_pch_test's (Catch2 too, and -O0 like the tests), the CLI has its own
# (CLI11). aip_pch_targets() creates the shared ones once the directory's
# compile options (sanitizers, fuzzing) are known, as their users see them.
function(aip_pch_targets)
  if(NOT AIP_PCH)
    return()
  endif()
  set(empty ${CMAKE_BINARY_DIR}/aip_pch_empty.cpp)
  file(CONFIGURE OUTPUT ${empty} CONTENT "// the precompiled headers' own translation unit\n")
  add_library(aip_pch_lib OBJECT ${empty})
  target_precompile_headers(aip_pch_lib PRIVATE ${AIP_PCH_HEADERS})
  target_link_libraries(aip_pch_lib PRIVATE nlohmann_json::nlohmann_json fmt::fmt)
endfunction()

function(aip_test_pch_target)
  if(NOT AIP_PCH)
    return()
  endif()
  set(empty ${CMAKE_BINARY_DIR}/aip_pch_empty.cpp)
  add_library(aip_pch_test OBJECT ${empty})
  target_precompile_headers(aip_pch_test PRIVATE ${AIP_PCH_HEADERS} <catch2/catch.hpp>)
  target_compile_options(aip_pch_test PRIVATE ${AIP_TEST_COMPILE_OPTIONS})
  target_link_libraries(aip_pch_test PRIVATE nlohmann_json::nlohmann_json fmt::fmt Catch2::Catch2)
endfunction()

function(aip_precompile target)
  if(NOT AIP_PCH)
    return()
  endif()
  # The headers above come from these packages; a target that does not link
  # them still needs their include paths (header-only or not).
  target_link_libraries(${target} PRIVATE nlohmann_json::nlohmann_json fmt::fmt)
  if(ARGV1 STREQUAL "TEST")
    target_precompile_headers(${target} REUSE_FROM aip_pch_test)
  elseif(ARGV1 STREQUAL "CLI")
    target_precompile_headers(${target} PRIVATE ${AIP_PCH_HEADERS} <CLI/CLI.hpp>)
  else()
    target_precompile_headers(${target} REUSE_FROM aip_pch_lib)
  endif()
endfunction()
