package scanner

import (
	"reflect"
	"testing"
)

// TestCredentialFileSources checks that a credential file's parser sees
// the whole file in every source: a password added to a statement that an
// earlier commit began is found on its line, once, in the commit that
// added it, and the working tree, range and staged scans agree.
func TestCredentialFileSources(t *testing.T) {
	g := newGitFixture(t)
	first := g.commit("users", map[string]string{"db/users.sql": "CREATE USER app\n  WITH PASSWORD 'first-Pw-1';\nCREATE ROLE reporting\n  LOGIN;\n"})
	second := g.commit("reporting logs in", map[string]string{"db/users.sql": "CREATE USER app\n  WITH PASSWORD 'first-Pw-1';\nCREATE ROLE reporting\n  LOGIN\n  PASSWORD 'second-Pw-2';\n"})

	res := g.scan(Options{Mode: ModeHistory})
	if got, want := keys(res.Findings), []string{"db/users.sql:2 sql-credential", "db/users.sql:5 sql-credential"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("history: findings = %v, want %v", got, want)
	}
	for _, f := range res.Findings {
		want := first.String()
		if f.StartLine == 5 {
			want = second.String()
		}
		if f.Commit != want {
			t.Errorf("line %d attributed to %s, want %s", f.StartLine, f.Commit, want)
		}
		if f.StartLine == 5 && (f.Secret != "second-Pw-2" || f.StartColumn != 13 || f.EndColumn != 23) {
			t.Errorf("line 5: secret %q columns %d-%d", f.Secret, f.StartColumn, f.EndColumn)
		}
	}
	if got, want := keys(g.scan(Options{Mode: ModeDir}).Findings), []string{"db/users.sql:2 sql-credential", "db/users.sql:5 sql-credential"}; !reflect.DeepEqual(got, want) {
		t.Errorf("working tree: findings = %v, want %v", got, want)
	}
	if got, want := keys(g.scan(Options{Mode: ModeRange, Range: first.String() + "..HEAD"}).Findings), []string{"db/users.sql:5 sql-credential"}; !reflect.DeepEqual(got, want) {
		t.Errorf("range: findings = %v, want %v", got, want)
	}
	g.write(map[string]string{"db/users.sql": "CREATE USER app\n  WITH PASSWORD 'rotated-Pw-4';\nCREATE ROLE reporting\n  LOGIN\n  PASSWORD 'second-Pw-2';\n"})
	if got, want := keys(g.scan(Options{Mode: ModeStaged}).Findings), []string{"db/users.sql:2 sql-credential"}; !reflect.DeepEqual(got, want) {
		t.Errorf("staged: findings = %v, want %v", got, want)
	}
}

// TestRepositoryScanIsClean is `secretsweep scan .` on this repository:
// its fixtures must be allowlisted (.secretsweep.toml), including those of
// the credential-file parsers and any file a new rule or parser fires on.
func TestRepositoryScanIsClean(t *testing.T) {
	res := scanDir(t, "..", Options{})
	if got := keys(res.Findings); len(got) != 0 {
		t.Errorf("scan of the repository reports %v", got)
	}
}
