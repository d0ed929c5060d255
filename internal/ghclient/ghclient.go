// Package ghclient builds go-github clients the way gh and Actions do:
// token from GITHUB_TOKEN or GH_TOKEN, API base from GITHUB_API_URL (GHES).
package ghclient

import (
	"context"
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

// RepoSecrets is GitHub's repository secrets API (Actions) as
// `secretsweep migrate --to github-secrets` uses it
// (migrate.GitHubSecretsAPI).
type RepoSecrets struct{ Actions *github.ActionsService }

// PublicKey returns the ID and the value (base64) of the key secrets of
// owner/repo are sealed to.
func (r RepoSecrets) PublicKey(ctx context.Context, owner, repo string) (keyID, key string, err error) {
	k, _, err := r.Actions.GetRepoPublicKey(ctx, owner, repo)
	if err != nil {
		return "", "", err
	}
	return k.GetKeyID(), k.GetKey(), nil
}

// SecretExists reports whether owner/repo has a secret named name.
func (r RepoSecrets) SecretExists(ctx context.Context, owner, repo, name string) (bool, error) {
	_, resp, err := r.Actions.GetRepoSecret(ctx, owner, repo, name)
	switch {
	case err == nil:
		return true, nil
	case resp != nil && resp.StatusCode == http.StatusNotFound:
		return false, nil
	}
	return false, err
}

// PutSecret creates or updates secret name of owner/repo with a value
// sealed (base64) to the public key keyID.
func (r RepoSecrets) PutSecret(ctx context.Context, owner, repo, name, keyID, sealed string) error {
	_, err := r.Actions.CreateOrUpdateRepoSecret(ctx, owner, repo, &github.EncryptedSecret{Name: name, KeyID: keyID, EncryptedValue: sealed})
	return err
}
