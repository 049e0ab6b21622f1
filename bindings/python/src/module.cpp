// The private extension module `govdisclose._core`; the public API is the `govdisclose` package.
#include "registers.hpp"

#include <govdisclose/version.hpp>

#include <string>

PYBIND11_MODULE(_core, m) {
  namespace gp = govdisclose::python;
  m.doc() = "govdisclose._core: the compiled core of the govdisclose package (private).";
  m.attr("__version__") = std::string(govdisclose::version());
  m.attr("PICKLE_VERSION") = 1;
  gp::register_diagnostic(m);
  gp::register_model(m);
  gp::register_io(m);
  gp::register_validate(m);
  gp::register_generate(m);
  gp::register_compare(m);
  gp::register_batch(m);
}
