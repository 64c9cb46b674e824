//===- PropertyCheck.cpp - Properties every pass run must have ------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Testing/PropertyCheck.h"

#include "cachepart/Analysis/GroupWindow.h"

#include "cachepart/Planner/PartitionPlanner.h"
#include "cachepart/Registration/Registration.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"

#include <cstring>
#include <optional>

using namespace mlir;
using namespace cachepart;
using namespace cachepart::testing;

namespace {

/// The lowering that runs a partitioned (or original) program on the CPU:
/// transfers become plain values, then tensors -> buffers -> LLVM.
constexpr llvm::StringLiteral kLowering =
    "cache-lower-transfers,func.func(tosa-to-linalg-named,"
    "tosa-to-linalg,tosa-to-arith,tosa-to-tensor),"
    "one-shot-bufferize{bufferize-function-boundaries},convert-linalg-to-loops,"
    "expand-strided-metadata,lower-affine,convert-scf-to-cf,convert-to-llvm,"
    "reconcile-unrealized-casts";

/// Partitioned programs larger than this are not executed.
constexpr size_t kMaxExecutedOps = 1000;

/// Collects the errors emitted while it lives, and whether each carries a
/// file location.
class ErrorCollector {
public:
  explicit ErrorCollector(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &diag) {
          if (diag.getSeverity() != DiagnosticSeverity::Error)
            return success();
          if (first.empty())
            first = diag.str();
          if (!diag.getLocation()->findInstanceOf<FileLineColLoc>())
            unlocated.push_back(diag.str());
          ++count;
          return success();
        }) {}
  std::string first;
  std::vector<std::string> unlocated;
  unsigned count = 0;

private:
  ScopedDiagnosticHandler handler;
};

OwningOpRef<ModuleOp> parse(llvm::StringRef text, MLIRContext &ctx) {
  // The lexer may look one byte past the end: give it a terminated copy,
  // as tools reading files do (the fuzzer's bytes are not terminated).
  std::unique_ptr<llvm::MemoryBuffer> buffer =
      llvm::MemoryBuffer::getMemBufferCopy(text, "case.mlir");
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  return parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&ctx));
}

/// Runs a textual pipeline (the passes on the module, no anchor); nullopt
/// when the pipeline itself is rejected.
std::optional<LogicalResult>
runPipeline(ModuleOp module, llvm::StringRef pipeline, std::string &rejected) {
  PassManager pm(module->getName());
  std::string why;
  llvm::raw_string_ostream os(why);
  if (failed(parsePassPipeline(pipeline, pm, os))) {
    rejected = why;
    return std::nullopt;
  }
  return pm.run(module);
}

/// `options` without any `strategy=` entry.
std::string withoutStrategy(llvm::StringRef options) {
  llvm::SmallVector<llvm::StringRef> kept;
  llvm::SmallVector<llvm::StringRef> words;
  options.split(words, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef word : words)
    if (!word.starts_with("strategy="))
      kept.push_back(word);
  return llvm::join(kept, " ");
}

std::string partitionPipeline(llvm::StringRef options,
                              llvm::StringRef reportPath) {
  std::string opts = options.str();
  if (!reportPath.empty())
    opts += " report=" + reportPath.str();
  return "cache-partition{" + opts + "}";
}

/// The report invariants; the `k` of every function into `ks`.
void checkReport(const llvm::json::Value &report,
                 std::vector<std::string> &problems, std::vector<int64_t> &ks) {
  const llvm::json::Object *root = report.getAsObject();
  const llvm::json::Array *functions =
      root ? root->getArray("functions") : nullptr;
  if (!functions) {
    problems.push_back("report without a functions list");
    return;
  }
  for (const llvm::json::Value &fnValue : *functions) {
    const llvm::json::Object *fn = fnValue.getAsObject();
    const llvm::json::Array *groups = fn ? fn->getArray("groups") : nullptr;
    if (!groups) {
      problems.push_back("function report without groups");
      continue;
    }
    std::string name = fn->getString("name").value_or("?").str();
    int64_t k = fn->getInteger("k").value_or(-1);
    int64_t lowerBound = fn->getInteger("lower_bound").value_or(-1);
    ks.push_back(k);
    if (lowerBound > k)
      problems.push_back("@" + name + ": lower_bound " +
                         std::to_string(lowerBound) + " > k " +
                         std::to_string(k));
    if (k != static_cast<int64_t>(groups->size()))
      problems.push_back("@" + name + ": k " + std::to_string(k) + " but " +
                         std::to_string(groups->size()) + " groups");
    uint64_t sent = 0, received = 0;
    for (const llvm::json::Value &groupValue : *groups) {
      const llvm::json::Object *group = groupValue.getAsObject();
      if (!group)
        continue;
      uint64_t total = group->getInteger("total").value_or(0);
      uint64_t capacity = group->getInteger("capacity").value_or(0);
      // JSON integers are signed: byte counts above 2^63 come back negative
      // and are compared as the unsigned values they are.
      if (!group->getBoolean("spilling").value_or(true) && total > capacity)
        problems.push_back("@" + name + " group " +
                           std::to_string(*group->getInteger("index")) +
                           ": total " + std::to_string(total) + " > capacity " +
                           std::to_string(capacity) + ", not spilling");
      sent += group->getInteger("transfer_out_bytes").value_or(0);
      received += group->getInteger("transfer_in_bytes").value_or(0);
    }
    if (sent != received)
      problems.push_back("@" + name + ": groups send " + std::to_string(sent) +
                         " B but receive " + std::to_string(received) + " B");
    uint64_t reported = fn->getInteger("transfer_bytes").value_or(-1);
    if (reported != received)
      problems.push_back("@" + name + ": transfer_bytes " +
                         std::to_string(reported) + " but the groups receive " +
                         std::to_string(received) + " B");
    uint64_t planned = fn->getInteger("planned_transfer_bytes").value_or(-1);
    if (planned != received)
      problems.push_back("@" + name + ": the planner counted " +
                         std::to_string(planned) +
                         " B of transfers but the groups receive " +
                         std::to_string(received) + " B");
  }
}

/// Both memory models' sliding windows agree with the one-off group query
/// on every group of every function (sizable ones: default options, at most
/// 64 layers), along every path a sweep takes: growing at the end,
/// shrinking at the front, shrinking at the end.
void checkWindow(LayerWindow &window, const FootprintAnalysis &analysis,
                 MemoryModel model, llvm::StringRef where,
                 std::vector<std::string> &problems) {
  size_t n = analysis.getNumLayers();
  auto same = [&](const char *how) {
    uint64_t a = window.total();
    uint64_t b = analysis.getGroupBytes(window.begin(), window.end(), model);
    if (a == b)
      return true;
    problems.push_back(
        where.str() + " layers [" + std::to_string(window.begin()) + ", " +
        std::to_string(window.end()) + "): the " +
        stringifyMemoryModel(model).str() + " window (" + how + ") says " +
        std::to_string(a) + " B, the group query " + std::to_string(b) + " B");
    return false;
  };
  for (size_t end = 1; end <= n; ++end) {
    window.reset(0);
    while (window.end() < end)
      window.pushBack();
    for (; window.begin() < end; window.popFront())
      if (!same("after popFront"))
        return;
  }
  // Resets that move forward and back, as a sweep after an empty window.
  for (size_t begin : {n / 2, size_t(0)}) {
    window.reset(begin);
    while (window.end() < n)
      window.pushBack();
    for (; window.end() > begin; window.popBack())
      if (!same("after popBack"))
        return;
  }
}

void checkWindows(ModuleOp module, MLIRContext &ctx,
                  std::vector<std::string> &problems) {
  ErrorCollector quiet(ctx);
  module.walk([&](func::FuncOp func) {
    if (func.isExternal())
      return;
    FootprintAnalysis analysis(func);
    if (!analysis.isSingleBlock() || failed(analysis.compute({})))
      return;
    size_t n = analysis.getNumLayers();
    if (n == 0 || n > 64)
      return;
    std::string where = "@" + func.getName().str();
    SumGroupWindow sum(analysis);
    checkWindow(sum, analysis, MemoryModel::Sum, where, problems);
    LivenessGroupWindow liveness(analysis);
    checkWindow(liveness, analysis, MemoryModel::Liveness, where, problems);
  });
}

/// Lowers `module` (consumed) and runs `@main` on a buffer of `count` floats
/// that starts as a marker pattern; the buffer's bytes, or an error.
std::optional<std::vector<float>> runMain(ModuleOp module, int64_t count,
                                          llvm::StringRef runtimeLibDir,
                                          std::string &error) {
  std::string rejected;
  ErrorCollector errors(*module.getContext());
  std::optional<LogicalResult> lowered =
      runPipeline(module, kLowering, rejected);
  if (!lowered || failed(*lowered)) {
    error = "lowering failed: " + (lowered ? errors.first : rejected);
    return std::nullopt;
  }
  std::string runtime = (runtimeLibDir + "/libmlir_c_runner_utils.so").str();
  llvm::StringRef libs[] = {runtime};
  ExecutionEngineOptions options;
  options.sharedLibPaths = libs;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::None;
  options.enableGDBNotificationListener = false;
  options.enablePerfNotificationListener = false;
  auto engine = ExecutionEngine::create(module, options);
  if (!engine) {
    error = "JIT failed: " + llvm::toString(engine.takeError());
    return std::nullopt;
  }
  std::vector<float> out(count);
  std::memset(out.data(), 0xA5, count * sizeof(float));
  StridedMemRefType<float, 1> descriptor{
      out.data(), out.data(), 0, {count}, {1}};
  auto *descriptorPtr = &descriptor;
  if (llvm::Error err = (*engine)->invoke("main", descriptorPtr)) {
    error = "run failed: " + llvm::toString(std::move(err));
    return std::nullopt;
  }
  return out;
}

/// The element count of `@main(memref<Nxf32>)`, if the module has that driver.
std::optional<int64_t> driverElements(ModuleOp module) {
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.getNumArguments() != 1)
    return std::nullopt;
  auto type = dyn_cast<MemRefType>(main.getArgumentTypes()[0]);
  if (!type || type.getRank() != 1 || !type.hasStaticShape() ||
      !type.getElementType().isF32())
    return std::nullopt;
  return type.getNumElements();
}

} // namespace

llvm::StringRef
cachepart::testing::stringifyOutcome(CaseResult::Outcome outcome) {
  switch (outcome) {
  case CaseResult::Outcome::NotParsed:
    return "not-parsed";
  case CaseResult::Outcome::OptionsRejected:
    return "options-rejected";
  case CaseResult::Outcome::LocatedError:
    return "located-error";
  case CaseResult::Outcome::Planned:
    return "planned";
  }
  return "unknown";
}

PropertyChecker::PropertyChecker(std::string reportPath,
                                 std::string runtimeLibDir)
    : reportPath(std::move(reportPath)),
      runtimeLibDir(std::move(runtimeLibDir)) {
  static bool registered = [] {
    registerAllPasses();
    registerAllCachePartPasses();
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)registered;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registerCachePartDialect(registry);
}

CaseResult PropertyChecker::check(llvm::StringRef text,
                                  llvm::StringRef passOptions, bool execute) {
  CaseResult result;
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  ErrorCollector errors(ctx);
  OwningOpRef<ModuleOp> original = parse(text, ctx);
  if (!original) {
    result.message = errors.first;
    return result;
  }

  // The footprint analysis: success or located errors, on any input.
  {
    ErrorCollector footprintErrors(ctx);
    OwningOpRef<ModuleOp> copy = original->clone();
    std::string rejected;
    std::optional<LogicalResult> ran =
        runPipeline(*copy, "cache-footprint", rejected);
    if (!ran)
      result.problems.push_back("cache-footprint pipeline rejected: " +
                                rejected);
    for (const std::string &message : footprintErrors.unlocated)
      result.problems.push_back("cache-footprint error without a location: " +
                                message);
  }
  checkWindows(*original, ctx, result.problems);

  llvm::sys::fs::remove(reportPath);
  OwningOpRef<ModuleOp> partitioned = original->clone();
  std::string rejected;
  std::optional<LogicalResult> ran;
  {
    ErrorCollector passErrors(ctx);
    ran = runPipeline(*partitioned, partitionPipeline(passOptions, reportPath),
                      rejected);
    if (!ran) {
      result.outcome = CaseResult::Outcome::OptionsRejected;
      result.message = rejected;
      return result;
    }
    for (const std::string &message : passErrors.unlocated)
      result.problems.push_back("error without a location: " + message);
    if (failed(*ran)) {
      result.outcome = CaseResult::Outcome::LocatedError;
      result.message = passErrors.first;
      if (passErrors.count == 0)
        result.problems.push_back("the pass failed without an error");
      return result;
    }
  }
  result.outcome = CaseResult::Outcome::Planned;

  // The output verifies, prints, parses back, and survives a second run.
  if (failed(verify(*partitioned))) {
    result.problems.push_back("output does not verify: " + errors.first);
    return result;
  }
  std::string printed;
  {
    llvm::raw_string_ostream os(printed);
    partitioned->print(os);
  }
  {
    MLIRContext fresh(registry, MLIRContext::Threading::DISABLED);
    ErrorCollector reparseErrors(fresh);
    OwningOpRef<ModuleOp> again = parse(printed, fresh);
    if (!again) {
      result.problems.push_back("output does not parse back: " +
                                reparseErrors.first);
    } else {
      std::string ignored;
      (void)runPipeline(*again, partitionPipeline(passOptions, ""), ignored);
      if (failed(verify(*again)))
        result.problems.push_back("a second run broke the IR");
    }
  }

  // Report invariants, and the same k from every strategy.
  std::vector<int64_t> ks;
  auto buffer = llvm::MemoryBuffer::getFile(reportPath);
  if (!buffer) {
    result.problems.push_back("no report written");
  } else if (auto report = llvm::json::parse((*buffer)->getBuffer())) {
    checkReport(*report, result.problems, ks);
  } else {
    llvm::consumeError(report.takeError());
    result.problems.push_back("the report is not JSON");
  }
  std::string base = withoutStrategy(passOptions);
  for (PlanStrategy strategy : {PlanStrategy::Greedy, PlanStrategy::Balanced,
                                PlanStrategy::MinTransfer}) {
    std::string name = stringifyPlanStrategy(strategy);
    OwningOpRef<ModuleOp> copy = original->clone();
    ErrorCollector strategyErrors(ctx);
    llvm::sys::fs::remove(reportPath);
    std::string ignored;
    std::optional<LogicalResult> other = runPipeline(
        *copy, partitionPipeline(base + " strategy=" + name, reportPath),
        ignored);
    if (!other || failed(*other)) {
      result.problems.push_back("strategy=" + name + " fails where " +
                                passOptions.str() +
                                " plans: " + strategyErrors.first);
      continue;
    }
    std::vector<std::string> ignoredProblems;
    std::vector<int64_t> otherKs;
    if (auto buffer = llvm::MemoryBuffer::getFile(reportPath))
      if (auto report = llvm::json::parse((*buffer)->getBuffer()))
        checkReport(*report, ignoredProblems, otherKs);
    if (otherKs != ks)
      result.problems.push_back("strategy=" + name +
                                " gives another number of groups");
  }

  // Bitwise the same results before and after partitioning.
  // The runnable subset: programs small enough to lower and JIT in well
  // under a second (a split into thousands of pieces takes minutes in
  // upstream bufferization and codegen, not in cachepart).
  std::optional<int64_t> count = driverElements(*original);
  if (!execute || !count)
    return result;
  size_t numOps = 0;
  partitioned->walk([&](Operation *) { ++numOps; });
  if (numOps > kMaxExecutedOps)
    return result;
  std::string error;
  OwningOpRef<ModuleOp> before = original->clone();
  std::optional<std::vector<float>> expected =
      runMain(*before, *count, runtimeLibDir, error);
  if (!expected) {
    result.problems.push_back("the original program does not run: " + error);
    return result;
  }
  std::optional<std::vector<float>> actual =
      runMain(*partitioned, *count, runtimeLibDir, error);
  if (!actual) {
    result.problems.push_back("the partitioned program does not run: " + error);
    return result;
  }
  result.executed = true;
  if (std::memcmp(expected->data(), actual->data(), *count * sizeof(float)) !=
      0)
    result.problems.push_back("the partitioned program computes other bits");
  return result;
}
