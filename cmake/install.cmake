include(CMakePackageConfigHelpers)
install(TARGETS govdisclose EXPORT govdisclose-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET govdisclose_cli)
  install(TARGETS govdisclose_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY include/govdisclose DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  PATTERN testing EXCLUDE)
set(_gd_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/govdisclose)
install(EXPORT govdisclose-targets NAMESPACE govdisclose:: DESTINATION ${_gd_cmake_dir})
# A build-tree export too, so a consumer can use the build directory directly.
export(EXPORT govdisclose-targets NAMESPACE govdisclose::
  FILE ${PROJECT_BINARY_DIR}/govdisclose-targets.cmake)
configure_package_config_file(cmake/govdisclose-config.cmake.in
  ${PROJECT_BINARY_DIR}/govdisclose-config.cmake INSTALL_DESTINATION ${_gd_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/govdisclose-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/govdisclose-config.cmake
  ${PROJECT_BINARY_DIR}/govdisclose-config-version.cmake DESTINATION ${_gd_cmake_dir})
