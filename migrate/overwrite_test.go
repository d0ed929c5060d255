package migrate

import (
	"context"
	"testing"
)

// TestOverwriteBackToAnEarlierValue: --overwrite can put back a value the
// secret held before (v1 -> v2 -> v1): the idempotency token identifies
// the write, not only the value, so Secrets Manager does not ignore it.
func TestOverwriteBackToAnEarlierValue(t *testing.T) {
	api, _ := startMoto(t)
	ctx := context.Background()
	const (
		v1 = "FAKE-value-one-EXAMPLE-0001"
		v2 = "FAKE-value-two-EXAMPLE-0002"
	)
	o := StoreOptions{Overwrite: true}
	for i, v := range []string{v1, v2, v1} {
		s := &Secret{Name: "shop/api-key", Plain: v}
		if _, err := store(ctx, api, s, nil, o, testHasher); err != nil {
			t.Fatalf("write %d: %v", i+1, err)
		}
		if _, err := verify(ctx, api, s); err != nil {
			t.Fatalf("write %d: %v", i+1, err)
		}
	}
	if got := secretValue(t, api, "shop/api-key", ""); got != v1 {
		t.Errorf("AWSCURRENT holds the value of hmac:%s, want hmac:%s", shortHash(got), shortHash(v1))
	}
}
