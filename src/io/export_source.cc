#include "io/export_source.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "io/input_error.h"

namespace retrowalk::io {

namespace {

namespace fs = std::filesystem;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view BaseName(std::string_view member) {
  std::size_t slash = member.find_last_of('/');
  return slash == std::string_view::npos ? member : member.substr(slash + 1);
}

class FolderSource final : public ExportSource {
 public:
  explicit FolderSource(std::string path) : ExportSource(std::move(path)) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
      if (it.depth() > 2) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) {
        members_.push_back(fs::relative(it->path(), path_, ec).generic_string());
      }
    }
    std::sort(members_.begin(), members_.end());
  }
  Result<std::unique_ptr<LineReader>> OpenMember(const std::string& member) const override {
    std::string full = (fs::path(path_) / member).string();
    return LineReader::OpenFile(full, full);
  }
};

class ZipSource final : public ExportSource {
 public:
  ZipSource(std::string path, zip_t* archive) : ExportSource(std::move(path)), archive_(archive) {
    zip_int64_t n = zip_get_num_entries(archive_, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0);
      if (name == nullptr) continue;
      std::string s(name);
      if (!s.empty() && s.back() != '/' && s.find("__MACOSX") == std::string::npos) {
        members_.push_back(std::move(s));
      }
    }
    std::sort(members_.begin(), members_.end());
  }
  ~ZipSource() override { zip_discard(archive_); }

  Result<std::unique_ptr<LineReader>> OpenMember(const std::string& member) const override {
    std::string display = path_ + "/" + member;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(archive_, member.c_str(), 0, &st) != 0) {
      return FileError(path_, fmt::format("a member '{}'", member), "none");
    }
    zip_file_t* file = zip_fopen(archive_, member.c_str(), 0);
    if (file == nullptr) {
      return FileError(path_, fmt::format("a readable member '{}'", member),
                       zip_strerror(archive_));
    }
    std::string content;
    if (st.valid & ZIP_STAT_SIZE) content.reserve(static_cast<std::size_t>(st.size));
    char buffer[1 << 16];
    while (true) {
      zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
      if (got < 0) {
        std::string why = zip_file_strerror(file);
        zip_fclose(file);
        return FileError(display, "a readable zip member", io::QuoteForMessage(why));
      }
      if (got == 0) break;
      content.append(buffer, static_cast<std::size_t>(got));
    }
    zip_fclose(file);
    return LineReader::FromString(std::move(content), std::move(display));
  }

 private:
  zip_t* archive_;
};

}  // namespace

bool IsZipPath(const std::string& path) {
  return Lower(fs::path(path).extension().string()) == ".zip";
}

std::string ParentFolder(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(1, '.') : parent.string();
}

ExportSource::~ExportSource() = default;

Result<std::unique_ptr<ExportSource>> ExportSource::Open(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return std::unique_ptr<ExportSource>(new FolderSource(path));
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    if (error == ZIP_ER_NOENT)
      return Status::NotFound(fmt::format("cannot open '{}': {}", path, why));
    return FileError(path, "a zip archive", io::QuoteForMessage(why));
  }
  return std::unique_ptr<ExportSource>(new ZipSource(path, archive));
}

std::string ExportSource::Find(std::string_view base_name) const {
  std::string want = Lower(base_name);
  for (const std::string& m : members_) {
    if (Lower(BaseName(m)) == want) return m;
  }
  return "";
}

std::string ExportSource::FirstLine(const std::string& member) const {
  auto reader = OpenMember(member);
  if (!reader.ok()) return "";
  std::string_view line;
  if (!(*reader)->Next(line)) return "";
  return std::string(line);
}

std::string ExportSource::MemberList() const {
  if (members_.empty()) return "no members";
  std::string out;
  std::size_t shown = 0;
  for (const std::string& m : members_) {
    if (shown == 8) {
      out += ", ...";
      break;
    }
    if (shown++ > 0) out += ", ";
    out += m;
  }
  return out;
}

}  // namespace retrowalk::io
