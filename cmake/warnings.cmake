# Warning flags for our own code. The INTERFACE target (CLI11 style) is for executables and is
# never exported; the library gets the same flags privately.
set(GOVDISCLOSE_WARNING_FLAGS
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  $<$<BOOL:${GOVDISCLOSE_WARNINGS_AS_ERRORS}>:-Werror>)
add_library(govdisclose_warnings INTERFACE)
target_compile_options(govdisclose_warnings INTERFACE ${GOVDISCLOSE_WARNING_FLAGS})
