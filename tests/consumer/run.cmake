# Prove that find_package(govdisclose) works: install the build to a temporary prefix (MODE
# install) or point at the build tree (MODE build-tree), then configure, build and run the
# consumer project of this directory.
#
#   cmake -DMODE=install|build-tree -DBUILD_DIR=<govdisclose build> -DWORK=<scratch dir>
#         -DGENERATOR=<generator> -DCXX=<compiler> [-DCXX_FLAGS=...] -P run.cmake
cmake_minimum_required(VERSION 3.25)
get_filename_component(_source ${CMAKE_CURRENT_LIST_DIR} ABSOLUTE)

function(_run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${_rc}):\n${_out}\n${_err}")
  endif()
  set(_out "${_out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(_find)
if(MODE STREQUAL "install")
  _run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK}/prefix)
  set(_find -DCMAKE_PREFIX_PATH=${WORK}/prefix)
  set(_expected_dir "${WORK}/prefix/")
  _run("the installed program" ${WORK}/prefix/bin/govdisclose --version)
  # The install has the public headers and their impl/ definitions, and nothing only the tests
  # (testing/) or the compiled part (detail/) use.
  set(_headers ${WORK}/prefix/include/govdisclose)
  foreach(_kept govdisclose.hpp impl/validate.hpp impl/catalog.hpp impl/generate.hpp)
    if(NOT EXISTS ${_headers}/${_kept})
      message(FATAL_ERROR "the install lacks include/govdisclose/${_kept}")
    endif()
  endforeach()
  foreach(_left testing detail)
    if(EXISTS ${_headers}/${_left})
      message(FATAL_ERROR "the install has include/govdisclose/${_left}/, which is not the API")
    endif()
  endforeach()
elseif(MODE STREQUAL "build-tree")
  set(_find -Dgovdisclose_DIR=${BUILD_DIR})
  set(_expected_dir "${BUILD_DIR}")
else()
  message(FATAL_ERROR "MODE must be install or build-tree")
endif()

_run("configuring the consumer" ${CMAKE_COMMAND} -S ${_source} -B ${WORK}/build -G ${GENERATOR}
     -DCMAKE_CXX_COMPILER=${CXX} "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
     -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF ${_find})
string(FIND "${_out}" "govdisclose_DIR=${_expected_dir}" _at)
if(_at EQUAL -1)
  message(FATAL_ERROR "the consumer did not find govdisclose under ${_expected_dir}:\n${_out}")
endif()
_run("building the consumer" ${CMAKE_COMMAND} --build ${WORK}/build)
_run("running the consumer" ${WORK}/build/consumer)
message(STATUS "${_out}")
if(NOT _out MATCHES "round-tripped")
  message(FATAL_ERROR "unexpected consumer output: ${_out}")
endif()
