//===- cachepart-profile.cpp - Measure each layer by running it -----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Runs every function of a model on the CPU (MLIR's ExecutionEngine) and
// records, for every layer FootprintAnalysis defines (same indices), the
// bytes the layer allocates while it runs, the peak of the bytes live then,
// and its wall time:
//
//   1. a copy of the module gets a call @__cachepart_mark(i) before layer i
//      (and i = -1 before the return), a tensor.empty (and an initializing
//      linalg.fill) right before each of its users (so its buffer is
//      allocated in the layer that fills it), float weights (and elided
//      dense_resource weights) become zeros, and an entry function fills
//      deterministic inputs and calls the model;
//   2. TOSA -> linalg, one-shot bufferization with ownership-based
//      deallocation, loops (canonicalized), LLVM, with
//      finalize-memref-to-llvm's generic
//      allocation functions, which this tool defines: every alloc and free
//      is counted against the layer that runs;
//   3. the JIT-compiled entry runs --repeat times; times are medians.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/FootprintAnalysis.h"
#include "cachepart/Registration/Registration.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"

#include <chrono>
#include <cstdlib>

using namespace mlir;

namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.mlir>"),
                                      cl::Required);
static cl::opt<std::string> outputFile("o", cl::desc("Profile JSON file"),
                                       cl::value_desc("file"), cl::init("-"));
static cl::opt<uint64_t>
    batch("batch", cl::desc("Size of dynamic leading (batch) dimensions"),
          cl::init(1));
static cl::opt<uint64_t>
    dynamicDimBound("dynamic-dim-bound",
                    cl::desc("Size of the other dynamic dimensions"),
                    cl::init(0));
static cl::opt<unsigned> repeat("repeat",
                                cl::desc("Runs per function (times: median)"),
                                cl::init(3));
static cl::opt<std::string> onlyFunction("function",
                                         cl::desc("Profile only this function"),
                                         cl::init(""));
static cl::opt<bool> quiet("quiet", cl::desc("No progress on stderr"),
                           cl::init(false));
static cl::opt<unsigned>
    optLevel("opt-level",
             cl::desc("LLVM optimization level of the JIT, 0-3 (0 compiles "
                      "several times faster; times then measure "
                      "unoptimized code; bytes do not change)"),
             cl::init(2));
static cl::opt<bool> printInstrumented(
    "print-instrumented",
    cl::desc("Print each instrumented module, before lowering, on stderr"),
    cl::init(false));

/// The lowering from tensors to LLVM, after the TOSA conversion (on the
/// module).
static constexpr llvm::StringLiteral kBufferize =
    "func.func(tosa-to-linalg-named,tosa-to-linalg,"
    "tosa-to-arith,tosa-to-tensor),"
    "one-shot-bufferize{bufferize-function-boundaries "
    "function-boundary-type-conversion=identity-layout-map "
    "buffer-alignment=0},"
    "buffer-deallocation-pipeline,convert-bufferization-to-memref";
/// After kBufferize, each linalg op of the profiled function is outlined
/// into a `noinline` function (see outlineLinalgOps), then:
static constexpr llvm::StringLiteral kLower =
    "convert-linalg-to-loops,expand-strided-metadata,lower-affine,"
    "canonicalize,cse,convert-scf-to-cf,"
    "finalize-memref-to-llvm{use-generic-functions=true},"
    "convert-math-to-llvm,convert-math-to-libm,convert-to-llvm,"
    "reconcile-unrealized-casts";

static constexpr llvm::StringLiteral kMarkName = "__cachepart_mark";
static constexpr llvm::StringLiteral kEntryName = "__cachepart_profile_entry";

//===----------------------------------------------------------------------===//
// What the JIT-compiled code reports while it runs.
//===----------------------------------------------------------------------===//

namespace {
struct LayerCounters {
  uint64_t allocatedBytes = 0;
  uint64_t allocations = 0;
  uint64_t peakLiveBytes = 0;
  uint64_t liveAtStart = 0;
  double seconds = 0;
};

/// One run of one function: the layer running now and the counters.
struct Recorder {
  std::vector<LayerCounters> layers;
  int64_t current = -1; ///< -1: outside the function's layers.
  bool started = false;
  uint64_t live = 0;
  llvm::DenseMap<void *, uint64_t> sizes;
  std::chrono::steady_clock::time_point layerStart;
  std::chrono::steady_clock::time_point runStart;
  double runSeconds = 0;
  /// Progress on stderr (not --quiet): at most one line per second.
  bool progress = false;
  std::string progressPrefix;
  std::chrono::steady_clock::time_point lastProgress;

  void reset(size_t numLayers) {
    layers.assign(numLayers, {});
    current = -1;
    started = false;
    live = 0;
    sizes.clear();
  }
  void mark(int64_t layer) {
    auto now = std::chrono::steady_clock::now();
    if (current >= 0)
      layers[current].seconds +=
          std::chrono::duration<double>(now - layerStart).count();
    if (!started) {
      started = true;
      runStart = now;
    }
    if (layer < 0)
      runSeconds = std::chrono::duration<double>(now - runStart).count();
    current =
        layer >= 0 && static_cast<size_t>(layer) < layers.size() ? layer : -1;
    if (current >= 0) {
      layers[current].liveAtStart = live;
      layers[current].peakLiveBytes =
          std::max(layers[current].peakLiveBytes, live);
    }
    if (progress && current >= 0 &&
        now - lastProgress >= std::chrono::seconds(1)) {
      lastProgress = now;
      llvm::errs() << progressPrefix << "layer " << current + 1 << "/"
                   << layers.size() << ", "
                   << llvm::format(
                          "%.1f",
                          std::chrono::duration<double>(now - runStart).count())
                   << " s\n";
    }
    layerStart = std::chrono::steady_clock::now();
  }
  void allocated(void *ptr, uint64_t bytes) {
    if (!started || !ptr)
      return; // The entry's inputs: not the function's.
    sizes[ptr] = bytes;
    live += bytes;
    if (current >= 0) {
      LayerCounters &layer = layers[current];
      layer.allocatedBytes += bytes;
      ++layer.allocations;
      layer.peakLiveBytes = std::max(layer.peakLiveBytes, live);
    }
  }
  void freed(void *ptr) {
    auto it = sizes.find(ptr);
    if (it == sizes.end())
      return;
    live -= it->second;
    sizes.erase(it);
  }
};

Recorder recorder;
} // namespace

extern "C" {
static void cachepartMark(int64_t layer) { recorder.mark(layer); }
static void *cachepartAlloc(size_t size) {
  void *ptr = std::malloc(size ? size : 1);
  recorder.allocated(ptr, size);
  return ptr;
}
static void *cachepartAlignedAlloc(size_t alignment, size_t size) {
  size_t rounded = (size + alignment - 1) / alignment * alignment;
  void *ptr = std::aligned_alloc(alignment, rounded ? rounded : alignment);
  recorder.allocated(ptr, size);
  return ptr;
}
static void cachepartFree(void *ptr) {
  recorder.freed(ptr);
  std::free(ptr);
}
}

//===----------------------------------------------------------------------===//
// Preparing a copy of the module for one function.
//===----------------------------------------------------------------------===//

/// Elided weights (torch-mlir's dense_resource<__elided__>) become zeros of
/// the same type, so the model runs. So do float weights of 1 KiB or more:
/// their values change neither what a layer allocates nor how long its
/// loops run, and the JIT emits a non-zero constant element by element (a
/// second per 8 M elements) where zeros cost nothing. Integer constants keep
/// their values (they may be indices, shapes or divisors).
static void zeroWeights(ModuleOp module) {
  module.walk([](arith::ConstantOp op) {
    if (auto dense = dyn_cast<DenseElementsAttr>(op.getValue())) {
      auto element = dyn_cast<FloatType>(dense.getElementType());
      if (element && dense.getNumElements() * element.getWidth() >= 8 * 1024 &&
          !(dense.isSplat() && dense.getSplatValue<APFloat>().isZero()))
        op.setValueAttr(DenseElementsAttr::get(dense.getType(),
                                               FloatAttr::get(element, 0.0)));
      return;
    }
    auto resource = dyn_cast<DenseResourceElementsAttr>(op.getValue());
    if (!resource)
      return;
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (blob && !blob->getData().empty())
      return;
    auto type = cast<ShapedType>(resource.getType());
    Attribute zero =
        isa<FloatType>(type.getElementType())
            ? Attribute(FloatAttr::get(type.getElementType(), 0.0))
            : Attribute(IntegerAttr::get(type.getElementType(), 0));
    op.setValueAttr(DenseElementsAttr::get(type, zero));
  });
}

/// Each linalg op (on buffers, after bufferization) of function `name`
/// becomes a call of its own private `noinline` function. LLVM's O2 is
/// superlinear in a function's size (a ConvNeXt is one function of
/// thousands of loop nests: 77 s to compile); small functions compile in
/// linear time. The allocations stay in the caller, between the marks, so
/// what is counted per layer does not change.
static void outlineLinalgOps(ModuleOp module, StringRef name) {
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func || func.isExternal())
    return;
  OpBuilder b(module.getContext());
  auto noinline = b.getArrayAttr({b.getStringAttr("noinline")});
  SmallVector<linalg::LinalgOp> ops;
  for (Operation &op : func.getBody().front())
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
      if (linalgOp.hasPureBufferSemantics())
        ops.push_back(linalgOp);
  for (auto [i, op] : llvm::enumerate(ops)) {
    SmallVector<Value> operands(op->getOperands());
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegions(), captured);
    operands.append(captured.begin(), captured.end());
    b.setInsertionPointToEnd(module.getBody());
    auto callee = func::FuncOp::create(
        b, op.getLoc(), (name + "__cachepart_op" + Twine(i)).str(),
        b.getFunctionType(ValueRange(operands).getTypes(), {}));
    callee.setPrivate();
    callee->setAttr("passthrough", noinline);
    Block *entry = callee.addEntryBlock();
    IRMapping map;
    for (auto [value, arg] : llvm::zip(operands, entry->getArguments()))
      map.map(value, arg);
    b.setInsertionPointToStart(entry);
    b.clone(*op, map);
    func::ReturnOp::create(b, op.getLoc());
    b.setInsertionPoint(op);
    func::CallOp::create(b, op.getLoc(), callee, operands);
    op->erase();
  }
}

/// Erases the function definitions of `module` that `root` cannot reach
/// through calls.
static void dropUncalledFunctions(ModuleOp module, func::FuncOp root) {
  llvm::SmallPtrSet<Operation *, 16> reached = {root};
  SmallVector<func::FuncOp> work = {root};
  while (!work.empty()) {
    func::FuncOp f = work.pop_back_val();
    f.walk([&](CallOpInterface call) {
      auto callee = dyn_cast_or_null<func::FuncOp>(call.resolveCallable());
      if (callee && reached.insert(callee).second)
        work.push_back(callee);
    });
  }
  for (auto f : llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
    if (!f.isExternal() && !reached.contains(f))
      f.erase();
}

/// Zero weights (see zeroWeights) become mutable globals: LLVM then puts
/// them in .bss, which the JIT maps as zero pages, instead of copying
/// hundreds of megabytes of constant zeros (VGG: 7 s). Nothing writes them.
static void zeroWeightsToBss(ModuleOp module) {
  module.walk([](memref::GlobalOp global) {
    auto init = dyn_cast_or_null<DenseElementsAttr>(
        global.getInitialValue().value_or(Attribute()));
    if (global.getConstant() && init && init.isSplat() &&
        isa<FloatType>(init.getElementType()) &&
        init.getSplatValue<APFloat>().isZero())
      global.setConstant(false);
  });
}

/// Gives every user of `op` (in its block) a clone of it right before the
/// user, and erases `op` when nothing uses it any more.
static void cloneBeforeEachUser(OpBuilder &b, Operation *op) {
  for (OpOperand &use : llvm::make_early_inc_range(op->getUses())) {
    Operation *user = op->getBlock()->findAncestorOpInBlock(*use.getOwner());
    if (!user)
      continue;
    b.setInsertionPoint(user);
    use.set(
        b.clone(*op)->getResult(cast<OpResult>(use.get()).getResultNumber()));
  }
  if (op->use_empty())
    op->erase();
}

/// A deterministic input of `type` (every element 1/8 or 1), sizes of
/// dynamic dimensions from --batch / --dynamic-dim-bound.
static FailureOr<Value> makeInput(OpBuilder &b, Location loc, Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (tensor) {
    SmallVector<Value> sizes;
    for (auto [d, size] : llvm::enumerate(tensor.getShape())) {
      if (!ShapedType::isDynamic(size))
        continue;
      uint64_t n = d == 0 ? batch.getValue() : dynamicDimBound.getValue();
      if (n == 0)
        return failure();
      sizes.push_back(arith::ConstantIndexOp::create(b, loc, n));
    }
    Value empty = tensor::EmptyOp::create(b, loc, tensor.getShape(),
                                          tensor.getElementType(), sizes);
    Type element = tensor.getElementType();
    TypedAttr fill;
    if (auto f = dyn_cast<FloatType>(element))
      fill = FloatAttr::get(f, 0.125);
    else if (auto i = dyn_cast<IntegerType>(element))
      fill = IntegerAttr::get(i, 1);
    else
      return failure();
    Value value = arith::ConstantOp::create(b, loc, fill);
    return linalg::FillOp::create(b, loc, value, empty).getResult(0);
  }
  if (auto i = dyn_cast<IntegerType>(type))
    return arith::ConstantOp::create(b, loc, IntegerAttr::get(i, 1))
        .getResult();
  if (auto f = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, FloatAttr::get(f, 0.125))
        .getResult();
  if (type.isIndex())
    return arith::ConstantIndexOp::create(b, loc, 1).getResult();
  return failure();
}

/// Instruments `func` (in a copy of the module): marks before each layer and
/// before the return, a tensor.empty before each user, an entry.
static LogicalResult instrument(ModuleOp module, func::FuncOp func,
                                const cachepart::FootprintAnalysis &analysis) {
  MLIRContext *ctx = module.getContext();
  OpBuilder b(ctx);
  b.setInsertionPointToEnd(module.getBody());
  auto i64 = b.getI64Type();
  auto mark = func::FuncOp::create(b, module.getLoc(), kMarkName,
                                   b.getFunctionType({i64}, {}));
  mark.setPrivate();

  for (auto [i, layer] : llvm::enumerate(analysis.getLayers())) {
    b.setInsertionPoint(layer.op);
    Value index = arith::ConstantIntOp::create(b, layer.op->getLoc(), i, 64);
    func::CallOp::create(b, layer.op->getLoc(), mark, ValueRange{index});
  }
  // Initializers (a linalg.fill of a tensor.empty that a layer writes
  // into) belong to the layer that uses them: each use gets its own, right
  // before it, after the layer's mark.
  SmallVector<Operation *> initializers;
  func.walk([&](Operation *op) {
    if (op->getBlock() == &func.getBody().front() &&
        cachepart::FootprintAnalysis::isInitializer(op))
      initializers.push_back(op);
  });
  for (Operation *op : initializers)
    cloneBeforeEachUser(b, op);

  // Buffers of tensor.empty are allocated where the op is (one per
  // out-of-place use): each use gets its own tensor.empty right before the
  // op that uses it, after that layer's mark, so the buffer is counted in
  // the layer that writes it.
  SmallVector<tensor::EmptyOp> empties;
  func.walk([&](tensor::EmptyOp op) { empties.push_back(op); });
  for (tensor::EmptyOp op : empties)
    cloneBeforeEachUser(b, op);
  // Ops that the loop lowering does not know (linalg.softmax) run as the
  // ops they aggregate, in place, so within their layer; in the functions
  // it calls too.
  SmallVector<linalg::AggregatedOpInterface> aggregates;
  module.walk(
      [&](linalg::AggregatedOpInterface op) { aggregates.push_back(op); });
  for (linalg::AggregatedOpInterface op : aggregates) {
    b.setInsertionPoint(op);
    FailureOr<SmallVector<Value>> parts = op.decomposeOperation(b);
    if (failed(parts))
      return op->emitError("cachepart-profile cannot decompose this op to "
                           "run it");
    op->replaceAllUsesWith(*parts);
    op->erase();
  }

  Operation *terminator = func.getBody().front().getTerminator();
  b.setInsertionPoint(terminator);
  Value end = arith::ConstantIntOp::create(b, terminator->getLoc(), -1, 64);
  func::CallOp::create(b, terminator->getLoc(), mark, ValueRange{end});

  b.setInsertionPointToEnd(module.getBody());
  auto entry = func::FuncOp::create(b, module.getLoc(), kEntryName,
                                    b.getFunctionType({}, {}));
  b.setInsertionPointToStart(entry.addEntryBlock());
  SmallVector<Value> inputs;
  for (Type type : func.getArgumentTypes()) {
    FailureOr<Value> input = makeInput(b, func.getLoc(), type);
    if (failed(input))
      return func.emitError("cachepart-profile cannot make an input of type ")
             << type
             << " (static or bounded tensors of numbers, numbers, index)";
    inputs.push_back(*input);
  }
  func::CallOp::create(b, func.getLoc(), func, inputs);
  func::ReturnOp::create(b, func.getLoc());
  return success();
}

/// Functions the profile covers: with layers, single-block, defined.
static SmallVector<func::FuncOp> selectFunctions(ModuleOp module) {
  SmallVector<func::FuncOp> funcs;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    if (!onlyFunction.empty() && func.getName() != onlyFunction)
      continue;
    funcs.push_back(func);
  }
  return funcs;
}

static double median(std::vector<double> values) {
  if (values.empty())
    return 0;
  llvm::sort(values);
  return values[values.size() / 2];
}

/// Profiles `name` of `source`: an error at the function when it cannot.
static FailureOr<llvm::json::Object>
profileFunction(ModuleOp source, StringRef name,
                const cachepart::FootprintOptions &options, size_t index,
                size_t total) {
  auto original = source.lookupSymbol<func::FuncOp>(name);
  cachepart::FootprintAnalysis estimate(original);
  if (!estimate.isSingleBlock())
    return original.emitError("cachepart-profile: the function has several "
                              "blocks; only single-block functions have "
                              "layers");
  if (failed(estimate.compute(options)))
    return failure();

  OwningOpRef<ModuleOp> copy(source.clone());
  auto func = copy->lookupSymbol<func::FuncOp>(name);
  // Only this function is entered: the functions it cannot call are not
  // lowered (a partitioned module has one per group).
  dropUncalledFunctions(*copy, func);
  cachepart::FootprintAnalysis layers(func);
  if (layers.getNumLayers() != estimate.getNumLayers())
    return original.emitError("internal error: the copy has other layers");
  zeroWeights(*copy);
  if (failed(instrument(*copy, func, layers)))
    return failure();

  if (printInstrumented)
    copy->print(llvm::errs());
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
  };
  auto lowerStart = Clock::now();
  PassManager pm(copy->getContext()), lower(copy->getContext());
  if (failed(parsePassPipeline(kBufferize, pm)) ||
      failed(parsePassPipeline(kLower, lower)))
    return original.emitError("internal error: bad lowering pipeline");
  LogicalResult lowered = pm.run(*copy);
  if (succeeded(lowered)) {
    outlineLinalgOps(*copy, name);
    zeroWeightsToBss(*copy);
    lowered = lower.run(*copy);
  }
  if (failed(lowered))
    return original.emitError("cachepart-profile: lowering the function to "
                              "the CPU failed (see the errors above)");

  double lowerSeconds = seconds(lowerStart);
  auto compileStart = Clock::now();
  unsigned level = std::min(optLevel.getValue(), 3u);
  ExecutionEngineOptions engineOptions;
  auto transformer = makeOptimizingTransformer(level, 0, nullptr);
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = static_cast<llvm::CodeGenOptLevel>(level);
  StringRef runtime[] = {CACHEPART_MLIR_C_RUNNER_UTILS};
  engineOptions.sharedLibPaths = runtime;
  auto engine = ExecutionEngine::create(*copy, engineOptions);
  if (!engine) {
    std::string message = llvm::toString(engine.takeError());
    return original.emitError("cachepart-profile: JIT compilation failed: ")
           << message;
  }
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap map;
    auto add = [&](StringRef symbol, auto *fn) {
      map[interner(symbol)] = {llvm::orc::ExecutorAddr::fromPtr(fn),
                               llvm::JITSymbolFlags::Exported};
    };
    add(kMarkName, &cachepartMark);
    add("_mlir_memref_to_llvm_alloc", &cachepartAlloc);
    add("_mlir_memref_to_llvm_aligned_alloc", &cachepartAlignedAlloc);
    add("_mlir_memref_to_llvm_free", &cachepartFree);
    return map;
  });

  // The JIT compiles on the first lookup: do it here, so that it is timed
  // apart from the runs.
  if (auto entry = (*engine)->lookupPacked(kEntryName); !entry) {
    std::string message = llvm::toString(entry.takeError());
    return original.emitError("cachepart-profile: JIT compilation failed: ")
           << message;
  }
  double compileSeconds = seconds(compileStart);
  if (!quiet)
    llvm::errs() << "cachepart-profile: [" << index + 1 << "/" << total << "] @"
                 << name << ": lowered in "
                 << llvm::format("%.2f", lowerSeconds) << " s, compiled (O"
                 << level << ") in " << llvm::format("%.2f", compileSeconds)
                 << " s\n";

  size_t n = estimate.getNumLayers();
  std::vector<std::vector<double>> layerSeconds(n);
  std::vector<double> runSeconds;
  std::vector<LayerCounters> counters;
  auto started = Clock::now();
  unsigned runs = std::max(1u, repeat.getValue());
  for (unsigned run = 0; run < runs; ++run) {
    recorder.reset(n);
    recorder.progress = !quiet;
    recorder.progressPrefix = ("cachepart-profile: @" + name + " run " +
                               Twine(run + 1) + "/" + Twine(runs) + ": ")
                                  .str();
    recorder.lastProgress = Clock::now();
    if (llvm::Error error = (*engine)->invokePacked(kEntryName))
      return original.emitError("cachepart-profile: running failed: ")
             << llvm::toString(std::move(error));
    for (size_t l = 0; l < n; ++l)
      layerSeconds[l].push_back(recorder.layers[l].seconds);
    runSeconds.push_back(recorder.runSeconds);
    if (run == 0)
      counters = recorder.layers; // Bytes do not change between runs.
  }
  if (!quiet)
    llvm::errs() << "cachepart-profile: [" << index + 1 << "/" << total << "] @"
                 << name << ": " << n << " layers, "
                 << llvm::format("%.2f", seconds(started)) << " s\n";

  llvm::json::Array layerReports;
  for (auto [l, layer] : llvm::enumerate(estimate.getLayers())) {
    std::string loc;
    llvm::raw_string_ostream os(loc);
    layer.op->getLoc().print(os);
    const cachepart::Footprint &fp = layer.footprint;
    layerReports.push_back(llvm::json::Object{
        {"index", static_cast<int64_t>(l)},
        {"op", layer.op->getName().getStringRef()},
        {"location", loc},
        {"estimate", llvm::json::Object{{"weights", fp.weights},
                                        {"activations", fp.activations},
                                        {"workspace", fp.workspace},
                                        {"activations_and_workspace",
                                         fp.activations + fp.workspace}}},
        {"measured",
         llvm::json::Object{
             {"allocated_bytes", counters[l].allocatedBytes},
             {"allocations", counters[l].allocations},
             {"peak_live_bytes", counters[l].peakLiveBytes},
             {"live_at_start_bytes", counters[l].liveAtStart},
             {"time_ns", static_cast<int64_t>(median(layerSeconds[l]) * 1e9)}}},
    });
  }
  // The whole function as one group (sum model): weights and received
  // bytes are exact from the IR; measured = those + what its layers
  // allocated.
  cachepart::Footprint whole =
      n ? estimate.getGroupFootprint(0, n, cachepart::MemoryModel::Sum)
        : cachepart::Footprint();
  uint64_t allocated = 0, peakLive = 0;
  for (const LayerCounters &c : counters) {
    allocated += c.allocatedBytes;
    peakLive = std::max(peakLive, c.peakLiveBytes);
  }
  return llvm::json::Object{
      {"name", name},
      {"num_layers", static_cast<int64_t>(n)},
      {"weight_bytes", whole.weights},
      {"received_bytes", whole.received},
      {"allocated_bytes", allocated},
      {"peak_live_bytes", peakLive},
      {"estimated_total_bytes", whole.total()},
      {"measured_total_bytes", whole.weights + whole.received + allocated},
      {"time_ns", static_cast<int64_t>(median(runSeconds) * 1e9)},
      {"lowering_seconds", lowerSeconds},
      {"compile_seconds", compileSeconds},
      {"layers", std::move(layerReports)},
  };
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerAllPasses();
  cl::ParseCommandLineOptions(
      argc, argv,
      "cachepart-profile: run a model on the CPU and measure the bytes and "
      "time of every layer\n");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  cachepart::registerCachePartDialect(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.printOpOnDiagnostic(false);

  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  std::string error;
  auto file = openInputFile(inputFile, &error);
  if (!file) {
    llvm::errs() << "cachepart-profile: " << error << "\n";
    return 1;
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;

  cachepart::FootprintOptions options;
  options.batch = batch;
  options.dynamicDimBound = dynamicDimBound;
  // The CPU lowering converts convolutions directly: no im2col buffer.
  options.im2col = false;

  SmallVector<func::FuncOp> funcs = selectFunctions(*module);
  if (!onlyFunction.empty() && funcs.empty()) {
    llvm::errs() << "cachepart-profile: no function named '" << onlyFunction
                 << "' in " << inputFile << "\n";
    return 1;
  }
  SmallVector<std::string> names;
  for (func::FuncOp func : funcs)
    if (cachepart::FootprintAnalysis(func).getNumLayers() > 0)
      names.push_back(func.getName().str());

  llvm::json::Array functionReports;
  for (auto [i, name] : llvm::enumerate(names)) {
    FailureOr<llvm::json::Object> report =
        profileFunction(*module, name, options, i, names.size());
    if (failed(report))
      return 1;
    functionReports.push_back(std::move(*report));
  }

  llvm::json::Object root{
      {"tool", "cachepart-profile"},
      {"input", inputFile.getValue()},
      {"pipeline",
       (kBufferize + ",(each linalg op outlined, noinline)," + kLower).str()},
      {"options",
       llvm::json::Object{{"batch", batch.getValue()},
                          {"dynamic_dim_bound", dynamicDimBound.getValue()},
                          {"repeat", repeat.getValue()},
                          {"opt_level", std::min(optLevel.getValue(), 3u)},
                          {"im2col", false}}},
      {"functions", std::move(functionReports)},
  };
  auto output = openOutputFile(outputFile, &error);
  if (!output) {
    llvm::errs() << "cachepart-profile: " << error << "\n";
    return 1;
  }
  output->os() << llvm::formatv("{0:2}", llvm::json::Value(std::move(root)))
               << "\n";
  output->keep();
  return 0;
}
