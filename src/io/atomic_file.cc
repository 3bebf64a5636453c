#include "io/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace retrowalk::io {

namespace {
Status WriteError(const std::string& path, int err) {
  return Status::IoError(fmt::format("cannot write '{}': {}", path, std::strerror(err)));
}
}  // namespace

Result<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path) {
  std::string pattern = path + ".tmp.XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) return WriteError(path, errno);
  std::string temp(name.data());
  std::FILE* file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return WriteError(path, err);
  }
  // mkstemp creates 0600; an exported recording should be readable like any file.
  ::fchmod(fd, 0644);
  static constexpr std::size_t kBufferBytes = std::size_t{1} << 20;
  std::setvbuf(file, nullptr, _IOFBF, kBufferBytes);
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, std::move(temp), file));
}

AtomicFile::AtomicFile(std::string path, std::string temp_path, std::FILE* file)
    : path_(std::move(path)), temp_path_(std::move(temp_path)), file_(file) {}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_) ::unlink(temp_path_.c_str());
}

Status AtomicFile::Write(std::string_view data) {
  if (file_ == nullptr) return Status::Internal("write after commit");
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    return WriteError(path_, errno);
  }
  return Status::Ok();
}

Status AtomicFile::Commit() {
  if (file_ == nullptr) return Status::Internal("commit twice");
  std::FILE* f = file_;
  file_ = nullptr;
  bool ok = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  int err = errno;
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) return WriteError(path_, err);
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) return WriteError(path_, errno);
  committed_ = true;
  return Status::Ok();
}

}  // namespace retrowalk::io
