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
func propertiesKeyNames(items []*Item) {
	for _, it := range items {
		if r := rewrite.For(it.File); r == nil || r.Name() != "properties" || it.Part != "" {
			continue
		}
		line := it.Finding.Line
		if !strings.Contains(line, it.Finding.Secret) {
			continue
		}
		if key := rewrite.PropertiesKey(line); key != "" && strings.HasSuffix(key, it.Variable) && !strings.Contains(key, it.Finding.Secret) {
			it.Variable = key
		}
	}
}
