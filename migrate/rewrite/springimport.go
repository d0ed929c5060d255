package rewrite

import (
	"path"
	"regexp"
	"strings"
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
