package rewrite

import (
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Spring Boot configuration (application.properties, application-prod.yml,
// bootstrap.properties, or any file with spring.* keys) reads moved values
// through Spring Cloud AWS's Secrets Manager config import:
// `spring.config.import=aws-secretsmanager:ID;ID2` loads each secret as
// properties that take precedence over the file that imports them (a JSON
// secret's keys; a plain secret under the last segment of its name). The
// moved property is emptied when the import supplies it under its own key,
// and becomes a ${PROPERTY} placeholder when the secret's name ends
// otherwise.

// SpringImportKey is the property that lists the imports.
const SpringImportKey = "spring.config.import"

// springConfigName matches the file names Spring Boot loads by default.
var springConfigName = regexp.MustCompile(`^(application|bootstrap)(-[^./]+)?\.(properties|ya?ml)$`)

// isSpringConfig reports whether the file at p, with these keys, is
// Spring Boot configuration.
func isSpringConfig(p string, keys map[string]string) bool {
	if springConfigName.MatchString(path.Base(p)) {
		return true
	}
	for k := range keys {
		if strings.HasPrefix(k, "spring.") {
			return true
		}
	}
	return false
}

// springProperty is the property name a target's value has once its
// secret is imported: its JSON key, else its name's last segment.
func springProperty(t Target) string {
	if t.Key != "" {
		return t.Key
	}
	return t.SecretID[strings.LastIndexByte(t.SecretID, '/')+1:]
}

// springImport is the value of spring.config.import that loads the
// secrets of targets, in order, each once.
func springImport(targets []Target) string {
	var ids []string
	seen := map[string]bool{}
	for _, t := range targets {
		if !seen[t.SecretID] {
			seen[t.SecretID] = true
			ids = append(ids, t.SecretID)
		}
	}
	return "aws-secretsmanager:" + strings.Join(ids, ";")
}

// springNote names what the rewritten Spring configuration needs.
const springNote = "Spring Boot: the moved properties are loaded by `" + SpringImportKey +
	"=aws-secretsmanager:…` (Spring Cloud AWS: add io.awspring.cloud:spring-cloud-aws-starter-secrets-manager; " +
	"region and credentials from the AWS default chain or spring.cloud.aws.*); " +
	"a property whose secret name ends otherwise reads it as a ${NAME} placeholder"

// PropertiesKey is the key of a .properties line (`spring.datasource.password=…`
// gives spring.datasource.password), "" for comments, continued lines and
// keys with escapes. Secrets moved out of Spring configuration are named
// after it, so that the import supplies the property under its own key.
func PropertiesKey(line string) string {
	key, _, ok := propertiesSplit(strings.TrimSuffix(line, "\r"))
	if !ok {
		return ""
	}
	return key
}

// springDotted is the Spring property name of a YAML path (document index
// first, then mapping keys): spring.datasource.password; "" when the path
// goes through a sequence.
func springDotted(p []any) string {
	var keys []string
	for _, c := range p[1:] {
		s, ok := c.(string)
		if !ok {
			return ""
		}
		keys = append(keys, s)
	}
	return strings.Join(keys, ".")
}

// yamlSpring reports whether YAML configuration is Spring Boot's (its name,
// or a top-level spring key) and whether it already imports something.
func yamlSpring(p string, docs []*yaml.Node) (spring, hasImport bool) {
	spring = springConfigName.MatchString(path.Base(p))
	for i := range docs {
		if yamlLookup(docs, []any{i, "spring"}) != nil {
			spring = true
		}
		if yamlLookup(docs, []any{i, "spring", "config", "import"}) != nil || yamlLookup(docs, []any{i, SpringImportKey}) != nil {
			hasImport = true
		}
	}
	return spring, hasImport
}

// springYAMLImport is the document appended to Spring YAML configuration
// to import the moved values (a later document: its imports take
// precedence over the earlier documents that held the values).
func springYAMLImport(targets []Target) string {
	return "---\n# secretsweep: loads the moved values from AWS Secrets Manager (Spring Cloud AWS)\n" +
		SpringImportKey + ": " + yamlQuote(springImport(targets)) + "\n"
}

// SpringYAMLKey is the dotted key of the value secret at line of Spring
// YAML configuration (spring.datasource.password), "" when it is not one.
// Secrets moved out of it are named after it, as for .properties.
func SpringYAMLKey(p string, src []byte, line int, secret string) string {
	if !(yamlConfigRewriter{}).Match(p) {
		return ""
	}
	docs, err := yamlDocs(src)
	if err != nil || yamlFileKind(p, docs) != "config" {
		return ""
	}
	if spring, _ := yamlSpring(p, docs); !spring {
		return ""
	}
	for _, h := range yamlScalars(docs, line) {
		if h.node.Value == secret {
			return springDotted(h.path)
		}
	}
	return ""
}
