//===- Profile.cpp - Measured layer bytes from cachepart-profile ----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/Profile.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace cachepart;

FailureOr<LayerProfile> cachepart::loadLayerProfile(StringRef path,
                                                    Location loc) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return emitError(loc, "cannot read profile '")
           << path << "': " << buffer.getError().message();
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*buffer)->getBuffer());
  if (!json)
    return emitError(loc, "profile '")
           << path << "' is not JSON: " << llvm::toString(json.takeError());
  auto notProfile = [&](StringRef what) {
    return emitError(loc, "profile '")
           << path << "' is not a cachepart-profile file: " << what;
  };
  const llvm::json::Object *root = json->getAsObject();
  if (!root || root->getString("tool") != "cachepart-profile")
    return notProfile("no \"tool\": \"cachepart-profile\"");
  const llvm::json::Array *functions = root->getArray("functions");
  if (!functions)
    return notProfile("no \"functions\" list");
  LayerProfile profile;
  profile.path = path.str();
  for (const llvm::json::Value &f : *functions) {
    const llvm::json::Object *function = f.getAsObject();
    std::optional<StringRef> name =
        function ? function->getString("name") : std::nullopt;
    const llvm::json::Array *layers =
        function ? function->getArray("layers") : nullptr;
    if (!name || !layers)
      return notProfile("a function without \"name\" or \"layers\"");
    std::vector<MeasuredLayer> &measured = profile.functions[*name];
    for (const llvm::json::Value &l : *layers) {
      const llvm::json::Object *layer = l.getAsObject();
      const llvm::json::Object *numbers =
          layer ? layer->getObject("measured") : nullptr;
      std::optional<StringRef> op =
          layer ? layer->getString("op") : std::nullopt;
      std::optional<int64_t> bytes =
          numbers ? numbers->getInteger("allocated_bytes") : std::nullopt;
      if (!op || !bytes || *bytes < 0)
        return notProfile("a layer without \"op\" or "
                          "\"measured.allocated_bytes\"");
      MeasuredLayer entry;
      entry.op = op->str();
      entry.allocatedBytes = static_cast<uint64_t>(*bytes);
      entry.timeNs =
          static_cast<uint64_t>(numbers->getInteger("time_ns").value_or(0));
      measured.push_back(std::move(entry));
    }
  }
  return profile;
}

FailureOr<std::shared_ptr<const llvm::DenseMap<Operation *, uint64_t>>>
cachepart::matchLayerProfile(const LayerProfile &profile, Operation *func,
                             StringRef name,
                             const FootprintAnalysis &analysis) {
  auto it = profile.functions.find(name);
  if (it == profile.functions.end())
    return func->emitError("profile '")
           << profile.path << "' has no entry for function '" << name
           << "'; profile this module with cachepart-profile";
  const std::vector<MeasuredLayer> &measured = it->second;
  ArrayRef<LayerInfo> layers = analysis.getLayers();
  if (measured.size() != layers.size())
    return func->emitError("profile '")
           << profile.path << "' has " << measured.size()
           << " layers for function '" << name << "' but it has "
           << layers.size() << "; the profile is of another version of the "
           << "model";
  auto bytes = std::make_shared<llvm::DenseMap<Operation *, uint64_t>>();
  for (auto [i, layer] : llvm::enumerate(layers)) {
    if (layer.op->getName().getStringRef() != measured[i].op)
      return layer.op->emitError("profile '")
             << profile.path << "' has '" << measured[i].op << "' as layer "
             << i << " of function '" << name << "', but this layer is '"
             << layer.op->getName() << "'";
    (*bytes)[layer.op] = measured[i].allocatedBytes;
  }
  return std::shared_ptr<const llvm::DenseMap<Operation *, uint64_t>>(
      std::move(bytes));
}

llvm::DenseMap<Operation *, uint64_t>
cachepart::measuredLayerTimes(const LayerProfile &profile, StringRef name,
                              const FootprintAnalysis &analysis) {
  llvm::DenseMap<Operation *, uint64_t> times;
  auto it = profile.functions.find(name);
  if (it == profile.functions.end())
    return times;
  for (auto [layer, entry] : llvm::zip(analysis.getLayers(), it->second))
    times[layer.op] = entry.timeNs;
  return times;
}
