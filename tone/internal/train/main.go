//go:build tonetrain

// Command train learns the embedded models of package tone from the shared
// development data (../shared/data: the VADER ground truth, NewsMTSC and
// PerSenT) and prints their cross-validated figures. It is built only with
// the tag tonetrain, which also compiles tone's training code (tone/train.go);
// without the tag neither exists, so the public package holds no training
// code. Run it through go generate (see tone/gen.go), or from the tone
// folder:
//
//	go run -tags tonetrain ./internal/train -what polarity   # model/polarity.txt.gz, ~1 min
//	go run -tags tonetrain ./internal/train -what target     # model/target.txt.gz and its binary form model/target.bin, ~1-2 min
//	go run -tags tonetrain ./internal/train -what actors     # actors_calibration.go and model/actors.bin, ~1 min
//	go run -tags tonetrain ./internal/train -what persent    # figures only: PerSenT mentions as training data
//
// -dry prints the figures without writing; -data names the shared data
// folder (default: $DIPLOTEXT_DATA, or shared/data found beside the
// repository). The training is deterministic: on unchanged data and code it
// rewrites the committed files byte for byte. The actor calibration reads
// the targeted model compiled into this program, so regenerate it after the
// target model in a separate run (go generate does).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/tone"
)

func main() {
	what := flag.String("what", "", "models to learn, comma-separated: polarity, target, actors (persent: figures only)")
	data := flag.String("data", "", "shared data folder (default: $DIPLOTEXT_DATA or shared/data beside the repository)")
	dir := flag.String("dir", ".", "the tone package folder, where model/ and actors_calibration.go are written")
	dry := flag.Bool("dry", false, "print the cross-validated figures, write nothing")
	flag.Parse()
	if *what == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: train -what polarity|target|actors|persent [-dry] [-data DIR] [-dir DIR]")
		os.Exit(2)
	}
	if *data == "" {
		d, err := shareddata.Dir()
		if err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		*data = d
	}
	logf := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }
	for _, w := range strings.Split(*what, ",") {
		var err error
		switch w = strings.TrimSpace(w); w {
		case "actors":
			err = trainActors(*data, *dir, *dry, logf)
		default:
			err = tone.Train(tone.TrainOptions{What: w, DataDir: *data, ModelDir: *dir, Dry: *dry, Logf: logf})
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
	}
}
