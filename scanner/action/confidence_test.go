package action_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixturePassword is a made-up value the generic rules detect; under the
// key PublicKeyToken (a .NET assembly's public identity) it scores low.
const fixturePassword = "0123abcd4567ef89"

// The Action reports and fails at its min-confidence input (default
// medium): a low-confidence finding passes by default and fails at low.
func TestMinConfidenceInput(t *testing.T) {
	o := newOrigin(t)
	o.branch("changes", o.main)
	head := o.commit(o.work, "add a fixture", map[string]string{"tests/fixtures/.env": "PublicKeyToken=" + fixturePassword + "\n"})
	o.push("changes")
	merge := o.pullRequest(5, o.main, head)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": o.main, "pull_request.head.sha": head, "number": 5})
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		count string
		log   string
	}{
		{"default hides it", nil, 0, "0", "1 finding(s) below medium confidence not shown"},
		{"empty input is the default", []string{"--min-confidence="}, 0, "0", "1 finding(s) below medium confidence not shown"},
		{"low reports it", []string{"--min-confidence", "low"}, 1, "1", "::error file=tests/fixtures/.env,line=1,"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := o.checkout(merge, "refs/remotes/pull/5/merge")
			res := newJob(t, o, newFakeGitHub(t), "pull_request", ev, ws).run(append([]string{"--comment=false"}, tc.args...)...)
			if res.code != tc.code || res.outputs["findings-count"] != tc.count {
				t.Fatalf("exit %d, findings-count %q; want %d, %s\n%s%s", res.code, res.outputs["findings-count"], tc.code, tc.count, res.stdout, res.stderr)
			}
			if !strings.Contains(res.stdout+res.stderr, tc.log) {
				t.Errorf("step log lacks %q:\n%s%s", tc.log, res.stdout, res.stderr)
			}
			if strings.Contains(res.all(), fixturePassword) {
				t.Error("the value leaked")
			}
		})
	}
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `--min-confidence="$INPUT_MIN_CONFIDENCE"`) || !strings.Contains(string(data), "INPUT_MIN_CONFIDENCE: ${{ inputs.min-confidence }}") {
		t.Error("action.yml does not pass the min-confidence input through env")
	}
}
