package ghlogs

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// chunkSize is roughly how much log text goes into one scanner fragment;
// big step logs are scanned in pieces that start on a line boundary.
const chunkSize = 4 << 20

// logFile is one log in a run archive. GitHub's archive holds, per job, a
// top-level "<n>_<job>.txt" with the whole job log and a "<job>/" folder of
// "<n>_<step>.txt" step logs. Step logs are scanned; a job log only when its
// job has no step folder, so no line is reported twice.
type logFile struct {
	Name    string // entry name in the zip
	Job     string
	Step    string // empty for a whole-job log
	StepNum int
	zf      *zip.File
}

func (l logFile) fragmentPath(runID int64) string {
	step := l.Step
	if step == "" {
		step = "(job log)"
	}
	return fmt.Sprintf("%d/%s/%s", runID, l.Job, step)
}

// splitNumbered splits "12_Run tests.txt" into 12 and "Run tests".
func splitNumbered(base string) (int, string) {
	base = strings.TrimSuffix(base, ".txt")
	if i := strings.IndexByte(base, '_'); i > 0 {
		if n, err := strconv.Atoi(base[:i]); err == nil {
			return n, base[i+1:]
		}
	}
	return 0, base
}

// logFiles lists the logs of an archive to scan, in job then step order.
func logFiles(zr *zip.Reader) []logFile {
	var steps, jobs []logFile
	hasDir := map[string]bool{}
	for _, zf := range zr.File {
		name := zf.Name
		if zf.FileInfo().IsDir() || !strings.HasSuffix(name, ".txt") {
			continue
		}
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			n, step := splitNumbered(name[i+1:])
			job := name[:i]
			hasDir[job] = true
			steps = append(steps, logFile{Name: name, Job: job, Step: step, StepNum: n, zf: zf})
			continue
		}
		_, job := splitNumbered(name)
		jobs = append(jobs, logFile{Name: name, Job: job, zf: zf})
	}
	for _, j := range jobs {
		if !hasDir[j.Job] {
			steps = append(steps, j)
		}
	}
	sort.SliceStable(steps, func(a, b int) bool {
		if steps[a].Job != steps[b].Job {
			return steps[a].Job < steps[b].Job
		}
		return steps[a].StepNum < steps[b].StepNum
	})
	return steps
}

// readArchive opens the zip in r and calls scan with the timestamp-free
// text of each log, chunk by chunk (startLine is the 1-based line of the
// chunk's first line), and done after each log. maxBytes caps the total
// decompressed size.
func readArchive(r io.ReaderAt, size, maxBytes int64, scan func(lf logFile, chunk string, startLine int), done func()) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("log archive is not a valid zip: %v", err)
	}
	budget := maxBytes
	for _, lf := range logFiles(zr) {
		rc, err := lf.zf.Open()
		if err != nil {
			return fmt.Errorf("log archive entry %q: %v", lf.Name, err)
		}
		n, err := readLog(io.LimitReader(rc, budget+1), func(chunk string, start int) { scan(lf, chunk, start) })
		rc.Close()
		budget -= n
		if budget < 0 {
			return fmt.Errorf("log archive expands to more than %s; not scanned", byteSize(maxBytes))
		}
		if err != nil {
			return fmt.Errorf("log archive entry %q is corrupt: %v", lf.Name, err)
		}
		done()
	}
	return nil
}

// readLog reads one log, strips line timestamps and hands out chunks. It
// returns how many bytes it read.
func readLog(r io.Reader, emit func(chunk string, startLine int)) (int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		b     strings.Builder
		read  int64
		line  = 0
		start = 1
	)
	flush := func() {
		if b.Len() > 0 {
			emit(b.String(), start)
			b.Reset()
		}
		start = line + 1
	}
	for {
		s, err := br.ReadString('\n')
		read += int64(len(s))
		if s != "" {
			line++
			if line == 1 {
				s = strings.TrimPrefix(s, "\ufeff")
			}
			b.WriteString(stripTimestamp(strings.TrimRight(s, "\r\n")))
			b.WriteByte('\n')
			if b.Len() >= chunkSize {
				flush()
			}
		}
		if errors.Is(err, io.EOF) {
			flush()
			return read, nil
		}
		if err != nil {
			return read, err
		}
	}
}

// stripTimestamp removes the "2024-01-01T00:00:00.0000000Z " prefix that
// GitHub writes before every log line.
func stripTimestamp(s string) string {
	const pat = "dddd-dd-ddTdd:dd:dd"
	if len(s) < len(pat)+2 {
		return s
	}
	for i := 0; i < len(pat); i++ {
		c := s[i]
		if pat[i] == 'd' {
			if c < '0' || c > '9' {
				return s
			}
		} else if c != pat[i] {
			return s
		}
	}
	i := len(pat)
	if s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && s[i] == 'Z' {
		i++
		if i < len(s) && s[i] == ' ' {
			i++
		}
		return s[i:]
	}
	return s
}
