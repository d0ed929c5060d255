package audit

import (
	"testing"

	"github.com/secretsweep/secretsweep/scanner/audit/audittest"
)

func TestIsPipelineFile(t *testing.T) {
	for p, want := range map[string]bool{
		".github/workflows/ci.yml": true, ".github/workflows/sub/deploy.yaml": true,
		".github/actions/setup/action.yml": true, ".gitlab-ci.yml": true, "azure-pipelines.yml": true,
		"ci/Jenkinsfile": true, ".circleci/config.yml": true, "bitbucket-pipelines.yml": true,
		"deploy/prod.Jenkinsfile": true, ".buildkite/pipeline.yml": true,
		".github/workflows/README.md": false, "config.yml": false, "src/ci.yml": false, "Jenkinsfile.bak": false,
	} {
		if got := isPipelineFile(p); got != want {
			t.Errorf("isPipelineFile(%q) = %v", p, got)
		}
	}
}

// A secret whose variable name came in one commit and whose value came in
// a later one: the history scan reads only the value's line, so only the
// scan of the pipeline file whole at HEAD sees the pair.
func TestAuditScansPipelinesAtHead(t *testing.T) {
	org := audittest.NewOrg(t, "acme", testToken)
	infra := org.AddRepo(&audittest.Repo{Name: "infra"})
	infra.Commit(t, "pipeline", map[string]string{"azure-pipelines.yml": "variables:\n- name: sqlAdminPassword\n  value: $(sqlAdminPassword)\n"})
	// The rule's own made-up sample value (rules/ci_variable_value.go): the
	// rules drop values that say FAKE, so this one cannot.
	head := infra.Commit(t, "inline it", map[string]string{"azure-pipelines.yml": "variables:\n- name: sqlAdminPassword\n  value: 'Wz8!qLm2vX7r'\n"})
	fx := &fixture{org: org}
	rep := fx.run(t, nil)
	r := repoResult(t, rep, "acme/infra")
	if r.PipelineFiles != 1 {
		t.Errorf("%d pipeline files scanned, want 1", r.PipelineFiles)
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("%d findings, want 1: %+v", len(rep.Findings), rep.Findings)
	}
	f := rep.Findings[0]
	if f.RuleID != "ci-variable-value-secret" || f.Commit != head || f.File != "azure-pipelines.yml" ||
		f.Link != "https://github.com/acme/infra/blob/"+head+"/azure-pipelines.yml#L3" { // the value's line (engine.atSecretLine)
		t.Errorf("finding %+v", f)
	}
}
