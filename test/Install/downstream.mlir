// The installed package: `cmake --install` puts headers, libraries, tools and
// CachePartConfig.cmake under a prefix; examples/downstream finds it with
// find_package(CachePart REQUIRED CONFIG), links CachePart::CachePart, and its
// tool runs the cachepart passes from C++ on this file.
// UNSUPPORTED: sanitizers
// (Not in the sanitizer build: its instrumented libraries need an
// instrumented tool.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: cmake --install %obj_root --prefix %t/prefix > %t/install.log
// RUN: test -f %t/prefix/lib/cmake/cachepart/CachePartConfig.cmake
// RUN: test -f %t/prefix/include/cachepart/Transforms/Passes.h.inc
// RUN: test -x %t/prefix/bin/cachepart-opt
// RUN: test -f %t/prefix/lib/CachePartPlugin.so
// RUN: cmake -G Ninja -S %src_root/examples/downstream -B %t/build -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=%t/prefix > %t/configure.log
// RUN: ninja -C %t/build > %t/build.log
// RUN: %t/build/partition-tool %s 192B | FileCheck %s

// Two layers of 64 B weights + 64 B result, each receiving 64 B: one per
// 192 B card, so the tool's pipeline makes two device functions and lowers
// the transfer between them.
// CHECK-LABEL: func.func @f(
// CHECK: call @f__part0
// CHECK: call @f__part1
// CHECK-NOT: cachepart.transfer
// CHECK: func.func private @f__part0(
// CHECK: func.func private @f__part1(
func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %1 : tensor<16xf32>
}
