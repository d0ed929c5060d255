package postgres

import "github.com/secretsweep/secretsweep/internal/credential"

// Samples are the credential forms this package knows, obviously fake.
var Samples = []credential.Sample{
	{Secret: "postgres://app:FAKE-pw-1234@db.internal:5432/app", Rule: "postgres-url", Line: "DATABASE_URL=postgres://app:FAKE-pw-1234@db.internal:5432/app", Verify: true, Revoke: true},
	{Secret: "FAKEpw1234", Rule: "url-embedded-password", Line: `url: "postgresql://svc:FAKEpw1234@db.internal:6432/orders?sslmode=require".`, Verify: true, Revoke: true},
	{Secret: "FAKE%40pw1234", Rule: "url-embedded-password", Line: "DATABASE_URL=postgres://svc:FAKE%40pw1234@db.internal/orders", Verify: true, Revoke: true},
	{Secret: "FAKEpw1234", Rule: "url-embedded-password", Line: "url: mysql://svc:FAKEpw1234@db.internal/orders"},
	{Secret: "postgres://FAKEapp@db.internal/app", Rule: "postgres-url", Line: "DATABASE_URL=postgres://FAKEapp@db.internal/app"},
	{Secret: "FAKEunrelated", Rule: "generic-api-key", Line: "postgres://app:FAKEpw@db/app FAKEunrelated"},
	{Secret: "postgres://:FAKEpw@/app?host=/var/run/pgsql", Rule: "postgres-url"},
}
