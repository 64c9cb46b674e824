# -*- Python -*-
# lit configuration of the cachepart test suite.

import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "CACHEPART"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cachepart_obj_root, "test")

llvm_lib = config.llvm_lib_dir

# Tools as upstream's examples/standalone finds them: FileCheck, count and
# not from LLVM's tools directory, ours from the build tree, each by
# absolute path (a different mlir-opt on PATH is never picked up).
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.use_default_substitutions()
tool_dirs = [config.cachepart_tools_dir, config.llvm_tools_dir]
tools = [
    ToolSubst("cachepart-opt", unresolved="fatal"),
    ToolSubst("cachepart-property-check", unresolved="fatal"),
    ToolSubst("cachepart-profile", unresolved="fatal"),
    ToolSubst("mlir-runner", unresolved="fatal"),
    # Upstream's own mlir-opt, for the plugin and round-trip tests.
    ToolSubst("upstream-mlir-opt",
              command=os.path.join(config.llvm_tools_dir, "mlir-opt"),
              unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
config.substitutions.append(
    ("%cachepart_plugin", os.path.join(config.cachepart_lib_dir, "CachePartPlugin.so")))
config.substitutions.append(
    ("%mlir_runner_utils", os.path.join(llvm_lib, "libmlir_runner_utils.so")))
config.substitutions.append(
    ("%mlir_c_runner_utils", os.path.join(llvm_lib, "libmlir_c_runner_utils.so")))
config.substitutions.append(("%src_root", config.cachepart_src_root))
config.substitutions.append(("%obj_root", config.cachepart_obj_root))
config.substitutions.append(
    ("%corpus", os.path.normpath(os.path.join(config.cachepart_src_root, "..", "shared", "corpus"))))

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
# The style check uses LLVM 22's clang-format (Debian clang-format-22).
if os.access("/usr/lib/llvm-22/bin/clang-format", os.X_OK):
    config.available_features.add("clang-format")
else:
    lit_config.note("/usr/lib/llvm-22/bin/clang-format not found: the style "
                    "check is skipped (scripts/setup.sh installs clang-format-22)")
# The plan picture's render check uses headless Chromium (Debian chromium).
if shutil.which("chromium"):
    config.available_features.add("chromium")
else:
    lit_config.note("chromium not found: the render check of the plan picture "
                    "is skipped (apt-get install chromium)")
if config.cachepart_sanitizers in ("ON", "1", "TRUE", "True", "true"):
    config.available_features.add("sanitizers")
    # The plugin cannot be loaded into an unsanitized upstream mlir-opt.
# libMLIR.so is not instrumented: LLVM's allocators inlined into our
# instrumented code poison slabs the library then uses unpoisoned.
config.environment["ASAN_OPTIONS"] = "detect_leaks=0:allow_user_poisoning=0"

# The features that skip tests, for scripts/count_results.py (which names
# each skipped test and why): written here so the rules live in one place.
os.makedirs(config.test_exec_root, exist_ok=True)
with open(os.path.join(config.test_exec_root, "lit-features.txt"), "w") as f:
    f.write("\n".join(sorted(config.available_features)) + "\n")
