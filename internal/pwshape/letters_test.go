package pwshape

import "testing"

func TestRandomLetters(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"QwrtZxvbNmlkJhgfDsapoiX", true}, {"KqTzWxhRmPLdVbnE", true}, {"MtcpZkXWhWqdeMPBhGrFMXUkJxc", true}, {"zorkQUUXzorkQUUXzork", false},
		{"ChangePasswordComponent", false}, {"getElementsByTagName", false}, {"XMLHttpRequest", false},
		{"TransportStrengthXYZ", false}, {"AbstractControllerTest", false}, {"KqTzWxhRm", false},
		{"ZorKnNaOlTxE", true}, {"HoMePaGeViEw", false}, {"Kq7zWxhRmPLdVbnE", false}, {"ABCDEFGHIJKLmnop", false}, {"abcdefghijklmnop", false}, {"", false},
	} {
		if got := RandomLetters(tc.v); got != tc.want {
			t.Errorf("RandomLetters(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestRandomOneCase(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"ZQKRTDXDUUZXPXNF", true}, {"zqmstkrwpgfhtxvs", true}, {"XKCDZORKPLMWQTVB", true},
		{"ABCDEFGHIJKLMNOP", false}, {"PASSWORDFORADMIN", false}, {"XXXXXXXXXXXXXXXX", false},
		{"abcdefghijklmnop", false}, {"ZQKRTDXDUUZXPXNf", false}, {"ZQKRTDXDUUZX", true}, {"ZQKRTDXDUUZ", false},
		{"thisisaverylongpassphrase", false}, {"CONTENTTYPEJSON", false}, {"", false},
	} {
		if got := RandomOneCase(tc.v); got != tc.want {
			t.Errorf("RandomOneCase(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
