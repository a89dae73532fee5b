# -DAIP_STATIC=ON: a binary that needs only glibc (libc6), for bare CI images.
# libstdc++ and libgcc are linked statically; yaml-cpp from Debian's
# libyaml-cpp.a; fmt, of which Debian ships no .a, compiled in header-only.
# Included before find_package(fmt): the fmt targets defined here make fmt's
# own config keep them.
option(AIP_STATIC "Link everything but glibc statically" OFF)
if(AIP_STATIC)
  add_library(fmt::fmt INTERFACE IMPORTED)
  set_target_properties(fmt::fmt PROPERTIES INTERFACE_COMPILE_DEFINITIONS "FMT_HEADER_ONLY=1")
  add_library(fmt::fmt-header-only INTERFACE IMPORTED)
  set_target_properties(fmt::fmt-header-only PROPERTIES INTERFACE_COMPILE_DEFINITIONS "FMT_HEADER_ONLY=1")

  find_package(yaml-cpp REQUIRED)
  find_library(AIP_YAML_CPP_STATIC NAMES libyaml-cpp.a REQUIRED)
  # Debian's config knows one configuration, NONE; point it at the archive.
  set_target_properties(yaml-cpp PROPERTIES IMPORTED_LOCATION_NONE ${AIP_YAML_CPP_STATIC} IMPORTED_SONAME_NONE "")
  add_link_options(-static-libstdc++ -static-libgcc)
endif()
