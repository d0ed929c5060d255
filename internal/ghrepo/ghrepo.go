// Package ghrepo names the GitHub repository a command acts on: OWNER/NAME
// as --github-repo takes it, or parsed from a git remote's URL. It needs
// only the standard library, so light packages (migrate) use it.
package ghrepo

import (
	"fmt"
	"regexp"
	"strings"
)

var remoteRe = regexp.MustCompile(`github\.com[:/]+([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$`)

// Resolve returns the owner and name of the GitHub repository to act on:
// explicit ("OWNER/NAME") when set, else parsed from remoteURL, the URL of
// the git remote named remote.
func Resolve(explicit, remote, remoteURL string) (owner, name string, err error) {
	if explicit != "" {
		owner, name, ok := strings.Cut(explicit, "/")
		if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
			return "", "", fmt.Errorf("--github-repo %q is not OWNER/NAME", explicit)
		}
		return owner, name, nil
	}
	if m := remoteRe.FindStringSubmatch(remoteURL); m != nil {
		return m[1], m[2], nil
	}
	return "", "", fmt.Errorf("cannot tell the GitHub repository from remote %s; pass --github-repo OWNER/NAME", remote)
}
