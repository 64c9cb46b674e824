//===- DeviceAttrFuzzer.cpp - libFuzzer target for #cachepart.device -----===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Parses "#cachepart.device<" + input: the parser must never crash; a parsed
// attribute must verify, print, and parse back to the same attribute.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Dialect/CachePart/IR/CachePart.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::MLIRContext *context = [] {
    auto *ctx = new mlir::MLIRContext();
    ctx->loadDialect<cachepart::CachePartDialect>();
    return ctx;
  }();
  // Diagnostics are expected for most inputs: swallow them.
  mlir::ScopedDiagnosticHandler quiet(
      context, [](mlir::Diagnostic &) { return mlir::success(); });
  std::string text = "#cachepart.device<" +
                     std::string(reinterpret_cast<const char *>(data), size);
  mlir::Attribute attr = mlir::parseAttribute(text, context);
  if (!attr)
    return 0;
  auto device = mlir::dyn_cast<cachepart::DeviceAttr>(attr);
  if (!device)
    return 0;
  if (device.getName().empty() || device.getCapacity() == 0)
    __builtin_trap(); // The verifier must have rejected it.
  std::string printed;
  llvm::raw_string_ostream os(printed);
  attr.print(os);
  if (mlir::parseAttribute(printed, context) != attr)
    __builtin_trap();
  return 0;
}
