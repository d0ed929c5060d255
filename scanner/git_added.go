package scanner

import (
	"bytes"
	"hash/maphash"
	"slices"
	"sync"
)

// run is a stretch of consecutive added lines: its 1-based first line and
// byte range in the new content.
type run struct {
	line       int
	start, end int
}

// lineSeed keys line hashes; any fixed seed works within a process.
var lineSeed = maphash.MakeSeed()

// addedRuns returns the lines of cur that prev does not hold, grouped into
// runs. Lines common to the start and to the end of both are skipped first
// (most commits edit a few lines of a long file); in between, a shortest
// edit script (Myers' algorithm, git diff's default) tells the inserted
// lines, so findings carry the line numbers git log -p shows. When the
// script would be long (a rewrite), lines are compared as a multiset
// instead, in linear time: a line counts as added when cur holds it more
// often than prev.
func addedRuns(prev, cur []byte) []run {
	if len(cur) == 0 {
		return nil
	}
	if len(prev) == 0 {
		return []run{{line: 1, start: 0, end: len(cur)}}
	}
	p := commonLinePrefix(prev, cur)
	q := commonLineSuffix(prev[p:], cur[p:])
	mid := cur[p : len(cur)-q]
	if len(mid) == 0 {
		return nil
	}
	// Lines are split and hashed once, for both comparisons.
	sc := scratchPool.Get().(*diffScratch)
	defer sc.release()
	sc.a, sc.b = splitLines(sc.a[:0], prev[p:len(prev)-q]), splitLines(sc.b[:0], mid)
	runs, ok := sc.myersRuns(sc.a, sc.b)
	if !ok {
		runs = multisetRuns(sc.a, sc.b)
	}
	first := bytes.Count(cur[:p], []byte{'\n'})
	for i := range runs {
		runs[i].line += first
		runs[i].start += p
		runs[i].end += p
	}
	return runs
}

// commonLinePrefix returns the length of the longest common prefix of a and
// b that ends at a line boundary.
func commonLinePrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == len(a) && i == len(b) {
		return i
	}
	return bytes.LastIndexByte(a[:i], '\n') + 1
}

// commonLineSuffix returns the length of the longest common suffix of a and
// b that starts at a line start in both.
func commonLineSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	for i > 0 {
		sa, sb := len(a)-i, len(b)-i
		if (sa == 0 || a[sa-1] == '\n') && (sb == 0 || b[sb-1] == '\n') {
			return i
		}
		j := bytes.IndexByte(a[sa:], '\n')
		if j < 0 {
			return 0
		}
		i -= j + 1
	}
	return 0
}

// myersBudget bounds the work of an edit script, (lines of both) x edits,
// and maxEdits its length (the search keeps about maxEdits² integers).
const (
	myersBudget = 2_000_000
	maxEdits    = 200
)

// line is a hashed line: its hash and byte range, without the newline.
type line struct {
	h          uint64
	start, end int
}

// diffScratch holds the buffers of one comparison. They are pooled: the
// edit script's trace alone is up to 160 KB, and allocating it afresh for
// every changed file made it 40% of all the bytes a history scan allocated.
type diffScratch struct {
	a, b     []line
	v, trace []int32
	inserted []bool
}

var scratchPool = sync.Pool{New: func() any { return new(diffScratch) }}

// release returns sc to the pool, without the buffers of a huge file (the
// trace is bounded by maxEdits; the others grow with the file's lines).
func (sc *diffScratch) release() {
	if cap(sc.a)+cap(sc.b) > 1<<16 {
		sc.a, sc.b, sc.inserted = nil, nil, nil
	}
	scratchPool.Put(sc)
}

// splitLines appends the hashed lines of b to ls.
func splitLines(ls []line, b []byte) []line {
	ls = slices.Grow(ls, bytes.Count(b, []byte{'\n'})+1)
	forLines(b, func(s, e int) { ls = append(ls, line{maphash.Bytes(lineSeed, b[s:e]), s, e}) })
	return ls
}

// myersRuns returns the runs of lines b that a shortest edit script from
// lines a inserts; ok is false when that would cost over myersBudget.
func (sc *diffScratch) myersRuns(a, b []line) (runs []run, ok bool) {
	n, m := len(a), len(b)
	maxD := min(n+m, maxEdits, myersBudget/max(n+m, 1))
	off := maxD + 1
	v := resize(sc.v, 2*maxD+3)
	clear(v)
	// trace holds, for each round d from its offset d²+2d, v[-d-1..d+1] as
	// it was when the round started.
	trace := sc.trace[:0]
	defer func() { sc.v, sc.trace = v, trace }()
	rounds := 0
	done := false
	for d := 0; d <= maxD && !done; d++ {
		trace = append(trace, v[off-d-1:off+d+2]...)
		rounds++
		for k := -d; k <= d; k += 2 {
			var x int32
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - int32(k)
			for int(x) < n && int(y) < m && a[x].h == b[y].h {
				x++
				y++
			}
			v[off+k] = x
			if int(x) >= n && int(y) >= m {
				done = true
				break
			}
		}
	}
	if !done {
		return nil, false
	}
	inserted := resize(sc.inserted, m)
	clear(inserted)
	defer func() { sc.inserted = inserted }()
	x, y := int32(n), int32(m)
	for d := int32(rounds - 1); d > 0; d-- {
		tv := trace[d*d+2*d:] // index k+d+1
		k := x - y
		var pk int32
		if k == -d || (k != d && tv[k-1+d+1] < tv[k+1+d+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := tv[pk+d+1]
		py := px - pk
		for x > px && y > py {
			x--
			y--
		}
		if x == px {
			inserted[py] = true
		}
		x, y = px, py
	}
	for i := 0; i < m; i++ {
		if !inserted[i] {
			continue
		}
		if i > 0 && inserted[i-1] {
			runs[len(runs)-1].end = b[i].end
			continue
		}
		runs = append(runs, run{line: i + 1, start: b[i].start, end: b[i].end})
	}
	return runs, true
}

// resize returns s with length n, reallocated when its capacity is short.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// multisetRuns returns the runs of lines b that lines a holds fewer times.
func multisetRuns(a, b []line) []run {
	counts := make(map[uint64]int32, len(a))
	for _, l := range a {
		counts[l.h]++
	}
	var out []run
	open := false
	for i, l := range b {
		if n := counts[l.h]; n > 0 {
			counts[l.h] = n - 1
			open = false
			continue
		}
		if open {
			out[len(out)-1].end = l.end
			continue
		}
		out = append(out, run{line: i + 1, start: l.start, end: l.end})
		open = true
	}
	return out
}

// forLines calls fn with the byte range of each line, without its newline
// (and without a carriage return before it).
func forLines(b []byte, fn func(s, e int)) {
	for s := 0; s < len(b); {
		i := bytes.IndexByte(b[s:], '\n')
		next := s + i + 1
		if i < 0 {
			i, next = len(b)-s, len(b)
		}
		e := s + i
		if e > s && b[e-1] == '\r' {
			e--
		}
		fn(s, e)
		s = next
	}
}
