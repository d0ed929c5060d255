package stripe

import "github.com/secretsweep/secretsweep/internal/credential"

// Samples are the key forms this package knows, obviously fake.
var Samples = []credential.Sample{
	{Secret: "sk_test_FAKE51HxExampleKey0123456789", Rule: "stripe-access-token", Verify: true},
	{Secret: "sk_live_51HFAKEexample00000000000000000000000000", Rule: "stripe-access-token", Verify: true},
	{Secret: "rk_live_FAKE51HxExampleKey0123456789", Rule: "stripe-access-token", Verify: true},
	{Secret: "pk_live_FAKE51HxExampleKey0123456789", Rule: "stripe-access-token"},
}
