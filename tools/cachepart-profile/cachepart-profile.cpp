//===- cachepart-profile.cpp - Measure each layer by running it -----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Runs every function of a model on the CPU (LLVM's ORC JIT, see
// ParallelJIT.h) and records, for every layer FootprintAnalysis defines
// (same indices), the bytes the layer allocates while it runs, the peak of
// the bytes live then, and its wall time:
//
//   1. a copy of the module gets a call @__cachepart_mark(i) before layer i
//      (and i = -1 before the return), a tensor.empty (and an initializing
//      linalg.fill) right before each of its users (so its buffer is
//      allocated in the layer that fills it), float weights (and elided
//      dense_resource weights) become splats, and an entry function fills
//      deterministic inputs and calls the model;
//   2. TOSA -> linalg, one-shot bufferization with ownership-based
//      deallocation; each linalg op in its own function, its loops ordered
//      for vectorizing; loops (canonicalized), LLVM, with
//      finalize-memref-to-llvm's generic allocation functions, which this
//      tool defines: every alloc and free is counted against the layer
//      that runs; splat weights placed by the tool;
//   3. LLVM O2 (the profiled function itself, which only allocates and
//      calls, at O0) in one part per core; the entry runs --repeat times;
//      times are medians.
//
//===----------------------------------------------------------------------===//

#include "ParallelJIT.h"

#include "cachepart/Analysis/FootprintAnalysis.h"
#include "cachepart/Registration/Registration.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/CastInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sys/mman.h>
#include <unistd.h>

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
static cl::opt<unsigned> compileThreads(
    "compile-threads",
    cl::desc("Threads compiling the lowered module (0: one per core)"),
    cl::init(0));
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
static cl::opt<bool> printLayerFunctions(
    "print-layer-functions",
    cl::desc("Print each distinct layer function (a linalg op on buffers, "
             "tiled and its loops reordered) on stderr"),
    cl::init(false));

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

constexpr size_t kPageBytes = 4096;
constexpr size_t kHugePageBytes = 2 << 20;

/// Anonymous memory on transparent huge pages where the kernel allows it
/// (madvise mode, Debian's default): a buffer of hundreds of megabytes
/// then costs hundreds of page faults when first written, not a hundred
/// thousand (VGG's weights and activations: ~1.5 s of faults on 4 KiB pages).
void *mapHuge(size_t bytes) {
  void *ptr = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (ptr == MAP_FAILED)
    return nullptr;
  (void)madvise(ptr, bytes, MADV_HUGEPAGE);
  return ptr;
}

/// The model's buffers of 2 MiB or more: on huge pages, and kept mapped
/// when freed for the next buffer of about the same size. Unmapping them
/// made every run fault and zero its large buffers afresh (ConvNeXt-L keeps
/// 2 GB of transposed weights live: 5 s of system time in 3 runs), which a
/// card's preallocated memory does not do.
struct HugeBuffers {
  llvm::DenseMap<void *, size_t> mapped; ///< Each region and its size.
  std::multimap<size_t, void *> idle;    ///< Freed regions by size.
  void *allocate(size_t bytes) {
    if (bytes < kHugePageBytes)
      return nullptr;
    size_t rounded = llvm::alignTo(bytes, kHugePageBytes);
    // An idle region at most twice the size, or a new one.
    auto it = idle.lower_bound(rounded);
    if (it != idle.end() && it->first <= 2 * rounded) {
      void *ptr = it->second;
      idle.erase(it);
      return ptr;
    }
    void *ptr = mapHuge(rounded);
    if (ptr)
      mapped[ptr] = rounded;
    return ptr;
  }
  bool release(void *ptr) {
    auto it = mapped.find(ptr);
    if (it == mapped.end())
      return false;
    idle.insert({it->second, ptr});
    return true;
  }
  ~HugeBuffers() {
    for (auto [ptr, bytes] : mapped)
      munmap(ptr, bytes);
  }
};

HugeBuffers hugeBuffers;
} // namespace

extern "C" {
static void cachepartMark(int64_t layer) { recorder.mark(layer); }
static void *cachepartAlloc(size_t size) {
  void *ptr = hugeBuffers.allocate(size);
  if (!ptr)
    ptr = std::malloc(size ? size : 1);
  recorder.allocated(ptr, size);
  return ptr;
}
static void *cachepartAlignedAlloc(size_t alignment, size_t size) {
  void *ptr = alignment <= kPageBytes ? hugeBuffers.allocate(size) : nullptr;
  if (!ptr) {
    size_t rounded = (size + alignment - 1) / alignment * alignment;
    ptr = std::aligned_alloc(alignment, rounded ? rounded : alignment);
  }
  recorder.allocated(ptr, size);
  return ptr;
}
static void cachepartFree(void *ptr) {
  recorder.freed(ptr);
  if (!hugeBuffers.release(ptr))
    std::free(ptr);
}
}

//===----------------------------------------------------------------------===//
// Preparing a copy of the module for one function.
//===----------------------------------------------------------------------===//

/// The value given to float weights that have no single value.
static constexpr double kWeightValue = 0.125;

/// Elided weights (torch-mlir's dense_resource<__elided__>) get values so
/// that the model runs: splats of kWeightValue (integers: 0). So do other
/// float weights of 1 KiB or more that are not splats: their values change
/// neither what a layer allocates nor how long its loops run, and a splat
/// global costs nothing to compile (see placeSplatWeights) where the JIT
/// emits other constants element by element. Splats keep their value, and
/// kWeightValue is neither 0 nor 1: folders drop ops with those
/// (`tosa.add %x, 0` becomes %x, and its buffer with it). Integer constants
/// keep their values (they may be indices, shapes or divisors).
static void giveWeightsSplatValues(ModuleOp module) {
  auto splat = [](Attribute value) -> Attribute {
    if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
      auto element = dyn_cast<FloatType>(dense.getElementType());
      if (element && !dense.isSplat() &&
          dense.getNumElements() * element.getWidth() >= 8 * 1024)
        return DenseElementsAttr::get(dense.getType(),
                                      FloatAttr::get(element, kWeightValue));
      return {};
    }
    auto resource = dyn_cast<DenseResourceElementsAttr>(value);
    if (!resource)
      return {};
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (blob && !blob->getData().empty())
      return {};
    auto type = cast<ShapedType>(resource.getType());
    Attribute element =
        isa<FloatType>(type.getElementType())
            ? Attribute(FloatAttr::get(type.getElementType(), kWeightValue))
            : Attribute(IntegerAttr::get(type.getElementType(), 0));
    return DenseElementsAttr::get(type, element);
  };
  // arith.constant, tosa.const, ...: the value is an attribute of the op.
  module.walk([&](Operation *op) {
    if (!op->hasTrait<OpTrait::ConstantLike>())
      return;
    for (NamedAttribute attr : op->getAttrs())
      if (Attribute value = splat(attr.getValue()))
        op->setAttr(attr.getName(), value);
  });
}

/// The loop along which the operand of `map` is contiguous (its last index),
/// when that index is one loop.
static std::optional<unsigned> contiguousLoop(AffineMap map) {
  if (map.getNumResults() > 0)
    if (auto dim = dyn_cast<AffineDimExpr>(map.getResults().back()))
      return dim.getPosition();
  return std::nullopt;
}

/// A transpose (all loops parallel, operands contiguous along different
/// loops) runs in 32x32 tiles, so that both sides stay in the cache (VGG's
/// 4096x25088 weight transpose: 2.5 s untiled). Returns the op that runs
/// each tile, or `op` itself.
static linalg::LinalgOp tileTranspose(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() != 0)
    return op;
  SmallVector<int64_t> tiles(op.getNumLoops(), 0);
  unsigned tiled = 0;
  for (AffineMap map : op.getIndexingMapsArray())
    if (std::optional<unsigned> loop = contiguousLoop(map))
      if (tiles[*loop] == 0) {
        tiles[*loop] = 32;
        ++tiled;
      }
  if (tiled < 2)
    return op;
  IRRewriter rewriter(op);
  FailureOr<linalg::TiledLinalgOp> tiledOp = linalg::tileLinalgOp(
      rewriter, op, linalg::LinalgTilingOptions().setTileSizes(tiles));
  if (failed(tiledOp))
    return op;
  rewriter.eraseOp(op);
  return tiledOp->op;
}

/// Reorders the loops of `op` so that LLVM's loop vectorizer can work on
/// the innermost one: the loop in which most operands are read or written
/// contiguously (their last index), e.g. `C[i,j] += A[i,k] * B[k,j]` as
/// (i, k, j), `O[n,h,w,f] += I[n,h+y,w+x,c] * F[f,y,x,c]` with c innermost.
/// Float reductions may then be added in another order (reassoc, contract):
/// the profiler measures bytes and time, never the values, and the buffers
/// do not change.
static void orderLoopsForVectorizing(linalg::LinalgOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (iterators.size() < 2)
    return;
  SmallVector<unsigned> contiguous(iterators.size(), 0);
  SmallVector<bool> written(iterators.size(), false);
  for (OpOperand &operand : op->getOpOperands())
    if (std::optional<unsigned> loop =
            contiguousLoop(op.getMatchingIndexingMap(&operand))) {
      ++contiguous[*loop];
      written[*loop] = written[*loop] || op.isDpsInit(&operand);
    }
  // Most contiguous operands; among equals, the loop along which the
  // results are written (a transpose that stores with a 16 KiB stride puts
  // all 32 rows of a tile in one L1 set: 7x slower than strided loads on
  // VGG's 4096x25088 weight), then a parallel loop (its loop needs no
  // reassociation), then the later one.
  unsigned innermost = 0;
  auto rank = [&](unsigned dim) {
    return std::make_tuple(contiguous[dim], written[dim],
                           iterators[dim] == utils::IteratorType::parallel,
                           dim);
  };
  for (unsigned dim = 1; dim < iterators.size(); ++dim)
    if (rank(dim) > rank(innermost))
      innermost = dim;
  SmallVector<unsigned> order;
  for (bool parallel : {true, false})
    for (auto [dim, type] : llvm::enumerate(iterators))
      if ((type == utils::IteratorType::parallel) == parallel &&
          dim != innermost)
        order.push_back(dim);
  order.push_back(innermost);

  IRRewriter rewriter(op);
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic) {
    FailureOr<linalg::GenericOp> generalized =
        linalg::generalizeNamedOp(rewriter, op);
    if (failed(generalized))
      return;
    generic = *generalized;
  }
  generic.walk([](arith::ArithFastMathInterface math) {
    math->setAttr(math.getFastMathAttrName(),
                  arith::FastMathFlagsAttr::get(
                      math->getContext(), arith::FastMathFlags::reassoc |
                                              arith::FastMathFlags::contract));
  });
  // On failure the op keeps its order: slower, same buffers.
  if (!llvm::equal(order, llvm::seq<unsigned>(0, iterators.size())))
    (void)linalg::interchangeGenericOp(rewriter, generic, order);
}

/// Each linalg op (on buffers, after bufferization) of function `name`
/// becomes a call of its own private `noinline` function. LLVM's O2 is
/// superlinear in a function's size (a ConvNeXt is one function of
/// thousands of loop nests: 77 s to compile); small functions compile in
/// linear time. The allocations stay in the caller, between the marks, so
/// what is counted per layer does not change. Returns the number of ops
/// and of distinct functions made for them.
static std::pair<size_t, size_t> outlineLinalgOps(ModuleOp module,
                                                  StringRef name) {
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func || func.isExternal())
    return {0, 0};
  OpBuilder b(module.getContext());
  auto noinline = b.getArrayAttr({b.getStringAttr("noinline")});
  SmallVector<linalg::LinalgOp> ops;
  for (Operation &op : func.getBody().front())
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
      if (linalgOp.hasPureBufferSemantics())
        ops.push_back(linalgOp);
  // Identical ops (same op, attributes, types: ResNet's repeated blocks)
  // share one function, compiled once.
  llvm::StringMap<func::FuncOp> byBody;
  for (auto [i, op] : llvm::enumerate(ops)) {
    SmallVector<Value> operands(op->getOperands());
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegions(), captured);
    operands.append(captured.begin(), captured.end());
    b.setInsertionPointToEnd(module.getBody());
    auto callee = func::FuncOp::create(
        b, op.getLoc(), "__cachepart_candidate",
        b.getFunctionType(ValueRange(operands).getTypes(), {}));
    callee.setPrivate();
    callee->setAttr("passthrough", noinline);
    Block *entry = callee.addEntryBlock();
    IRMapping map;
    for (auto [value, arg] : llvm::zip(operands, entry->getArguments()))
      map.map(value, arg);
    b.setInsertionPointToStart(entry);
    auto clone = cast<linalg::LinalgOp>(b.clone(*op, map));
    func::ReturnOp::create(b, op.getLoc());
    std::string body;
    llvm::raw_string_ostream os(body);
    // Local scope: printing a nested op otherwise numbers the whole module
    // (DenseNet-201: 1.2 s for 919 ops).
    callee->print(os, OpPrintingFlags().printGenericOpForm().useLocalScope());
    auto [it, inserted] = byBody.try_emplace(body, callee);
    if (inserted) {
      callee.setSymName((name + "__cachepart_op" + Twine(i)).str());
      orderLoopsForVectorizing(tileTranspose(clone));
      if (printLayerFunctions) {
        callee->print(
            llvm::errs(),
            OpPrintingFlags().useLocalScope().printGenericOpForm(false));
        llvm::errs() << "\n";
      }
    } else {
      callee.erase();
    }
    b.setInsertionPoint(op);
    callee = it->second;
    func::CallOp::create(b, op.getLoc(), callee, operands);
    op->erase();
  }
  return {ops.size(), byBody.size()};
}

/// Ops whose memref results alias their memref operand.
static bool isView(Operation *op) {
  return isa<ViewLikeOpInterface, CastOpInterface,
             memref::ExtractStridedMetadataOp>(op);
}

/// Moves each `memref.dealloc` in the block of function `name` (and the
/// views that only feed it) to right after the last op that uses the
/// buffer or a view of it. Ownership-based deallocation frees at the end
/// of the block: in a model's one block every buffer then lived until the
/// function returned (ConvNeXt-L: 2 GB live, all of it fresh pages that
/// the first run faults in). Bytes allocated per layer do not change;
/// live bytes become what a card running the layers in order holds. A
/// buffer that escapes (returned, yielded, given to an op with memref
/// results that are not views) keeps its dealloc.
static void freeAfterLastUse(ModuleOp module, StringRef name) {
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func || func.isExternal() || !func.getBody().hasOneBlock())
    return;
  Block &block = func.getBody().front();
  llvm::DenseMap<Operation *, size_t> position;
  SmallVector<memref::DeallocOp> deallocs;
  for (Operation &op : block) {
    position[&op] = position.size();
    if (auto dealloc = dyn_cast<memref::DeallocOp>(op))
      deallocs.push_back(dealloc);
  }
  for (memref::DeallocOp dealloc : deallocs) {
    // The buffer: up from the freed value through views that feed only
    // the dealloc (they move with it).
    SmallVector<Operation *> chain = {dealloc};
    Value root = dealloc.getMemref();
    while (Operation *def = root.getDefiningOp()) {
      if (!isView(def) || def->getBlock() != &block ||
          !llvm::all_of(def->getUsers(), [&](Operation *user) {
            return llvm::is_contained(chain, user);
          }))
        break;
      chain.push_back(def);
      root = def->getOperand(0);
    }
    if (!root.getDefiningOp<memref::AllocOp>())
      continue;
    // The last op in the block that uses the buffer through any view.
    Operation *last = root.getDefiningOp();
    if (last->getBlock() != &block)
      continue;
    bool escapes = false;
    SmallVector<Value> aliases = {root};
    while (!aliases.empty() && !escapes) {
      Value alias = aliases.pop_back_val();
      for (Operation *user : alias.getUsers()) {
        if (llvm::is_contained(chain, user))
          continue;
        Operation *inBlock = block.findAncestorOpInBlock(*user);
        if (!inBlock || user->hasTrait<OpTrait::IsTerminator>()) {
          escapes = true;
          break;
        }
        if (position.lookup(inBlock) > position.lookup(last))
          last = inBlock;
        bool returnsMemref = llvm::any_of(user->getResultTypes(), [](Type t) {
          return isa<BaseMemRefType>(t);
        });
        if (isView(user))
          llvm::append_range(aliases, user->getResults());
        else if (returnsMemref)
          escapes = true;
      }
    }
    if (escapes || position.lookup(last) >= position.lookup(chain.back()))
      continue;
    // The views first, then the dealloc.
    Operation *after = last;
    for (Operation *op : llvm::reverse(chain)) {
      op->moveAfter(after);
      after = op;
    }
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

/// Float splat weights of 1 KiB or more (see giveWeightsSplatValues), in a
/// region of the tool's own.
struct SplatWeights {
  /// Symbol and offset in `region` of each weight.
  SmallVector<std::pair<std::string, size_t>> symbols;
  char *region = nullptr;
  size_t bytes = 0;
  SplatWeights() = default;
  SplatWeights(const SplatWeights &) = delete;
  SplatWeights &operator=(const SplatWeights &) = delete;
  ~SplatWeights() {
    if (region)
      munmap(region, bytes);
  }
};

/// Float splat weights of 1 KiB or more become external globals that the
/// tool places in one region, filled with their values before the runs:
/// the JIT would copy hundreds of megabytes of constants (VGG: 7 s) or, for
/// zeros in .bss, memset them on 4 KiB pages (~1 s). Nothing writes them:
/// they were constants.
static LogicalResult placeSplatWeights(ModuleOp module, SplatWeights &weights) {
  constexpr size_t kAlign = 64;
  SmallVector<std::pair<APInt, size_t>> fills; // Element bits, bytes.
  module.walk([&](memref::GlobalOp global) {
    auto init = dyn_cast_or_null<DenseElementsAttr>(
        global.getInitialValue().value_or(Attribute()));
    if (!global.getConstant() || !init || !init.isSplat())
      return;
    auto element = dyn_cast<FloatType>(init.getElementType());
    MemRefType type = global.getType();
    if (!element || element.getWidth() % 8 != 0 ||
        type.getNumElements() * element.getWidth() < 8 * 1024)
      return;
    size_t bytes = type.getNumElements() * element.getWidth() / 8;
    weights.symbols.push_back({global.getSymName().str(), weights.bytes});
    fills.push_back({init.getSplatValue<APFloat>().bitcastToAPInt(), bytes});
    weights.bytes += (bytes + kAlign - 1) / kAlign * kAlign;
    global.removeInitialValueAttr();
    global.setConstant(false);
    global.setPublic();
  });
  if (weights.bytes == 0)
    return success();
  weights.region = static_cast<char *>(mapHuge(weights.bytes));
  if (!weights.region)
    return failure();
  for (auto [symbol, fill] : llvm::zip(weights.symbols, fills)) {
    auto [bits, bytes] = fill;
    char *begin = weights.region + symbol.second;
    size_t width = bits.getBitWidth() / 8;
    for (size_t i = 0; i < width; ++i) // Little-endian element bytes.
      begin[i] = static_cast<char>(bits.extractBitsAsZExtValue(8, 8 * i));
    for (size_t done = width; done < bytes; done *= 2)
      std::memcpy(begin + done, begin, std::min(done, bytes - done));
  }
  return success();
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

/// LLVM's default pipeline at `level` for the host, without loop unrolling:
/// unrolling the short loops of convolution windows is most of the compile
/// time (DenseNet-121: 5.0 s with, 2.2 s without) and saves little run time.
static llvm::Error optimize(llvm::Module &module, unsigned level,
                            llvm::TargetMachine *host) {
  if (level == 0)
    return llvm::Error::success();
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  // The standard instrumentations skip `optnone` functions.
  llvm::PassInstrumentationCallbacks instrumentations;
  llvm::StandardInstrumentations standard(module.getContext(),
                                          /*DebugLogging=*/false);
  standard.registerCallbacks(instrumentations, &modules);
  llvm::PassBuilder builder(host, tuning, std::nullopt, &instrumentations);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  llvm::OptimizationLevel levels[] = {llvm::OptimizationLevel::O1,
                                      llvm::OptimizationLevel::O2,
                                      llvm::OptimizationLevel::O3};
  builder.buildPerModuleDefaultPipeline(levels[level - 1]).run(module, modules);
  return llvm::Error::success();
}

/// Runs `fn` with stdout sent to stderr: what the model prints
/// (printMemrefF32, vector.print: the runtime writes to stdout) must not
/// mix with the JSON of `-o -`.
static void withStdoutOnStderr(void (*fn)()) {
  std::fflush(stdout);
  int saved = dup(STDOUT_FILENO);
  if (saved >= 0)
    dup2(STDERR_FILENO, STDOUT_FILENO);
  fn();
  std::fflush(stdout);
  if (saved >= 0) {
    dup2(saved, STDOUT_FILENO);
    close(saved);
  }
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
  giveWeightsSplatValues(*copy);
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
  for (PassManager *manager : {&pm, &lower})
    if (failed(applyPassManagerCLOptions(*manager)))
      return original.emitError("cachepart-profile: bad pass-manager options");
  // A fixed upstream pipeline: verified once at the end (after each pass:
  // 0.9 s of DenseNet-201's 3 s of lowering).
  pm.enableVerifier(false);
  lower.enableVerifier(false);
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope timingRoot = timing.getRootScope();
  pm.enableTiming(timingRoot);
  lower.enableTiming(timingRoot);
  LogicalResult lowered = pm.run(*copy);
  SplatWeights weights;
  std::pair<size_t, size_t> outlined;
  if (succeeded(lowered)) {
    freeAfterLastUse(*copy, name);
    outlined = outlineLinalgOps(*copy, name);
    if (failed(placeSplatWeights(*copy, weights)))
      return original.emitError("cachepart-profile: cannot map ")
             << weights.bytes << " bytes of weights";
    lowered = lower.run(*copy);
  }
  if (succeeded(lowered))
    lowered = verify(*copy);
  if (failed(lowered))
    return original.emitError("cachepart-profile: lowering the function to "
                              "the CPU failed (see the errors above)");

  double lowerSeconds = seconds(lowerStart);
  auto compileStart = Clock::now();
  unsigned level = std::min(optLevel.getValue(), 3u);
  cachepart::ParallelJITOptions jitOptions;
  jitOptions.optLevel = level;
  jitOptions.threads = compileThreads;
  jitOptions.optimize = [&](llvm::Module &module,
                            llvm::TargetMachine &machine) {
    // The profiled function only calls the layers' functions and
    // allocates (DenseNet-201: 57,000 instructions in one block, as many
    // as all its layer functions): O2 would take the longest of all to
    // compile it and gain nothing measurable.
    if (llvm::Function *glue = module.getFunction(name);
        glue && !glue->isDeclaration()) {
      glue->addFnAttr(llvm::Attribute::OptimizeNone);
      glue->addFnAttr(llvm::Attribute::NoInline);
    }
    return optimize(module, level, &machine);
  };
  StringRef runtime[] = {CACHEPART_MLIR_C_RUNNER_UTILS,
                         CACHEPART_MLIR_RUNNER_UTILS};
  jitOptions.sharedLibPaths = runtime;
  jitOptions.symbols[kMarkName] = reinterpret_cast<void *>(&cachepartMark);
  jitOptions.symbols["_mlir_memref_to_llvm_alloc"] =
      reinterpret_cast<void *>(&cachepartAlloc);
  jitOptions.symbols["_mlir_memref_to_llvm_aligned_alloc"] =
      reinterpret_cast<void *>(&cachepartAlignedAlloc);
  jitOptions.symbols["_mlir_memref_to_llvm_free"] =
      reinterpret_cast<void *>(&cachepartFree);
  for (auto &[symbol, offset] : weights.symbols)
    jitOptions.symbols[symbol] = weights.region + offset;
  auto jitFailed = [&](llvm::Error error) {
    std::string message = llvm::toString(std::move(error));
    return original.emitError("cachepart-profile: JIT compilation failed: ")
           << message;
  };
  auto jit = cachepart::ParallelJIT::create(*copy, jitOptions);
  if (!jit)
    return jitFailed(jit.takeError());
  auto address = (*jit)->lookup(kEntryName);
  if (!address)
    return jitFailed(address.takeError());
  auto *entry = reinterpret_cast<void (*)()>(*address);
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
    withStdoutOnStderr(entry);
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
      // Linalg ops run as functions, and how many distinct ones compiled.
      {"linalg_ops", static_cast<int64_t>(outlined.first)},
      {"linalg_op_functions", static_cast<int64_t>(outlined.second)},
      {"layers", std::move(layerReports)},
  };
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerAllPasses();
  // --mlir-timing and the other pass-manager options apply to the lowering.
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
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
       (kBufferize +
        ",(each linalg op outlined, noinline, identical ops shared, loops "
        "reordered for vectorizing; splat weights placed by the tool)," +
        kLower + ",(LLVM O2, the profiled function optnone)")
           .str()},
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
