//===- CachePartPlugin.cpp - mlir-opt plugin ------------------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Load into upstream mlir-opt with
//   mlir-opt --load-dialect-plugin=lib/CachePartPlugin.so \
//            --load-pass-plugin=lib/CachePartPlugin.so ...
// Passes must then be named in --pass-pipeline: the command line is parsed
// before the plugin is loaded.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Registration/Registration.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "CachePart", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            cachepart::registerCachePartDialect(*registry);
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "CachePart", LLVM_VERSION_STRING,
          []() { cachepart::registerAllCachePartPasses(); }};
}
