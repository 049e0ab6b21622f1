# Dependencies come from Debian 12 packages (scripts/setup installs them).
find_package(Boost 1.81.0 EXACT CONFIG REQUIRED COMPONENTS json)
find_package(LibXml2 REQUIRED)
find_package(PkgConfig REQUIRED)
# find_package(libzip CONFIG) is broken on Debian 12 (it names a missing zipcmp).
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
# XLSX datasets (dataset.hpp) use libxlsxwriter when it is there (Debian libxlsxwriter-dev);
# without it, writing XLSX reports an error and everything else works.
pkg_check_modules(XLSXWRITER QUIET IMPORTED_TARGET xlsxwriter)
if(TARGET PkgConfig::XLSXWRITER)
  set(GOVDISCLOSE_HAVE_XLSXWRITER ON)
else()
  set(GOVDISCLOSE_HAVE_XLSXWRITER OFF)
endif()
if(GOVDISCLOSE_BUILD_CLI)
  find_package(CLI11 CONFIG REQUIRED)
endif()
