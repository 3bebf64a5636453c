#include "io/stream_merge.h"

namespace retrowalk::io {

Vec3 StreamInterpolator::At(double t) {
  const std::size_t n = stream_.size();
  if (n == 0) return {};
  if (t <= stream_.front().t_s) return stream_.front().*channel_;
  if (t >= stream_.back().t_s) return stream_.back().*channel_;
  while (cursor_ + 1 < n && stream_[cursor_ + 1].t_s <= t) ++cursor_;
  const Sample& a = stream_[cursor_];
  const Sample& b = stream_[cursor_ + 1];
  const float w = static_cast<float>((t - a.t_s) / (b.t_s - a.t_s));
  return a.*channel_ + (b.*channel_ - a.*channel_) * w;
}

void MergeGyro(std::vector<Sample>& acc, const std::vector<Sample>& gyro) {
  StreamInterpolator g(gyro, &Sample::gyro_radps);
  for (Sample& s : acc) s.gyro_radps = g.At(s.t_s);
}

void AddGravity(std::vector<Sample>& acc, const std::vector<Sample>& gravity) {
  StreamInterpolator g(gravity, &Sample::acc_mps2);
  for (Sample& s : acc) s.acc_mps2 = s.acc_mps2 + g.At(s.t_s);
}

}  // namespace retrowalk::io
