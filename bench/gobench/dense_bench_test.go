package gobench

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

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
	cfg, err := engine.DefaultConfig()
	if err != nil {
		b.Fatal(err)
	}
	e := engine.New(cfg, engine.Options{MaxDecodeDepth: 5})
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
