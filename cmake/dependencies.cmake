# Dependencies come from Debian 12 packages (scripts/setup installs them).
find_package(Boost 1.81 EXACT REQUIRED COMPONENTS json)
find_package(LibXml2 REQUIRED)
find_package(PkgConfig REQUIRED)
# find_package(libzip CONFIG) is broken on Debian 12 (it names a missing zipcmp).
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
if(GOVDISCLOSE_BUILD_CLI)
  find_package(CLI11 CONFIG REQUIRED)
endif()
