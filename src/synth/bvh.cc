#include "synth/bvh.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace retrowalk::synth {
namespace {

struct Token {
  std::string_view text;
  int line = 0;
  int column = 0;
};

// Whitespace-separated tokens with their positions; braces are tokens of
// their own even when glued to a word ("{" after "Site" on one line).
std::vector<Token> Tokenize(std::string_view text, std::size_t end) {
  std::vector<Token> tokens;
  int line = 1;
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i < end) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (c == '{' || c == '}') {
      ++i;
    } else {
      while (i < end && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n' &&
             text[i] != '{' && text[i] != '}') {
        ++i;
      }
    }
    tokens.push_back(
        {text.substr(start, i - start), line, static_cast<int>(start - line_start) + 1});
  }
  return tokens;
}

bool ParseDouble(std::string_view s, double& out) {
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc() && ptr == last && std::isfinite(out);
}

class HierarchyParser {
 public:
  HierarchyParser(std::vector<Token> tokens, const std::string& source, BvhClip& clip)
      : tokens_(std::move(tokens)), source_(source), clip_(clip) {}

  Status Parse() {
    RETROWALK_RETURN_IF_ERROR(Expect("HIERARCHY"));
    RETROWALK_RETURN_IF_ERROR(Expect("ROOT"));
    RETROWALK_RETURN_IF_ERROR(ParseJoint(-1));
    if (pos_ != tokens_.size()) return Error(tokens_[pos_], "expected MOTION after the hierarchy");
    return Status::Ok();
  }

 private:
  Status Error(const Token& at, const std::string& message) const {
    return Status::InvalidInput(source_ + ":" + std::to_string(at.line) + ":" +
                                std::to_string(at.column) + ": " + message);
  }
  Status ErrorAtEnd(const std::string& message) const {
    if (tokens_.empty()) return Status::InvalidInput(source_ + ":1:1: " + message);
    const Token& last = tokens_.back();
    return Error(last, message + " (file ends early)");
  }
  Status Expect(std::string_view word) {
    if (pos_ >= tokens_.size()) return ErrorAtEnd("expected '" + std::string(word) + "'");
    if (tokens_[pos_].text != word) {
      return Error(tokens_[pos_], "expected '" + std::string(word) + "', found '" +
                                      std::string(tokens_[pos_].text) + "'");
    }
    ++pos_;
    return Status::Ok();
  }
  Status Number(double& out) {
    if (pos_ >= tokens_.size()) return ErrorAtEnd("expected a number");
    if (!ParseDouble(tokens_[pos_].text, out)) {
      return Error(tokens_[pos_],
                   "expected a number, found '" + std::string(tokens_[pos_].text) + "'");
    }
    ++pos_;
    return Status::Ok();
  }
  Status Offset(double (&out)[3]) {
    RETROWALK_RETURN_IF_ERROR(Expect("OFFSET"));
    for (double& v : out) RETROWALK_RETURN_IF_ERROR(Number(v));
    return Status::Ok();
  }

  // After ROOT or JOINT: name { OFFSET CHANNELS (JOINT|End Site)* }
  Status ParseJoint(int parent) {
    if (pos_ >= tokens_.size()) return ErrorAtEnd("expected a joint name");
    BvhJoint joint;
    joint.name = std::string(tokens_[pos_++].text);
    joint.parent = parent;
    RETROWALK_RETURN_IF_ERROR(Expect("{"));
    RETROWALK_RETURN_IF_ERROR(Offset(joint.offset));
    RETROWALK_RETURN_IF_ERROR(Expect("CHANNELS"));
    double count = 0;
    const Token count_token = pos_ < tokens_.size() ? tokens_[pos_] : Token{};
    RETROWALK_RETURN_IF_ERROR(Number(count));
    if (count < 0 || count > 6 || count != std::floor(count)) {
      return Error(count_token, "channel count must be 0..6");
    }
    for (int i = 0; i < static_cast<int>(count); ++i) {
      if (pos_ >= tokens_.size()) return ErrorAtEnd("expected a channel name");
      const Token& t = tokens_[pos_++];
      static constexpr std::pair<std::string_view, BvhChannel> kNames[] = {
          {"Xposition", BvhChannel::kXposition}, {"Yposition", BvhChannel::kYposition},
          {"Zposition", BvhChannel::kZposition}, {"Xrotation", BvhChannel::kXrotation},
          {"Yrotation", BvhChannel::kYrotation}, {"Zrotation", BvhChannel::kZrotation}};
      bool known = false;
      for (const auto& [name, channel] : kNames) {
        if (t.text == name) {
          joint.channels.push_back(channel);
          known = true;
        }
      }
      if (!known) return Error(t, "unknown channel '" + std::string(t.text) + "'");
    }
    joint.first_channel = clip_.channel_count;
    clip_.channel_count += static_cast<int>(joint.channels.size());
    const int index = static_cast<int>(clip_.joints.size());
    clip_.joints.push_back(std::move(joint));
    while (true) {
      if (pos_ >= tokens_.size()) return ErrorAtEnd("expected '}'");
      const Token& t = tokens_[pos_];
      if (t.text == "}") {
        ++pos_;
        return Status::Ok();
      }
      if (t.text == "JOINT") {
        ++pos_;
        RETROWALK_RETURN_IF_ERROR(ParseJoint(index));
      } else if (t.text == "End") {
        ++pos_;
        RETROWALK_RETURN_IF_ERROR(Expect("Site"));
        RETROWALK_RETURN_IF_ERROR(Expect("{"));
        double end_site[3];
        RETROWALK_RETURN_IF_ERROR(Offset(end_site));
        RETROWALK_RETURN_IF_ERROR(Expect("}"));
      } else {
        return Error(t, "expected JOINT, End Site or '}', found '" + std::string(t.text) + "'");
      }
    }
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  const std::string& source_;
  BvhClip& clip_;
};

// Finds the line holding `word` as its first token; returns npos when absent.
std::size_t FindLineStarting(std::string_view text, std::string_view word) {
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t i = line_start;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (text.substr(i, word.size()) == word) return line_start;
    const std::size_t nl = text.find('\n', line_start);
    if (nl == std::string_view::npos) break;
    line_start = nl + 1;
  }
  return std::string_view::npos;
}

}  // namespace

int BvhClip::FindJoint(std::string_view name) const {
  for (std::size_t i = 0; i < joints.size(); ++i) {
    if (joints[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Result<BvhClip> ParseBvh(std::string_view text, const std::string& source) {
  BvhClip clip;
  clip.source = source;
  const std::size_t motion = FindLineStarting(text, "MOTION");
  const std::size_t hierarchy_end = motion == std::string_view::npos ? text.size() : motion;
  HierarchyParser parser(Tokenize(text, hierarchy_end), source, clip);
  RETROWALK_RETURN_IF_ERROR(parser.Parse());
  int line = 1;
  for (std::size_t i = 0; i < hierarchy_end; ++i) line += text[i] == '\n';
  if (motion == std::string_view::npos) {
    return Status::InvalidInput(source + ":" + std::to_string(line) + ":1: no MOTION section");
  }

  // MOTION section: line based, so a short frame row is reported on its line.
  std::istringstream in{std::string(text.substr(motion))};
  std::string row;
  auto error = [&](int column, const std::string& message) {
    return Status::InvalidInput(source + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                ": " + message);
  };
  std::getline(in, row);  // MOTION
  ++line;
  auto header_value = [&](std::string_view key, double& out) -> Status {
    if (!std::getline(in, row))
      return error(1, "expected '" + std::string(key) + "' (file ends early)");
    const std::size_t k = row.find(key);
    if (k == std::string::npos) return error(1, "expected '" + std::string(key) + "'");
    std::string rest = row.substr(k + key.size());
    const auto b = rest.find_first_not_of(" \t");
    const auto e = rest.find_last_not_of(" \t\r");
    if (b == std::string::npos || !ParseDouble(std::string_view(rest).substr(b, e - b + 1), out)) {
      return error(static_cast<int>(k + key.size()) + 1,
                   "expected a number after '" + std::string(key) + "'");
    }
    ++line;
    return Status::Ok();
  };
  double frames = 0;
  RETROWALK_RETURN_IF_ERROR(header_value("Frames:", frames));
  RETROWALK_RETURN_IF_ERROR(header_value("Frame Time:", clip.frame_time_s));
  if (frames < 1 || frames != std::floor(frames) || frames > 1e8) {
    --line;
    return error(1, "frame count must be a positive integer");
  }
  if (!(clip.frame_time_s > 0)) {
    --line;
    return error(1, "frame time must be positive");
  }
  clip.frame_count = static_cast<int>(frames);
  clip.values.reserve(static_cast<std::size_t>(clip.frame_count) * clip.channel_count);
  int read = 0;
  while (read < clip.frame_count && std::getline(in, row)) {
    if (row.find_first_not_of(" \t\r") == std::string::npos) {
      ++line;
      continue;
    }
    std::size_t i = 0;
    int got = 0;
    while (true) {
      while (i < row.size() && (row[i] == ' ' || row[i] == '\t' || row[i] == '\r')) ++i;
      if (i >= row.size()) break;
      std::size_t j = i;
      while (j < row.size() && row[j] != ' ' && row[j] != '\t' && row[j] != '\r') ++j;
      double v = 0;
      if (!ParseDouble(std::string_view(row).substr(i, j - i), v)) {
        return error(static_cast<int>(i) + 1,
                     "expected a number, found '" + row.substr(i, j - i) + "'");
      }
      if (got == clip.channel_count) {
        return error(static_cast<int>(i) + 1,
                     "frame has more than " + std::to_string(clip.channel_count) + " values");
      }
      clip.values.push_back(v);
      ++got;
      i = j;
    }
    if (got != clip.channel_count) {
      return error(static_cast<int>(row.size()) + 1, "frame has " + std::to_string(got) +
                                                         " values, expected " +
                                                         std::to_string(clip.channel_count));
    }
    ++read;
    ++line;
  }
  if (read != clip.frame_count) {
    return error(1, "file declares " + std::to_string(clip.frame_count) + " frames but has " +
                        std::to_string(read));
  }
  return clip;
}

Result<BvhClip> ReadBvhFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::NotFound(path + ": cannot open");
  std::ostringstream buffer;
  buffer << file.rdbuf();
  if (file.bad()) return Status::IoError(path + ": read failed");
  return ParseBvh(buffer.str(), path);
}

}  // namespace retrowalk::synth
