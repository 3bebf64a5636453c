# Gait engine throughput: week-long in-memory stream vs a memory-read floor,
# and whole-file analysis including parsing (see bench_gait.cc).
if(TARGET retrowalk_app)
  retrowalk_add_bench(bench_gait LIBS retrowalk_gait retrowalk_io retrowalk_app)
else()
  retrowalk_add_bench(bench_gait LIBS retrowalk_gait retrowalk_io)
endif()
