package rules

import (
	"strings"
	"testing"
)

// TestAssignKey guards the hand-made union: assignKey is secretKey with
// pw added to its words.
func TestAssignKey(t *testing.T) {
	if want := strings.Replace(secretKey, "|pwd|", "|pwd|pw|", 1); assignKey != want {
		t.Errorf("assignKey = %s\nwant        %s", assignKey, want)
	}
}
