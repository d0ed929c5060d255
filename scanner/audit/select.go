package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Shard is job I of N (1-based); the zero Shard is the whole list.
type Shard struct{ I, N int }

// maxShards bounds N: a matrix larger than this is surely a typo.
const maxShards = 10000

// ParseShard parses "i/n" with 1 <= i <= n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > maxShards || i < 1 || i > n {
		return Shard{}, fmt.Errorf("--shard wants I/N with 1 <= I <= N <= %d (as in 3/16), got %q", maxShards, s)
	}
	return Shard{I: i, N: n}, nil
}

// String renders "i/n", or "" for the whole list.
func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// Contains reports whether the repository belongs to the shard: by a hash
// of its full name (case-folded, as GitHub's names are), so every job of a
// matrix computes the same split without talking to the others, and a
// repository stays in its shard as others are added or removed.
func (s Shard) Contains(fullName string) bool {
	if s.N <= 1 {
		return true
	}
	sum := sha256.Sum256([]byte(strings.ToLower(fullName)))
	return binary.BigEndian.Uint64(sum[:8])%uint64(s.N) == uint64(s.I-1)
}

// Selection chooses which listed repositories an audit covers.
type Selection struct {
	IncludeForks    bool
	IncludeArchived bool
	// Filters, when any, keep only repositories matching one of them;
	// Excludes drop those matching any. Globs (path.Match) match the name
	// or owner/name.
	Filters, Excludes []string
	Shard             Shard
}

// CheckGlobs validates glob patterns (for flag validation).
func CheckGlobs(globs []string) error {
	for _, g := range globs {
		if _, err := path.Match(g, ""); err != nil || g == "" {
			return fmt.Errorf("bad glob %q: %v", g, orEmpty(err))
		}
	}
	return nil
}

func orEmpty(err error) error {
	if err == nil {
		return fmt.Errorf("empty pattern")
	}
	return err
}

// Apply returns the selected repositories, in order.
func (s Selection) Apply(repos []Repo) []Repo {
	var out []Repo
	for _, r := range repos {
		switch {
		case r.Fork && !s.IncludeForks, r.Archived && !s.IncludeArchived:
		case len(s.Filters) > 0 && !matchAny(s.Filters, r):
		case matchAny(s.Excludes, r):
		case !s.Shard.Contains(r.FullName):
		default:
			out = append(out, r)
		}
	}
	return out
}

func matchAny(globs []string, r Repo) bool {
	for _, g := range globs {
		for _, name := range []string{r.Name, r.FullName} {
			if ok, _ := path.Match(g, name); ok {
				return true
			}
			if ok, _ := path.Match(strings.ToLower(g), strings.ToLower(name)); ok {
				return true
			}
		}
	}
	return false
}
