package rules

import "testing"

func TestGenericName(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"db_password", true},
		{"mypass", true},
		{"passwd", true},
		{"postgres_root_pass", true},
		{"root-pw", true},
		{"zorkshop_pass", false},
		{"zorkshop_dev_password", false},
		{"plumtree", false},
		{"Db_Password", false},
		{"zork4711", false},
		{"postgres", false},
		{"admin123", false},
		{"password123", false},
		{"mypass1", false},
		{"db_password2", true},
	} {
		if got := genericName(tc.v); got != tc.want {
			t.Errorf("genericName(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
