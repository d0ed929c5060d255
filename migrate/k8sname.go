package migrate

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// kubernetesEnvNames names the items found in Kubernetes env entries
// (`- name: DATABASE_PASSWORD` / `value: "…"`) after their sibling name, in
// the lower-case, hyphenated form Kubernetes names use
// (database-password), instead of "value".
func kubernetesEnvNames(root string, items []*Item) {
	srcs := map[string][]byte{}
	for _, it := range items {
		if it.Variable != "" && !strings.EqualFold(it.Variable, "value") {
			continue
		}
		if !(rewrite.For(it.File) != nil && rewrite.For(it.File).Name() == "yaml") {
			continue
		}
		src, ok := srcs[it.File]
		if !ok {
			src, _ = os.ReadFile(filepath.Join(root, filepath.FromSlash(it.File)))
			srcs[it.File] = src
		}
		if name := rewrite.KubernetesEnvName(it.File, src, it.Finding.StartLine, it.Finding.Secret); name != "" {
			it.Variable, it.Sibling = strings.ToLower(strings.ReplaceAll(name, "_", "-")), name
			it.Part = ""
		}
	}
}

// propertiesKeyNames names the items found in .properties files after
// their whole key (spring.datasource.password, not password): the key says
// what the value is, and Spring Cloud AWS's import supplies a plain
// secret as the property named by its name's last segment.
// Spring YAML configuration likewise (spring: datasource: password:).
func propertiesKeyNames(root string, items []*Item) {
	srcs := map[string][]byte{}
	for _, it := range items {
		r := rewrite.For(it.File)
		if r == nil || it.Part != "" || it.Sibling != "" {
			continue
		}
		key := ""
		switch r.Name() {
		case "properties":
			if strings.Contains(it.Finding.Line, it.Finding.Secret) {
				key = rewrite.PropertiesKey(it.Finding.Line)
			}
		case "yaml":
			src, ok := srcs[it.File]
			if !ok {
				src, _ = os.ReadFile(filepath.Join(root, filepath.FromSlash(it.File)))
				srcs[it.File] = src
			}
			key = rewrite.SpringYAMLKey(it.File, src, it.Finding.StartLine, it.Finding.Secret)
		}
		if key != "" && strings.HasSuffix(key, it.Variable) && !strings.Contains(key, it.Finding.Secret) {
			it.Variable = key
		}
	}
}
