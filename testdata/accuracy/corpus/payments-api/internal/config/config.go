package config

import (
	"fmt"
	"os"
	"time"
)

// Config is the runtime configuration of payments-api.
type Config struct {
	DBHost        string
	DBUser        string
	DBPassword    string
	StripeKey     string
	WebhookSecret string
	TokenTTL      time.Duration
}

const (
	defaultDBUser   = "payments"
	passwordEnvVar  = "PAYMENTS_DB_PASSWORD"
	tokenHeaderName = "X-Payments-Token"
)

// Load reads the configuration from the environment.
func Load() (*Config, error) {
	c := &Config{
		DBHost:        os.Getenv("PAYMENTS_DB_HOST"),
		DBUser:        defaultDBUser,
		DBPassword:    os.Getenv(passwordEnvVar),
		StripeKey:     os.Getenv("STRIPE_SECRET_KEY"),
		WebhookSecret: os.Getenv("STRIPE_WEBHOOK_SECRET"),
		TokenTTL:      15 * time.Minute,
	}
	if c.DBPassword == "" {
		return nil, fmt.Errorf("%s is not set", passwordEnvVar)
	}
	return c, nil
}

// DSN builds the database connection string.
func (c *Config) DSN() string {
	return fmt.Sprintf("postgres://%s:%s@%s:5432/payments?sslmode=require", c.DBUser, c.DBPassword, c.DBHost)
}

// legacyDSN is still used by the reconciliation job until PAY-1432 lands.
const legacyDSN = "postgres://recon:Gv4!kN8qTz2m@payments-legacy-db.internal:5432/payments"
