package report

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestCSVParsesBack(t *testing.T) {
	res := goldenCases()[1].res
	rows, err := csv.NewReader(strings.NewReader(render(t, csvReporter{}, res, Options{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(res.Findings) {
		t.Fatalf("%d rows for %d findings", len(rows), len(res.Findings))
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	first := rows[1]
	if first[col["Secret"]] != fakeGeneric || first[col["Match"]] != res.Findings[0].Match || first[col["File"]] != res.Findings[0].File {
		t.Errorf("quoting lost data: %q", first)
	}
	if rows[2][col["Tags"]] != "key AWS" || rows[2][col["Link"]] == "" || rows[2][col["SecretHash"]] != fixtureHasher.Sum(fakeAWS) {
		t.Errorf("git row = %q", rows[2])
	}
	if got := rows[3][col["Match"]]; got != "'="+fakeGitHub {
		t.Errorf("formula not defused: %q", got)
	}
}

func TestCSVHeaderOnly(t *testing.T) {
	out := render(t, csvReporter{}, nil, Options{})
	if out != strings.Join(csvHeader(false, false), ",")+"\n" {
		t.Errorf("empty CSV = %q", out)
	}
}

func TestDefuseFormula(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "abc": "abc", "=1+1": "'=1+1", "+x": "'+x", "-----BEGIN": "'-----BEGIN",
		"@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "-3": "-3", "+4.5": "+4.5", "a=b": "a=b",
	} {
		if got := defuseFormula(in); got != want {
			t.Errorf("defuseFormula(%q) = %q, want %q", in, got, want)
		}
	}
}
