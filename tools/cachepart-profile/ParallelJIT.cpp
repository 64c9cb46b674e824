//===- ParallelJIT.cpp - Compile an LLVM-dialect module on every core -----===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "ParallelJIT.h"

#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <algorithm>
#include <numeric>

using namespace llvm;
using namespace cachepart;

/// Which part defines each function: the largest first, each to the part
/// with the fewest instructions so far (a model function of 57,000
/// instructions gets a part of its own). Global variables go to part 0.
static DenseMap<const GlobalValue *, unsigned> assignParts(Module &module,
                                                           unsigned parts) {
  DenseMap<const GlobalValue *, unsigned> owner;
  SmallVector<std::pair<unsigned, Function *>> functions;
  for (Function &function : module)
    if (!function.isDeclaration())
      functions.push_back({function.getInstructionCount(), &function});
  llvm::stable_sort(functions, [](const auto &a, const auto &b) {
    return a.first > b.first;
  });
  SmallVector<uint64_t> load(parts, 0);
  for (auto [size, function] : functions) {
    unsigned part = std::min_element(load.begin(), load.end()) - load.begin();
    load[part] += size + 1;
    owner[function] = part;
  }
  return owner;
}

/// A host target machine builder as LLJIT uses it with JITLink (PIC, small
/// code model), so that each part's object links like one JIT module.
static Expected<orc::JITTargetMachineBuilder> hostMachine(unsigned level) {
  auto builder = orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->setCodeGenOptLevel(static_cast<CodeGenOptLevel>(level));
  builder->setRelocationModel(Reloc::PIC_);
  builder->setCodeModel(CodeModel::Small);
  return builder;
}

Expected<std::unique_ptr<ParallelJIT>>
ParallelJIT::create(mlir::ModuleOp module, const ParallelJITOptions &options) {
  unsigned level = std::min(options.optLevel, 3u);
  auto builder = hostMachine(level);
  if (!builder)
    return builder.takeError();
  auto host = builder->createTargetMachine();
  if (!host)
    return host.takeError();

  LLVMContext context;
  std::unique_ptr<Module> whole =
      mlir::translateModuleToLLVMIR(module, context);
  if (!whole)
    return createStringError("cannot translate the module to LLVM IR");
  whole->setDataLayout((*host)->createDataLayout());
  whole->setTargetTriple((*host)->getTargetTriple());

  // Parts call each other's functions and read part 0's globals: no symbol
  // may stay local to its part.
  unsigned unnamed = 0;
  for (GlobalValue &value : whole->global_values()) {
    if (!value.hasLocalLinkage())
      continue;
    value.setLinkage(GlobalValue::ExternalLinkage);
    value.setVisibility(GlobalValue::DefaultVisibility);
    if (!value.hasName())
      value.setName("__cachepart_unnamed" + Twine(unnamed++));
  }

  StdThreadPool pool(hardware_concurrency(options.threads));
  auto jit = std::make_unique<ParallelJIT>();
  unsigned numParts = std::max(1u, pool.getMaxConcurrency());
  DenseMap<const GlobalValue *, unsigned> owner = assignParts(*whole, numParts);

  // Each part as bitcode, read back in its thread into its own context
  // (LLVM compiles modules of one context on one thread only).
  SmallVector<SmallVector<char, 0>> bitcode(numParts);
  for (unsigned part = 0; part < numParts; ++part) {
    ValueToValueMapTy map;
    std::unique_ptr<Module> clone =
        CloneModule(*whole, map, [&](const GlobalValue *value) {
          auto it = owner.find(value);
          return it == owner.end() ? part == 0 : it->second == part;
        });
    // A definition in another part is not known to be near this code.
    for (GlobalValue &value : clone->global_values())
      if (value.isDeclaration())
        value.setDSOLocal(false);
    raw_svector_ostream os(bitcode[part]);
    WriteBitcodeToFile(*clone, os);
  }
  whole.reset();

  SmallVector<std::unique_ptr<MemoryBuffer>> objects(numParts);
  SmallVector<std::string> errors(numParts);
  for (unsigned part = 0; part < numParts; ++part) {
    pool.async([&, part] {
      auto fail = [&](Error error) {
        errors[part] = toString(std::move(error));
      };
      LLVMContext partContext;
      auto parsed = parseBitcodeFile(
          MemoryBufferRef(StringRef(bitcode[part].data(), bitcode[part].size()),
                          "part"),
          partContext);
      if (!parsed)
        return fail(parsed.takeError());
      auto machine = builder->createTargetMachine();
      if (!machine)
        return fail(machine.takeError());
      if (options.optimize)
        if (Error error = options.optimize(**parsed, **machine))
          return fail(std::move(error));
      orc::SimpleCompiler compile(**machine);
      auto object = compile(**parsed);
      if (!object)
        return fail(object.takeError());
      objects[part] = std::move(*object);
    });
  }
  pool.wait();
  for (const std::string &error : errors)
    if (!error.empty())
      return createStringError(error);

  auto created =
      orc::LLJITBuilder().setJITTargetMachineBuilder(*builder).create();
  if (!created)
    return created.takeError();
  jit->jit = std::move(*created);
  orc::JITDylib &main = jit->jit->getMainJITDylib();
  char prefix = jit->jit->getDataLayout().getGlobalPrefix();
  for (StringRef path : options.sharedLibPaths) {
    auto library =
        orc::DynamicLibrarySearchGenerator::Load(path.str().c_str(), prefix);
    if (!library)
      return library.takeError();
    main.addGenerator(std::move(*library));
  }
  orc::SymbolMap defined;
  for (const auto &symbol : options.symbols)
    defined[jit->jit->mangleAndIntern(symbol.getKey())] = {
        orc::ExecutorAddr::fromPtr(symbol.getValue()),
        JITSymbolFlags::Exported};
  if (Error error = main.define(orc::absoluteSymbols(std::move(defined))))
    return std::move(error);
  for (std::unique_ptr<MemoryBuffer> &object : objects)
    if (Error error = jit->jit->addObjectFile(std::move(object)))
      return std::move(error);
  return jit;
}

Expected<void *> ParallelJIT::lookup(StringRef name) {
  auto address = jit->lookup(name);
  if (!address)
    return address.takeError();
  return address->toPtr<void *>();
}
