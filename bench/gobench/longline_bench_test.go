package gobench

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// longLine is one line of n bytes: `tok="ghp_…" ` repeated, each token
// distinct (an obviously fake GitHub token) or all the same.
func longLine(n int, distinct bool) string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var b strings.Builder
	b.Grow(n + 64)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(`tok="ghp_FAKE`)
		for j, x := 0, uint32(i)*2654435761+1; j < 32; j++ {
			if distinct {
				x = x*1103515245 + 12345
				b.WriteByte(alnum[(x>>16)%uint32(len(alnum))])
			} else {
				b.WriteByte("R4nd0mt0k3nV4lu3Xq9Zw8Yv7Ut6Sr5Q"[j])
			}
		}
		b.WriteString(`" `)
	}
	b.WriteByte('\n')
	return b.String()
}

// BenchmarkLongLine scans a single line holding thousands of tokens, the
// shape that made time and memory grow with the square of the line: with
// the per-file cap scans apply (capped), and without a cap.
//
//	go test -tags gore2regex,re2_cgo -bench LongLine -benchtime 1x ./bench/gobench
func BenchmarkLongLine(b *testing.B) {
	e := cliEngine(b)
	for _, tc := range []struct {
		size     int
		distinct bool
		limit    int
	}{
		{1 << 20, true, scanner.DefaultMaxFindingsPerFile},
		{1 << 20, false, scanner.DefaultMaxFindingsPerFile},
		{1 << 20, true, 0},
		{24 << 20, true, scanner.DefaultMaxFindingsPerFile},
		{24 << 20, false, scanner.DefaultMaxFindingsPerFile},
	} {
		name := fmt.Sprintf("%dMB/distinct=%v/limit=%d", tc.size>>20, tc.distinct, tc.limit)
		text := longLine(tc.size, tc.distinct)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				fs, _ := e.ScanLimit(context.Background(), engine.Fragment{Path: "app.txt", Text: text, StartLine: 1}, tc.limit)
				if len(fs) == 0 {
					b.Fatal("no findings")
				}
				b.ReportMetric(float64(len(fs)), "findings")
			}
		})
	}
}

// cliEngine is the engine a scan builds from the default config, decoding
// five times as the CLI does.
func cliEngine(b *testing.B) engine.Engine {
	cfg, err := engine.DefaultConfig()
	if err != nil {
		b.Fatal(err)
	}
	return engine.New(cfg, engine.Options{MaxDecodeDepth: 5})
}

// denseLine is one line of about n bytes holding the same short
// password assignment over and over, so that every few bytes start a
// candidate for the generic assignment rules while at most one finding
// survives deduplication.
func denseLine(n int, unit string) string {
	return strings.Repeat(unit, n/len(unit)+1) + "\n"
}

// BenchmarkDenseAssignments scans lines dense with generic assignment
// candidates (the shape that took seconds per megabyte), in a PHP config
// and a Python module.
//
//	go test -tags gore2regex,re2_cgo -bench DenseAssignments -benchtime 1x ./bench/gobench
func BenchmarkDenseAssignments(b *testing.B) {
	e := cliEngine(b)
	for _, tc := range []struct {
		path, unit string
		size       int
	}{
		{"config.php", `$db_pass = "gnome"; `, 1 << 20},
		{"settings.py", `PASSWORD = 'gnome'; `, 1 << 20},
		{"app.js", `password: "gnome", `, 1 << 20},
	} {
		text := denseLine(tc.size, tc.unit)
		b.Run(fmt.Sprintf("%s/%dMB", tc.path, tc.size>>20), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				fs, _ := e.ScanLimit(context.Background(), engine.Fragment{Path: tc.path, Text: text, StartLine: 1}, scanner.DefaultMaxFindingsPerFile)
				b.ReportMetric(float64(len(fs)), "findings")
			}
		})
	}
}
