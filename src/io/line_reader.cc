#include "io/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace retrowalk::io {

namespace {
// Large reads amortise system calls; 4 MiB stays well inside any cache of
// memory we care about and is the reader's whole footprint for a huge file.
constexpr std::size_t kBufferBytes = std::size_t{4} << 20;
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
  return std::unique_ptr<LineReader>(new LineReader(fd, std::move(display_name)));
}

std::unique_ptr<LineReader> LineReader::FromString(std::string content, std::string display_name) {
  std::unique_ptr<LineReader> reader(new LineReader(-1, std::move(display_name)));
  reader->buffer_.assign(content.begin(), content.end());
  reader->end_ = reader->buffer_.size();
  reader->bytes_read_ = reader->end_;
  reader->eof_ = true;
  return reader;
}

LineReader::LineReader(int fd, std::string name) : fd_(fd), name_(std::move(name)) {
  if (fd_ >= 0) buffer_.resize(kBufferBytes);
}

LineReader::~LineReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool LineReader::Fill() {
  if (eof_ || fd_ < 0) return false;
  // Move the unconsumed tail (a partial line) to the front; grow only when a
  // single line is longer than the whole buffer.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= kMaxLineBytes) {
      status_ = Status::InvalidInput(fmt::format(
          "{}:{}:1: expected a line end within {} MiB, found a longer line (not a text file?)",
          name_, line_number_ + 1, kMaxLineBytes >> 20));
      eof_ = true;
      return false;
    }
    buffer_.resize(buffer_.size() * 2);
  }
  while (true) {
    ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
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
    const char* start = buffer_.data() + scan_from;
    const void* nl = std::memchr(start, '\n', end_ - scan_from);
    if (nl != nullptr) {
      std::size_t stop = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.data());
      line = std::string_view(buffer_.data() + begin_, stop - begin_);
      begin_ = stop + 1;
      unterminated_ = false;
      break;
    }
    std::size_t scanned = end_ - begin_;
    if (!Fill()) {
      if (!status_.ok()) return false;
      if (begin_ == end_) return false;  // clean end of input
      line = std::string_view(buffer_.data() + begin_, end_ - begin_);
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
