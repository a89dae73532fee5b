# `cmake --install`: the aip binary, its man pages and shell completions
# (generated from the binary's own CLI definitions, so they match --help),
# the copyright and LICENSE files, in the GNU/Debian places under any prefix. The
# binary carries its data (schemas, blueprints), so nothing else is needed.
include(GNUInstallDirs)

set(AIP_GENERATED ${CMAKE_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${AIP_GENERATED}/stamp
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${AIP_GENERATED}/man1 ${AIP_GENERATED}/completions
  COMMAND ${CMAKE_COMMAND} -E make_directory ${AIP_GENERATED}/completions
  COMMAND aip __generate man -o ${AIP_GENERATED}/man1
  COMMAND aip __generate bash -o ${AIP_GENERATED}/completions/aip
  COMMAND aip __generate zsh -o ${AIP_GENERATED}/completions/_aip
  COMMAND aip __generate fish -o ${AIP_GENERATED}/completions/aip.fish
  COMMAND ${CMAKE_COMMAND} -E touch ${AIP_GENERATED}/stamp
  DEPENDS aip
  COMMENT "Generating aip's man pages and shell completions"
  VERBATIM)
add_custom_target(aip_docs ALL DEPENDS ${AIP_GENERATED}/stamp)

install(TARGETS aip RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${AIP_GENERATED}/man1/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${AIP_GENERATED}/completions/aip DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${AIP_GENERATED}/completions/_aip DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
install(FILES ${AIP_GENERATED}/completions/aip.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
