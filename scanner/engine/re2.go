package engine

import (
	"sync"

	re2 "github.com/wasilibs/go-re2"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// lazyRE runs a rule's regular expression with RE2 (go-re2: RE2 compiled
// to Go, or the system's libre2 with -tags re2_cgo), compiled on first
// use, so loading a config costs no RE2 compilation and a scan compiles
// only the rules its keywords trigger. An expression RE2 rejects runs with
// the rule's own regexp (Go's, unless gitleaks' gore2regex tag is set).
type lazyRE struct {
	orig *regexp.Regexp
	once sync.Once
	re   *re2.Regexp
}

func newLazyRE(orig *regexp.Regexp) *lazyRE { return &lazyRE{orig: orig} }

func (l *lazyRE) get() *re2.Regexp {
	l.once.Do(func() {
		if re, err := re2.Compile(l.orig.String()); err == nil {
			l.re = re
		}
	})
	return l.re
}

// FindAllStringIndex returns every match of the expression in s.
func (l *lazyRE) FindAllStringIndex(s string) [][]int {
	if re := l.get(); re != nil {
		return re.FindAllStringIndex(s, -1)
	}
	return l.orig.FindAllStringIndex(s, -1)
}

// FindStringSubmatch returns the leftmost match in s and its groups.
func (l *lazyRE) FindStringSubmatch(s string) []string {
	if re := l.get(); re != nil {
		return re.FindStringSubmatch(s)
	}
	return l.orig.FindStringSubmatch(s)
}
