package migrate

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/nacl/box"

	"github.com/secretsweep/secretsweep/internal/ghrepo"
	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// GitHubSecretsAPI is what --to github-secrets needs of GitHub's
// repository secrets API; ghclient.RepoSecrets implements it over
// go-github.
type GitHubSecretsAPI interface {
	// PublicKey returns the ID and the value (base64) of the key secrets
	// of owner/repo are sealed to.
	PublicKey(ctx context.Context, owner, repo string) (keyID, key string, err error)
	// SecretExists reports whether owner/repo has a secret named name.
	SecretExists(ctx context.Context, owner, repo, name string) (bool, error)
	// PutSecret creates or updates secret name of owner/repo with a value
	// sealed (base64) to the public key keyID.
	PutSecret(ctx context.Context, owner, repo, name, keyID, sealed string) error
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
	return ghrepo.Resolve(explicit, "origin", origin)
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
	exists, err := g.API.SecretExists(ctx, owner, repo, name)
	switch {
	case err != nil:
		return "", fmt.Errorf("GitHub secret %s on %s/%s: %w", name, owner, repo, err)
	case !exists:
	case a.wroteBefore(s.Name, hash):
		action = ActionReused
	case a.o.Store.Overwrite:
		action = ActionOverwritten
	default:
		return "", fmt.Errorf("GitHub secret %s %w (GitHub cannot show it to compare); pass --overwrite to replace it", name, ErrConflict)
	}
	if err := a.j.Record(JournalEntry{Step: StepStoring, Name: s.Name, Hash: hash}); err != nil {
		return "", err
	}
	keyID, key, err := g.API.PublicKey(ctx, owner, repo)
	if err != nil {
		return "", fmt.Errorf("public key of %s/%s: %w", owner, repo, err)
	}
	sealed, err := seal(key, s.Value(), g.Rand)
	if err != nil {
		return "", err
	}
	if err := g.API.PutSecret(ctx, owner, repo, name, keyID, sealed); err != nil {
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
	exists, err := a.o.GitHubSecrets.API.SecretExists(ctx, owner, repo, name)
	if err == nil && !exists {
		err = errors.New("not found")
	}
	if err != nil {
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

// seal encrypts value for the repository's public key (base64; libsodium
// sealed box, as GitHub requires) and returns it base64-encoded.
func seal(key, value string, r io.Reader) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(key)
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
