// Package ghclient builds go-github clients the way gh and Actions do:
// token from GITHUB_TOKEN or GH_TOKEN, API base from GITHUB_API_URL (GHES).
package ghclient

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-github/v60/github"
)

// ErrNoToken is returned when neither GITHUB_TOKEN nor GH_TOKEN is set.
var ErrNoToken = errors.New("no GitHub token: set GITHUB_TOKEN or GH_TOKEN")

// Token returns the token from the environment, GITHUB_TOKEN first.
func Token(getenv func(string) string) string {
	if t := getenv("GITHUB_TOKEN"); t != "" {
		return t
	}
	return getenv("GH_TOKEN")
}

// New returns a client using hc, authenticated with the environment's token
// (anonymous when there is none) and aimed at GITHUB_API_URL when set.
func New(hc *http.Client, getenv func(string) string) (*github.Client, error) {
	c := github.NewClient(hc)
	if t := Token(getenv); t != "" {
		c = c.WithAuthToken(t)
	}
	if base := getenv("GITHUB_API_URL"); base != "" {
		u, err := url.Parse(strings.TrimSuffix(base, "/") + "/")
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("GITHUB_API_URL %q is not an absolute URL", base)
		}
		// GITHUB_API_URL names the API root itself (https://ghe.example/api/v3
		// on GHES), so it is used as is.
		c.BaseURL, c.UploadURL = u, u
	}
	return c, nil
}
