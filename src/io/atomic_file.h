// AtomicFile: output that appears complete or not at all. Data goes to a
// temporary file in the target's directory (same file system, so the final
// rename is atomic); Commit() flushes, syncs and renames; destroying an
// uncommitted AtomicFile removes the temporary. A failed conversion therefore
// never leaves a partial output file behind.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace retrowalk::io {

class AtomicFile {
 public:
  static Result<std::unique_ptr<AtomicFile>> Create(const std::string& path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  // Buffered; errors surface here or at Commit().
  Status Write(std::string_view data);
  Status Commit();
  const std::string& path() const { return path_; }

 private:
  AtomicFile(std::string path, std::string temp_path, std::FILE* file);
  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

}  // namespace retrowalk::io
