package rules

import "testing"

func TestIsExpression(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"!!opt", true},
		{":mem_cache_store", true},
		{"@user.token", true},
		{"config.fetch(:secret)", true},
		{"ENV['DB_PASSWORD']", true},
		{"Rails.application.secrets[:key]", true},
		{"os.getenv(\"X\",", true}, // cut at a space inside the call
		{"a&&b", true},
		{"Zq&Wr7-5K8x?9L&c4>w]w[}t]+[G^j3XdRm", false}, // closes before it opens
		{"Kd9(x]Lq2[mZ", false},                        // closes another kind
		{"Hq4v!Lr82mZt", false},
	} {
		if got := isExpression(tc.v); got != tc.want {
			t.Errorf("isExpression(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
