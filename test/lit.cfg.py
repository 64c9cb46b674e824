# -*- Python -*-
# lit configuration of the cachepart test suite.

import os
import shutil

import lit.formats
from lit.llvm import llvm_config

config.name = "CACHEPART"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cachepart_obj_root, "test")

llvm_bin = "/usr/lib/llvm-22/bin"
llvm_lib = "/usr/lib/llvm-22/lib"

# Tools are named by absolute path so that a different mlir-opt on PATH is
# never picked up.
config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
config.substitutions.append(
    ("%cachepart_plugin", os.path.join(config.cachepart_lib_dir, "CachePartPlugin.so")))
config.substitutions.append(
    ("%mlir_runner_utils", os.path.join(llvm_lib, "libmlir_runner_utils.so")))
config.substitutions.append(
    ("%mlir_c_runner_utils", os.path.join(llvm_lib, "libmlir_c_runner_utils.so")))
config.substitutions.append(("%src_root", config.cachepart_src_root))
config.substitutions.append(
    ("%corpus", os.path.normpath(os.path.join(config.cachepart_src_root, "..", "shared", "corpus"))))

for tool, path in [
    ("cachepart-opt", os.path.join(config.cachepart_tools_dir, "cachepart-opt")),
    ("cachepart-property-check",
     os.path.join(config.cachepart_tools_dir, "cachepart-property-check")),
    ("upstream-mlir-opt", os.path.join(llvm_bin, "mlir-opt")),
    ("mlir-runner", os.path.join(llvm_bin, "mlir-runner")),
    ("FileCheck", os.path.join(llvm_bin, "FileCheck")),
    ("not", os.path.join(llvm_bin, "not")),
    ("count", os.path.join(llvm_bin, "count")),
]:
    config.substitutions.append(("\\b%s\\b" % tool if tool != "upstream-mlir-opt" else tool, path))

corpus = os.path.normpath(os.path.join(config.cachepart_src_root, "..", "shared", "corpus"))
if os.path.isdir(corpus):
    config.available_features.add("corpus")
# Distributed runs (one MPI rank per card): MPICH and clang-22 build and
# launch them; scripts/setup.sh installs both.
if shutil.which("mpirun") and shutil.which("clang-22"):
    config.available_features.add("mpi")
else:
    lit_config.note("mpirun or clang-22 not found: the MPI execution tests "
                    "are skipped (scripts/setup.sh installs mpich)")
config.substitutions.append(
    ("%run_distributed",
     "env QUIET=1 CACHEPART_OPT=%s %s" % (
         os.path.join(config.cachepart_tools_dir, "cachepart-opt"),
         os.path.join(config.cachepart_src_root, "scripts", "run_distributed.sh"))))
if config.cachepart_sanitizers in ("ON", "1", "TRUE", "True", "true"):
    config.available_features.add("sanitizers")
    # The plugin cannot be loaded into an unsanitized upstream mlir-opt.
# libMLIR.so is not instrumented: LLVM's allocators inlined into our
# instrumented code poison slabs the library then uses unpoisoned.
config.environment["ASAN_OPTIONS"] = "detect_leaks=0:allow_user_poisoning=0"
