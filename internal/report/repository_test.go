package report

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// Findings of several repositories (audit org) name their repository in
// CSV and SARIF, and two repositories with the same secret in the same file
// keep distinct SARIF fingerprints.
func TestRepositoryInCSVAndSARIF(t *testing.T) {
	res := goldenCases()[0].res
	a, b := res.Findings[0], res.Findings[0]
	a.Repository, b.Repository = "acme/api", "acme/web"
	a.Extra = map[string]string{AuditMarkKey: "new"}
	res.Findings = append(res.Findings[:0:0], a, b)

	rows, err := csv.NewReader(strings.NewReader(render(t, csvReporter{}, res, Options{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, c := range []struct {
		row        int
		repo, mark string
	}{{1, "acme/api", "new"}, {2, "acme/web", ""}} {
		if got := rows[c.row]; got[col["Repository"]] != c.repo || got[col["Audit"]] != c.mark {
			t.Errorf("row %d: repository %q, audit %q; want %q, %q", c.row, got[col["Repository"]], got[col["Audit"]], c.repo, c.mark)
		}
	}

	var log struct {
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string
				Properties          map[string]any
			}
		}
	}
	if err := json.Unmarshal([]byte(render(t, sarifReporter{}, res, Options{})), &log); err != nil {
		t.Fatal(err)
	}
	rs := log.Runs[0].Results
	if rs[0].Properties["repository"] != "acme/api" || rs[0].Properties["audit"] != "new" || rs[1].Properties["repository"] != "acme/web" {
		t.Errorf("properties: %v / %v", rs[0].Properties, rs[1].Properties)
	}
	if rs[0].PartialFingerprints[sarifFingerprintKey] == rs[1].PartialFingerprints[sarifFingerprintKey] {
		t.Error("two repositories share a SARIF fingerprint")
	}
}
