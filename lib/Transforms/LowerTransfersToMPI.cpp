//===- LowerTransfersToMPI.cpp - One MPI rank per card --------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Card i of `cachepart.devices` is MPI rank i; rank 0 is also the host. In a
// partitioned function every op runs on one rank (a device call on its
// card's, everything else that reads data on the host's) under an `scf.if`
// on the rank, and a value read on a rank other than its producer's is sent
// there once (mpi.send / mpi.recv at tensor level, before bufferization).
//
//===----------------------------------------------------------------------===//

#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Transforms/Passes.h"
#include "cachepart/Transforms/Report.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringMap.h"

namespace cachepart {
#define GEN_PASS_DEF_CACHELOWERTRANSFERSTOMPI
#include "cachepart/Transforms/Passes.h.inc"
} // namespace cachepart

using namespace mlir;
using namespace cachepart;

namespace {
/// Home of a value that every rank computes itself (constants, empty
/// tensors): it is never sent.
constexpr int64_t kEverywhere = -1;
constexpr int64_t kHostRank = 0;
/// MPI guarantees tags up to 32767. Tags repeat after that; matching stays
/// right because sends and receives between two ranks are posted in the
/// same order on both sides, and MPI does not let messages overtake.
constexpr int64_t kTagLimit = 32768;

/// Rank numbers and the comparisons `rank == r`, made once at the top of a
/// function.
class RankGuards {
public:
  explicit RankGuards(Value rank) : rank(rank) {}
  Value constant(int64_t r) {
    Value &value = constants[r];
    if (!value) {
      OpBuilder b(rank.getContext());
      b.setInsertionPointAfterValue(rank);
      value = arith::ConstantIntOp::create(b, rank.getLoc(), r, 32);
    }
    return value;
  }
  Value on(int64_t r) {
    Value &cond = conds[r];
    if (!cond) {
      Value number = constant(r);
      OpBuilder b(rank.getContext());
      b.setInsertionPointAfterValue(number);
      cond = arith::CmpIOp::create(b, rank.getLoc(), arith::CmpIPredicate::eq,
                                   rank, number);
    }
    return cond;
  }

private:
  Value rank;
  llvm::DenseMap<int64_t, Value> constants;
  llvm::DenseMap<int64_t, Value> conds;
};

/// A static ranked tensor of numbers: what mpi.send / mpi.recv can move.
bool isSendable(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape() &&
         tensor.getElementType().isIntOrFloat();
}

/// The reassociation between `type` and its 1-D form: all dimensions in one
/// group (none for a rank-0 tensor, whose 1-D form has one element).
SmallVector<ReassociationIndices> flatGroups(RankedTensorType type) {
  if (type.getRank() == 0)
    return {};
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return {all};
}

/// `v` as a 1-D tensor. The upstream mpi lowering passes sizes[0] of the
/// memref as the element count, so only 1-D buffers are sent whole.
Value flatten(OpBuilder &b, Location loc, Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getRank() == 1)
    return v;
  auto flat =
      RankedTensorType::get({type.getNumElements()}, type.getElementType());
  if (type.getRank() == 0)
    return tensor::ExpandShapeOp::create(b, loc, flat, v, flatGroups(type));
  return tensor::CollapseShapeOp::create(b, loc, flat, v, flatGroups(type));
}

/// The inverse of flatten.
Value unflatten(OpBuilder &b, Location loc, Value flat, RankedTensorType type) {
  if (type.getRank() == 1)
    return flat;
  if (type.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, type, flat,
                                           flatGroups(type));
  return tensor::ExpandShapeOp::create(b, loc, type, flat, flatGroups(type));
}

/// Placeholders for a guarded op's results on the ranks that do not run it.
Value placeholder(OpBuilder &b, Location loc, Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return tensor::EmptyOp::create(b, loc, tensor.getShape(),
                                 tensor.getElementType());
}

/// What every rewritten function shares.
struct LoweringConfig {
  /// Card name -> rank.
  llvm::StringMap<int64_t> ranks;
  /// Where the partitioned functions' results go (rank 0, or the sink).
  int64_t resultRank = kHostRank;
  /// When set, the per-rank time accumulator (compute, communication).
  mutable memref::GlobalOp timers;
};

constexpr StringLiteral kClock = "rtclock";

/// The wall-clock time from before `first` to after `last`, added to slot
/// `slot` of the timers (0 = compute, 1 = communication).
void timeOps(const LoweringConfig &config, Operation *first, Operation *last,
             int64_t slot) {
  if (!config.timers)
    return;
  OpBuilder b(first);
  Location loc = first->getLoc();
  Type f64 = b.getF64Type();
  Value t0 = func::CallOp::create(b, loc, kClock, TypeRange{f64}).getResult(0);
  b.setInsertionPointAfter(last);
  Value t1 = func::CallOp::create(b, loc, kClock, TypeRange{f64}).getResult(0);
  Value dt = arith::SubFOp::create(b, loc, t1, t0);
  Value timers = memref::GetGlobalOp::create(b, loc, config.timers.getType(),
                                             config.timers.getSymName());
  Value index = arith::ConstantIndexOp::create(b, loc, slot);
  Value sum = arith::AddFOp::create(
      b, loc, memref::LoadOp::create(b, loc, timers, index), dt);
  memref::StoreOp::create(b, loc, sum, timers, index);
}

/// Rewrites one partitioned function.
class FunctionLowering {
public:
  FunctionLowering(func::FuncOp func, const LoweringConfig &config, Value comm,
                   RankGuards &guards)
      : func(func), config(config), ranks(config.ranks), comm(comm),
        guards(guards) {}

  LogicalResult run() {
    for (BlockArgument arg : func.getArguments())
      home[arg] = kHostRank;
    SmallVector<Operation *> ops;
    for (Operation &op : func.getBody().front())
      ops.push_back(&op);
    for (Operation *op : ops) {
      if (op == comm.getDefiningOp() || isGuardPrelude(op))
        continue;
      if (auto transfer = dyn_cast<TransferOp>(op)) {
        FailureOr<int64_t> to = rankOf(op, transfer.getTo());
        if (failed(to))
          return failure();
        FailureOr<Value> moved = valueOn(transfer.getInput(), *to, op);
        if (failed(moved))
          return failure();
        transfer.getResult().replaceAllUsesWith(*moved);
        transfer.erase();
        continue;
      }
      FailureOr<int64_t> where = executionRank(op);
      if (failed(where))
        return failure();
      if (*where == kEverywhere) {
        for (Value result : op->getResults())
          home[result] = kEverywhere;
        continue;
      }
      if (op->hasTrait<OpTrait::IsTerminator>())
        where = config.resultRank; // Results go there.
      for (OpOperand &operand : op->getOpOperands()) {
        FailureOr<Value> local = valueOn(operand.get(), *where, op);
        if (failed(local))
          return failure();
        operand.set(*local);
      }
      if (op->hasTrait<OpTrait::IsTerminator>())
        continue; // The host returns the results.
      if (failed(guard(op, *where)))
        return failure();
    }
    return success();
  }

private:
  bool isGuardPrelude(Operation *op) { return op->hasAttr(kPreludeAttr); }

  FailureOr<int64_t> rankOf(Operation *op, StringRef device) {
    auto it = ranks.find(device);
    if (it == ranks.end())
      return op->emitError("device '")
             << device << "' is not in the module's cachepart.devices list";
    return it->second;
  }

  /// Where `op` runs: a call of a device function on its card, an op that
  /// reads nothing and has no effect everywhere, anything else on the host.
  FailureOr<int64_t> executionRank(Operation *op) {
    if (auto call = dyn_cast<func::CallOp>(op)) {
      auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
          call, call.getCalleeAttr());
      if (callee)
        if (auto device = callee->getAttrOfType<DeviceAttr>(
                CachePartDialect::getDeviceAttrName()))
          return rankOf(op, device.getName());
    }
    if (op->getNumOperands() == 0 && op->getNumRegions() == 0 &&
        isMemoryEffectFree(op))
      return kEverywhere;
    return kHostRank;
  }

  int64_t homeOf(Value v) {
    auto it = home.find(v);
    return it == home.end() ? kEverywhere : it->second;
  }

  /// `v` on rank `dest`: itself when it is there, else a copy received
  /// from its rank (sent once per destination).
  FailureOr<Value> valueOn(Value v, int64_t dest, Operation *user) {
    int64_t src = homeOf(v);
    if (src == kEverywhere || src == dest)
      return v;
    auto key = std::make_pair(v, dest);
    if (Value copy = copies.lookup(key))
      return copy;
    if (!isSendable(v.getType()))
      return user->emitError("cannot send a value of type ")
             << v.getType() << " from rank " << src << " to rank " << dest
             << ": only static tensors of numbers cross ranks";
    auto type = cast<RankedTensorType>(v.getType());
    auto flatType =
        RankedTensorType::get({type.getNumElements()}, type.getElementType());
    auto memrefType =
        MemRefType::get(flatType.getShape(), type.getElementType());
    OpBuilder b(user);
    Location loc = v.getLoc();
    Value tag = arith::ConstantIntOp::create(b, loc, nextTag++ % kTagLimit, 32);
    Value srcRank = guards.constant(src);
    Value destRank = guards.constant(dest);
    auto send = scf::IfOp::create(b, loc, TypeRange{}, guards.on(src),
                                  /*addThenBlock=*/true,
                                  /*addElseBlock=*/false);
    {
      OpBuilder::InsertionGuard g(b);
      b.setInsertionPointToStart(send.thenBlock());
      Value buffer = bufferization::ToBufferOp::create(
          b, loc, memrefType, flatten(b, loc, v), /*read_only=*/true);
      mpi::SendOp::create(b, loc, TypeRange{}, buffer, tag, destRank, comm);
      scf::YieldOp::create(b, loc);
    }
    auto recv = scf::IfOp::create(b, loc, TypeRange{type}, guards.on(dest),
                                  /*addThenBlock=*/true,
                                  /*addElseBlock=*/true);
    {
      OpBuilder::InsertionGuard g(b);
      b.setInsertionPointToStart(recv.thenBlock());
      Value buffer = memref::AllocOp::create(b, loc, memrefType);
      mpi::RecvOp::create(b, loc, TypeRange{}, buffer, tag, srcRank, comm);
      Value tensor = bufferization::ToTensorOp::create(
          b, loc, flatType, buffer, /*restrict=*/true, /*writable=*/true);
      scf::YieldOp::create(b, loc, unflatten(b, loc, tensor, type));
      b.setInsertionPointToStart(recv.elseBlock());
      scf::YieldOp::create(b, loc, placeholder(b, loc, type));
    }
    timeOps(config, send, recv, /*slot=*/1);
    Value copy = recv.getResult(0);
    home[copy] = dest;
    copies[key] = copy;
    return copy;
  }

  /// Runs `op` only on rank `r`.
  LogicalResult guard(Operation *op, int64_t r) {
    for (Type type : op->getResultTypes())
      if (!isSendable(type))
        return op->emitError("cannot place a result of type ")
               << type
               << " on one rank: only static tensors of numbers are "
                  "supported";
    OpBuilder b(op);
    Location loc = op->getLoc();
    bool hasResults = op->getNumResults() != 0;
    auto ifOp = scf::IfOp::create(b, loc, op->getResultTypes(), guards.on(r),
                                  /*addThenBlock=*/true,
                                  /*addElseBlock=*/hasResults);
    op->replaceAllUsesWith(ifOp.getResults());
    op->moveBefore(ifOp.thenBlock(), ifOp.thenBlock()->end());
    b.setInsertionPointToEnd(ifOp.thenBlock());
    scf::YieldOp::create(b, loc, op->getResults());
    if (hasResults) {
      b.setInsertionPointToStart(ifOp.elseBlock());
      SmallVector<Value> empties;
      for (Type type : op->getResultTypes())
        empties.push_back(placeholder(b, loc, type));
      scf::YieldOp::create(b, loc, empties);
    }
    for (Value result : ifOp.getResults())
      home[result] = r;
    timeOps(config, ifOp, ifOp, /*slot=*/0);
    return success();
  }

public:
  static constexpr StringLiteral kPreludeAttr = "cachepart.mpi_prelude";

private:
  func::FuncOp func;
  const LoweringConfig &config;
  const llvm::StringMap<int64_t> &ranks;
  Value comm;
  RankGuards &guards;
  llvm::DenseMap<Value, int64_t> home;
  llvm::DenseMap<std::pair<Value, int64_t>, Value> copies;
  int64_t nextTag = 0;
};

struct CacheLowerTransfersToMPIPass
    : public cachepart::impl::CacheLowerTransfersToMPIBase<
          CacheLowerTransfersToMPIPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    LoweringConfig config;
    int64_t numCards = 0;
    if (auto list = module->getAttrOfType<ArrayAttr>(
            CachePartDialect::getDevicesAttrName())) {
      numCards = list.size();
      for (auto [i, attr] : llvm::enumerate(list))
        if (auto device = dyn_cast<DeviceAttr>(attr))
          config.ranks.try_emplace(device.getName(), static_cast<int64_t>(i));
    }
    numCards = std::max<int64_t>(1, numCards);
    int64_t numRanks = numCards;
    if (results == ResultPlacement::Sink)
      config.resultRank = numRanks++;
    else if (results == ResultPlacement::LastCard)
      config.resultRank = numCards - 1;
    if (rank < -1 || rank >= numRanks) {
      mlir::emitError(getDiagnosticLoc(module), "rank=")
          << static_cast<int64_t>(rank) << " but the module lists " << numCards
          << " card(s)"
          << (results == ResultPlacement::Sink
                  ? " and results=sink adds one rank"
                  : "")
          << " (ranks 0.." << numRanks - 1 << ")";
      return signalPassFailure();
    }

    func::FuncOp entryFunc;
    if (!entry.empty()) {
      entryFunc = module.lookupSymbol<func::FuncOp>(entry);
      if (!entryFunc || entryFunc.isExternal()) {
        mlir::emitError(getDiagnosticLoc(module), "entry function '@")
            << entry
            << "' not found: pass entry='' when the program that "
               "embeds this module initializes MPI itself";
        return signalPassFailure();
      }
    }

    SmallVector<func::FuncOp> partitioned;
    for (auto func : module.getOps<func::FuncOp>())
      if (func->hasAttr(CachePartDialect::getPartitionedAttrName()) &&
          !func.isExternal() && func.getBody().hasOneBlock() &&
          func != entryFunc)
        partitioned.push_back(func);
    if (timing)
      declareTimingRuntime(module, config);
    for (func::FuncOp func : partitioned) {
      Block &body = func.getBody().front();
      auto [comm, rankValue] = prelude(body, func.getLoc());
      RankGuards guards(rankValue);
      if (failed(FunctionLowering(func, config, comm, guards).run()))
        return signalPassFailure();
    }
    // Transfers left outside partitioned functions have no rank to go to.
    WalkResult stray = module.walk([](TransferOp op) {
      op.emitError("transfer outside a partitioned function: nothing says "
                   "which rank runs it");
      return WalkResult::interrupt();
    });
    if (stray.wasInterrupted())
      return signalPassFailure();

    if (entryFunc)
      lowerEntry(entryFunc, config);

    module->setAttr(
        "dlti.map",
        MapAttr::get(
            ctx,
            {DataLayoutEntryAttr::get(
                StringAttr::get(ctx, "MPI:Implementation"),
                StringAttr::get(ctx, implementation == MPIImplementation::MPICH
                                         ? "MPICH"
                                         : "OpenMPI"))}));
    module.walk([](Operation *op) {
      op->removeAttr(FunctionLowering::kPreludeAttr);
      dropCachePartAttributes(op);
    });
    if (rank >= 0 && failed(specialize(module)))
      return signalPassFailure();
  }

  /// The communicator and this process's rank at the top of `body` (a
  /// constant when specializing).
  std::pair<Value, Value> prelude(Block &body, Location loc) {
    OpBuilder b = OpBuilder::atBlockBegin(&body);
    auto comm =
        mpi::CommWorldOp::create(b, loc, mpi::CommType::get(b.getContext()));
    comm->setAttr(FunctionLowering::kPreludeAttr, b.getUnitAttr());
    Operation *rankOp;
    if (rank >= 0)
      rankOp = arith::ConstantIntOp::create(b, loc, rank, 32);
    else
      rankOp = mpi::CommRankOp::create(b, loc, TypeRange{b.getI32Type()},
                                       comm.getResult());
    rankOp->setAttr(FunctionLowering::kPreludeAttr, b.getUnitAttr());
    return {comm.getResult(), rankOp->getResult(0)};
  }

  /// mpi.init first, mpi.finalize before every return, and external calls
  /// without results (printing) on the host rank only.
  void lowerEntry(func::FuncOp func, const LoweringConfig &config) {
    Block &body = func.getBody().front();
    Location loc = func.getLoc();
    SmallVector<func::CallOp> effects;
    func.walk([&](func::CallOp call) {
      auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
          call, call.getCalleeAttr());
      if (callee && callee.isExternal() && call.getNumResults() == 0)
        effects.push_back(call);
    });
    SmallVector<func::ReturnOp> returns;
    func.walk([&](func::ReturnOp ret) { returns.push_back(ret); });
    Value rankValue = prelude(body, loc).second;
    OpBuilder b = OpBuilder::atBlockBegin(&body);
    mpi::InitOp::create(b, loc, TypeRange{});
    RankGuards guards(rankValue);
    for (func::CallOp call : effects) {
      OpBuilder cb(call);
      auto ifOp = scf::IfOp::create(cb, call.getLoc(), TypeRange{},
                                    guards.on(config.resultRank),
                                    /*addThenBlock=*/true,
                                    /*addElseBlock=*/false);
      call->moveBefore(ifOp.thenBlock(), ifOp.thenBlock()->end());
      cb.setInsertionPointToEnd(ifOp.thenBlock());
      scf::YieldOp::create(cb, call.getLoc());
    }
    for (func::ReturnOp ret : returns) {
      OpBuilder rb(ret);
      if (config.timers)
        printTimers(rb, ret.getLoc(), config, rankValue);
      mpi::FinalizeOp::create(rb, ret.getLoc(), TypeRange{});
    }
  }

  /// rtclock and the printing functions of the MLIR runner utils, and the
  /// timers: memref<2xf64> (compute, communication seconds of this rank).
  void declareTimingRuntime(ModuleOp module, LoweringConfig &config) {
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    Location loc = module.getLoc();
    Type f64 = b.getF64Type(), i64 = b.getI64Type();
    auto declare = [&](StringRef name, TypeRange args, TypeRange results) {
      if (module.lookupSymbol(name))
        return;
      auto fn =
          func::FuncOp::create(b, loc, name, b.getFunctionType(args, results));
      fn.setPrivate();
    };
    declare(kClock, {}, {f64});
    declare("printI64", {i64}, {});
    declare("printF64", {f64}, {});
    declare("printComma", {}, {});
    declare("printNewline", {}, {});
    auto type = MemRefType::get({2}, f64);
    config.timers = memref::GlobalOp::create(
        b, loc, "__cachepart_timers", b.getStringAttr("private"), type,
        DenseElementsAttr::get(RankedTensorType::get({2}, f64), 0.0),
        /*constant=*/false, /*alignment=*/nullptr);
  }

  /// "rank, compute s, communication s" on one line, on every rank.
  void printTimers(OpBuilder &b, Location loc, const LoweringConfig &config,
                   Value rankValue) {
    Value timers = memref::GetGlobalOp::create(b, loc, config.timers.getType(),
                                               config.timers.getSymName());
    Value rank64 = arith::ExtSIOp::create(b, loc, b.getI64Type(), rankValue);
    func::CallOp::create(b, loc, "printI64", TypeRange{}, rank64);
    for (int64_t slot : {0, 1}) {
      func::CallOp::create(b, loc, "printComma", TypeRange{}, ValueRange{});
      Value index = arith::ConstantIndexOp::create(b, loc, slot);
      func::CallOp::create(
          b, loc, "printF64", TypeRange{},
          memref::LoadOp::create(b, loc, timers, index).getResult());
    }
    func::CallOp::create(b, loc, "printNewline", TypeRange{}, ValueRange{});
  }

  /// Folds the rank guards of a program specialized for one rank and
  /// removes the device functions it no longer calls.
  LogicalResult specialize(ModuleOp module) {
    RewritePatternSet patterns(&getContext());
    scf::IfOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(module, std::move(patterns))))
      return mlir::emitError(getDiagnosticLoc(module),
                             "folding the rank guards did not converge");
    SymbolTable table(module);
    bool erased = true;
    while (erased) {
      erased = false;
      for (auto func :
           llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
        if (func.isPrivate() && !func.isExternal() &&
            SymbolTable::symbolKnownUseEmpty(func, module)) {
          table.erase(func);
          erased = true;
        }
    }
    return success();
  }
};
} // namespace
