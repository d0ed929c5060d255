package credtest

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
)

// CheckSamples checks a kind's samples against its own predicates:
// verifiable must hold exactly for the samples marked Verify, revocable
// exactly for those marked Revoke. A kind lists at least one form it
// checks and one it leaves alone.
func CheckSamples(t *testing.T, samples []credential.Sample, verifiable, revocable func(credential.Sample) bool) {
	t.Helper()
	var taken, left int
	for _, s := range samples {
		if got := verifiable(s); got != s.Verify {
			t.Errorf("%s sample %.16s...: verifiable = %v, the sample says %v", s.Rule, s.Secret, got, s.Verify)
		}
		if got := revocable(s); got != s.Revoke {
			t.Errorf("%s sample %.16s...: revocable = %v, the sample says %v", s.Rule, s.Secret, got, s.Revoke)
		}
		if s.Verify || s.Revoke {
			taken++
		} else {
			left++
		}
	}
	if taken == 0 || left == 0 {
		t.Errorf("%d samples taken and %d left alone: list both kinds", taken, left)
	}
}
