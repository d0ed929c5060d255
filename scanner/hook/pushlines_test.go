package hook

import (
	"strings"
	"testing"
)

func TestHookParseUpdates(t *testing.T) {
	a := strings.Repeat("a", 40)
	b := strings.Repeat("b", 40)
	z := strings.Repeat("0", 40)
	s256 := strings.Repeat("c", 64)
	tests := []struct {
		name    string
		in      string
		want    []Update
		wantErr string
	}{
		{name: "empty", in: "", want: nil},
		{name: "blank lines", in: "\n\n", want: nil},
		{
			name: "update",
			in:   "refs/heads/main " + a + " refs/heads/main " + b + "\n",
			want: []Update{{"refs/heads/main", a, "refs/heads/main", b}},
		},
		{
			name: "several refs, no final newline",
			in:   "refs/heads/a " + a + " refs/heads/a " + z + "\n(delete) " + z + " refs/heads/old " + b,
			want: []Update{{"refs/heads/a", a, "refs/heads/a", z}, {"(delete)", z, "refs/heads/old", b}},
		},
		{
			name: "local ref as typed with spaces is kept whole",
			in:   "HEAD~1 x " + a + " refs/heads/main " + b + "\n",
			want: []Update{{"HEAD~1 x", a, "refs/heads/main", b}},
		},
		{
			name: "sha256 repository",
			in:   "refs/heads/main " + s256 + " refs/heads/main " + strings.Repeat("0", 64) + "\n",
			want: []Update{{"refs/heads/main", s256, "refs/heads/main", strings.Repeat("0", 64)}},
		},
		{name: "too few fields", in: "refs/heads/main " + a + " refs/heads/main\n", wantErr: "line 1"},
		{name: "short sha", in: "refs/heads/main abc refs/heads/main " + b + "\n", wantErr: `"abc" is not an object name`},
		{name: "uppercase sha", in: "\nrefs/heads/main " + strings.ToUpper(a) + " refs/heads/main " + b + "\n", wantErr: "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseUpdates(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d updates %+v, want %+v", len(got), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("update %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestHookUpdateKinds(t *testing.T) {
	a, z := strings.Repeat("a", 40), strings.Repeat("0", 40)
	tests := []struct {
		u          Update
		del, isNew bool
	}{
		{Update{LocalSHA: a, RemoteSHA: a}, false, false},
		{Update{LocalSHA: a, RemoteSHA: z}, false, true},
		{Update{LocalSHA: z, RemoteSHA: a}, true, false},
	}
	for _, tt := range tests {
		if tt.u.IsDelete() != tt.del || tt.u.IsNew() != tt.isNew {
			t.Errorf("%+v: IsDelete=%v IsNew=%v, want %v %v", tt.u, tt.u.IsDelete(), tt.u.IsNew(), tt.del, tt.isNew)
		}
	}
}

func TestObjectNames(t *testing.T) {
	sha1 := strings.Repeat("0123456789abcdef", 3)[:40]
	sha256 := strings.Repeat("0123456789abcdef", 4)
	for _, tc := range []struct {
		in         string
		name, zero bool
	}{
		{sha1, true, false},
		{sha256, true, false},
		{strings.Repeat("0", 40), true, true},
		{strings.Repeat("0", 64), true, true},
		{strings.ToUpper(sha1), false, false},
		{sha1[:39], false, false},
		{sha1 + "0", false, false},
		{strings.Repeat("g", 40), false, false},
		{"HEAD", false, false},
		{"", false, false},
	} {
		if got := IsObjectName(tc.in); got != tc.name {
			t.Errorf("IsObjectName(%q) = %v, want %v", tc.in, got, tc.name)
		}
		if got := IsZeroName(tc.in); got != tc.zero {
			t.Errorf("IsZeroName(%q) = %v, want %v", tc.in, got, tc.zero)
		}
	}
}
