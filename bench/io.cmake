# CSV parse throughput of the streaming reader against a plain line count.
retrowalk_add_bench(bench_io LIBS retrowalk_io)
