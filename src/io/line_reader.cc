#include "io/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace retrowalk::io {

namespace {
// Large reads amortise system calls; 4 MiB stays well inside any cache of
// memory we care about and is the reader's whole footprint for a huge file.
constexpr std::size_t kBufferBytes = std::size_t{4} << 20;
// A small file gets a buffer just larger than itself (so that its last read
// sees the end without growing the buffer); this is the least it gets.
constexpr std::size_t kMinBufferBytes = std::size_t{4} << 10;
// The first read is small: format detection only wants the first lines.
constexpr std::size_t kFirstReadBytes = std::size_t{64} << 10;
// No sensor log has lines this long; a file that does is not text (or has no
// line ends at all), and growing the buffer further would read it all into memory.
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;
}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::OpenFile(const std::string& path,
                                                         std::string display_name) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    std::string msg = fmt::format("cannot open '{}': {}", path, std::strerror(err));
    if (err == ENOENT) return Status::NotFound(std::move(msg));
    return Status::IoError(std::move(msg));
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  std::size_t capacity = kBufferBytes;
  std::uint64_t size = 0;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0) {
    size = static_cast<std::uint64_t>(st.st_size);
    capacity = static_cast<std::size_t>(
        std::clamp<std::uint64_t>(size + 1, kMinBufferBytes, kBufferBytes));
  }
  std::unique_ptr<LineReader> reader(new LineReader(fd, std::move(display_name), capacity));
  reader->size_bytes_ = size;
  return reader;
}

std::unique_ptr<LineReader> LineReader::FromString(std::string content, std::string display_name) {
  std::unique_ptr<LineReader> reader(
      new LineReader(-1, std::move(display_name), std::max<std::size_t>(content.size(), 1)));
  std::memcpy(reader->buffer_.get(), content.data(), content.size());
  reader->end_ = content.size();
  reader->bytes_read_ = reader->end_;
  reader->size_bytes_ = reader->end_;
  reader->eof_ = true;
  return reader;
}

LineReader::LineReader(int fd, std::string name, std::size_t capacity)
    : fd_(fd),
      name_(std::move(name)),
      buffer_(std::make_unique_for_overwrite<char[]>(capacity)),
      capacity_(capacity) {}

LineReader::~LineReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool LineReader::Fill() {
  if (eof_ || fd_ < 0) return false;
  // Move the unconsumed tail (a partial line) to the front; grow only when a
  // single line is longer than the whole buffer.
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    if (capacity_ >= kMaxLineBytes) {
      status_ = Status::InvalidInput(fmt::format(
          "{}:{}:1: expected a line end within {} MiB, found a longer line (not a text file?)",
          name_, line_number_ + 1, kMaxLineBytes >> 20));
      eof_ = true;
      return false;
    }
    auto grown = std::make_unique_for_overwrite<char[]>(capacity_ * 2);
    std::memcpy(grown.get(), buffer_.get(), end_);
    buffer_ = std::move(grown);
    capacity_ *= 2;
  }
  std::size_t want = capacity_ - end_;
  if (bytes_read_ == 0) want = std::min(want, kFirstReadBytes);
  while (true) {
    ssize_t n = ::read(fd_, buffer_.get() + end_, want);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      bytes_read_ += static_cast<std::uint64_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno == EINTR) continue;
    status_ = Status::IoError(fmt::format("cannot read '{}': {}", name_, std::strerror(errno)));
    eof_ = true;
    return false;
  }
}

bool LineReader::Next(std::string_view& line) {
  if (!status_.ok()) return false;
  std::size_t scan_from = begin_;
  while (true) {
    const char* start = buffer_.get() + scan_from;
    const void* nl = std::memchr(start, '\n', end_ - scan_from);
    if (nl != nullptr) {
      std::size_t stop = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.get());
      line = std::string_view(buffer_.get() + begin_, stop - begin_);
      begin_ = stop + 1;
      unterminated_ = false;
      break;
    }
    std::size_t scanned = end_ - begin_;
    if (!Fill()) {
      if (!status_.ok()) return false;
      if (begin_ == end_) return false;  // clean end of input
      line = std::string_view(buffer_.get() + begin_, end_ - begin_);
      begin_ = end_;
      unterminated_ = true;
      break;
    }
    scan_from = begin_ + scanned;  // Fill() moved the tail to the front
  }
  ++line_number_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (first_line_) {
    first_line_ = false;
    if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  }
  return true;
}

}  // namespace retrowalk::io
