package ghlogs

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestScanRateLimits(t *testing.T) {
	// go-github refuses requests itself until a reset it has seen passes on
	// the real clock, so resets lie in the real past and the injected clock
	// runs behind them.
	reset := time.Now().Add(-10 * time.Second).Truncate(time.Second)
	const runs = "/api/v3/repos/octo-org/octo-repo/actions/runs"
	primary := func(code int) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			w.Header().Set("X-RateLimit-Limit", "5000")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Used", "5000")
			w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
			w.Header().Set("X-RateLimit-Resource", "core")
			writeJSON(w, code, map[string]string{
				"message":           "API rate limit exceeded for user ID 1.",
				"documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
			})
		}
	}
	secondary := func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "0")
		writeJSON(w, http.StatusForbidden, map[string]string{
			"message":           "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
		})
	}
	tests := []struct {
		name      string
		path      string
		limited   func(w http.ResponseWriter)
		now       time.Time
		wantSleep []time.Duration
		wantErr   string
	}{
		{"list 403", runs, primary(http.StatusForbidden), reset.Add(-30 * time.Second), []time.Duration{31 * time.Second}, ""},
		{"list 429", runs, primary(http.StatusTooManyRequests), reset.Add(-30 * time.Second), []time.Duration{31 * time.Second}, ""},
		{"logs 403", runs + "/1/logs", primary(http.StatusForbidden), reset.Add(-5 * time.Second), []time.Duration{6 * time.Second}, ""},
		{"secondary", runs, secondary, reset, []time.Duration{time.Second}, ""},
		{"logs secondary", runs + "/1/logs", secondary, reset, []time.Duration{time.Second}, ""},
		{"reset too far", runs, primary(http.StatusForbidden), reset.Add(-2 * time.Hour), nil,
			"list workflow runs of octo-org/octo-repo: GitHub API rate limit exceeded; it resets in 2h0m1s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGitHub(t, fakeRun{id: 1, name: "CI", file: "ci.yml", workflowID: 7, zip: leakyZip(t)})
			g.before = func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path == tt.path && g.Count("GET "+tt.path) == 1 {
					tt.limited(w)
					return true
				}
				return false
			}
			opts := baseOpts(t)
			opts.Now = func() time.Time { return tt.now }
			var slept []time.Duration
			opts.Sleep = func(_ context.Context, d time.Duration) error {
				slept = append(slept, d)
				return nil
			}
			res, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			} else if len(res.Findings) != 2 {
				t.Errorf("findings %d after waiting", len(res.Findings))
			}
			if len(slept) != len(tt.wantSleep) || (len(slept) > 0 && slept[0] != tt.wantSleep[0]) {
				t.Errorf("slept %v, want %v", slept, tt.wantSleep)
			}
			if tt.wantErr == "" {
				// The limited call is made again after the wait, and the
				// run is downloaded.
				g.ExpectTimes(2, "GET "+tt.path)
				g.Expect(listRuns)
				g.ExpectTimes(1, archive(1))
			} else {
				g.ExpectTimes(1, "GET "+tt.path)
				g.ExpectTimes(0, runLogs(1), archive(1))
			}
			g.Verify(t)
		})
	}
}

func TestScanArchiveErrors(t *testing.T) {
	noise := make([]byte, 8<<10)
	_, _ = rand.Read(noise)
	big := logZip(t, []string{"build"}, map[string][][2]string{"build": {{"Dump", hex.EncodeToString(noise)}}})
	tests := []struct {
		name    string
		zip     []byte
		chunked bool
		limit   int64
		logCap  int64
		wantErr string
	}{
		{name: "oversize with length", zip: big, limit: 1 << 10, wantErr: "run 7: log archive is larger than the 1 KiB limit"},
		{name: "oversize streamed", zip: big, chunked: true, limit: 1 << 10, wantErr: "run 7: log archive is larger than the 1 KiB limit"},
		{name: "expands too far", zip: big, logCap: 4 << 10, wantErr: "run 7: log archive expands to more than 4 KiB"},
		{name: "not a zip", zip: []byte("PK\x03\x04 this is not a zip archive"), wantErr: "run 7: log archive is not a valid zip"},
		{name: "html error page", zip: []byte("<html><body>AuthenticationFailed</body></html>"), wantErr: "run 7: log archive is not a valid zip"},
		{name: "bad checksum", zip: corruptZip(t), wantErr: `run 7: log archive entry "build/1_Run.txt" is corrupt`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGitHub(t, fakeRun{id: 7, name: "CI", file: "ci.yml", workflowID: 7, zip: tt.zip})
			if tt.chunked {
				g.blob = func(w http.ResponseWriter, _ *http.Request, fr fakeRun) {
					for i := 0; i < len(fr.zip); i += 512 {
						_, _ = w.Write(fr.zip[i:min(i+512, len(fr.zip))])
						w.(http.Flusher).Flush()
					}
				}
			}
			opts := baseOpts(t)
			opts.MaxArchiveSize, opts.MaxLogBytes = tt.limit, tt.logCap
			_, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err %v, want %q", err, tt.wantErr)
			}
			g.Expect(listRuns)
			g.expectDownloads(7)
			g.Verify(t)
		})
	}
}

// corruptZip is a valid stored (uncompressed) archive with one byte of an
// entry's content changed, so only its CRC check fails.
func corruptZip(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "build/1_Run.txt", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write([]byte(stamp("MARKER line\nsecond line\n")))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte("MARKER"))
	b[i] = 'X'
	return b
}

func TestScanSkipsExpiredLogs(t *testing.T) {
	g := newFakeGitHub(t,
		fakeRun{id: 3, name: "CI", file: "ci.yml", workflowID: 7, logsStatus: http.StatusGone},
		fakeRun{id: 2, name: "CI", file: "ci.yml", workflowID: 7, logsStatus: http.StatusNotFound},
		fakeRun{id: 1, name: "CI", file: "ci.yml", workflowID: 7, zip: leakyZip(t)},
	)
	res, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), baseOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 2 || res.Findings[0].Extra["run_id"] != "1" {
		t.Errorf("findings %d", len(res.Findings))
	}
	want := []string{
		"run 3: logs are no longer available (expired or deleted); skipped",
		"run 2: logs are no longer available (expired or deleted); skipped",
	}
	if strings.Join(res.Stats.Warnings, "|") != strings.Join(want, "|") {
		t.Errorf("warnings %q", res.Stats.Warnings)
	}
	g.Expect(listRuns)
	g.ExpectTimes(1, runLogs(3), runLogs(2))
	g.ExpectTimes(0, archive(3), archive(2))
	g.expectDownloads(1)
	g.Verify(t)
}

func TestStripTimestamp(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-01-01T00:00:00.0000000Z hello", "hello"},
		{"2025-04-07T12:57:33.2904078Z ##[group]Operating System", "##[group]Operating System"},
		{"2024-01-01T00:00:00Z x", "x"},
		{"2024-01-01T00:00:00.1234567Z", ""},
		{"2024-01-01T00:00:00.1234567Z  indented", " indented"},
		{"no timestamp here", "no timestamp here"},
		{"2024-01-01 00:00:00 not github's", "2024-01-01 00:00:00 not github's"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := stripTimestamp(tt.in); got != tt.want {
			t.Errorf("stripTimestamp(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadLogChunksKeepLineNumbers(t *testing.T) {
	var in strings.Builder
	line := strings.Repeat("a", 1023)
	n := chunkSize/1024*2 + 10
	for i := 0; i < n; i++ {
		in.WriteString("2024-01-01T00:00:00.0000000Z " + line + "\n")
	}
	in.WriteString("2024-01-01T00:00:00.0000000Z last") // no final newline
	var lines int
	var starts []int
	_, err := readLog(strings.NewReader(in.String()), func(chunk string, start int) {
		if start != lines+1 {
			t.Errorf("chunk starts at line %d after %d lines", start, lines)
		}
		starts = append(starts, start)
		lines += strings.Count(chunk, "\n")
	})
	if err != nil {
		t.Fatal(err)
	}
	if lines != n+1 || len(starts) < 2 {
		t.Errorf("lines %d chunks %v", lines, starts)
	}
}
