package hook

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Update is one line of git's pre-push input:
// "<local ref> <local sha> <remote ref> <remote sha>".
type Update struct {
	LocalRef, LocalSHA, RemoteRef, RemoteSHA string
}

// IsDelete reports whether the update deletes the remote ref (all-zero local sha).
func (u Update) IsDelete() bool { return IsZeroName(u.LocalSHA) }

// IsNew reports whether the remote ref does not exist yet (all-zero remote sha).
func (u Update) IsNew() bool { return IsZeroName(u.RemoteSHA) }

// ParseUpdates reads git's pre-push lines. Blank lines are skipped; a
// malformed line is an error naming its number (the input holds only refs
// and object names, never content, so quoting it is safe).
func ParseUpdates(r io.Reader) ([]Update, error) {
	var out []Update
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		// Ref names cannot hold spaces, but a local "ref" is echoed as typed
		// (e.g. "HEAD~1"); split from the right like git's own tooling does.
		f := strings.Fields(line)
		if len(f) < 4 {
			return nil, fmt.Errorf("pre-push input line %d: want \"<local ref> <local sha> <remote ref> <remote sha>\", got %d fields", n, len(f))
		}
		u := Update{
			LocalRef:  strings.Join(f[:len(f)-3], " "),
			LocalSHA:  f[len(f)-3],
			RemoteRef: f[len(f)-2],
			RemoteSHA: f[len(f)-1],
		}
		for _, sha := range []string{u.LocalSHA, u.RemoteSHA} {
			if !IsObjectName(sha) {
				return nil, fmt.Errorf("pre-push input line %d: %q is not an object name", n, sha)
			}
		}
		out = append(out, u)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read pre-push input: %w", err)
	}
	return out, nil
}

// IsObjectName accepts full SHA-1 (40) or SHA-256 (64) lowercase hex
// object names.
func IsObjectName(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// IsZeroName reports an all-zero object name (a ref that did not exist).
func IsZeroName(s string) bool {
	return s != "" && strings.Trim(s, "0") == ""
}
