# Run one command of the govdisclose program and check what it does (a CTest golden test).
#
#   cmake -DEXPECT_EXIT=<code> [-DWORKDIR=<dir>] [-DINPUT=<file>] [-DGOLDEN=<file>]
#         [-DOUTPUT=<file> -DOUTPUT_GOLDEN=<file>] [-DMATCH=<regex>] [-DSTDERR_MATCH=<regex>]
#         [-DACTUAL_DIR=<dir>] -P run.cmake -- <program> <args>...
#
# GOLDEN is compared with standard output, OUTPUT_GOLDEN with the file OUTPUT the command wrote.
# With the environment variable GOVDISCLOSE_UPDATE_GOLDEN=1 the goldens under tests/cli/ are
# rewritten from what the command printed instead (then review the diff before committing).
cmake_minimum_required(VERSION 3.25)

set(_cmd)
set(_after_dashes OFF)
math(EXPR _last "${CMAKE_ARGC} - 1")
foreach(_i RANGE 1 ${_last})
  if(_after_dashes)
    list(APPEND _cmd "${CMAKE_ARGV${_i}}")
  elseif(CMAKE_ARGV${_i} STREQUAL "--")
    set(_after_dashes ON)
  endif()
endforeach()
if(NOT _cmd)
  message(FATAL_ERROR "run.cmake: no command after --")
endif()
if(NOT DEFINED WORKDIR)
  set(WORKDIR ${CMAKE_CURRENT_BINARY_DIR})
endif()
if(NOT DEFINED ACTUAL_DIR)
  set(ACTUAL_DIR ${CMAKE_CURRENT_BINARY_DIR})
endif()
set(_input)
if(DEFINED INPUT)
  set(_input INPUT_FILE ${INPUT})
endif()

execute_process(COMMAND ${_cmd} WORKING_DIRECTORY ${WORKDIR} ${_input}
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)

set(_failed OFF)
string(REPLACE ";" " " _shown "${_cmd}")
if(NOT _rc STREQUAL EXPECT_EXIT)
  message(SEND_ERROR "exit code ${_rc}, expected ${EXPECT_EXIT}\n  command: ${_shown}\n"
                     "  stdout:\n${_out}\n  stderr:\n${_err}")
  set(_failed ON)
endif()
if(DEFINED MATCH AND NOT _out MATCHES "${MATCH}")
  message(SEND_ERROR "standard output does not match /${MATCH}/:\n${_out}")
  set(_failed ON)
endif()
if(DEFINED STDERR_MATCH AND NOT _err MATCHES "${STDERR_MATCH}")
  message(SEND_ERROR "standard error does not match /${STDERR_MATCH}/:\n${_err}")
  set(_failed ON)
endif()

function(_compare what actual golden)
  if("$ENV{GOVDISCLOSE_UPDATE_GOLDEN}" STREQUAL "1" AND golden MATCHES "/tests/cli/")
    file(WRITE ${golden} "${actual}")
    message(STATUS "updated ${golden}")
    return()
  endif()
  if(NOT EXISTS ${golden})
    message(SEND_ERROR "missing golden file ${golden}; ${what} was:\n${actual}")
    set(_failed ON PARENT_SCOPE)
    return()
  endif()
  file(READ ${golden} _expected)
  if(NOT actual STREQUAL _expected)
    get_filename_component(_name ${golden} NAME)
    set(_actual_file ${ACTUAL_DIR}/${_name}.actual)
    file(WRITE ${_actual_file} "${actual}")
    message(SEND_ERROR "${what} differs from ${golden}\n"
                       "  compare: diff -u ${golden} ${_actual_file}\n"
                       "--- expected\n${_expected}\n--- actual\n${actual}")
    set(_failed ON PARENT_SCOPE)
  endif()
endfunction()

if(DEFINED GOLDEN)
  _compare("standard output" "${_out}" ${GOLDEN})
endif()
if(DEFINED OUTPUT_GOLDEN)
  if(NOT EXISTS ${OUTPUT})
    message(SEND_ERROR "the command did not write ${OUTPUT}")
    set(_failed ON)
  else()
    file(READ ${OUTPUT} _written)
    _compare("${OUTPUT}" "${_written}" ${OUTPUT_GOLDEN})
  endif()
endif()
if(_failed)
  message(FATAL_ERROR "failed: ${_shown}")
endif()
