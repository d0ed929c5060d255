package migrate

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// corpusProject is one realistic project under testdata/corpus: after
// migrate --apply (real scan, real rewriters, moto) it is built and run,
// and must print every value it held, now read from Secrets Manager.
type corpusProject struct {
	name string
	// values the program prints after the migration.
	values []string
	// untouched are files that must keep their literal (manual steps),
	// with a word the manual reason must hold.
	untouched map[string]string
	// tool and probe check what running needs.
	tool  string
	probe []string
	// build (optional) and run, in the project directory.
	build [][]string
	run   []string
	// setup prepares the directory after the migration (modules, links).
	setup func(t *testing.T, dir string)
}

// fxSpringDB is the Spring app's database password (generic rules skip
// values that say FAKE or EXAMPLE; DEMO marks it) in application.properties,
// fxSpringMail its mail provider key, in application.yml.
const (
	fxSpringDB   = "Dq8zR2mK7pL4xW9tDEMO"
	fxSpringMail = "Nb3vC6xZ9aS2dF5gDEMO"
)

// TestCorpusProjectsRun migrates realistic multi-file projects (a browser
// bundle beside a Node server, an ES module package, a CommonJS
// TypeScript service, a Go service with Kubernetes manifests, a Django
// app, a Spring Boot app whose application.properties is read through
// Spring Cloud AWS), then builds and runs each against moto.
func TestCorpusProjectsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs programs")
	}
	api, _ := startMoto(t)
	linkNodeModules := func(t *testing.T, dir string) {
		modules := nodeModulesDir(t)
		if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []corpusProject{
		{name: "shop-web", values: []string{fxStripe},
			untouched: map[string]string{"static/js/checkout.js": "front-end code"},
			tool:      "node", probe: []string{"-e", "require('@aws-sdk/client-secrets-manager')"},
			run: []string{"node", "server/index.js"}},
		{name: "notifier", values: []string{fxSlackBot},
			tool: "node", probe: []string{"-e", "require('@aws-sdk/client-secrets-manager')"},
			setup: linkNodeModules, run: []string{"node", "src/index.js"}},
		{name: "billing-api", values: []string{fxGitHub},
			tool: "node", probe: []string{"-e", "require('typescript'); require('@aws-sdk/client-secrets-manager')"},
			setup: linkNodeModules, build: [][]string{{"node", "node_modules/typescript/bin/tsc", "-p", "."}}, run: []string{"node", "dist/server.js"}},
		{name: "k8s-app", values: []string{fxNPM},
			tool: "go", probe: []string{"version"},
			setup: func(t *testing.T, dir string) { goModule(t, dir) }, run: []string{"go", "run", "."}},
		{name: "django-app", values: []string{fxStripe, fxSlackBot},
			tool: "python3", probe: []string{"-c", "import boto3"},
			run: []string{"python3", "manage.py"}},
		{name: "spring-app", values: []string{fxStripe, fxSpringDB, fxSpringMail},
			tool: "javac", probe: []string{"-version"},
			setup: func(t *testing.T, dir string) {
				if err := os.Symlink(javaLibDir(t), filepath.Join(dir, "lib")); err != nil {
					t.Fatal(err)
				}
			},
			build: [][]string{{"javac", "-cp", "lib/*", "-sourcepath", "src/main/java", "-d", "out",
				"src/main/java/com/example/orders/OrdersApplication.java"}},
			run: []string{"java", "-cp", "out:src/main/resources:lib/*", "com.example.orders.OrdersApplication"}},
	} {
		t.Run(p.name, func(t *testing.T) {
			dir := corpusRepo(t, p.name)
			out, sum, err := runMigrate(t, dir, ModeApply, api, func(o *Options) { o.Prefix = "corpus/" + p.name })
			if err != nil {
				t.Fatalf("apply: %v\n%s", err, out)
			}
			if sum.Migrated == 0 {
				t.Fatalf("nothing migrated:\n%s", out)
			}
			for file, why := range p.untouched {
				b, err := os.ReadFile(filepath.Join(dir, file))
				if err != nil {
					t.Fatal(err)
				}
				orig, _ := os.ReadFile(filepath.Join("testdata", "corpus", p.name, file))
				if string(b) != string(orig) {
					t.Errorf("%s was changed; it must stay a manual step", file)
				}
				if !strings.Contains(out, "MANUAL: "+why) {
					t.Errorf("%s: no manual step saying %q:\n%s", file, why, out)
				}
			}
			// Every other file is free of the values.
			for file, content := range snapshot(t, dir) {
				if _, manual := p.untouched[file]; manual || strings.HasPrefix(file, JournalDir+"/") {
					continue
				}
				for _, v := range append(fxValues, p.values...) {
					if strings.Contains(content, v) {
						t.Errorf("%s still holds the value hmac:%s", file, shortHash(v))
					}
				}
			}
			if !hasTool(t, p.tool, p.probe...) {
				return
			}
			if p.setup != nil {
				p.setup(t, dir)
			}
			for _, b := range p.build {
				runIn(t, dir, b)
			}
			got := runIn(t, dir, p.run)
			for _, v := range p.values {
				if !strings.Contains(got, v) {
					t.Errorf("the program did not print the value hmac:%s read from Secrets Manager; output:\n%s", shortHash(v), redactFixture(got))
				}
			}
		})
	}
}

// corpusRepo copies testdata/corpus/name into a new git repository (one
// commit) and returns its root.
func corpusRepo(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("testdata", "corpus", name)
	dir := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeTestFile(t, filepath.Join(dir, rel), string(b), 0o644)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	if err := wt.AddGlob("."); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "dev", Email: "dev@example.com", When: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	if _, err := wt.Commit("initial", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// nodeModulesDir is the node_modules .ci/test installs (NODE_PATH).
func nodeModulesDir(t *testing.T) string {
	t.Helper()
	modules := os.Getenv("NODE_PATH")
	if modules == "" {
		modules, _ = filepath.Abs("../.ci/node/node_modules")
	}
	_, err := os.Stat(filepath.Join(modules, "@aws-sdk", "client-secrets-manager"))
	testenv.Require(t, err == nil, "@aws-sdk/client-secrets-manager", "cd .ci/node && npm install")
	return modules
}

// runIn runs argv in dir with the programs' environment and returns its
// combined output (redacted in failures).
func runIn(t *testing.T, dir string, argv []string) string {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = programEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", argv, err, redactFixture(string(out)))
	}
	return string(out)
}

// javaLibDir is the AWS SDK and Spring jars .ci/test copies into
// .ci/java/lib (mvn dependency:copy-dependencies), so that the tests
// themselves need no network.
func javaLibDir(t *testing.T) string {
	t.Helper()
	lib, _ := filepath.Abs("../.ci/java/lib")
	_, err1 := os.Stat(filepath.Join(lib, "secretsmanager-2.59.1.jar"))
	_, err2 := os.Stat(filepath.Join(lib, "spring-cloud-aws-secrets-manager-3.4.0.jar"))
	testenv.Require(t, err1 == nil && err2 == nil, "the Java test jars in .ci/java/lib",
		"cd .ci/java && mvn -q dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime")
	return lib
}
