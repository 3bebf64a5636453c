// LineReader: hands out the lines of a file (or of an in-memory buffer, e.g. a
// zip member) as string_views into a large reusable buffer, so that parsing a
// multi-gigabyte CSV needs no per-line allocation and bounded memory.
//
// Line ends may be "\n" or "\r\n"; a UTF-8 byte order mark at the start of the
// input is skipped; the last line may lack its "\n".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace retrowalk::io {

class LineReader {
 public:
  // `display_name` is what error messages call the input (usually the path).
  static Result<std::unique_ptr<LineReader>> OpenFile(const std::string& path,
                                                      std::string display_name);
  static std::unique_ptr<LineReader> FromString(std::string content, std::string display_name);

  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  ~LineReader();

  // Sets `line` to the next line without its end; the view stays valid until
  // the next call. Returns false at the end of input or on a read error
  // (then status() says which).
  bool Next(std::string_view& line);

  std::size_t line_number() const { return line_number_; }  // of the last line returned, 1-based
  // True when the last line returned ran into the end of the input without "\n".
  bool last_line_unterminated() const { return unterminated_; }
  const Status& status() const { return status_; }
  const std::string& name() const { return name_; }
  std::uint64_t bytes_read() const { return bytes_read_; }
  // Bytes of input up to the end of the last line returned.
  std::uint64_t bytes_consumed() const { return bytes_read_ - (end_ - begin_); }
  // Size of the input when known in advance (a regular file), else 0.
  std::uint64_t size_bytes() const { return size_bytes_; }

 private:
  LineReader(int fd, std::string name, std::size_t capacity);
  bool Fill();  // reads more input after the unconsumed tail; false at end of file or on error

  int fd_ = -1;  // -1 when reading from memory
  std::string name_;
  // Not zero-filled: a fresh 4 MiB per file was most of the cost of opening
  // the many small recordings of a data set (memset plus page faults).
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;  // first unconsumed byte
  std::size_t end_ = 0;    // one past the last valid byte
  bool eof_ = false;
  bool unterminated_ = false;
  bool first_line_ = true;
  std::size_t line_number_ = 0;
  std::uint64_t bytes_read_ = 0;
  std::uint64_t size_bytes_ = 0;
  Status status_;
};

}  // namespace retrowalk::io
