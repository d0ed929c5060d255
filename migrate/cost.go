package migrate

import (
	"fmt"
	"io"
)

// Secrets Manager list prices (us-east-1) used for the estimate.
const (
	PricePerSecretMonth = 0.40 // USD per secret (and per replica) per month
	PricePer10kCalls    = 0.05 // USD per 10,000 API calls
)

// DefaultCallsPerSecretMonth is the assumed number of GetSecretValue calls
// per secret per month: the rewritten code caches each value per process,
// so this is roughly one call per process start (about 330 starts a day).
const DefaultCallsPerSecretMonth = 10000

// Cost is a monthly cost estimate.
type Cost struct {
	Secrets         int     // secrets created (primary region)
	Replicas        int     // replica secrets (billed like secrets)
	CallsPerSecret  int     // assumed API calls per secret per month
	SecretsUSD      float64 // storage part
	CallsUSD        float64 // API call part
	TotalUSD        float64
	AlternativeName string  // the other --group-by choice
	AlternativeUSD  float64 // its total, for comparison
	AlternativeN    int     // its number of secrets
}

// EstimateCost prices secrets secrets with replicas replica regions each,
// each read callsPerSecret times a month.
func EstimateCost(secrets, replicaRegions, callsPerSecret int) Cost {
	c := Cost{Secrets: secrets, Replicas: secrets * replicaRegions, CallsPerSecret: callsPerSecret}
	c.SecretsUSD = float64(secrets+c.Replicas) * PricePerSecretMonth
	c.CallsUSD = float64(secrets*callsPerSecret) / 10000 * PricePer10kCalls
	c.TotalUSD = c.SecretsUSD + c.CallsUSD
	return c
}

// Write prints the estimate with its assumptions.
func (c Cost) Write(w io.Writer) {
	fmt.Fprintf(w, "Monthly cost of these secrets: $%.2f = %d secret(s)", c.TotalUSD, c.Secrets)
	if c.Replicas > 0 {
		fmt.Fprintf(w, " + %d replica(s)", c.Replicas)
	}
	fmt.Fprintf(w, " x $%.2f + %d API calls x $%.2f/10,000\n",
		PricePerSecretMonth, c.Secrets*c.CallsPerSecret, PricePer10kCalls)
	fmt.Fprintf(w, "  assumes %d GetSecretValue calls per secret per month (values are cached per process;\n"+
		"  change with --calls-per-month); the migration itself makes about 3 calls per secret.\n", c.CallsPerSecret)
	if c.AlternativeName != "" {
		fmt.Fprintf(w, "  with %s: %d secret(s), $%.2f/month\n", c.AlternativeName, c.AlternativeN, c.AlternativeUSD)
	}
}
