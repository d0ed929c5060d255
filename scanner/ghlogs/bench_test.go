package ghlogs

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/scanner/engine"
)

// benchLog is ~800 KiB of typical build output.
func benchLog() string {
	var lines strings.Builder
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&lines, "ok  \tgithub.com/acme/service/pkg/module%d\t0.%03ds\tcoverage: %d.%d%% of statements\n", i, i%1000, i%100, i%10)
	}
	return lines.String()
}

// BenchmarkScanRun measures one run of 8 jobs x 6 steps of typical log
// lines (one leak per job) end to end through the fake GitHub: download,
// unzip, strip timestamps, scan.
func BenchmarkScanRun(b *testing.B) {
	log := benchLog()
	steps := map[string][][2]string{}
	var jobs []string
	size := 0
	for j := 0; j < 8; j++ {
		job := fmt.Sprintf("test (%d)", j)
		jobs = append(jobs, job)
		for s := 0; s < 6; s++ {
			text := log
			if s == 3 {
				text += "export GH=" + fakePAT + "\n"
			}
			size += len(text)
			steps[job] = append(steps[job], [2]string{fmt.Sprintf("Step %d", s), text})
		}
	}
	z := logZip(b, jobs, steps)
	g := newFakeGitHub(b, fakeRun{id: 1, name: "CI", file: "ci.yml", workflowID: 7, zip: z})
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opts := Options{Repo: owner + "/" + repo, Engine: testEngine(b), TempDir: b.TempDir()}
		res, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), opts)
		if err != nil || len(res.Findings) != 8 {
			b.Fatalf("err %v findings %d", err, len(res.Findings))
		}
	}
	b.ReportMetric(float64(len(z))/(1<<20), "zipMiB")
}

// BenchmarkEngineOnly scans the same text straight through the engine, the
// floor for BenchmarkScanRun.
func BenchmarkEngineOnly(b *testing.B) {
	log := benchLog()
	e := testEngine(b)
	b.SetBytes(int64(len(log)))
	for i := 0; i < b.N; i++ {
		e.Scan(context.Background(), engine.Fragment{Path: "x", Text: log, StartLine: 1})
	}
}
