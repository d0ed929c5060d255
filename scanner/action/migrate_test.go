package action_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// pyImport is how migrated Python code imports its helper.
const pyImport = "try:\n    from .secretsweep_secrets import get_secret\nexcept ImportError:\n    from secretsweep_secrets import get_secret\n"

// migrateRepo builds a pull request on a project migrated before: the base
// has app/secretsweep_secrets.py; the pull request adds app/client.py,
// which imports it and hardcodes leakA on line 6 (one-click fix), and
// app/plain.py, which hardcodes leakB without the import (the rewrite
// would add it: no suggestion).
func migrateRepo(t *testing.T) (o *origin, base, head string) {
	t.Helper()
	rw := rewrite.For("app/x.py")
	ch, err := rw.Rewrite("app/x.py", []byte("X = \"FAKE-value-for-the-helper\"\n"),
		[]rewrite.Target{{Line: 1, Secret: "FAKE-value-for-the-helper", Fingerprint: "fp", SecretID: "n/X", Variable: "X"}})
	if err != nil || ch.Files["secretsweep_secrets.py"] == nil {
		t.Fatalf("python helper: %v %v", err, ch)
	}
	o = newOrigin(t)
	o.branch("master", o.main)
	base = o.commit(o.work, "migrated before", map[string]string{"app/secretsweep_secrets.py": string(ch.Files["secretsweep_secrets.py"])})
	o.push("master")
	o.branch("changes", base)
	head = o.commit(o.work, "add client", map[string]string{
		"app/client.py": pyImport + "\n" + settings(leakA),
		"app/plain.py":  "import os\n\n" + settings(leakB),
	})
	o.push("changes")
	return o, base, head
}

func TestMigrateSuggestsTheRewrite(t *testing.T) {
	testenv.StartMoto(t)
	o, base, head := migrateRepo(t)
	merge := o.pullRequest(2, base, head)
	ws := o.checkout(merge, "refs/remotes/pull/2/merge")
	api := newFakeGitHub(t)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	j := newJob(t, o, api, "pull_request", ev, ws)
	j.awsConfig = awsclient.Load
	res := j.run("--migrate")
	if res.code != 1 {
		t.Fatalf("exit %d, want 1\nstdout %s\nstderr %s", res.code, res.stdout, res.stderr)
	}
	if len(annotations(res.stdout)) != 2 {
		t.Errorf("annotations = %q", annotations(res.stdout))
	}
	_, comments := api.state()
	if len(comments) != 2 {
		t.Fatalf("comments = %+v", comments)
	}
	byPath := map[string]fakeComment{}
	for _, c := range comments {
		byPath[c.Path] = c
	}
	// migrate names it: a generic variable (TOKEN) holding a GitHub token is
	// named after the rule, qualified by the file (two values share the leaf).
	const name = "Hello-World/app/client.py/github-pat"
	client := byPath["app/client.py"]
	want := "```suggestion\nTOKEN = get_secret(\"" + name + "\")\n```\n"
	if client.Line != 6 || client.StartLine != 0 || !strings.Contains(client.Body, want) ||
		!strings.Contains(client.Body, "secretsweep remediate") || !strings.Contains(client.Body, "Secrets Manager as <code>"+name+"</code>") {
		t.Errorf("client.py comment (line %d, start %d):\n%s\nwant the suggestion\n%s", client.Line, client.StartLine, client.Body, want)
	}
	plain := byPath["app/plain.py"]
	if plain.Line != 3 || strings.Contains(plain.Body, "```suggestion") || !strings.Contains(plain.Body, "No one-click suggestion") ||
		!strings.Contains(plain.Body, "an import") || !strings.Contains(plain.Body, "secretsweep remediate") {
		t.Errorf("plain.py comment (line %d):\n%s", plain.Line, plain.Body)
	}

	// Both values are in Secrets Manager, as written in the code.
	cfg, err := awsclient.Load(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	api2 := sm.NewFromConfig(cfg)
	got, err := api2.GetSecretValue(context.Background(), &sm.GetSecretValueInput{SecretId: aws.String(name)})
	if err != nil || aws.ToString(got.SecretString) != leakA {
		t.Errorf("secret %s: err %v, holds the original value: %v", name, err, got != nil && aws.ToString(got.SecretString) == leakA)
	}
	list, err := api2.ListSecrets(context.Background(), &sm.ListSecretsInput{})
	if err != nil || len(list.SecretList) != 2 {
		t.Fatalf("secrets: %v, %d", err, len(list.SecretList))
	}
	for _, s := range list.SecretList {
		tags := map[string]string{}
		for _, tg := range s.Tags {
			tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		if tags["tool"] != "secretsweep" || tags["secretsweep:hash"] == "" && len(tags) < 4 {
			t.Errorf("secret %s tags = %v", aws.ToString(s.Name), tags)
		}
	}

	// The checkout is untouched; nothing shows a value.
	if st := o.git(ws, "status", "--porcelain"); st != "" {
		t.Errorf("checkout changed:\n%s", st)
	}
	for _, r := range api.requests() {
		noValues(t, r.Body)
	}
	noValues(t, res.all())

	// A second run (synchronize) reuses the secrets and comments nothing new.
	ws2 := o.checkout(merge, "refs/remotes/pull/2/merge")
	j2 := newJob(t, o, api, "pull_request", ev, ws2)
	j2.awsConfig = awsclient.Load
	if res2 := j2.run("--migrate"); res2.code != 1 || strings.Contains(res2.stdout, "::notice") {
		t.Errorf("second run: exit %d\n%s", res2.code, res2.stdout)
	}
	if _, comments := api.state(); len(comments) != 2 {
		t.Errorf("%d comments after the second run, want 2", len(comments))
	}
}

func TestMigrateWithoutAWSCredentials(t *testing.T) {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_REGION", "us-east-1")
	o, base, head := migrateRepo(t)
	merge := o.pullRequest(2, base, head)
	ws := o.checkout(merge, "refs/remotes/pull/2/merge")
	api := newFakeGitHub(t)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	j := newJob(t, o, api, "pull_request", ev, ws)
	j.awsConfig = awsclient.Load
	res := j.run("--migrate")
	if res.code != 1 {
		t.Fatalf("exit %d, want 1\nstdout %s\nstderr %s", res.code, res.stdout, res.stderr)
	}
	var notices []string
	for _, l := range strings.Split(res.stdout, "\n") {
		if strings.HasPrefix(l, "::notice") {
			notices = append(notices, l)
		}
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "migrate") || !strings.Contains(notices[0], "no suggested change") {
		t.Errorf("notices = %q", notices)
	}
	if len(annotations(res.stdout)) != 2 {
		t.Errorf("annotations = %q", annotations(res.stdout))
	}
	_, comments := api.state()
	if len(comments) != 2 {
		t.Fatalf("comments = %+v", comments)
	}
	for _, c := range comments {
		if strings.Contains(c.Body, "```suggestion") || strings.Contains(c.Body, "Stored") {
			t.Errorf("comment on %s has a suggestion:\n%s", c.Path, c.Body)
		}
	}
	noValues(t, res.all())
}
