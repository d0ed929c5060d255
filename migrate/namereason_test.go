package migrate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// TestPlanNameReasons: every name says what the value is and the plan
// says why (issue 15 item 9): a Kubernetes sibling name, a provider rule
// under a generic header, the password of a URL in code, JSON and YAML,
// a key, and a URL template's placeholder that must not name the value.
func TestPlanNameReasons(t *testing.T) {
	const (
		k8sPW  = "db_FAKEEXAMPLE_pw01"
		ghTok  = "ghp_FAKEEXAMPLE0000000000000000000000000"
		envPW  = "envFAKEpassword01"
		dsnPW  = "dsnFAKEpassword02"
		jsonPW = "jsonFAKEpassword03"
		ymlPW  = "ymlFAKEpassword04"
		mongo  = "mongoFAKEpassword05"
		orders = "ordersFAKEdsn06"
		props  = "propsFAKEpassword07"
	)
	root := t.TempDir()
	files := map[string]string{
		"k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n" +
			"        - name: orders\n          image: example/orders:1.0\n          env:\n            - name: DATABASE_PASSWORD\n              value: \"" + k8sPW + "\"\n",
		"web/client.js":  "const headers = { Authorization: \"" + ghTok + "\" };\n",
		".env":           "DATABASE_URL=postgres://app:" + envPW + "@db:5432/orders\n",
		"db/db.go":       "package db\n\nconst DatabaseDSN = \"postgres://app:" + dsnPW + "@db:5432/orders\"\n",
		"config.json":    "{\n  \"DATABASE_URL\": \"postgres://app:" + jsonPW + "@db/orders\"\n}\n",
		"settings.yml":   "database_url: mysql://app:" + ymlPW + "@db/orders\n",
		"mongo.js":       "const MONGO_URL = `mongodb://${user}:" + mongo + "@mongo:27017/orders`;\n",
		"orders/conf.py": "OrdersDSN = \"" + orders + "\"\n",
		"src/main/resources/application.properties": "spring.datasource.password=" + props + "\n",
	}
	lines := map[string]int{"k8s/deployment.yaml": 13, "db/db.go": 3, "config.json": 2}
	secrets := map[string]string{"k8s/deployment.yaml": k8sPW, "web/client.js": ghTok, ".env": envPW, "db/db.go": dsnPW,
		"config.json": jsonPW, "settings.yml": ymlPW, "mongo.js": mongo, "orders/conf.py": orders,
		"src/main/resources/application.properties": props}
	rules := map[string]string{"web/client.js": "github-pat", "orders/conf.py": "generic-api-key", "k8s/deployment.yaml": "generic-api-key",
		"src/main/resources/application.properties": "generic-secret-env"}
	var fs []finding.Finding
	for file, content := range files {
		writeTestFile(t, filepath.Join(root, file), content, 0o644)
		line := lines[file]
		if line == 0 {
			line = 1
		}
		rule := rules[file]
		if rule == "" {
			rule = "url-embedded-password"
		}
		fs = append(fs, finding.Finding{File: file, RuleID: rule, Secret: secrets[file], StartLine: line,
			Line: strings.Split(content, "\n")[line-1], Fingerprint: file + ":" + rule + ":1"})
	}
	p, err := BuildPlan(root, root, fs, nil, PlanOptions{Prefix: "orders", Hasher: testHasher})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, name, reason string }{
		{"k8s/deployment.yaml", "orders/database-password", "from the sibling name: DATABASE_PASSWORD"},
		{"web/client.js", "orders/github-pat", "from rule github-pat (Authorization says where the value goes, not what it is)"},
		{".env", "orders/.env/database-url/password", "password of the URL in DATABASE_URL; under its file: another value of this plan has the same name"},
		{"db/db.go", "orders/database-dsn/password", "password of the URL in DatabaseDSN"},
		{"config.json", "orders/config.json/database-url/password", "password of the URL in DATABASE_URL; under its file"},
		{"settings.yml", "orders/settings.yml/database-url/password", "password of the URL in database_url; under its file"},
		{"mongo.js", "orders/mongo-url/password", "password of the URL in MONGO_URL"},
		{"orders/conf.py", "orders/OrdersDSN", "from the key OrdersDSN"},
		// Spring Cloud AWS imports a plain secret as the property named by
		// its name's last segment: the whole key.
		{"src/main/resources/application.properties", "orders/spring.datasource.password", "from the key spring.datasource.password"},
	} {
		var it *Item
		for _, x := range p.Items {
			if x.File == tc.file {
				it = x
			}
		}
		if it == nil {
			t.Errorf("%s: no item", tc.file)
			continue
		}
		if it.Secret.Name != tc.name || !strings.HasPrefix(it.NameReason, tc.reason) {
			t.Errorf("%s: named %s (%s), want %s (%s)", tc.file, it.Secret.Name, it.NameReason, tc.name, tc.reason)
		}
	}
	p.prepareAll()
	var b bytes.Buffer
	writePlan(&b, p, Options{Mode: ModePlan, CallsPerSecretMonth: 1}, nil)
	if !strings.Contains(b.String(), "-> orders/database-dsn/password\n    name: password of the URL in DatabaseDSN\n") {
		t.Errorf("the text plan does not show the name's reason:\n%s", b.String())
	}
	assertNoValues(t, "plan", b.String())
}

// TestPlanJSONShowsNameReasons: --format json prints the plan with each
// finding's secret name and its reason, never a value.
func TestPlanJSONShowsNameReasons(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "orders")
	writeTestFile(t, filepath.Join(dir, "db", "db.go"), "package db\n\nconst DatabaseDSN = \"postgres://app:dsnQ7w9E2r4T6y8u@db:5432/orders\"\n", 0o644)
	out, sum, err := runMigrate(t, dir, ModePlan, nil, func(o *Options) { o.Format = FormatJSON })
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "dsnQ7w9E2r4T6y8u") {
		t.Fatal("the JSON plan holds the value")
	}
	var plan struct {
		Findings []struct {
			File       string `json:"file"`
			SecretName string `json:"secret_name"`
			NameReason string `json:"name_reason"`
			Status     string `json:"status"`
		} `json:"findings"`
		Secrets []struct {
			Name string `json:"name"`
		} `json:"secrets"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if sum.Findings != 1 || len(plan.Findings) != 1 || len(plan.Secrets) != 1 {
		t.Fatalf("%d findings, %d secrets in the JSON plan, want 1 each:\n%s", len(plan.Findings), len(plan.Secrets), out)
	}
	f := plan.Findings[0]
	if f.File != "db/db.go" || f.SecretName != "orders/database-dsn/password" || f.NameReason != "password of the URL in DatabaseDSN" || f.Status != "rewrite" {
		t.Errorf("finding %+v", f)
	}
	if _, err := os.Stat(filepath.Join(dir, JournalDir)); err == nil {
		t.Error("the plan wrote its journal")
	}
}
