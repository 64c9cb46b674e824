//===- CachePartDialect.cpp - cachepart dialect ---------------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Support/ByteSize.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace cachepart;

#include "cachepart/Dialect/CachePart/IR/CachePartDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "cachepart/Dialect/CachePart/IR/CachePartAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "cachepart/Dialect/CachePart/IR/CachePartOps.cpp.inc"

void CachePartDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "cachepart/Dialect/CachePart/IR/CachePartAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "cachepart/Dialect/CachePart/IR/CachePartOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// DeviceAttr
//===----------------------------------------------------------------------===//

/// Parses a byte size: an integer or a number glued to a unit, as the lexer
/// splits "2MB" into the integer 2 and the keyword MB, and "1.5MB" into a
/// float and a keyword. The text is rebuilt and handed to ByteSize::parse.
static ParseResult parseByteSizeValue(AsmParser &parser, uint64_t &bytes) {
  SMLoc loc = parser.getCurrentLocation();
  std::string text;
  APInt intValue;
  double floatValue;
  OptionalParseResult intResult = parser.parseOptionalInteger(intValue);
  if (intResult.has_value()) {
    if (failed(*intResult))
      return failure();
    if (intValue.isNegative())
      return parser.emitError(loc, "a byte size cannot be negative");
    if (intValue.getActiveBits() > 64)
      return parser.emitError(loc, "the byte size does not fit in 64 bits");
    text = std::to_string(intValue.getZExtValue());
  } else {
    // Floats keep their spelling only through the token; re-print exactly.
    if (parser.parseFloat(floatValue))
      return parser.emitError(loc, "expected a byte size such as 2MB, 512KB "
                                   "or 1048576");
    if (floatValue < 0)
      return parser.emitError(loc, "a byte size cannot be negative");
    llvm::SmallString<32> spelled;
    llvm::raw_svector_ostream(spelled) << llvm::format("%.6f", floatValue);
    text = spelled.str().str();
  }
  StringRef unit;
  if (succeeded(parser.parseOptionalKeyword(&unit)))
    text += unit.str();
  ByteSize size;
  std::string error;
  if (!ByteSize::parse(text, size, error))
    return parser.emitError(loc, "invalid byte size '")
           << text << "': " << error;
  bytes = size.getBytes();
  return success();
}

Attribute DeviceAttr::parse(AsmParser &parser, Type) {
  std::string name;
  uint64_t capacity = 0, bandwidth = 0;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess() || parser.parseString(&name) || parser.parseComma() ||
      parser.parseKeyword("cache") || parser.parseEqual() ||
      parseByteSizeValue(parser, capacity))
    return {};
  if (succeeded(parser.parseOptionalComma())) {
    if (parser.parseKeyword("bandwidth") || parser.parseEqual() ||
        parseByteSizeValue(parser, bandwidth))
      return {};
  }
  if (parser.parseGreater())
    return {};
  return parser.getChecked<DeviceAttr>(loc, parser.getContext(), name, capacity,
                                       bandwidth);
}

void DeviceAttr::print(AsmPrinter &printer) const {
  printer << "<\"";
  llvm::printEscapedString(getName(), printer.getStream());
  printer << "\", cache = " << ByteSize(getCapacity()).str();
  if (getBandwidth() != 0)
    printer << ", bandwidth = " << ByteSize(getBandwidth()).str();
  printer << ">";
}

LogicalResult
DeviceAttr::verify(llvm::function_ref<InFlightDiagnostic()> emitError,
                   StringRef name, uint64_t capacity, uint64_t bandwidth) {
  if (name.empty())
    return emitError() << "device name must not be empty";
  if (capacity == 0)
    return emitError() << "device '" << name
                       << "' must have a non-zero cache capacity";
  return success();
}

//===----------------------------------------------------------------------===//
// Module device list
//===----------------------------------------------------------------------===//

LogicalResult CachePartDialect::verifyOperationAttribute(Operation *op,
                                                         NamedAttribute attr) {
  StringRef attrName = attr.getName().getValue();
  if (attrName == getDevicesAttrName()) {
    if (!isa<ModuleOp>(op))
      return op->emitError()
             << "'" << attrName << "' must be attached to a builtin.module";
    auto list = dyn_cast<ArrayAttr>(attr.getValue());
    if (!list)
      return op->emitError()
             << "'" << attrName << "' must be an array of #cachepart.device";
    if (list.empty())
      return op->emitError()
             << "'" << attrName << "' must list at least one device";
    llvm::StringSet<> seen;
    for (auto [index, entry] : llvm::enumerate(list)) {
      auto device = dyn_cast<DeviceAttr>(entry);
      if (!device)
        return op->emitError() << "'" << attrName << "' entry #" << index
                               << " is not a #cachepart.device: " << entry;
      if (!seen.insert(device.getName()).second)
        return op->emitError() << "'" << attrName << "' names device '"
                               << device.getName() << "' more than once";
    }
    // Transfers name devices of the innermost module that lists them. One
    // walk here instead of a list scan in every transfer's verifier keeps
    // verification linear in the number of transfers and devices.
    WalkResult result = op->walk([&](TransferOp transfer) {
      Operation *owner = transfer->getParentOp();
      while (owner &&
             !(isa<ModuleOp>(owner) && owner->hasAttr(getDevicesAttrName())))
        owner = owner->getParentOp();
      if (owner != op)
        return WalkResult::advance();
      for (StringRef endpoint : {transfer.getFrom(), transfer.getTo()}) {
        if (seen.contains(endpoint))
          continue;
        transfer.emitOpError("names device '")
            << endpoint
            << "', which is not in the module's 'cachepart.devices' list";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    return failure(result.wasInterrupted());
  }
  if (attrName == getDeviceAttrName()) {
    if (!isa<DeviceAttr>(attr.getValue()))
      return op->emitError()
             << "'" << attrName << "' must be a #cachepart.device";
    return success();
  }
  if (attrName == getFootprintAttrName()) {
    if (!isa<DictionaryAttr>(attr.getValue()))
      return op->emitError() << "'" << attrName << "' must be a dictionary";
    return success();
  }
  if (attrName == getSpillingAttrName() || attrName == getPartitionedAttrName())
    return success();
  if (attrName == getBatchAttrName()) {
    auto batch = dyn_cast<IntegerAttr>(attr.getValue());
    if (!batch || batch.getValue().isNegative() || batch.getValue().isZero())
      return op->emitError()
             << "'" << attrName << "' must be a positive integer";
    return success();
  }
  if (attrName == getHostAttrName() || attrName == getNoCutAttrName() ||
      attrName == getCutAttrName()) {
    if (!isa<UnitAttr>(attr.getValue()))
      return op->emitError() << "'" << attrName << "' must be a unit attribute";
    return success();
  }
  return op->emitError() << "unknown cachepart attribute '" << attrName << "'";
}

SmallVector<DeviceAttr> cachepart::getModuleDevices(Operation *module) {
  SmallVector<DeviceAttr> devices;
  if (!module)
    return devices;
  auto list =
      module->getAttrOfType<ArrayAttr>(CachePartDialect::getDevicesAttrName());
  if (!list)
    return devices;
  for (Attribute entry : list)
    if (auto device = dyn_cast<DeviceAttr>(entry))
      devices.push_back(device);
  return devices;
}

FailureOr<SmallVector<DeviceAttr>>
cachepart::getDltiDevices(Operation *module) {
  SmallVector<DeviceAttr> devices;
  if (!module)
    return devices;
  auto spec = module->getAttrOfType<TargetSystemSpecInterface>(
      DLTIDialect::kTargetSystemDescAttrName);
  if (!spec)
    return devices;
  MLIRContext *ctx = module->getContext();
  StringAttr key = StringAttr::get(ctx, kDltiCacheSizeKey);
  for (DataLayoutEntryInterface entry : spec.getEntries()) {
    auto id = dyn_cast<StringAttr>(entry.getKey());
    auto device = dyn_cast<TargetDeviceSpecInterface>(entry.getValue());
    if (!id || !device)
      continue; // The DLTI verifier rejects these already.
    DataLayoutEntryInterface cache = device.getSpecForIdentifier(key);
    if (!cache)
      return mlir::emitError(module->getLoc(), "device '")
             << id.getValue() << "' of the module's '"
             << DLTIDialect::kTargetSystemDescAttrName << "' has no \""
             << kDltiCacheSizeKey << "\" entry: give each device its cache "
             << "capacity, e.g. \"" << kDltiCacheSizeKey
             << "\" = 2097152 : i64";
    auto bytes = dyn_cast<IntegerAttr>(cache.getValue());
    if (!bytes || !bytes.getType().isSignlessInteger())
      return mlir::emitError(module->getLoc(), "device '")
             << id.getValue() << "' of the module's '"
             << DLTIDialect::kTargetSystemDescAttrName << "': \""
             << kDltiCacheSizeKey << "\" must be an integer number of bytes "
             << "(e.g. 2097152 : i64), not " << cache.getValue();
    if (bytes.getValue().isNonPositive() ||
        bytes.getValue().getActiveBits() > 64)
      return mlir::emitError(module->getLoc(), "device '")
             << id.getValue() << "' of the module's '"
             << DLTIDialect::kTargetSystemDescAttrName << "': \""
             << kDltiCacheSizeKey << "\" must be positive, not " << bytes;
    devices.push_back(DeviceAttr::get(ctx, id.getValue(),
                                      bytes.getValue().getZExtValue(), 0));
  }
  return devices;
}

//===----------------------------------------------------------------------===//
// TransferOp
//===----------------------------------------------------------------------===//

LogicalResult TransferOp::verify() {
  if (getFrom().empty() || getTo().empty())
    return emitOpError("endpoints must be non-empty device names");
  if (getFrom() == getTo())
    return emitOpError("transfers from device '")
           << getFrom() << "' to itself; a transfer needs two devices";
  // Endpoints against the module's device list: checked by the dialect's
  // verifier of 'cachepart.devices', once for all transfers.
  return success();
}

//===----------------------------------------------------------------------===//
// Dropping the dialect's attributes
//===----------------------------------------------------------------------===//

/// Whether `attr` is or holds (in an array, dictionary, ...) a value of this
/// dialect.
static bool holdsCachePartAttr(Attribute attr) {
  return attr
      .walk([](Attribute nested) {
        return isa<CachePartDialect>(nested.getDialect())
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Drops every discardable attribute, and every argument or result
/// attribute of a function, whose value holds a value of this dialect.
void cachepart::dropCachePartAttributes(Operation *op) {
  SmallVector<StringAttr> names;
  for (NamedAttribute named : op->getDiscardableAttrs())
    if (holdsCachePartAttr(named.getValue()))
      names.push_back(named.getName());
  for (StringAttr name : names)
    op->removeDiscardableAttr(name);
  auto func = dyn_cast<FunctionOpInterface>(op);
  if (!func)
    return;
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    for (NamedAttribute named : func.getArgAttrs(i))
      if (holdsCachePartAttr(named.getValue()))
        func.removeArgAttr(i, named.getName());
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
    for (NamedAttribute named : func.getResultAttrs(i))
      if (holdsCachePartAttr(named.getValue()))
        func.removeResultAttr(i, named.getName());
}
