#include "app/plan_json_io.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace retrowalk::app {
namespace {
std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

std::pair<int, int> LineColumn(std::string_view text, size_t byte) {
  int line = 1;
  int column = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": " + std::strerror(err));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read failed");
  return buffer.str();
}

Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view file) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    const size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    const auto [line, column] = LineColumn(text, byte);
    std::string what = e.what();
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
    const size_t colon = what.find(": ", what.find("parse error"));
    const std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    return Status::InvalidInput(std::string(file) + ":" + std::to_string(line) + ":" +
                                std::to_string(column) + ": malformed JSON: " + detail);
  }
}

Result<nlohmann::json> ReadJsonFile(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseJsonText(*text, path);
}

Status WriteTextFileAtomically(const std::string& path, std::string_view content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(tmp + ": " + std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) return Status::IoError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string err = std::strerror(errno);
    std::remove(tmp.c_str());
    return Status::IoError(path + ": " + err);
  }
  return Status::Ok();
}

Result<JsonObject> JsonObject::From(const nlohmann::json& value, std::string where) {
  if (!value.is_object()) return Status::InvalidInput(where + ": expected a JSON object");
  return JsonObject(&value, std::move(where));
}

bool JsonObject::Has(std::string_view key) const {
  return value_->contains(key) && !(*value_)[std::string(key)].is_null();
}

Result<const nlohmann::json*> JsonObject::Member(std::string_view key) const {
  auto it = value_->find(key);
  if (it == value_->end()) return Status::InvalidInput(Path(key) + ": missing");
  return &*it;
}

Result<double> JsonObject::Number(std::string_view key, double lo, double hi) const {
  auto m = Member(key);
  if (!m.ok()) return m.status();
  if (!(*m)->is_number()) return Status::InvalidInput(Path(key) + ": expected a number");
  const double v = (*m)->get<double>();
  if (!std::isfinite(v) || v < lo || v > hi)
    return Status::InvalidInput(Path(key) + ": " + Num(v) + " is outside " + Num(lo) + "-" +
                                Num(hi));
  return v;
}

Result<int> JsonObject::Integer(std::string_view key, int lo, int hi) const {
  auto m = Member(key);
  if (!m.ok()) return m.status();
  if (!(*m)->is_number_integer())
    return Status::InvalidInput(Path(key) + ": expected a whole number");
  const long long v = (*m)->get<long long>();
  if (v < lo || v > hi)
    return Status::InvalidInput(Path(key) + ": " + std::to_string(v) + " is outside " +
                                std::to_string(lo) + "-" + std::to_string(hi));
  return static_cast<int>(v);
}

Result<std::string> JsonObject::String(std::string_view key) const {
  auto m = Member(key);
  if (!m.ok()) return m.status();
  if (!(*m)->is_string()) return Status::InvalidInput(Path(key) + ": expected a string");
  return (*m)->get<std::string>();
}

Result<bool> JsonObject::Bool(std::string_view key) const {
  auto m = Member(key);
  if (!m.ok()) return m.status();
  if (!(*m)->is_boolean()) return Status::InvalidInput(Path(key) + ": expected true or false");
  return (*m)->get<bool>();
}

Result<const nlohmann::json*> JsonObject::Array(std::string_view key) const {
  auto m = Member(key);
  if (!m.ok()) return m.status();
  if (!(*m)->is_array()) return Status::InvalidInput(Path(key) + ": expected an array");
  return *m;
}

}  // namespace retrowalk::app
