// Package bench holds side-by-side benchmarks of diplotext against peer
// libraries on the same inputs. It is a separate module so that the peers
// never become dependencies of diplotext itself.
//
// Benchmarks are named Benchmark<Task>/<implementation>, where the
// implementation is "diplotext" or a peer ("prose", "govader",
// "minhashlsh"); cmd/table runs them and prints throughput ratios.
package bench
