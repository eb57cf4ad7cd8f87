// Package bench holds side-by-side benchmarks of diplotext against peer
// libraries on the same inputs. It is a separate module so that the peers
// never become dependencies of diplotext itself.
//
// Benchmarks are named Benchmark<Task>/<implementation>, where the
// implementation is "diplotext" or a peer ("prose", "govader",
// "minhashlsh"); cmd/table runs them and prints throughput ratios.
//
// Whole-process comparisons behind the command-line contract: cmd/peeranalyze
// (prose v2 + govader) and cmd/peerdedupe (ekzhu/minhash-lsh) read and write
// the same JSON Lines as `diplotext analyze` and `diplotext dedupe`, and
// cmd/sidebyside builds all three and times them as separate processes (wall,
// CPU, peak RSS, cold start): `cd bench && go run ./cmd/sidebyside`.
package bench
