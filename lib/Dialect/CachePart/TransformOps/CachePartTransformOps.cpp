//===- CachePartTransformOps.cpp - transform.cachepart.* ------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// The op's attributes become the pass's option text, parsed by the pass's
// own option parser: one set of names and spellings, one set of errors.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Dialect/CachePart/TransformOps/CachePartTransformOps.h"
#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Support/ByteSize.h"
#include "cachepart/Transforms/Partition.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;

#define GET_OP_CLASSES
#include "cachepart/Dialect/CachePart/TransformOps/CachePartTransformOps.cpp.inc"

/// The pass options the op's attributes spell, or a reason why not.
static FailureOr<std::string> optionText(transform::CachePartPartitionOp op,
                                         std::string &error) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto add = [&](StringRef name, auto value) {
    os << (text.empty() ? "" : " ") << name << "=" << value;
  };
  // `capacity` and `batch` are a number (not negative), or a word that
  // `word` turns into the option.
  auto numberOrWord = [&](Attribute attr, StringRef name,
                          auto word) -> LogicalResult {
    auto value = dyn_cast<IntegerAttr>(attr);
    if (!value)
      return word(cast<StringAttr>(attr).getValue());
    if (value.getValue().isNegative()) {
      error = (name + " must not be negative").str();
      return failure();
    }
    add(name, value.getValue().getZExtValue());
    return success();
  };
  if (Attribute capacity = op.getCapacityAttr())
    if (failed(numberOrWord(capacity, "capacity", [&](StringRef spelled) {
          cachepart::ByteSize size;
          if (!cachepart::ByteSize::parse(spelled.str(), size, error)) {
            error = ("capacity=\"" + spelled + "\": " + error).str();
            return failure();
          }
          add("capacity", size.getBytes());
          return success();
        })))
      return failure();
  // Numbers: attribute name, option name, value.
  std::tuple<StringRef, StringRef, std::optional<uint64_t>> numbers[] = {
      {"num_devices", "num-devices", op.getNumDevices()},
      {"num_partitions", "num-partitions", op.getNumPartitions()},
      {"dynamic_dim_bound", "dynamic-dim-bound", op.getDynamicDimBound()},
      {"max_pieces", "max-pieces", op.getMaxPieces()}};
  for (auto [name, option, value] : numbers)
    if (value && static_cast<int64_t>(*value) < 0) {
      error = (name + " must not be negative").str();
      return failure();
    }
  if (auto path = op.getReport(); path && path->contains(' ')) {
    error = "the report path must not contain spaces";
    return failure();
  }
  std::pair<StringRef, std::optional<StringRef>> words[] = {
      {"strategy", op.getStrategy()},
      {"memory-model", op.getMemoryModel()},
      {"oversize", op.getOversize()},
      {"reuse", op.getReuse()}};
  for (auto [option, value] : words)
    if (value)
      add(option, *value);
  for (auto [name, option, value] : numbers)
    if (value)
      add(option, *value);
  if (Attribute batch = op.getBatchAttr())
    if (failed(numberOrWord(batch, "batch", [&](StringRef spelled) {
          if (spelled != "auto") {
            error = "batch must be an integer or \"auto\"";
            return failure();
          }
          add("batch", "auto");
          return success();
        })))
      return failure();

  if (auto value = op.getIm2col())
    add("im2col", *value ? "true" : "false");
  if (auto value = op.getReport())
    add("report", *value);
  return text;
}

DiagnosedSilenceableFailure
transform::CachePartPartitionOp::apply(transform::TransformRewriter &rewriter,
                                       transform::TransformResults &results,
                                       transform::TransformState &state) {
  std::string optionError;
  FailureOr<std::string> text = optionText(*this, optionError);
  if (failed(text))
    return emitSilenceableError() << "invalid option: " << optionError;
  FailureOr<cachepart::PartitionRequest> request =
      cachepart::parsePartitionRequest(
          *text, [&](const Twine &message) { optionError = message.str(); });
  if (failed(request))
    return emitSilenceableError() << "invalid option: " << optionError;

  SmallVector<Operation *> functions, parts;
  for (Operation *target : state.getPayloadOps(getTarget())) {
    auto func = dyn_cast<func::FuncOp>(target);
    if (!func)
      return emitSilenceableError()
             << "expects handles to 'func.func' ops, got '" << target->getName()
             << "'";
    auto module = func->getParentOfType<ModuleOp>();
    if (!module)
      return emitSilenceableError() << "expects functions inside a module";
    SmallVector<func::FuncOp> made;
    if (failed(cachepart::partitionModule(module, {func}, *request, &made)))
      return DiagnosedSilenceableFailure::definiteFailure();
    functions.push_back(func);
    parts.append(made.begin(), made.end());
  }
  results.set(cast<OpResult>(getFunctions()), functions);
  results.set(cast<OpResult>(getParts()), parts);
  return DiagnosedSilenceableFailure::success();
}

namespace {
class CachePartTransformDialectExtension
    : public transform::TransformDialectExtension<
          CachePartTransformDialectExtension> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(
      CachePartTransformDialectExtension)

  using Base::Base;

  void init() {
    declareGeneratedDialect<cachepart::CachePartDialect>();
    declareGeneratedDialect<func::FuncDialect>();
    registerTransformOps<
#define GET_OP_LIST
#include "cachepart/Dialect/CachePart/TransformOps/CachePartTransformOps.cpp.inc"
        >();
  }
};
} // namespace

void cachepart::registerTransformDialectExtension(DialectRegistry &registry) {
  registry.addExtensions<CachePartTransformDialectExtension>();
}
