package migrate

import (
	"regexp"
	"testing"
)

func TestClientRequestToken(t *testing.T) {
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a := ClientRequestToken("p/A", testHasher.Sum("v1"))
	if !uuid.MatchString(a) {
		t.Errorf("token %q is not UUID-shaped", a)
	}
	if a != ClientRequestToken("p/A", testHasher.Sum("v1")) {
		t.Error("token is not deterministic")
	}
	for _, other := range []string{ClientRequestToken("p/B", testHasher.Sum("v1")), ClientRequestToken("p/A", testHasher.Sum("v2"))} {
		if other == a {
			t.Error("different name or value gave the same token")
		}
	}
}
