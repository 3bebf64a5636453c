// File and JSON plumbing shared by the plan, log and screening formats:
// reading a file into JSON with "file:line:column" on syntax errors, typed
// member access with "file: path.to.member: ..." on schema errors, and
// atomic writes (a crash never leaves half a plan or log behind).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace retrowalk::app {

// 1-based line and column of byte offset `byte` (0-based) in `text`.
std::pair<int, int> LineColumn(std::string_view text, size_t byte);

Result<std::string> ReadTextFile(const std::string& path);
Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view file);
Result<nlohmann::json> ReadJsonFile(const std::string& path);
Status WriteTextFileAtomically(const std::string& path, std::string_view content);

// Typed access to members of a JSON object. `where` names the object for
// messages ("plan.json: sessions[3]"); the member's name is appended.
class JsonObject {
 public:
  static Result<JsonObject> From(const nlohmann::json& value, std::string where);
  const std::string& where() const { return where_; }
  bool Has(std::string_view key) const;
  Result<double> Number(std::string_view key, double lo, double hi) const;
  Result<int> Integer(std::string_view key, int lo, int hi) const;
  Result<std::string> String(std::string_view key) const;
  Result<bool> Bool(std::string_view key) const;
  Result<const nlohmann::json*> Array(std::string_view key) const;
  Result<const nlohmann::json*> Member(std::string_view key) const;
  std::string Path(std::string_view key) const { return where_ + "." + std::string(key); }

 private:
  JsonObject(const nlohmann::json* value, std::string where)
      : value_(value), where_(std::move(where)) {}
  const nlohmann::json* value_;
  std::string where_;
};

}  // namespace retrowalk::app
