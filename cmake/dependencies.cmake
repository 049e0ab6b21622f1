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
# The PDF reader (readers.hpp read_pdf) uses poppler's C++ API (Debian libpoppler-cpp-dev), which
# is GPL: it is an optional component. GOVDISCLOSE_WITH_PDF=AUTO takes it when it is installed,
# ON requires it, OFF leaves it out (read_pdf() then reports input.unsupported_format).
set(GOVDISCLOSE_WITH_PDF AUTO CACHE STRING "Build the PDF reader with poppler-cpp (GPL): AUTO, ON or OFF")
set_property(CACHE GOVDISCLOSE_WITH_PDF PROPERTY STRINGS AUTO ON OFF)
set(GOVDISCLOSE_HAVE_PDF OFF)
if(NOT GOVDISCLOSE_WITH_PDF STREQUAL "OFF")
  if(GOVDISCLOSE_WITH_PDF STREQUAL "ON")
    pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
  else()
    pkg_check_modules(POPPLER_CPP QUIET IMPORTED_TARGET poppler-cpp)
  endif()
  if(TARGET PkgConfig::POPPLER_CPP)
    set(GOVDISCLOSE_HAVE_PDF ON)
  endif()
endif()
message(STATUS "govdisclose: PDF reader (poppler-cpp, GPL) ${GOVDISCLOSE_HAVE_PDF}")
if(GOVDISCLOSE_BUILD_CLI)
  find_package(CLI11 CONFIG REQUIRED)
endif()
