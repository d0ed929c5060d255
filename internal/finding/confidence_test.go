package finding

import (
	"slices"
	"testing"
)

func TestParseConfidence(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Confidence
		wantErr bool
	}{
		{"high", ConfidenceHigh, false},
		{" Medium ", ConfidenceMedium, false},
		{"LOW", ConfidenceLow, false},
		{"", "", true},
		{"critical", "", true},
	} {
		got, err := ParseConfidence(tc.in)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("ParseConfidence(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestConfidenceOrder(t *testing.T) {
	for _, tc := range []struct {
		c, min  Confidence
		atLeast bool
		cmp     int
	}{
		{ConfidenceHigh, ConfidenceMedium, true, 1},
		{ConfidenceMedium, ConfidenceMedium, true, 0},
		{ConfidenceLow, ConfidenceMedium, false, -1},
		{ConfidenceLow, ConfidenceLow, true, 0},
		{ConfidenceMedium, ConfidenceHigh, false, -1},
		{"", ConfidenceHigh, true, -1}, // never scored: never hidden
	} {
		if got := tc.c.AtLeast(tc.min); got != tc.atLeast {
			t.Errorf("%q.AtLeast(%q) = %v, want %v", tc.c, tc.min, got, tc.atLeast)
		}
		if got := tc.c.Compare(tc.min); got != tc.cmp {
			t.Errorf("%q.Compare(%q) = %d, want %d", tc.c, tc.min, got, tc.cmp)
		}
	}
}

func TestFilterConfidence(t *testing.T) {
	fs := []Finding{
		{RuleID: "a", Secret: "s1", Confidence: ConfidenceHigh},
		{RuleID: "b", Secret: "s2", Confidence: ConfidenceLow},
		{RuleID: "c", Secret: "s3", Confidence: ConfidenceMedium},
		{RuleID: "d", Secret: "s4"},
	}
	kept, withheld, hidden := FilterConfidence(slices.Clone(fs), ConfidenceMedium)
	var ids []string
	for _, f := range kept {
		ids = append(ids, f.RuleID)
	}
	if !slices.Equal(ids, []string{"a", "c", "d"}) || !slices.Equal(withheld, []string{"s2"}) || hidden != 1 {
		t.Errorf("FilterConfidence(medium) kept %v, withheld %v, hidden %d", ids, withheld, hidden)
	}
	if kept, _, hidden := FilterConfidence(slices.Clone(fs), ConfidenceHigh); len(kept) != 2 || hidden != 2 {
		t.Errorf("FilterConfidence(high) kept %d, hidden %d; want 2, 2", len(kept), hidden)
	}
	if kept, _, hidden := FilterConfidence(slices.Clone(fs), ""); len(kept) != 4 || hidden != 0 {
		t.Errorf("FilterConfidence(\"\") kept %d, hidden %d; want all", len(kept), hidden)
	}
}
