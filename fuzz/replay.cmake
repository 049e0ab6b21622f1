# Included by tests/CMakeLists.txt, so it is part of every test build (any compiler): for each
# fuzz/fuzz_<target>.cpp, an executable <source name>_replay built from the same source plus
# replay_main.cpp, and a CTest test fuzz_replay_<target> that feeds it every file under
# fuzz/corpus/<target>/ (seeds and saved crash regressions). Adding a target = adding
# fuzz_<target>.cpp and fuzz/corpus/<target>/; a target without a corpus fails its test.
file(GLOB _gd_fuzz_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/fuzz/fuzz_*.cpp)
foreach(_src IN LISTS _gd_fuzz_sources)
  get_filename_component(_name ${_src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" _target ${_name})
  add_executable(${_name}_replay ${_src} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
  target_link_libraries(${_name}_replay PRIVATE govdisclose govdisclose_warnings)
  # The corpus is fuzz/corpus/<target>/ (fuzz/corpus/fuzz_<target>/ is accepted too).
  set(_corpus ${PROJECT_SOURCE_DIR}/fuzz/corpus/${_target})
  if(NOT IS_DIRECTORY ${_corpus} AND IS_DIRECTORY ${PROJECT_SOURCE_DIR}/fuzz/corpus/${_name})
    set(_corpus ${PROJECT_SOURCE_DIR}/fuzz/corpus/${_name})
  endif()
  add_test(NAME fuzz_replay_${_target} COMMAND ${_name}_replay ${_corpus})
endforeach()
