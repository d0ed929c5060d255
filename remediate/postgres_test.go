package remediate

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsweep/secretsweep/internal/credential/postgres"
	"github.com/secretsweep/secretsweep/internal/testenv"
)

func pgLogin(pg *testenv.Postgres, user, password string) error {
	return postgresEngine{}.test(context.Background(), pg.URL(user, password, "postgres"))
}

func TestPostgresRotation(t *testing.T) {
	e := startAWS(t)
	pg := testenv.StartPostgres(t)
	ctx := context.Background()

	t.Run("URL in code: stored, rotated, old password rejected", func(t *testing.T) {
		const leaked = "FAKE-leaked-Pw-2468"
		pg.Exec(t, "CREATE ROLE app LOGIN PASSWORD '"+leaked+"'")
		c := candidate("url-embedded-password", leaked)
		c.Context = `DATABASE_URL = "` + pg.URL("app", leaked, "postgres") + `"`
		r := postgresRotator{e.d}
		if firstMatch(Registry(e.d), c).Name() != r.Name() {
			t.Fatalf("rotator %s", firstMatch(Registry(e.d), c).Name())
		}
		rec := &memRec{}
		res := r.Apply(ctx, c, rec)
		if res.Status != StatusDone {
			t.Fatalf("status %s: %v (%v)", res.Status, res.Err, rec.steps)
		}
		name := r.secretName(postgres.Creds{Host: pg.Host, Port: pg.Port, Username: "app"})
		var cur, prev postgres.Creds
		_ = json.Unmarshal([]byte(e.value(t, name, stageCurrent)), &cur)
		_ = json.Unmarshal([]byte(e.value(t, name, stagePrevious)), &prev)
		if prev.Password != leaked || cur.Password == leaked || len(cur.Password) != 32 {
			t.Fatalf("current/previous wrong (len %d)", len(cur.Password))
		}
		if err := pgLogin(pg, "app", cur.Password); err != nil {
			t.Fatalf("new password: %v", err)
		}
		if err := pgLogin(pg, "app", leaked); err == nil {
			t.Fatal("leaked password still signs in")
		}
		for id, st := range e.stages(t, name) {
			if hasStage(st, stagePending) {
				t.Fatalf("AWSPENDING left on %s", id)
			}
		}
		for _, s := range rec.steps {
			if strings.Contains(s, leaked) || strings.Contains(s, cur.Password) {
				t.Fatal("a step holds a password")
			}
		}
		// A second run changes nothing.
		res = r.Apply(ctx, c, &memRec{})
		if res.Status != StatusAlreadyDone {
			t.Fatalf("second run: %s %v", res.Status, res.Err)
		}
	})

	rds := func(user, pw string) string {
		b, _ := json.Marshal(postgres.Creds{Engine: "postgres", Host: pg.Host, Port: pg.Port, Username: user, Password: pw, DBName: "postgres"})
		return string(b)
	}
	putPending := func(t *testing.T, name, value string) string {
		out, err := e.sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: &name, SecretString: &value, VersionStages: []string{stagePending}})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.VersionId)
	}

	t.Run("RDS-shaped secret: stale AWSPENDING cleared first", func(t *testing.T) {
		const leaked = "FAKE-rds-Pw-1357"
		pg.Exec(t, "CREATE ROLE rds_app LOGIN PASSWORD '"+leaked+"'")
		e.createSecret(t, "db/rds_app", rds("rds_app", leaked), false)
		stale := putPending(t, "db/rds_app", rds("rds_app", "FAKE-never-set-on-the-server"))
		c := candidate("generic-api-key", leaked)
		c.SecretID = "db/rds_app"
		rec := &memRec{}
		res := smBuiltinRotator{e.d}.Apply(ctx, c, rec)
		if res.Status != StatusDone {
			t.Fatalf("status %s: %v (%v)", res.Status, res.Err, rec.steps)
		}
		if !rec.has("secretsmanager:UpdateSecretVersionStage -AWSPENDING (stale)") {
			t.Fatalf("stale pending not cleared: %v", rec.steps)
		}
		if st := e.stages(t, "db/rds_app")[stale]; hasStage(st, stagePending) {
			t.Fatalf("stale version still %v", st)
		}
		var cur postgres.Creds
		_ = json.Unmarshal([]byte(e.value(t, "db/rds_app", stageCurrent)), &cur)
		if err := pgLogin(pg, "rds_app", cur.Password); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("interrupted rotation is finished, not redone", func(t *testing.T) {
		const leaked, next = "FAKE-resume-Pw-1111", "FAKE-resume-Pw-2222"
		pg.Exec(t, "CREATE ROLE resumed LOGIN PASSWORD '"+leaked+"'")
		e.createSecret(t, "db/resumed", rds("resumed", leaked), false)
		pend := putPending(t, "db/resumed", rds("resumed", next))
		pg.Exec(t, "ALTER ROLE resumed PASSWORD '"+next+"'") // setSecret ran, then the run died
		c := candidate("generic-api-key", leaked)
		c.SecretID = "db/resumed"
		rec := &memRec{}
		res := smBuiltinRotator{e.d}.Apply(ctx, c, rec)
		if res.Status != StatusDone || rec.has("secretsmanager:GetRandomPassword") {
			t.Fatalf("status %s: %v (%v)", res.Status, res.Err, rec.steps)
		}
		if !hasStage(e.stages(t, "db/resumed")[pend], stageCurrent) {
			t.Fatal("pending version not current")
		}
	})

	t.Run("setSecret fails: password unchanged, pending removed", func(t *testing.T) {
		pg.Exec(t, "CREATE ROLE drifted LOGIN PASSWORD 'FAKE-real-Pw-9999'")
		const stored = "FAKE-stale-Pw-8888" // the secret no longer matches the server
		e.createSecret(t, "db/drifted", rds("drifted", stored), false)
		c := candidate("generic-api-key", stored)
		c.SecretID = "db/drifted"
		res := smBuiltinRotator{e.d}.Apply(ctx, c, &memRec{})
		if res.Status != StatusFailed || !strings.Contains(res.Err.Error(), "setSecret") {
			t.Fatalf("status %s: %v", res.Status, res.Err)
		}
		if strings.Contains(res.Err.Error(), stored) {
			t.Fatal("error holds the password")
		}
		if err := pgLogin(pg, "drifted", "FAKE-real-Pw-9999"); err != nil {
			t.Fatalf("password changed: %v", err)
		}
		for _, st := range e.stages(t, "db/drifted") {
			if hasStage(st, stagePending) {
				t.Fatal("AWSPENDING left after a failed setSecret")
			}
		}
	})
}
