// ExportSource: the CSV members of a phone app's export, whether the user kept
// the zip (read with libzip) or unzipped it into a folder. Members are found
// by base name, case-insensitively, at any depth (zips often wrap everything
// in one top folder).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/line_reader.h"

namespace retrowalk::io {

class ExportSource {
 public:
  // `path` is a .zip file or a directory.
  static Result<std::unique_ptr<ExportSource>> Open(const std::string& path);
  virtual ~ExportSource();

  const std::string& path() const { return path_; }
  const std::vector<std::string>& members() const { return members_; }
  // The member whose base name equals `base_name` (any case), or "".
  std::string Find(std::string_view base_name) const;
  virtual Result<std::unique_ptr<LineReader>> OpenMember(const std::string& member) const = 0;
  // First line of a member (BOM and CR removed), "" when empty or unreadable.
  std::string FirstLine(const std::string& member) const;
  // "a.csv, b.csv, ..." for messages.
  std::string MemberList() const;

 protected:
  explicit ExportSource(std::string path) : path_(std::move(path)) {}
  std::string path_;
  std::vector<std::string> members_;
};

bool IsZipPath(const std::string& path);
// The folder holding `path` ("." for a bare file name).
std::string ParentFolder(const std::string& path);

}  // namespace retrowalk::io
