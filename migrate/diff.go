package migrate

import (
	"fmt"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// diffContext is the number of unchanged lines around each hunk.
const diffContext = 3

type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

type diffOp struct {
	kind opKind
	line string // with its newline, if it has one
}

// splitLines splits s after each newline; the last line may lack one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines is Myers' O((N+M)D) line diff, run on what remains after the
// common prefix and suffix are set aside.
func diffLines(a, b []string) []diffOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []diffOp
	for _, l := range a[:pre] {
		ops = append(ops, diffOp{opEqual, l})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, diffOp{opEqual, l})
	}
	return ops
}

func myers(a, b []string) []diffOp {
	n, m := len(a), len(b)
	max := n + m
	if max == 0 {
		return nil
	}
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, off)
			}
		}
	}
	return nil // unreachable: d = n+m always reaches the end
}

func backtrack(a, b []string, trace [][]int, off int) []diffOp {
	x, y := len(a), len(b)
	var rev []diffOp
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[off+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			rev = append(rev, diffOp{opEqual, a[x-1]})
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, diffOp{opInsert, b[y-1]})
			} else {
				rev = append(rev, diffOp{opDelete, a[x-1]})
			}
		}
		x, y = prevX, prevY
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// UnifiedDiff returns a git-style unified diff turning before into after
// for the file at path (slash-separated, relative to the repository root);
// isNew marks a file that does not exist yet. It returns "" when nothing
// changed. The output applies with `git apply`.
func UnifiedDiff(path, before, after string, isNew bool) string {
	if before == after && !isNew {
		return ""
	}
	ops := diffLines(splitLines(before), splitLines(after))
	var b strings.Builder
	fmt.Fprintf(&b, "diff --git a/%s b/%s\n", path, path)
	if isNew {
		b.WriteString("new file mode 100644\n--- /dev/null\n")
	} else {
		fmt.Fprintf(&b, "--- a/%s\n", path)
	}
	fmt.Fprintf(&b, "+++ b/%s\n", path)
	for _, h := range hunks(ops) {
		writeHunk(&b, ops[h[0]:h[1]], ops[:h[0]])
	}
	return b.String()
}

// hunks returns [start, end) ranges of ops, each a change with up to
// diffContext equal lines around it; ranges closer than 2*diffContext merge.
func hunks(ops []diffOp) [][2]int {
	var out [][2]int
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == opEqual {
			continue
		}
		start := i - diffContext
		if start < 0 {
			start = 0
		}
		end := i + 1
		for j := i + 1; j < len(ops); j++ {
			if ops[j].kind != opEqual {
				end = j + 1
			} else if j-end >= 2*diffContext {
				break
			}
		}
		end += diffContext
		if end > len(ops) {
			end = len(ops)
		}
		if n := len(out); n > 0 && start <= out[n-1][1] {
			out[n-1][1] = end
		} else {
			out = append(out, [2]int{start, end})
		}
		i = end - 1
	}
	return out
}

func writeHunk(b *strings.Builder, ops, before []diffOp) {
	aStart, bStart := 1, 1
	for _, o := range before {
		if o.kind != opInsert {
			aStart++
		}
		if o.kind != opDelete {
			bStart++
		}
	}
	aLen, bLen := 0, 0
	for _, o := range ops {
		if o.kind != opInsert {
			aLen++
		}
		if o.kind != opDelete {
			bLen++
		}
	}
	if aLen == 0 {
		aStart--
	}
	if bLen == 0 {
		bStart--
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
	for _, o := range ops {
		b.WriteByte(byte(o.kind))
		b.WriteString(o.line)
		if !strings.HasSuffix(o.line, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// Redact replaces each secret in text with REDACTED (finding.Redactor):
// every occurrence, longest secrets first so one that contains another is
// removed whole, and every line of a multi-line value, so a private key
// shown line by line in a diff is removed too.
func Redact(text string, secrets []string) string {
	return finding.NewRedactor(secrets).Redact(text)
}
