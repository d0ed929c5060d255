package migrate

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"
	"golang.org/x/crypto/nacl/box"

	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// GitHubSecretsAPI is the part of go-github's Actions service that
// --to github-secrets uses; (*github.Client).Actions satisfies it.
type GitHubSecretsAPI interface {
	GetRepoPublicKey(ctx context.Context, owner, repo string) (*github.PublicKey, *github.Response, error)
	GetRepoSecret(ctx context.Context, owner, repo, name string) (*github.Secret, *github.Response, error)
	CreateOrUpdateRepoSecret(ctx context.Context, owner, repo string, s *github.EncryptedSecret) (*github.Response, error)
}

// GitHubSecretsOptions configure --to github-secrets: values found in GitHub
// Actions workflows become repository secrets, read as ${{ secrets.NAME }}.
type GitHubSecretsOptions struct {
	API GitHubSecretsAPI
	// Repo is "owner/name" (default: parsed from the origin remote URL).
	Repo string
	// Rand is the randomness for sealed boxes (default crypto/rand).
	Rand io.Reader
}

// StepStoring records the intent to write a GitHub secret (whose value
// cannot be read back): a re-run that finds the secret may write the same
// value again instead of stopping on it.
const StepStoring = "storing"

// isGitHubSecret reports whether a secret name is a GitHub repository secret.
func isGitHubSecret(name string) bool { return strings.HasPrefix(name, rewrite.GitHubSecretsPrefix) }

// toGitHub reports whether the item's file is a GitHub Actions workflow
// (the only place ${{ secrets.NAME }} works).
func toGitHub(file string) bool {
	rw := rewrite.For(file)
	return rw != nil && rw.Name() == "github-actions"
}

// GitHubSecretName turns a variable (or rule) into a valid repository secret
// name: upper case letters, digits and underscores, not starting with a
// digit or with the reserved GITHUB_ prefix.
func GitHubSecretName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	n := b.String()
	if rest, ok := strings.CutPrefix(n, "GITHUB_"); ok {
		n = "GH_" + rest
	}
	if n == "" || n == "GITHUB" {
		n = "SECRET"
	}
	if n[0] >= '0' && n[0] <= '9' {
		n = "_" + n
	}
	return n
}

// assignGitHubNames names GitHub secrets: one per variable and value; a
// name shared by several values gets a hash suffix; taken names (an earlier
// run's) are not reused for another value.
func assignGitHubNames(items []*Item, taken map[string]string, names map[*Item]string) {
	hashes := map[string]map[string]bool{}
	base := func(it *Item) string {
		leaf := it.Variable
		if leaf == "" {
			leaf = it.Finding.RuleID
		}
		return rewrite.GitHubSecretsPrefix + GitHubSecretName(leaf)
	}
	for _, it := range items {
		b := base(it)
		if hashes[b] == nil {
			hashes[b] = map[string]bool{}
		}
		hashes[b][it.Hash] = true
	}
	for _, it := range items {
		n := base(it)
		if h, ok := taken[n]; len(hashes[n]) > 1 || ok && h != it.Hash {
			n += "_" + strings.ToUpper(hashSuffix(it.Hash))
		}
		names[it] = n
	}
}

// ghRepo resolves the GitHub repository for --to github-secrets.
func ghRepo(explicit, origin string) (string, string, error) {
	if explicit != "" {
		owner, name, ok := strings.Cut(explicit, "/")
		if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
			return "", "", fmt.Errorf("--github-repo %q is not OWNER/NAME", explicit)
		}
		return owner, name, nil
	}
	if owner, name, ok := githubRepo(origin); ok {
		return owner, name, nil
	}
	return "", "", fmt.Errorf("cannot tell the GitHub repository from the origin remote; pass --github-repo OWNER/NAME")
}

// storeGitHub writes s as a repository secret, sealed with the
// repository's public key. GitHub never returns a secret's value, so an
// existing secret is only reused when this migration wrote (or started to
// write) the same value before, per the journal; otherwise it is a
// conflict unless --overwrite.
func (a *applier) storeGitHub(ctx context.Context, s *Secret) (StoreAction, error) {
	g := a.o.GitHubSecrets
	if g == nil || g.API == nil {
		return "", fmt.Errorf("GitHub secret %s: --to github-secrets needs a GitHub client", s.Name)
	}
	owner, repo, err := ghRepo(g.Repo, a.p.Origin)
	if err != nil {
		return "", err
	}
	name := strings.TrimPrefix(s.Name, rewrite.GitHubSecretsPrefix)
	hash := a.o.Hasher.Sum(s.Value())
	action := ActionCreated
	_, resp, err := g.API.GetRepoSecret(ctx, owner, repo, name)
	switch {
	case err == nil:
		switch {
		case a.wroteBefore(s.Name, hash):
			action = ActionReused
		case a.o.Store.Overwrite:
			action = ActionOverwritten
		default:
			return "", fmt.Errorf("GitHub secret %s %w (GitHub cannot show it to compare); pass --overwrite to replace it", name, ErrConflict)
		}
	case resp != nil && resp.StatusCode == http.StatusNotFound:
	default:
		return "", fmt.Errorf("GitHub secret %s on %s/%s: %w", name, owner, repo, err)
	}
	if err := a.j.Record(JournalEntry{Step: StepStoring, Name: s.Name, Hash: hash}); err != nil {
		return "", err
	}
	key, _, err := g.API.GetRepoPublicKey(ctx, owner, repo)
	if err != nil {
		return "", fmt.Errorf("public key of %s/%s: %w", owner, repo, err)
	}
	sealed, err := seal(key, s.Value(), g.Rand)
	if err != nil {
		return "", err
	}
	if _, err := g.API.CreateOrUpdateRepoSecret(ctx, owner, repo, &github.EncryptedSecret{
		Name: name, KeyID: key.GetKeyID(), EncryptedValue: sealed,
	}); err != nil {
		return "", fmt.Errorf("write GitHub secret %s: %w", name, err)
	}
	return action, nil
}

// verifyGitHub checks the secret now exists (its value cannot be read).
func (a *applier) verifyGitHub(ctx context.Context, s *Secret) error {
	owner, repo, err := ghRepo(a.o.GitHubSecrets.Repo, a.p.Origin)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(s.Name, rewrite.GitHubSecretsPrefix)
	if _, _, err := a.o.GitHubSecrets.API.GetRepoSecret(ctx, owner, repo, name); err != nil {
		return fmt.Errorf("GitHub secret %s is not there after writing it: %w", name, err)
	}
	return nil
}

// wroteBefore reports whether the journal shows this migration writing
// (or about to write) value hash to the GitHub secret name.
func (a *applier) wroteBefore(name, hash string) bool {
	for _, e := range a.j.Entries() {
		if (e.Step == StepStoring || e.Step == StepStored) && e.Name == name && e.Hash == hash {
			return true
		}
	}
	return false
}

// seal encrypts value for the repository's public key (libsodium sealed
// box, as GitHub requires) and returns it base64-encoded.
func seal(key *github.PublicKey, value string, r io.Reader) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(key.GetKey())
	if err != nil || len(raw) != 32 {
		return "", errors.New("the repository public key is not a base64 Curve25519 key")
	}
	if r == nil {
		r = rand.Reader
	}
	var pk [32]byte
	copy(pk[:], raw)
	out, err := box.SealAnonymous(nil, []byte(value), &pk, r)
	if err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	return base64.StdEncoding.EncodeToString(out), nil
}
