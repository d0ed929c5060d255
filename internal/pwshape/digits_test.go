package pwshape

import "testing"

func TestDigits(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"1234", true}, {"123456", true}, {"4711", true}, {"987654321", true},
		{"123", false}, {"0000", false}, {"111111", true}, {"00000", false}, {"1212", false}, {"12a4", false}, {"", false}, {"１２３４", false},
	} {
		if got := Digits(tc.v); got != tc.want {
			t.Errorf("Digits(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestPrefixedDigits(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"z47110", true}, {"ab1234", true}, {"Q4711", true},
		{"abc1234", false}, {"12345", false}, {"d0000", false}, {"d123", false}, {"", false}, {"d", false},
	} {
		if got := PrefixedDigits(tc.v); got != tc.want {
			t.Errorf("PrefixedDigits(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
