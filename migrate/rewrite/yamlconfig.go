package rewrite

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlConfigRewriter removes secret values from YAML configuration,
// docker-compose files and Kubernetes manifests. The value becomes an
// empty string with a comment naming the Secrets Manager secret, except in
// a docker-compose `environment:` entry, where it becomes a ${NAME}
// reference that Compose fills from the environment. The notes name the
// loader the project needs (Compose: export the value before `up`;
// Kubernetes: an External Secrets Operator ExternalSecret; other config:
// the application's own loader). Values that only contain the secret,
// block scalars, anchors and tags are manual steps.
type yamlConfigRewriter struct{}

func (yamlConfigRewriter) Name() string { return "yaml" }

func (yamlConfigRewriter) Match(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return (ext == ".yml" || ext == ".yaml") && !isWorkflowPath(path) && !isK8sExternalSecret(path)
}

// composeName matches docker-compose file names.
func composeName() *regexp.Regexp {
	return regexp.MustCompile(`^(docker-)?compose([.-][^/]*)?\.ya?ml$`)
}

// yamlFileKind tells compose files and Kubernetes manifests apart from
// other YAML.
func yamlFileKind(path string, docs []*yaml.Node) string {
	if composeName().MatchString(filepath.Base(path)) {
		return "compose"
	}
	for _, d := range docs {
		if yamlLookup([]*yaml.Node{d}, []any{0, "apiVersion"}) != nil && yamlLookup([]*yaml.Node{d}, []any{0, "kind"}) != nil {
			return "kubernetes"
		}
		if s := yamlLookup([]*yaml.Node{d}, []any{0, "services"}); s != nil && s.Kind == yaml.MappingNode {
			return "compose"
		}
	}
	return "config"
}

func (yamlConfigRewriter) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	docs, err := yamlDocs(src)
	if err != nil {
		return nil, fmt.Errorf("%s: not valid YAML; file left alone", path)
	}
	kind := yamlFileKind(path, docs)
	starts := lineStarts(src)
	ch := &Change{Content: src}
	done := map[int]bool{}
	var edits []edit
	want := map[string]yamlWant{}
	edited := map[*yaml.Node]bool{}
	envWant := map[string]k8sWant{}
	spring, hasImport := yamlSpring(path, docs)
	spring = spring && kind == "config"
	var imported []Target
	ext := map[int]*k8sExternal{}
	var extOrder []int
	for i, t := range targets {
		var hit *yamlHit
		for _, h := range yamlScalars(docs, t.Line) {
			if t.Secret != "" && strings.Contains(h.node.Value, t.Secret) {
				hit = &h
				break
			}
		}
		if hit == nil {
			ch.Manual = append(ch.Manual, notFound(t))
			continue
		}
		if edited[hit.node] {
			done[i] = true
			continue
		}
		start, end, spanOK := yamlSpan(src, starts, hit.node)
		if !spanOK {
			ch.Manual = append(ch.Manual, manual(t, "the value is a block, multi-line, tagged or anchored scalar"))
			continue
		}
		if e, isEnv := k8sEnvHit(hit); isEnv && kind == "kubernetes" {
			if hit.node.Value != t.Secret {
				ch.Manual = append(ch.Manual, manual(t, "the value of %s holds more than the secret; move the whole value into the secret or edit it by hand", e.envName))
				continue
			}
			ed, secret, key, err := k8sEnvEdit(src, starts, docs, e, end)
			if err != nil {
				ch.Manual = append(ch.Manual, manual(t, "%v; edit it by hand", err))
				continue
			}
			x := ext[e.doc]
			if x == nil {
				x = &k8sExternal{name: secret, refs: map[string]Target{}}
				if ns := yamlLookup(docs, []any{e.doc, "metadata", "namespace"}); ns != nil && ns.Kind == yaml.ScalarNode {
					x.namespace = ns.Value
				}
				ext[e.doc] = x
				extOrder = append(extOrder, e.doc)
			}
			if old, ok := x.refs[key]; ok && (old.SecretID != t.SecretID || old.Key != t.Key) {
				ch.Manual = append(ch.Manual, manual(t, "%s of %s already refers to another secret; edit it by hand", key, secret))
				continue
			}
			if _, ok := x.refs[key]; !ok {
				x.keys = append(x.keys, key)
				x.refs[key] = t
			}
			edits = append(edits, ed)
			entry := hit.path[:len(hit.path)-1]
			envWant[pathKey(entry)] = k8sWant{path: entry, secret: secret, key: key}
			edited[hit.node] = true
			done[i] = true
			continue
		}
		value, ok := yamlConfigValue(kind, hit, t)
		if !ok {
			ch.Manual = append(ch.Manual, manual(t, "the value only contains the secret; move the whole value into the secret or edit it by hand"))
			continue
		}
		if spring && !hasImport {
			if p := springProperty(t); p != springDotted(hit.path) {
				if strings.ContainsAny(p, "${}:") {
					ch.Manual = append(ch.Manual, manual(t, "secret %s cannot be referenced as a Spring placeholder", t.SecretID))
					continue
				}
				value = "${" + p + "}"
			}
			imported = append(imported, t)
		}
		text := yamlQuote(value)
		if strings.TrimSpace(yamlRestOfLine(src, end)) == "" {
			text += "  # secretsweep: moved to " + yamlCommentSafe(secretRef(t))
		}
		edits = append(edits, edit{start, end, text})
		want[pathKey(hit.path)] = yamlWant{path: hit.path, value: value}
		edited[hit.node] = true
		done[i] = true
	}
	if len(edits) == 0 {
		return ch, nil
	}
	out, err := applyEdits(src, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := yamlVerify(out, want); err != nil {
		return nil, fmt.Errorf("%s: %v; file left alone", path, err)
	}
	if err := k8sVerifyEnv(out, envWant); err != nil {
		return nil, fmt.Errorf("%s: %v; file left alone", path, err)
	}
	if len(imported) > 0 {
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, '\n')
		}
		out = append(out, springYAMLImport(imported)...)
		if d, err := yamlDocs(out); err != nil || len(d) != len(docs)+1 || yamlVerify(out, want) != nil {
			return nil, fmt.Errorf("%s: the Spring import does not parse; file left alone", path)
		}
	}
	ch.Content = out
	if len(extOrder) > 0 && targets[0].K8sSync == K8sSyncCSI {
		list := make([]*k8sExternal, len(extOrder))
		for i, d := range extOrder {
			list[i] = ext[d]
		}
		content := k8sSecretProviderClasses(list)
		if _, err := yamlDocs(content); err != nil {
			return nil, fmt.Errorf("%s: the SecretProviderClass manifest does not parse; file left alone", path)
		}
		ch.Files = map[string][]byte{strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + k8sCSISuffix: content}
		ch.Notes = append(ch.Notes, k8sCSINote(path, list))
	} else if len(extOrder) > 0 {
		list := make([]*k8sExternal, len(extOrder))
		for i, d := range extOrder {
			list[i] = ext[d]
		}
		content := k8sExternalSecrets(list)
		if _, err := yamlDocs(content); err != nil {
			return nil, fmt.Errorf("%s: the ExternalSecret manifest does not parse; file left alone", path)
		}
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + k8sExternalSecretSuffix
		ch.Files = map[string][]byte{name: content}
		ch.Notes = append(ch.Notes, fmt.Sprintf("Kubernetes: env values now come from valueFrom.secretKeyRef; %s (External Secrets Operator, external-secrets.io/v1) creates those Secrets from AWS Secrets Manager through the ClusterSecretStore %q, which you configure once per cluster (provider aws, service SecretsManager, your region and IAM role); apply it with the manifest", name, K8sSecretStore))
	}
	switch kind {
	case "compose":
		ch.Notes = append(ch.Notes, "docker-compose: values became ${NAME} references (or empty values); export each NAME before `docker compose up`, e.g. NAME=$(aws secretsmanager get-secret-value --secret-id ID --query SecretString --output text), or use Compose secrets")
	case "kubernetes":
		if len(want) == 0 {
			break
		}
		ch.Notes = append(ch.Notes, "Kubernetes: the values were emptied; create them from Secrets Manager with the External Secrets Operator (an ExternalSecret whose remoteRef.key is the secret name, remoteRef.property the JSON key) instead of committing them")
	case "config":
		if len(imported) > 0 {
			ch.Notes = append(ch.Notes, springNote)
			break
		}
		ch.Notes = append(ch.Notes, "YAML config: the values were emptied; the application must load them from AWS Secrets Manager at start-up (e.g. Spring Cloud AWS `spring.config.import: aws-secretsmanager:ID`, or an SDK call) — the comment next to each value names the secret")
	}
	finishChange(ch, targets, done)
	return ch, nil
}

// yamlConfigValue returns the new value of a hit: a ${NAME} reference in a
// Compose environment, "" elsewhere; ok is false when the scalar holds more
// than the secret.
func yamlConfigValue(kind string, h *yamlHit, t Target) (string, bool) {
	inEnv := false
	for _, p := range h.path {
		if p == "environment" {
			inEnv = true
		}
	}
	if kind == "compose" && inEnv {
		if h.key != "" && h.node.Value == t.Secret {
			return "${" + strings.ToUpper(ident(h.key)) + "}", true
		}
		if name, v, ok := strings.Cut(h.node.Value, "="); ok && h.key == "" && v == t.Secret && name != "" {
			return name + "=${" + strings.ToUpper(ident(name)) + "}", true
		}
	}
	if h.node.Value != t.Secret {
		return "", false
	}
	return "", true
}

// yamlQuote writes a value as a double-quoted YAML scalar.
func yamlQuote(v string) string {
	if v == "" {
		return `""`
	}
	return quoteC(v)
}

// yamlCommentSafe keeps a comment on one line.
func yamlCommentSafe(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}
