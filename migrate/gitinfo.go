package migrate

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// findRoot returns the work tree root of the repository containing dir,
// or dir itself when it is not inside one (or only in a bare repository).
func findRoot(dir string) (root string, isRepo bool) {
	r, err := gitrepo.Find(dir)
	if err != nil || r.Bare() {
		return dir, false
	}
	return r.Root, true
}

// stripCredentials removes user:password@ from a URL.
func stripCredentials(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.User == nil {
		return raw
	}
	if _, hasPass := u.User.Password(); hasPass || u.Scheme == "https" || u.Scheme == "http" {
		u.User = nil
	}
	return u.String()
}

// repoName is the last path element of the origin URL without ".git", else
// the root directory's name.
func repoName(root, origin string) string {
	if origin != "" {
		p := origin
		if u, err := url.Parse(origin); err == nil && u.Scheme != "" {
			p = u.Path
		} else if i := strings.LastIndex(origin, ":"); i >= 0 {
			p = origin[i+1:] // git@github.com:owner/name.git
		}
		if n := strings.TrimSuffix(path.Base(strings.TrimSuffix(p, "/")), ".git"); n != "" && n != "." && n != "/" {
			return n
		}
	}
	return filepath.Base(root)
}
