// Package gobench holds the Go benchmarks of the scanner. The repository
// benchmarks read BENCH_REPO (a bare clone, e.g. of trufflehog) and
// BENCH_DIR (a working tree); without them they are skipped.
//
//	go test -bench . -benchtime 1x ./bench/gobench
//	BENCH_REPO=/work/bench-repos/trufflehog.git go test -bench History -benchtime 1x -cpuprofile cpu.out ./bench/gobench
package gobench

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

func scanBench(b *testing.B, opts scanner.Options) {
	b.Helper()
	var bytes int64
	for i := 0; i < b.N; i++ {
		res, err := scanner.Scan(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		bytes = res.Stats.Bytes
		b.ReportMetric(float64(len(res.Findings)), "findings")
	}
	b.SetBytes(bytes)
}

func BenchmarkHistory(b *testing.B) {
	repo := os.Getenv("BENCH_REPO")
	if repo == "" {
		b.Skip("BENCH_REPO not set")
	}
	// Stored snapshots may lack large blobs (bench/prepare.sh).
	scanBench(b, scanner.Options{Path: repo, Mode: scanner.ModeHistory, MaxDecodeDepth: 5, AllowMissing: true})
}

func BenchmarkDir(b *testing.B) {
	dir := os.Getenv("BENCH_DIR")
	if dir == "" {
		b.Skip("BENCH_DIR not set")
	}
	scanBench(b, scanner.Options{Path: dir, Mode: scanner.ModeDir, MaxDecodeDepth: 5})
}

// corpus is synthetic source code: mostly ordinary lines, with keyword
// lines (no secret) and a few fake credentials.
func corpus() string {
	var b strings.Builder
	for i := 0; i < 20000; i++ {
		switch i % 50 {
		case 0:
			b.WriteString("const apiKey = process.env.API_KEY // token comes from the environment\n")
		case 25:
			b.WriteString("let password = config.get('db.password');\n")
		case 49:
			b.WriteString("aws_access_key_id = AKIAQYLPMN5HFIQR7XYZ\n")
		default:
			b.WriteString("    for (const item of items) { total += item.price * item.quantity; }\n")
		}
	}
	return b.String()
}

func BenchmarkEngine(b *testing.B) {
	cfg, err := engine.DefaultConfig()
	if err != nil {
		b.Fatal(err)
	}
	text := corpus()
	for _, tc := range []struct {
		name string
		opts engine.Options
	}{
		{"windows", engine.Options{MaxDecodeDepth: 5}},
		{"whole-fragments", engine.Options{MaxDecodeDepth: 5, NoWindows: true}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			e := engine.New(cfg, tc.opts)
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				fs := e.Scan(context.Background(), engine.Fragment{Path: "app.js", Text: text, StartLine: 1})
				if len(fs) == 0 {
					b.Fatal("no findings")
				}
			}
		})
	}
}
