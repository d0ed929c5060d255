package ghclient

import (
	"net/http"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestToken(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"GITHUB_TOKEN": "a", "GH_TOKEN": "b"}, "a"},
		{map[string]string{"GH_TOKEN": "b"}, "b"},
		{map[string]string{}, ""},
	} {
		if got := Token(env(tc.env)); got != tc.want {
			t.Errorf("Token(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}

func TestNewBaseURL(t *testing.T) {
	for _, tc := range []struct {
		api, want string
		bad       bool
	}{
		{"", "https://api.github.com/", false},
		{"https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/", false},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/", false},
		{"not a url", "", true},
	} {
		c, err := New(http.DefaultClient, env(map[string]string{"GITHUB_API_URL": tc.api}))
		if tc.bad {
			if err == nil {
				t.Errorf("%q: no error", tc.api)
			}
			continue
		}
		if err != nil || c.BaseURL.String() != tc.want {
			t.Errorf("%q: base %v err %v, want %s", tc.api, c.BaseURL, err, tc.want)
		}
	}
}
