//===- OutlinePartition.cpp - Outline groups into device functions --------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Transforms/OutlinePartition.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

#include <map>

using namespace mlir;
using namespace cachepart;

namespace {
/// Calls `fn` on the operands of `op` and on the values its regions use
/// from above (the padding value of a tensor.pad the host runs).
void forEachInput(Operation *op, llvm::function_ref<void(Value)> fn) {
  for (Value operand : op->getOperands())
    fn(operand);
  // Repeats are fine (callers deduplicate); no set built per op.
  if (op->getNumRegions() != 0)
    visitUsedValuesDefinedAbove(op->getRegions(),
                                [&](OpOperand *use) { fn(use->get()); });
}

/// What a group needs from outside and which free ops travel with it.
struct GroupClosure {
  llvm::SetVector<Value> liveIns;
  llvm::DenseSet<Operation *> freeOps;
  llvm::SetVector<Value> liveOuts;
};
} // namespace

FailureOr<SmallVector<OutlinedGroupInfo>> cachepart::outlinePartition(
    func::FuncOp func, const FootprintAnalysis &analysis,
    ArrayRef<OutlineGroup> groups, const FootprintOptions &options) {
  Block &block = func.getBody().front();
  ArrayRef<LayerInfo> layers = analysis.getLayers();
  size_t numGroups = groups.size();

  // The group of every layer op.
  llvm::DenseMap<Operation *, size_t> groupOf;
  for (auto [g, group] : llvm::enumerate(groups))
    for (size_t l = group.begin; l < group.end; ++l)
      groupOf[layers[l].op] = g;

  // Walks from `roots` back through free ops. Values made by layers of
  // `self` are internal; other layers' results and block arguments are
  // live-ins. `self` = numGroups stands for the host (the parent function).
  auto collect = [&](ArrayRef<Value> roots, size_t self, GroupClosure &out) {
    SmallVector<Value> worklist(roots.rbegin(), roots.rend());
    llvm::DenseSet<Value> seen;
    while (!worklist.empty()) {
      Value v = worklist.pop_back_val();
      if (!seen.insert(v).second)
        continue;
      if (auto arg = dyn_cast<BlockArgument>(v)) {
        if (arg.getOwner() == &block)
          out.liveIns.insert(v);
        continue;
      }
      Operation *def = v.getDefiningOp();
      if (!def || def->getBlock() != &block)
        continue;
      auto it = groupOf.find(def);
      if (it != groupOf.end()) {
        if (it->second != self)
          out.liveIns.insert(v);
        continue;
      }
      // A host op's result reaches a group like an argument.
      if (self != numGroups && FootprintAnalysis::isHostOp(def)) {
        out.liveIns.insert(v);
        continue;
      }
      // A free op: it travels with the group (or stays with the host).
      out.freeOps.insert(def);
      forEachInput(def, [&](Value operand) { worklist.push_back(operand); });
    }
  };

  SmallVector<GroupClosure> closures(numGroups);
  for (auto [g, group] : llvm::enumerate(groups)) {
    SmallVector<Value> roots;
    for (size_t l = group.begin; l < group.end; ++l) {
      Operation *op = layers[l].op;
      llvm::append_range(roots, op->getOperands());
      llvm::append_range(roots, analysis.getCapturedValues(l));
    }
    collect(roots, g, closures[g]);
  }
  // What the host needs: the values the terminator returns and what the
  // host ops (slicing and assembling split layers) read, through the free
  // ops that stay in the parent.
  GroupClosure host;
  SmallVector<Value> hostRoots(block.getTerminator()->getOperands());
  for (Operation &op : block)
    if (FootprintAnalysis::isHostOp(&op))
      llvm::append_range(hostRoots, op.getResults());
  collect(hostRoots, numGroups, host);

  // Live-outs: results a later group or the host reads, in program order.
  llvm::DenseSet<Value> neededOutside;
  for (const GroupClosure &c : closures)
    for (Value v : c.liveIns)
      neededOutside.insert(v);
  for (Value v : host.liveIns)
    neededOutside.insert(v);
  for (auto [g, group] : llvm::enumerate(groups))
    for (size_t l = group.begin; l < group.end; ++l)
      for (Value result : layers[l].op->getResults())
        if (neededOutside.contains(result))
          closures[g].liveOuts.insert(result);

  // A free op needed by exactly one group moves into it; one needed by
  // several groups or by the host is cloned where needed and the original
  // stays in the parent (erased at the end if nobody uses it).
  constexpr size_t kShared = ~size_t(0);
  llvm::DenseMap<Operation *, size_t> freeOwner;
  for (Operation *op : host.freeOps)
    freeOwner[op] = kShared;
  for (auto [g, closure] : llvm::enumerate(closures))
    for (Operation *op : closure.freeOps) {
      auto [it, inserted] = freeOwner.try_emplace(op, g);
      if (!inserted && it->second != g)
        it->second = kShared;
    }

  auto bytesOf = [&](Value v) {
    uint64_t bytes = 0;
    std::string error;
    (void)FootprintAnalysis::getTypeBytes(v.getType(), options, bytes, error);
    return bytes;
  };

  // Create the device functions after the parent, in order.
  auto module = func->getParentOfType<ModuleOp>();
  SymbolTable symbols(module);
  MLIRContext *ctx = func.getContext();
  SmallVector<OutlinedGroupInfo> infos(numGroups);
  Operation *insertAfter = func;
  for (auto [g, group] : llvm::enumerate(groups)) {
    GroupClosure &closure = closures[g];
    SmallVector<Type> argTypes, resultTypes;
    for (Value v : closure.liveIns)
      argTypes.push_back(v.getType());
    for (Value v : closure.liveOuts)
      resultTypes.push_back(v.getType());
    OpBuilder builder(ctx);
    builder.setInsertionPointAfter(insertAfter);
    Location loc = layers[group.begin].op->getLoc();
    std::string name = (func.getName() + "__part" + Twine(g)).str();
    auto part = func::FuncOp::create(
        builder, loc, name, FunctionType::get(ctx, argTypes, resultTypes));
    part.setPrivate();
    // Renames on a clash with an existing symbol.
    symbols.insert(part, std::next(Block::iterator(insertAfter)));
    insertAfter = part;
    part->setAttr(CachePartDialect::getDeviceAttrName(), group.device);
    Builder b(ctx);
    part->setAttr(
        CachePartDialect::getFootprintAttrName(),
        b.getDictionaryAttr({
            b.getNamedAttr("activations",
                           b.getI64IntegerAttr(group.footprint.activations)),
            b.getNamedAttr("received",
                           b.getI64IntegerAttr(group.footprint.received)),
            b.getNamedAttr("total",
                           b.getI64IntegerAttr(group.footprint.total())),
            b.getNamedAttr("weights",
                           b.getI64IntegerAttr(group.footprint.weights)),
            b.getNamedAttr("workspace",
                           b.getI64IntegerAttr(group.footprint.workspace)),
        }));
    if (group.spilling)
      part->setAttr(CachePartDialect::getSpillingAttrName(), b.getUnitAttr());

    Block *body = part.addEntryBlock();
    IRMapping mapping;
    for (auto [v, arg] : llvm::zip(closure.liveIns, body->getArguments()))
      mapping.map(v, arg);
    OpBuilder bodyBuilder = OpBuilder::atBlockEnd(body);
    // Program order: the group's free ops interleaved with its layers.
    // Sorting the group's own ops keeps this linear in the group.
    SmallVector<Operation *> ops;
    for (Operation *op : closure.freeOps)
      ops.push_back(op);
    for (size_t l = group.begin; l < group.end; ++l)
      ops.push_back(layers[l].op);
    // All of them are still in the parent block, whose op order stays
    // valid while ops only leave it: isBeforeInBlock is O(1) here.
    llvm::sort(
        ops, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
    // Layers and the free ops only this group needs move (no copy, so the
    // IR never exists twice); shared free ops are cloned. Moved ops then
    // read live-ins from the arguments and shared values from the clones.
    // Initializers (a linalg.fill that only serves as the destination of
    // linalg ops) are placed later, one per consumer.
    SmallVector<Operation *> moved;
    for (Operation *op : ops) {
      if (analysis.isFunctionInitializer(op))
        continue;
      bool movable = groupOf.contains(op) || freeOwner.lookup(op) == g;
      if (!movable) {
        bodyBuilder.clone(*op, mapping);
        continue;
      }
      op->moveBefore(body, body->end());
      moved.push_back(op);
    }
    // Rewire the moved ops: live-ins read the arguments, shared free ops
    // their clones, and each consumer of an initializer gets its own copy
    // right before it (it then writes in place into a buffer that lives only
    // from there, which is what the footprint model charges: no zero buffer
    // kept alive across consumers, no copies made by bufferization). Uses
    // inside regions are visited only for layers that capture values from
    // above; most linalg bodies use only their block arguments.
    auto rewire = [&](Operation *op) {
      for (OpOperand &operand : op->getOpOperands()) {
        if (Value replacement = mapping.lookupOrNull(operand.get())) {
          operand.set(replacement);
          continue;
        }
        Operation *def = operand.get().getDefiningOp();
        if (!def || def->getBlock() != &block ||
            !analysis.isFunctionInitializer(def))
          continue;
        // The only consumer: move the fill itself (the common case).
        if (def->hasOneUse()) {
          def->moveBefore(op);
          for (OpOperand &fillOperand : def->getOpOperands())
            if (Value m = mapping.lookupOrNull(fillOperand.get()))
              fillOperand.set(m);
          continue;
        }
        // A fresh mapping per copy: the fill's region arguments must not be
        // shared between copies.
        IRMapping local;
        for (Value v : def->getOperands())
          if (Value m = mapping.lookupOrNull(v))
            local.map(v, m);
        OpBuilder before(op);
        operand.set(before.clone(*def, local)->getResult(0));
      }
    };
    for (Operation *op : moved) {
      auto it = groupOf.find(op);
      bool captures =
          op->getNumRegions() != 0 &&
          (it == groupOf.end() ||
           !analysis.getCapturedValues(analysis.getLayerIndex(op)).empty());
      if (captures)
        op->walk(rewire);
      else
        rewire(op);
    }
    size_t numOps = body->getOperations().size();
    func::ReturnOp::create(bodyBuilder, loc, llvm::to_vector(closure.liveOuts));
    infos[g].func = part;
    infos[g].numOps = numOps;
  }

  // What is left of the parent's ops: shared and host free ops, and free
  // ops nobody needs. Keep the used ones, erase the rest at the end.
  SmallVector<Operation *> original;
  for (Operation &op : block.without_terminator())
    original.push_back(&op);

  // The parent: calls at the top of the block (their operands are block
  // arguments, earlier call results and host ops moved up before them),
  // then what the host keeps.
  OpBuilder builder = OpBuilder::atBlockBegin(&block);
  llvm::DenseMap<Value, Value> hostValue;
  llvm::DenseSet<Operation *> placed;
  // Moves the parent ops that make `v` (host ops and the free ops they
  // read) up to the insertion point; they read only arguments and earlier
  // groups' results (FootprintAnalysis::getMaxGroupEnd).
  // Iterative depth-first: the assembly of a split layer is a long chain.
  auto placeBefore = [&](Value root) {
    SmallVector<std::pair<Operation *, bool>> stack; // (op, inputs pushed)
    auto push = [&](Value v) {
      Operation *def = v.getDefiningOp();
      if (def && def->getBlock() == &block && !groupOf.contains(def) &&
          !placed.contains(def))
        stack.push_back({def, false});
    };
    push(root);
    while (!stack.empty()) {
      auto [def, expanded] = stack.back();
      if (placed.contains(def)) {
        stack.pop_back();
        continue;
      }
      if (!expanded) {
        stack.back().second = true;
        forEachInput(def, push);
        continue;
      }
      stack.pop_back();
      placed.insert(def);
      if (builder.getInsertionPoint() == Block::iterator(def))
        builder.setInsertionPointAfter(def); // Already in place.
      else
        def->moveBefore(&block, builder.getInsertionPoint());
    }
  };
  for (auto [g, group] : llvm::enumerate(groups)) {
    SmallVector<Value> operands;
    for (Value v : closures[g].liveIns) {
      auto it = hostValue.find(v);
      if (it == hostValue.end()) {
        // A function argument or a host value: a host input.
        placeBefore(v);
        operands.push_back(v);
        continue;
      }
      size_t from = groupOf.lookup(v.getDefiningOp());
      if (groups[from].device == group.device) {
        // Cards used in turns: the value stays on the card that made it.
        operands.push_back(it->second);
      } else {
        auto transfer = TransferOp::create(
            builder, v.getLoc(), it->second,
            builder.getStringAttr(groups[from].device.getName()),
            builder.getStringAttr(group.device.getName()));
        operands.push_back(transfer);
      }
      // Received into the group's cache either way.
      uint64_t bytes = bytesOf(v);
      infos[g].transferInBytes += bytes;
      infos[from].transferOutBytes += bytes;
    }
    auto call = func::CallOp::create(builder, layers[group.begin].op->getLoc(),
                                     infos[g].func, operands);
    for (auto [v, result] : llvm::zip(closures[g].liveOuts, call.getResults()))
      hostValue[v] = result;
  }
  // Uses left in the parent (host free ops, the terminator) read the calls'
  // results; uses inside the device functions were remapped above.
  for (auto [v, result] : hostValue)
    v.replaceUsesWithIf(result, [&](OpOperand &use) {
      return use.getOwner()->getBlock() == &block;
    });

  // Erase the free ops nobody uses any more, users first. Any other use
  // left would cross functions: an internal error, never silent wrong IR.
  for (Operation *op : llvm::reverse(original)) {
    if (!op->use_empty())
      continue;
    op->erase();
  }
  for (Operation &op : block)
    for (Value operand : op.getOperands())
      if (Operation *def = operand.getDefiningOp())
        if (def->getParentOp() != func.getOperation())
          return mlir::emitError(op.getLoc(), "internal error: '")
                 << op.getName()
                 << "' still reads a value of an outlined "
                    "group";
  func->setAttr(CachePartDialect::getPartitionedAttrName(), UnitAttr::get(ctx));
  return infos;
}
