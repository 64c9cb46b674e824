// Every C++ source of the project is formatted by LLVM 22's clang-format
// with the project's .clang-format (run scripts/check_format.sh --fix to
// reformat).
// REQUIRES: clang-format
// RUN: %src_root/scripts/check_format.sh | FileCheck %s
// CHECK: files checked, 0 not formatted
