package scanner

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestAddedRuns(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           []string
	}{
		{"all new", "", "a\nb\n", []string{"1:a\nb\n"}},
		{"append", "a\nb\n", "a\nb\nc\nd\n", []string{"3:c\nd"}},
		{"middle", "a\nb\n", "a\nx\nb\n", []string{"2:x"}},
		{"a moved line is added, as git diff shows it", "a\nb\nc\n", "c\na\nb\n", []string{"1:c"}},
		{"duplicated block: the copy after the original is added", "x\nk1\nk2\ny\n", "x\nk1\nk2\nz\nk1\nk2\ny\n", []string{"4:z\nk1\nk2"}},
		{"duplicate added", "a\n", "a\na\n", []string{"2:a"}},
		{"crlf", "a\r\n", "a\r\nb\r\n", []string{"2:b"}},
		{"no trailing newline", "a\n", "a\nb", []string{"2:b"}},
		{"identical", "a\nb\n", "a\nb\n", nil},
		{"edit inside a long file", "a\nb\nc\nd\n", "a\nB\nc\nd\n", []string{"2:B"}},
		{"edit within a line", "abc\nz\n", "abd\nz\n", []string{"1:abd"}},
		{"common tail of a line is not a line", "x\nfoo", "y\nfoo", []string{"1:y"}},
		{"shorter", "a\nb\nc\n", "a\nc\n", nil},
		{"prefix of the old last line", "ab", "a", []string{"1:a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, r := range addedRuns([]byte(tc.old), []byte(tc.new)) {
				got = append(got, itoa(r.line)+":"+tc.new[r.start:r.end])
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAddedWindows(t *testing.T) {
	text := "l0\nl1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11"
	line := func(i int) (int, int) { // byte range of line i, no newline
		s := 0
		for k := 0; k < i; k++ {
			s += strings.IndexByte(text[s:], '\n') + 1
		}
		e := strings.IndexByte(text[s:], '\n')
		if e < 0 {
			return s, len(text)
		}
		return s, s + e
	}
	mk := func(a, b int) run {
		s, _ := line(a)
		_, e := line(b)
		return run{line: a + 1, start: s, end: e}
	}
	for _, tc := range []struct {
		name string
		runs []run
		wide bool
		want []string // "first line:text:focus"
	}{
		{"narrow", []run{mk(2, 2)}, false, []string{"2:l2\n:1"}},
		{"wide", []run{mk(5, 5)}, true, []string{"2:l2\nl3\nl4\nl5\nl6\nl7\nl8\n:0001000"}},
		{"wide at the edges", []run{mk(0, 0), mk(11, 11)}, true, []string{"0:l0\nl1\nl2\nl3\n:1000", "8:l8\nl9\nl10\nl11:0001"}},
		{"merged", []run{mk(1, 2), mk(4, 4)}, true, []string{"0:l0\nl1\nl2\nl3\nl4\nl5\nl6\nl7\n:01101000"}},
		{"adjacent narrow runs merge", []run{mk(1, 1), mk(2, 3)}, false, []string{"1:l1\nl2\nl3\n:111"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, w := range addedWindows(text, tc.runs, func(run) bool { return tc.wide }) {
				f := ""
				for _, b := range w.focus {
					f += map[bool]string{true: "1", false: "0"}[b]
				}
				got = append(got, itoa(w.line)+":"+text[w.start:w.end]+":"+f)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestMyersRunsIsAShortestScript checks, on random line sequences, that the
// lines myersRuns keeps are a common subsequence of both versions and as
// long as the longest one (computed by dynamic programming).
func TestMyersRunsIsAShortestScript(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	gen := func() []string {
		ls := make([]string, rng.IntN(30))
		for i := range ls {
			ls[i] = string(rune('a' + rng.IntN(4)))
		}
		return ls
	}
	sc := new(diffScratch) // reused, as the pool reuses it
	for iter := 0; iter < 500; iter++ {
		a, b := gen(), gen()
		prev, cur := strings.Join(a, "\n")+"\n", strings.Join(b, "\n")+"\n"
		if len(b) == 0 {
			continue
		}
		runs, ok := sc.myersRuns(splitLines(nil, []byte(prev)), splitLines(nil, []byte(cur)))
		if !ok {
			t.Fatal("budget exceeded on a tiny input")
		}
		inserted := make([]bool, len(b))
		for _, r := range runs {
			n := strings.Count(cur[r.start:r.end], "\n") + 1
			for l := r.line - 1; l < r.line-1+n; l++ {
				inserted[l] = true
			}
		}
		var kept []string
		for i, l := range b {
			if !inserted[i] {
				kept = append(kept, l)
			}
		}
		// kept must be a subsequence of a ...
		j := 0
		for _, l := range a {
			if j < len(kept) && kept[j] == l {
				j++
			}
		}
		if j != len(kept) {
			t.Fatalf("%q -> %q: kept %q is not a subsequence of the old lines", a, b, kept)
		}
		// ... as long as the longest common subsequence.
		lcs := make([][]int, len(a)+1)
		for i := range lcs {
			lcs[i] = make([]int, len(b)+1)
		}
		for i := len(a) - 1; i >= 0; i-- {
			for k := len(b) - 1; k >= 0; k-- {
				if a[i] == b[k] {
					lcs[i][k] = lcs[i+1][k+1] + 1
				} else {
					lcs[i][k] = max(lcs[i+1][k], lcs[i][k+1])
				}
			}
		}
		if len(kept) != lcs[0][0] {
			t.Fatalf("%q -> %q: kept %d lines, LCS is %d", a, b, len(kept), lcs[0][0])
		}
	}
}
