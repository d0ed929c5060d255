package action

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestMarkerIDs(t *testing.T) {
	const secret = "ghp_FAKEaaaa0123456789abcdefFAKEfake0001"
	mk := func(file string, line int) finding.Finding {
		f := finding.Finding{RuleID: "github-pat", File: file, StartLine: line, Secret: secret, Match: `TOKEN = "` + secret + `"`}
		f.Redact()
		return f
	}
	a := markerIDs([]finding.Finding{mk("a.py", 1), mk("b.py", 1)})
	moved := markerIDs([]finding.Finding{mk("a.py", 7), mk("b.py", 2)})
	if a[0] != moved[0] || a[1] != moved[1] {
		t.Errorf("ids depend on the line: %v %v", a, moved)
	}
	if a[0] == a[1] {
		t.Error("two files share an id")
	}
	twice := markerIDs([]finding.Finding{mk("a.py", 1), mk("a.py", 5)})
	if twice[0] == twice[1] || twice[0] != a[0] {
		t.Errorf("repeated finding ids = %v", twice)
	}
	sum := sha256.Sum256([]byte(secret))
	plain := hex.EncodeToString(sum[:])
	for _, id := range append(a, twice...) {
		if strings.Contains(plain, id) || strings.Contains(id, plain[:12]) {
			t.Errorf("id %s is a hash of the secret", id)
		}
	}
}

func TestMarkersIn(t *testing.T) {
	body := "x " + fpMarker("abc") + " y " + fpMarker("def") + " <!-- secretsweep:fp:unterminated"
	got := markersIn(body)
	if strings.Join(got, ",") != "abc,def" {
		t.Errorf("markers = %v", got)
	}
}

func TestOurs(t *testing.T) {
	bot := &github.User{Login: github.String("github-actions[bot]"), Type: github.String("Bot")}
	user := &github.User{Login: github.String("someone"), Type: github.String("User")}
	for _, tc := range []struct {
		u    *github.User
		self string
		want bool
	}{
		{bot, "", true}, {user, "", false}, {nil, "", false},
		{user, "someone", true}, {bot, "someone", false},
	} {
		if got := ours(tc.u, tc.self); got != tc.want {
			t.Errorf("ours(%s, %q) = %v", tc.u.GetLogin(), tc.self, got)
		}
	}
}
