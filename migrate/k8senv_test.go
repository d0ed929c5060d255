package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// TestKubernetesEnvBecomesSecretKeyRef: a Deployment's `- name:
// DATABASE_PASSWORD` / `value: "…"` is named after the variable and
// rewritten to valueFrom.secretKeyRef, with an ExternalSecret beside it.
func TestKubernetesEnvBecomesSecretKeyRef(t *testing.T) {
	const secret = "db_FAKEEXAMPLE_pw01"
	manifest := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  template:
    spec:
      containers:
        - name: orders
          image: example/orders:1.0
          env:
            - name: DATABASE_PASSWORD
              value: "` + secret + `"
`
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "k8s"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "k8s", "deployment.yaml"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	line := `              value: "` + secret + `"`
	fs := []finding.Finding{{File: "k8s/deployment.yaml", RuleID: "generic-api-key", Secret: secret, StartLine: 13,
		Line: line, Fingerprint: "k8s/deployment.yaml:generic-api-key:13"}}
	p, err := BuildPlan(root, root, fs, nil, PlanOptions{Prefix: "orders", Hasher: testHasher})
	if err != nil {
		t.Fatal(err)
	}
	p.prepareAll()
	if len(p.Secrets) != 1 || p.Secrets[0].Name != "orders/database-password" {
		t.Fatalf("secrets %+v, want one named orders/database-password", p.Secrets)
	}
	it := p.Items[0]
	if it.Manual != "" {
		t.Fatalf("manual: %s", it.Manual)
	}
	ch := p.Files[0].Change
	var dep struct {
		Spec struct {
			Template struct {
				Spec struct {
					Containers []struct {
						Env []struct {
							Name      string
							Value     *string
							ValueFrom struct {
								SecretKeyRef struct{ Name, Key string } `yaml:"secretKeyRef"`
							} `yaml:"valueFrom"`
						}
					}
				}
			}
		}
	}
	if err := yaml.Unmarshal(ch.Content, &dep); err != nil {
		t.Fatalf("rewritten manifest does not parse: %v", err)
	}
	env := dep.Spec.Template.Spec.Containers[0].Env[0]
	ref := env.ValueFrom.SecretKeyRef
	if env.Name != "DATABASE_PASSWORD" || env.Value != nil || ref.Name == "" || ref.Key != "DATABASE_PASSWORD" {
		t.Fatalf("env entry %+v, want valueFrom.secretKeyRef {name, key DATABASE_PASSWORD}", env)
	}
	es, ok := ch.Files["deployment.external-secret.yaml"]
	if !ok {
		t.Fatalf("no ExternalSecret beside the manifest: %v", ch.Files)
	}
	var ext struct {
		Kind string
		Spec struct {
			SecretStoreRef struct{ Kind, Name string } `yaml:"secretStoreRef"`
			Target         struct{ Name string }
			Data           []struct {
				SecretKey string               `yaml:"secretKey"`
				RemoteRef struct{ Key string } `yaml:"remoteRef"`
			}
		}
	}
	if err := yaml.Unmarshal(es, &ext); err != nil {
		t.Fatalf("ExternalSecret does not parse: %v", err)
	}
	if ext.Kind != "ExternalSecret" || ext.Spec.SecretStoreRef.Kind != "ClusterSecretStore" || ext.Spec.Target.Name != ref.Name ||
		len(ext.Spec.Data) != 1 || ext.Spec.Data[0].SecretKey != ref.Key || ext.Spec.Data[0].RemoteRef.Key != "orders/database-password" {
		t.Fatalf("ExternalSecret %+v does not sync %s/%s from orders/database-password", ext, ref.Name, ref.Key)
	}
	if strings.Contains(string(ch.Content)+string(es), secret) {
		t.Fatal("the value is still in the output")
	}
}
