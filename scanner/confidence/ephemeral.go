package confidence

import (
	"path"
	"regexp"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// shippedDefaults are the passwords database and broker images ship with
// or their docs set (POSTGRES_PASSWORD: postgres, MYSQL_ROOT_PASSWORD:
// root, RABBITMQ_DEFAULT_PASS: guest).
var shippedDefaults = map[string]bool{
	"root": true, "postgres": true, "postgresql": true, "mysql": true, "mariadb": true, "admin": true,
	"guest": true, "redis": true, "rabbitmq": true, "mongo": true, "mongodb": true, "sa": true, "toor": true,
}

// ciPipeline matches the paths of CI pipeline definitions, whose service
// containers live for one job and are reachable from nowhere else.
var ciPipeline = regexp.MustCompile(`(?i)(?:^|/)(?:\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci/config\.ya?ml|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml|\.drone\.ya?ml|\.woodpecker(?:\.ya?ml|/[^/]+\.ya?ml)|Jenkinsfile)$`)

// templateExts are the extensions of scaffolding templates: a generator
// writes the file into every new project, where the user sets it.
var templateExts = map[string]bool{".tt": true, ".tmpl": true, ".tpl": true, ".template": true, ".dist": true, ".j2": true, ".jinja": true, ".jinja2": true, ".erb": true}

// generatorPath matches the directories of code generators and scaffolds,
// which write the password into every new project for its user to set.
var generatorPath = regexp.MustCompile(`(?i)(?:^|/)(?:generators?|scaffolds?|scaffolding|skeleton)/`)

// showcase matches the example, sample and demo paths isTestPath counts
// among tests: the stack they show runs with the password they show.
var showcase = regexp.MustCompile(`(?i)example|sample|demo`)

// ephemeralDefault reports a service's shipped default password in a CI
// pipeline (the database container of one test job), a test (its
// throwaway database), a generator or a scaffolding template: no service anyone can reach runs with it, unlike the same
// value in a compose file or a .env, which is what a deployment runs with.
func ephemeralDefault(f *finding.Finding) bool {
	if !shippedDefaults[strings.ToLower(f.Secret)] {
		return false
	}
	p := strings.ReplaceAll(f.File, `\`, "/")
	return ciPipeline.MatchString(p) || templateExts[strings.ToLower(path.Ext(p))] || generatorPath.MatchString(p) || (isTestPath(p) && !showcase.MatchString(p))
}
