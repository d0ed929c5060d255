package parse

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// k8sSecret reads Kubernetes Secret manifests: a value under stringData is
// a credential as written, whatever its strength (POSTGRES_PASSWORD: postgres in a Secret is what
// the database runs with). Only secret-named keys count (password, token,
// api-key), not username or host, and block scalars (certificates, whole
// config files) are left to the other rules, as are base64 data values
// (gitleaks' kubernetes-secret-yaml and the decoder report those, and a
// parser finding overlapping a gitleaks one gives way to it). Secret manifests have no fixed
// name; the parser reads YAML files whose name says secret, so history
// scans do not hand every YAML file to it whole.
type k8sSecret struct{}

func (k8sSecret) ID() string { return "kubernetes-secret-password" }

func (k8sSecret) Description() string {
	return "Credential under stringData in a Kubernetes Secret manifest"
}

func (k8sSecret) Match(path string) bool {
	b := base(path)
	if !hasSuffixFold(b, ".yaml") && !hasSuffixFold(b, ".yml") && !hasSuffixFold(b, ".yaml.tpl") && !hasSuffixFold(b, ".yml.tpl") {
		return false
	}
	for i := 0; i+6 <= len(b); i++ {
		if strings.EqualFold(b[i:i+6], "secret") {
			return true
		}
	}
	return false
}

// k8sSecretKey matches the keys of a Secret's entries that hold a
// credential; k8sPublicKey the ones that only name or locate one.
var (
	k8sSecretKey = regexp.MustCompile(`(?i)pass|pwd|secret|token|key|credential|auth|salt|dsn|cookie`)
	k8sPublicKey = regexp.MustCompile(`(?i)public|(?:key|secret|token)[_.-]?(?:id|name|ref|path|file)$|\.(?:crt|pem|cert)$|^ca[_.-]`)
	kindSecret   = regexp.MustCompile(`(?m)^kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*)?$`)
)

func (k8sSecret) Parse(_ string, b []byte) (out []Candidate) {
	if !kindSecret.Match(b) {
		return nil
	}
	t := newText(b)
	defer func() {
		if recover() != nil { // yaml.v3 has panicked on malformed input before
			out = nil
		}
	}()
	dec := yaml.NewDecoder(strings.NewReader(t.s))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			break // io.EOF, or invalid YAML: the documents read so far stand
		}
		if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
			continue
		}
		root := doc.Content[0]
		if v := mapValue(root, "kind"); v == nil || v.Value != "Secret" {
			continue
		}
		for _, field := range []string{"stringData"} {
			m := mapValue(root, field)
			if m == nil || m.Kind != yaml.MappingNode {
				continue
			}
			for i := 0; i+1 < len(m.Content); i += 2 {
				k, v := m.Content[i], m.Content[i+1]
				if v.Kind != yaml.ScalarNode || !k8sSecretKey.MatchString(k.Value) || k8sPublicKey.MatchString(k.Value) {
					continue
				}
				c, ok := yamlCandidate(t, v)
				if !ok {
					continue
				}
				c.Key = k.Value
				c.Context = field + "." + k.Value
				out = append(out, c)
			}
		}
	}
	// live: a Secret's values are what the cluster's workloads run with
	// (MYSQL_ROOT_PASSWORD: rootpassword is the password, not its key's echo).
	return withTag(out, TagCredFile, "live")
}

// mapValue returns the value of key in mapping node m, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func (k8sSecret) TruePositives() []Sample {
	return []Sample{
		{Path: "k8s/db-secret.yaml", Text: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  username: orders\n  host: db.orders.test\n  POSTGRES_PASSWORD: orders42\n  api-token: \"zorg-api-t0ken\"\n",
			Secrets: []string{"orders42", "zorg-api-t0ken"}},
		// A second document, a ConfigMap before it.
		{Path: "deploy/secrets.yml", Text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  password: not-a-secret-map\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  DB_PASS: 'zorgpass1'\n  username: zorg\n",
			Secrets: []string{"zorgpass1"}},
	}
}

func (k8sSecret) FalsePositives() []Sample {
	return []Sample{
		{Path: "k8s/secret.yaml", Text: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  password: {{ .Values.db.password }}\n  secretName: app-db\n  tls.crt: |\n    line\n"},
		{Path: "k8s/secret.yaml", Text: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  password: \"\"\n  token: changeme\n"},
		{Path: "k8s/not-secret.yaml", Text: "apiVersion: v1\nkind: ConfigMap\ndata:\n  password: orders42\n"},
	}
}
