package engine

import (
	"strings"
	"sync"

	re2 "github.com/wasilibs/go-re2"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// lazyRE is a regular expression run by RE2 (go-re2: RE2 compiled to Go,
// or the system's libre2 with -tags re2_cgo), compiled on first use, so
// loading a config costs no RE2 compilation and a scan compiles only the
// rules its keywords trigger. get returns nil when RE2 rejects the
// expression: callers then use the config's own regexp (Go's, unless
// gitleaks' gore2regex tag is set).
type lazyRE struct {
	expr string
	once sync.Once
	re   *re2.Regexp
}

func newLazyRE(expr string) *lazyRE { return &lazyRE{expr: expr} }

func (l *lazyRE) get() *re2.Regexp {
	l.once.Do(func() {
		if re, err := re2.Compile(l.expr); err == nil {
			l.re = re
		}
	})
	return l.re
}

// joinOr is the alternation gitleaks' allowlists match with (config's
// joinRegexOr, flags and all).
func joinOr(res []*regexp.Regexp) string {
	var b strings.Builder
	b.WriteString("(?:")
	for i, re := range res {
		if i > 0 {
			b.WriteString("|")
		}
		b.WriteString(re.String())
	}
	b.WriteString(")")
	return b.String()
}
