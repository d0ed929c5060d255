package finding

import (
	"index/suffixarray"
	"sort"
	"strings"
	"sync"
)

// MinPartial is the shortest piece of a secret that redaction removes when
// a text holds only part of it: a text cut in the middle of a secret (a
// match that ends half-way into a token another rule found) or a text that
// lies inside one. Shorter pieces are left alone; they reveal little and
// would otherwise hit ordinary words at the edges of every text.
const MinPartial = 6

// headLen is the length of the prefix (and suffix) by which secrets are
// indexed; it must not exceed MinPartial.
const headLen = 4

// Redactor removes a set of secret values from text: every occurrence of a
// secret, each line (of at least MinPartial bytes) of a multi-line secret
// (so a private key shown line by line in a diff is removed too), the head
// or tail of a secret where a text starts or ends half-way into it, and a
// whole text that lies inside a secret. Overlapping secrets are removed
// whole: the spans they cover are merged before they are replaced with
// RedactedValue. A nil or empty Redactor leaves text unchanged. It is
// safe for concurrent use.
type Redactor struct {
	needles []string         // secrets and lines of multi-line secrets, longest first
	byHead  map[string][]int // needles of at least headLen bytes by their first headLen bytes
	byTail  map[string][]int // the same by their last headLen bytes
	short   []int            // needles shorter than headLen
	joined  string           // "\x00" + needles joined by "\x00" + "\x00"
	maxLen  int
	// inside finds a text in joined; built on first use.
	inside     *suffixarray.Index
	insideOnce sync.Once
}

// NewRedactor returns a Redactor for secrets; empty values and
// RedactedValue are ignored.
func NewRedactor(secrets []string) *Redactor {
	seen := map[string]bool{}
	var needles []string
	add := func(s string) {
		if s == "" || s == RedactedValue || seen[s] {
			return
		}
		seen[s] = true
		needles = append(needles, s)
	}
	for _, s := range secrets {
		add(s)
		if strings.ContainsAny(s, "\r\n") {
			for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
				if line = strings.TrimSpace(line); len(line) >= MinPartial {
					add(line)
				}
			}
		}
	}
	sort.SliceStable(needles, func(i, j int) bool { return len(needles[i]) > len(needles[j]) })
	r := &Redactor{needles: needles, byHead: map[string][]int{}, byTail: map[string][]int{}}
	for i, n := range needles {
		r.maxLen = max(r.maxLen, len(n))
		if len(n) < headLen {
			r.short = append(r.short, i)
			continue
		}
		r.byHead[n[:headLen]] = append(r.byHead[n[:headLen]], i)
		r.byTail[n[len(n)-headLen:]] = append(r.byTail[n[len(n)-headLen:]], i)
	}
	r.joined = "\x00" + strings.Join(needles, "\x00") + "\x00"
	return r
}

// Empty reports whether r has nothing to redact.
func (r *Redactor) Empty() bool { return r == nil || len(r.needles) == 0 }

// Redact returns text with every secret of r replaced by RedactedValue.
func (r *Redactor) Redact(text string) string {
	if r.Empty() || text == "" {
		return text
	}
	if len(text) >= MinPartial && len(text) <= r.maxLen && r.within(text) {
		return RedactedValue // the text lies inside a secret
	}
	var spans [][2]int
	for i := 0; i+headLen <= len(text); i++ {
		for _, n := range r.byHead[text[i:i+headLen]] {
			s := r.needles[n]
			switch rest := text[i:]; {
			case strings.HasPrefix(rest, s):
				spans = append(spans, [2]int{i, i + len(s)})
			case len(rest) >= MinPartial && strings.HasPrefix(s, rest):
				spans = append(spans, [2]int{i, len(text)}) // the text ends inside s
			}
		}
	}
	for _, n := range r.short {
		s := r.needles[n]
		for off := 0; ; {
			k := strings.Index(text[off:], s)
			if k < 0 {
				break
			}
			spans = append(spans, [2]int{off + k, off + k + len(s)})
			off += k + 1
		}
	}
	// The text starts inside a secret: a prefix of the text is a suffix of it.
	for j := MinPartial; j <= len(text) && j < r.maxLen; j++ {
		for _, n := range r.byTail[text[j-headLen:j]] {
			if s := r.needles[n]; len(s) > j && strings.HasSuffix(s, text[:j]) {
				spans = append(spans, [2]int{0, j})
			}
		}
	}
	if len(spans) == 0 {
		return text
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var b strings.Builder
	last := 0
	for k := 0; k < len(spans); {
		start, end := spans[k][0], spans[k][1]
		for k++; k < len(spans) && spans[k][0] <= end; k++ {
			end = max(end, spans[k][1])
		}
		b.WriteString(text[last:start])
		b.WriteString(RedactedValue)
		last = end
	}
	b.WriteString(text[last:])
	return b.String()
}

// SecretsOf returns the secret values of the findings not yet redacted.
func SecretsOf(fs []Finding) []string {
	var out []string
	for i := range fs {
		if f := &fs[i]; !f.redacted && f.Secret != "" && f.Secret != RedactedValue {
			out = append(out, f.Secret)
		}
	}
	return out
}

// RedactAll redacts every finding in place with the union of all their
// secrets and extra: a text quoted by one finding (Match, Line, Message,
// Author, Email, Extra values, the verification reason) loses every secret
// of the set, not only its own, so a match that also covers another
// finding's token, or a commit message holding one, shows neither. Every
// caller that prints or stores findings calls it once over the whole set.
func RedactAll(fs []Finding, extra ...string) {
	r := NewRedactor(append(SecretsOf(fs), extra...))
	memo := map[string]string{} // messages and authors repeat across findings
	for i := range fs {
		fs[i].redactWith(r, memo)
	}
}

// RedactWith redacts f with r (see RedactAll); f's own secret is removed
// even when r lacks it.
func (f *Finding) RedactWith(r *Redactor) {
	if !f.redacted && f.Secret != "" && f.Secret != RedactedValue && !r.has(f.Secret) {
		r = NewRedactor(append(append([]string(nil), r.secrets()...), f.Secret))
	}
	f.redactWith(r, map[string]string{})
}

func (f *Finding) redactWith(r *Redactor, memo map[string]string) {
	red := func(s string) string {
		if s == "" || r.Empty() {
			return s
		}
		if v, ok := memo[s]; ok {
			return v
		}
		v := r.Redact(s)
		memo[s] = v
		return v
	}
	f.Match, f.Line = red(f.Match), red(f.Line)
	f.Message, f.Author, f.Email = red(f.Message), red(f.Author), red(f.Email)
	if len(f.Extra) > 0 {
		extra := make(map[string]string, len(f.Extra))
		for k, v := range f.Extra {
			extra[k] = red(v)
		}
		f.Extra = extra
	}
	if f.Verification != nil {
		v := *f.Verification
		v.Reason = red(v.Reason)
		f.Verification = &v
	}
	f.Secret = RedactedValue
	f.redacted = true
}

// within reports whether text occurs inside one of the needles (a suffix
// array of all of them: one lookup costs O(len(text) log n) where a plain
// search of every needle took half a second for 4,000 findings).
func (r *Redactor) within(text string) bool {
	r.insideOnce.Do(func() { r.inside = suffixarray.New([]byte(r.joined)) })
	return len(r.inside.Lookup([]byte(text), 1)) > 0
}

func (r *Redactor) has(s string) bool {
	return r != nil && strings.Contains(r.joined, "\x00"+s+"\x00")
}

func (r *Redactor) secrets() []string {
	if r == nil {
		return nil
	}
	return r.needles
}
