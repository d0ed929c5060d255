package migrate

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// shape is the schema shape of a YAML value: a mapping's allowed fields
// (required ones marked), a sequence's items, a string, or a string map.
type shape struct {
	kind     string // "map", "seq", "str", "strmap", "any"
	fields   map[string]shape
	required []string
	items    *shape
}

func str() shape            { return shape{kind: "str"} }
func seq(items shape) shape { return shape{kind: "seq", items: &items} }
func strmap() shape         { return shape{kind: "strmap"} }
func obj(f map[string]shape, required ...string) shape {
	return shape{kind: "map", fields: f, required: required}
}

// secretProviderClassShape is the SecretProviderClass schema of the Secrets
// Store CSI Driver's CRD (secrets-store.csi.x-k8s.io, served version v1):
// spec.provider, spec.parameters (string map), spec.secretObjects
// [{secretName, type, labels, annotations, data: [{objectName, key}]}].
var secretProviderClassShape = obj(map[string]shape{
	"apiVersion": str(), "kind": str(),
	"metadata": obj(map[string]shape{"name": str(), "namespace": str(), "labels": strmap(), "annotations": strmap()}, "name"),
	"spec": obj(map[string]shape{
		"provider":   str(),
		"parameters": strmap(),
		"secretObjects": seq(obj(map[string]shape{
			"secretName": str(), "type": str(), "labels": strmap(), "annotations": strmap(),
			"data": seq(obj(map[string]shape{"objectName": str(), "key": str()}, "objectName", "key")),
		}, "secretName", "type", "data")),
	}, "provider"),
}, "apiVersion", "kind", "metadata", "spec")

// awsObjectsShape is the AWS provider's `objects` parameter: a YAML list of
// objectName, objectType, objectAlias, objectVersion, objectVersionLabel
// and jmesPath [{path, objectAlias}].
var awsObjectsShape = seq(obj(map[string]shape{
	"objectName": str(), "objectType": str(), "objectAlias": str(), "objectVersion": str(), "objectVersionLabel": str(),
	"jmesPath": seq(obj(map[string]shape{"path": str(), "objectAlias": str()}, "path", "objectAlias")),
}, "objectName"))

func checkShape(n *yaml.Node, s shape, at string) error {
	if n.Kind == yaml.DocumentNode {
		n = n.Content[0]
	}
	switch s.kind {
	case "str":
		if n.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s: want a string", at)
		}
	case "strmap":
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("%s: want a map of strings", at)
		}
		for i := 1; i < len(n.Content); i += 2 {
			if n.Content[i].Kind != yaml.ScalarNode {
				return fmt.Errorf("%s.%s: want a string", at, n.Content[i-1].Value)
			}
		}
	case "seq":
		if n.Kind != yaml.SequenceNode {
			return fmt.Errorf("%s: want a list", at)
		}
		for i, c := range n.Content {
			if err := checkShape(c, *s.items, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case "map":
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("%s: want a mapping", at)
		}
		seen := map[string]bool{}
		for i := 0; i < len(n.Content); i += 2 {
			k := n.Content[i].Value
			f, ok := s.fields[k]
			if !ok {
				return fmt.Errorf("%s: unknown field %q", at, k)
			}
			seen[k] = true
			if err := checkShape(n.Content[i+1], f, at+"."+k); err != nil {
				return err
			}
		}
		for _, r := range s.required {
			if !seen[r] {
				return fmt.Errorf("%s: missing %s", at, r)
			}
		}
	}
	return nil
}

// TestKubernetesEnvCSI: with --k8s-sync csi the env entry reads a Secret
// that a SecretProviderClass (Secrets Store CSI Driver, provider aws)
// syncs from Secrets Manager; the manifest has the CRD's shape.
func TestKubernetesEnvCSI(t *testing.T) {
	const secret = "db_FAKEEXAMPLE_pw01"
	manifest := "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n" +
		"        - name: orders\n          image: example/orders:1.0\n          env:\n            - name: DATABASE_PASSWORD\n              value: \"" + secret + "\"\n"
	root := t.TempDir()
	writeTestFile(t, filepath.Join(root, "k8s", "deployment.yaml"), manifest, 0o644)
	fs := []finding.Finding{{File: "k8s/deployment.yaml", RuleID: "generic-api-key", Secret: secret, StartLine: 14,
		Line: `              value: "` + secret + `"`, Fingerprint: "k8s/deployment.yaml:generic-api-key:14"}}
	for _, group := range []bool{false, true} {
		t.Run(fmt.Sprintf("group=%v", group), func(t *testing.T) {
			p, err := BuildPlan(root, root, fs, nil, PlanOptions{Prefix: "orders", Hasher: testHasher, GroupByFile: group, K8sSync: rewrite.K8sSyncCSI})
			if err != nil {
				t.Fatal(err)
			}
			p.prepareAll()
			it := p.Items[0]
			if it.Manual != "" {
				t.Fatalf("manual: %s", it.Manual)
			}
			ch := p.Files[0].Change
			if _, ok := ch.Files["deployment.external-secret.yaml"]; ok {
				t.Error("an ExternalSecret was written with --k8s-sync csi")
			}
			spc, ok := ch.Files["deployment.secret-provider-class.yaml"]
			if !ok {
				t.Fatalf("no SecretProviderClass beside the manifest: %v", keysOf(ch.Files))
			}
			if strings.Contains(string(ch.Content)+string(spc), secret) {
				t.Fatal("the value is still in the output")
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(spc, &doc); err != nil {
				t.Fatalf("SecretProviderClass does not parse: %v", err)
			}
			if err := checkShape(&doc, secretProviderClassShape, "SecretProviderClass"); err != nil {
				t.Fatalf("not the CRD's shape: %v\n%s", err, spc)
			}
			var c struct {
				APIVersion string `yaml:"apiVersion"`
				Kind       string
				Metadata   struct{ Name, Namespace string }
				Spec       struct {
					Provider      string
					Parameters    map[string]string
					SecretObjects []struct {
						SecretName string `yaml:"secretName"`
						Data       []struct {
							ObjectName string `yaml:"objectName"`
							Key        string
						}
					} `yaml:"secretObjects"`
				}
			}
			if err := yaml.Unmarshal(spc, &c); err != nil {
				t.Fatal(err)
			}
			var objects yaml.Node
			if err := yaml.Unmarshal([]byte(c.Spec.Parameters["objects"]), &objects); err != nil {
				t.Fatalf("parameters.objects does not parse: %v", err)
			}
			if err := checkShape(&objects, awsObjectsShape, "objects"); err != nil {
				t.Fatalf("parameters.objects is not the AWS provider's shape: %v", err)
			}
			var objs []struct {
				ObjectName  string `yaml:"objectName"`
				ObjectType  string `yaml:"objectType"`
				ObjectAlias string `yaml:"objectAlias"`
				JMESPath    []struct {
					Path        string `yaml:"path"`
					ObjectAlias string `yaml:"objectAlias"`
				} `yaml:"jmesPath"`
			}
			if err := yaml.Unmarshal([]byte(c.Spec.Parameters["objects"]), &objs); err != nil {
				t.Fatal(err)
			}
			var dep struct {
				Spec struct {
					Template struct {
						Spec struct {
							Containers []struct {
								Env []struct {
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
				t.Fatal(err)
			}
			ref := dep.Spec.Template.Spec.Containers[0].Env[0].ValueFrom.SecretKeyRef
			alias := ""
			if len(objs) == 1 {
				alias = objs[0].ObjectAlias
				if group && len(objs[0].JMESPath) == 1 {
					alias = objs[0].JMESPath[0].ObjectAlias
				}
			}
			if c.APIVersion != "secrets-store.csi.x-k8s.io/v1" || c.Kind != "SecretProviderClass" || c.Metadata.Namespace != "shop" ||
				c.Spec.Provider != "aws" || len(objs) != 1 || objs[0].ObjectName != it.Secret.Name || objs[0].ObjectType != "secretsmanager" ||
				len(c.Spec.SecretObjects) != 1 || c.Spec.SecretObjects[0].SecretName != ref.Name ||
				len(c.Spec.SecretObjects[0].Data) != 1 || c.Spec.SecretObjects[0].Data[0].Key != ref.Key ||
				c.Spec.SecretObjects[0].Data[0].ObjectName != alias || alias == "" {
				t.Fatalf("the SecretProviderClass does not sync %s/%s from %s:\n%s", ref.Name, ref.Key, it.Secret.Name, spc)
			}
			if group && (len(objs[0].JMESPath) != 1 || strings.Trim(objs[0].JMESPath[0].Path, `"`) != it.Key) {
				t.Fatalf("JSON key %s is not selected by jmesPath:\n%s", it.Key, spc)
			}
			if n := strings.Join(p.Files[0].Change.Notes, "\n"); !strings.Contains(n, "volumeAttributes: {secretProviderClass:") {
				t.Errorf("no note on mounting the CSI volume: %s", n)
			}
		})
	}
}
