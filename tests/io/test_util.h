// Helpers for the io tests: a scratch directory per test and file writers.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

namespace retrowalk::testing {

inline std::string TestData(const std::string& relative) {
  return std::string(RETROWALK_TEST_DATA) + "/io/" + relative;
}

// A fresh directory under the system temp dir, removed when the test ends.
// Named after the test and the process: two builds running their tests at
// once (a local run beside CI) must not share it.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("retrowalk_io_") + info->test_suite_name() + "_" + info->name() +
                       "_" + std::to_string(::getpid());
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  std::string Write(const std::string& name, const std::string& content) const {
    std::string p = File(name);
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace retrowalk::testing

#include <zip.h>

#include <utility>
#include <vector>

namespace retrowalk::testing {

// Writes a zip archive with the given members (name, content).
inline void MakeZip(const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& members) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(z, nullptr);
  for (const auto& [name, content] : members) {
    // libzip reads the buffer at zip_close(); keep copies alive until then.
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    ASSERT_NE(src, nullptr);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(z), 0);
}

}  // namespace retrowalk::testing
