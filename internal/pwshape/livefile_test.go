package pwshape

import "testing"

func TestLiveFile(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{".env", true}, {"deploy/.env.production", true}, {"docker-compose.yml", true},
		{"infra/compose.prod.yaml", true}, {"svc/defaults.env", true},
		{".env.example", false}, {"src/env.js", false}, {"compose/README.md", false},
	} {
		if got := LiveFile(tc.path); got != tc.want {
			t.Errorf("LiveFile(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}
