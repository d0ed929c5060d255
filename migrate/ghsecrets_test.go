package migrate

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/nacl/box"

	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/ghclient"
)

// githubRepoSecrets is an httptest server answering GitHub's repository
// secrets endpoints as documented (public key, get secret metadata,
// create or update with a sealed value). It holds a real Curve25519 key
// pair, so the test can open what secretsweep sealed. Requests are counted
// (credtest.Calls) for the test to Verify; one it does not serve fails.
type githubRepoSecrets struct {
	credtest.Calls
	mu     sync.Mutex
	pub    *[32]byte
	priv   *[32]byte
	values map[string]string // name -> decrypted value
	puts   int
}

func newGitHubRepoSecrets(t *testing.T) *githubRepoSecrets {
	pub, priv, err := box.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &githubRepoSecrets{pub: pub, priv: priv, values: map[string]string{}}
}

func (g *githubRepoSecrets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	const base = "/repos/acme/payments/actions/secrets/"
	name, ok := strings.CutPrefix(r.URL.Path, base)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	g.Record(r)
	switch {
	case !ok:
		g.Unrouted(r)
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`))
	case r.Method == http.MethodGet && name == "public-key":
		_ = json.NewEncoder(w).Encode(map[string]string{"key_id": "568250167242549743", "key": base64.StdEncoding.EncodeToString(g.pub[:])})
	case r.Method == http.MethodGet:
		if _, ok := g.values[name]; !ok {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"message":"Not Found","documentation_url":"https://docs.github.com/rest/actions/secrets#get-a-repository-secret"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"name": name, "created_at": "2026-01-10T14:59:22Z", "updated_at": "2026-01-10T14:59:22Z"})
	case r.Method == http.MethodPut:
		var body struct {
			EncryptedValue string `json:"encrypted_value"`
			KeyID          string `json:"key_id"`
		}
		sealed, err := []byte(nil), json.NewDecoder(r.Body).Decode(&body)
		if err == nil {
			sealed, err = base64.StdEncoding.DecodeString(body.EncryptedValue)
		}
		plain, ok := box.OpenAnonymous(nil, sealed, g.pub, g.priv)
		if err != nil || !ok || body.KeyID != "568250167242549743" {
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = w.Write([]byte(`{"message":"Bad encrypted value"}`))
			return
		}
		_, existed := g.values[name]
		g.values[name] = string(plain)
		g.puts++
		if existed {
			w.WriteHeader(http.StatusNoContent)
		} else {
			w.WriteHeader(http.StatusCreated)
		}
	default:
		g.Unrouted(r)
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

// Calls of githubRepoSecrets, as credtest.Calls names them.
const (
	getPublicKey = "GET /repos/acme/payments/actions/secrets/public-key"
	getNPMSecret = "GET /repos/acme/payments/actions/secrets/NPM_TOKEN"
	putNPMSecret = "PUT /repos/acme/payments/actions/secrets/NPM_TOKEN"
)

func TestToGitHubSecrets(t *testing.T) {
	api, _ := startMoto(t)
	gh := newGitHubRepoSecrets(t)
	srv := httptest.NewServer(gh)
	defer srv.Close()
	// The runs ask whether the secret exists; only the one with
	// --overwrite seals and writes it.
	gh.Expect(getPublicKey, getNPMSecret)
	gh.ExpectTimes(1, putNPMSecret)
	defer gh.Verify(t)
	client, err := ghclient.New(srv.Client(), func(k string) string { return map[string]string{"GITHUB_API_URL": srv.URL}[k] })
	if err != nil {
		t.Fatal(err)
	}
	opts := func(overwrite bool) func(*Options) {
		return func(o *Options) {
			o.GitHubSecrets = &GitHubSecretsOptions{API: ghclient.RepoSecrets{Actions: client.Actions}}
			o.Store.Overwrite = overwrite
		}
	}
	if !toGitHub(".github/workflows/deploy.yml") {
		t.Fatal("the workflow has no GitHub Actions rewriter: its value cannot become a repository secret")
	}

	// A secret of that name that this migration did not write: stop.
	gh.values["NPM_TOKEN"] = "someone else's"
	dir := newFixture(t)
	out, sum, err := runMigrate(t, dir, ModeApply, api, opts(false))
	if err == nil || sum.Stopped != 1 || !strings.Contains(out, "GitHub secret NPM_TOKEN exists with a different value (GitHub cannot show it to compare); pass --overwrite") {
		t.Fatalf("want a stop on the existing GitHub secret, got %v\n%s", err, out)
	}
	if gh.values["NPM_TOKEN"] != "someone else's" || gh.puts != 0 {
		t.Error("the existing GitHub secret was written without --overwrite")
	}

	out, _, err = runMigrate(t, dir, ModeApply, api, opts(true))
	if err != nil {
		t.Fatalf("--overwrite: %v\n%s", err, out)
	}
	if gh.values["NPM_TOKEN"] != fxNPM {
		t.Error("the GitHub secret does not hold the workflow's value")
	}
	wf, _ := os.ReadFile(filepath.Join(dir, ".github/workflows/deploy.yml"))
	if strings.Contains(string(wf), fxNPM) || !strings.Contains(string(wf), "${{ secrets.NPM_TOKEN }}") {
		t.Errorf("workflow not rewritten to the repository secret:\n%s", wf)
	}
	inMoto := secretsInMoto(t, api)
	if _, ok := inMoto["payments/NPM_TOKEN"]; ok || len(inMoto) != len(fxNames)-1 {
		t.Errorf("Secrets Manager holds %v; the workflow value must only be a GitHub secret", keysOf(inMoto))
	}
	if strings.Contains(out, "secret:github-secrets") {
		t.Error("the IAM policy lists a GitHub secret")
	}

	// The plan of a fresh copy names the GitHub secret and prices only AWS.
	out, _, err = runMigrate(t, newFixture(t), ModePlan, nil, opts(false))
	if err != nil || !strings.Contains(out, "-> github-secrets:NPM_TOKEN") || !strings.Contains(out, "$2.25 = 5 secret(s)") {
		t.Errorf("plan with --to github-secrets: %v\n%s", err, out)
	}
}

func TestGitHubSecretName(t *testing.T) {
	for in, want := range map[string]string{
		"NPM_TOKEN": "NPM_TOKEN", "npmToken": "NPMTOKEN", "api-key": "API_KEY", "GITHUB_TOKEN": "GH_TOKEN",
		"github": "SECRET", "1password": "_1PASSWORD", "": "SECRET",
	} {
		if got := GitHubSecretName(in); got != want {
			t.Errorf("GitHubSecretName(%q) = %q, want %q", in, got, want)
		}
	}
}
