# AIP_STATIC (on by default): link everything but glibc statically. The
# binary then needs only libc6, for bare CI images, and starts faster: the
# dynamic loader's relocations and symbol lookups of libstdc++, yaml-cpp and
# fmt cost 1-2 ms per process, as much as a whole `aip validate` of a
# template. libstdc++ and libgcc are linked statically; yaml-cpp from
# Debian's libyaml-cpp.a; fmt, of which Debian ships no .a, from its headers
# (cmake/fmt_impl.cpp, fmt's own format.cc). Off for sanitizer and fuzzing
# builds, whose runtimes want the shared libraries.
# Included before find_package(fmt): the fmt targets defined here make fmt's
# own config keep them.
if(AIP_SANITIZE OR AIP_FUZZ)
  set(aip_static_default OFF)
else()
  set(aip_static_default ON)
endif()
option(AIP_STATIC "Link everything but glibc statically" ${aip_static_default})
if(AIP_STATIC AND (AIP_SANITIZE OR AIP_FUZZ))
  message(FATAL_ERROR "AIP_STATIC cannot be combined with AIP_SANITIZE or AIP_FUZZ: -DAIP_STATIC=OFF")
endif()
if(AIP_STATIC)
  # Before aip_build.cmake's add_compile_options: fmt's code is not held to
  # aip's warnings.
  add_library(aip_fmt STATIC ${CMAKE_CURRENT_LIST_DIR}/fmt_impl.cpp)
  add_library(fmt::fmt INTERFACE IMPORTED)
  set_target_properties(fmt::fmt PROPERTIES INTERFACE_LINK_LIBRARIES aip_fmt)
  add_library(fmt::fmt-header-only INTERFACE IMPORTED)
  set_target_properties(fmt::fmt-header-only PROPERTIES INTERFACE_COMPILE_DEFINITIONS "FMT_HEADER_ONLY=1")

  find_package(yaml-cpp REQUIRED)
  find_library(AIP_YAML_CPP_STATIC NAMES libyaml-cpp.a REQUIRED)
  # Debian's config knows one configuration, NONE; point it at the archive.
  set_target_properties(yaml-cpp PROPERTIES IMPORTED_LOCATION_NONE ${AIP_YAML_CPP_STATIC} IMPORTED_SONAME_NONE "")
  add_link_options(-static-libstdc++ -static-libgcc)
endif()
