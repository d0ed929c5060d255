package migrate

import (
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/internal/gitrepo/gitopen"
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

// originURL returns the URL of remote "origin" (else the first remote)
// without credentials, or "".
func originURL(root string) string {
	repo, _, err := gitopen.Open(root)
	if err != nil {
		return ""
	}
	remotes, err := repo.Remotes()
	if err != nil || len(remotes) == 0 {
		return ""
	}
	r := remotes[0]
	for _, x := range remotes {
		if x.Config().Name == "origin" {
			r = x
		}
	}
	if urls := r.Config().URLs; len(urls) > 0 {
		return stripCredentials(urls[0])
	}
	return ""
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

var githubRepoRe = regexp.MustCompile(`github\.com[:/]+([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$`)

// githubRepo parses owner and name from a GitHub remote URL.
func githubRepo(origin string) (owner, name string, ok bool) {
	m := githubRepoRe.FindStringSubmatch(origin)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}
