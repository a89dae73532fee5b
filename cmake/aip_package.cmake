# `cpack -G DEB` in the build directory: aip_VERSION_ARCH.deb of what
# `cmake --install` installs, under /usr.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME aip)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "aip maintainers <aip@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "AI platform specs on AWS to validated CloudFormation, IAM policies, lint and diffs")
set(CPACK_PACKAGE_DESCRIPTION
    "aip turns a declarative YAML spec of an AI platform on AWS into a CDK-compatible cloud assembly, checks every template against the CloudFormation resource schemas, lints specs and templates, and diffs two versions of a platform.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # aip_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_STRIP_FILES ON)
# Depends: from the shared libraries the binary links, as Debian's own
# packages get them. Without dpkg-shlibdeps (dpkg-dev), the list below is
# what it derives on Debian 12: `objdump -p cli/aip | grep NEEDED`, each
# library's package from `dpkg -S`, versions from /var/lib/dpkg/info/*.symbols.
find_program(AIP_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(AIP_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
elseif(AIP_STATIC)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.36)")  # arc4random, from the static libstdc++
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libc6 (>= 2.34), libfmt9 (>= 9.1.0+ds1), libgcc-s1 (>= 3.0), libstdc++6 (>= 11), libyaml-cpp0.7 (>= 0.7.0)")
endif()
include(CPack)
