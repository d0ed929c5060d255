package testenv

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Postgres is a throwaway PostgreSQL server started by StartPostgres: its
// own data directory, listening on 127.0.0.1 only, password (SCRAM) auth
// for TCP connections, stopped and deleted when the test ends.
type Postgres struct {
	// Host and Port locate the server (Host is always 127.0.0.1).
	Host string
	Port int
	// User and Password are the superuser's; Database is "postgres".
	User, Password, Database string
	// DSN is a postgres:// URL for the superuser (sslmode=disable).
	DSN string
	// Dir holds the data directory, the socket and the server log.
	Dir string

	bin  string
	cred *syscall.Credential // who runs the server binaries (nil: us)
}

// URL returns a postgres:// URL for user and password on database db
// (default "postgres"), with sslmode=disable.
func (p *Postgres) URL(username, password, db string) string {
	if db == "" {
		db = "postgres"
	}
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(username, password),
		Host:     fmt.Sprintf("%s:%d", p.Host, p.Port),
		Path:     "/" + db,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// Exec runs SQL as the superuser through psql and returns its unaligned,
// tuples-only output; the test fails on an SQL error. For example:
//
//	pg.Exec(t, "CREATE ROLE app LOGIN PASSWORD 'FAKE-old-password'")
func (p *Postgres) Exec(t testing.TB, sql string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(p.bin, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
		"-h", p.Host, "-p", strconv.Itoa(p.Port), "-U", p.User, "-d", p.Database, "-c", sql)
	cmd.Env = append(cleanEnv(), "PGPASSWORD="+p.Password, "PGCONNECT_TIMEOUT=10")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("psql: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// StartPostgres initialises and starts a PostgreSQL server for the test
// from the Debian server binaries (/usr/lib/postgresql/<version>/bin, the
// newest version found; $SECRETSWEEP_PG_BIN overrides the directory). When
// they are missing the test is skipped loudly, or fails under CI (see
// Require). As root, which initdb refuses, the binaries run as the
// "postgres" user in a directory owned by it. Several servers can run at
// once (each on its own free port). The server is stopped and its files
// removed when the test ends.
func StartPostgres(t testing.TB) *Postgres {
	t.Helper()
	bin := postgresBin()
	Require(t, bin != "", "PostgreSQL server binaries (initdb, postgres)", "apt-get install postgresql")
	p := &Postgres{Host: "127.0.0.1", User: "postgres", Database: "postgres", bin: bin, Password: "FAKE-pg-" + randHex(8)}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		Require(t, err == nil, `a "postgres" system user (initdb refuses to run as root)`, "apt-get install postgresql")
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		p.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	// Not t.TempDir(): its parents are private to us, so the postgres user
	// could not reach it.
	dir, err := os.MkdirTemp("", "secretsweep-pg-")
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	p.Dir = dir
	t.Cleanup(func() { os.RemoveAll(dir) })
	if p.cred != nil {
		if err := os.Chown(dir, int(p.cred.Uid), int(p.cred.Gid)); err != nil {
			t.Fatalf("postgres: chown %s: %v", dir, err)
		}
	}
	pwfile := filepath.Join(dir, "pwfile")
	if err := os.WriteFile(pwfile, []byte(p.Password+"\n"), 0o600); err != nil {
		t.Fatalf("postgres: %v", err)
	}
	if p.cred != nil {
		_ = os.Chown(pwfile, int(p.cred.Uid), int(p.cred.Gid))
	}
	data := filepath.Join(dir, "data")
	initdb := p.command("initdb", "-D", data, "-U", p.User, "--pwfile", pwfile,
		"--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync")
	if out, err := initdb.CombinedOutput(); err != nil {
		t.Fatalf("postgres: initdb: %v\n%s", err, out)
	}
	_ = os.Remove(pwfile)
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		p.Port = FreePort(t)
		if lastErr = p.start(t, data); lastErr == nil {
			p.DSN = p.URL(p.User, p.Password, p.Database)
			return p
		}
	}
	t.Fatalf("postgres: %v", lastErr)
	return nil
}

// start runs the server on p.Port and waits until it accepts connections.
func (p *Postgres) start(t testing.TB, data string) error {
	logPath := filepath.Join(p.Dir, fmt.Sprintf("server-%d.log", p.Port))
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	cmd := p.command("postgres", "-D", data, "-p", strconv.Itoa(p.Port),
		"-c", "listen_addresses="+p.Host, "-c", "unix_socket_directories="+p.Dir,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "shared_buffers=16MB", "-c", "max_connections=30")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// A crashed test binary should not leave a server behind.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Signal(syscall.SIGINT) // fast shutdown
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ready := exec.Command(filepath.Join(p.bin, "pg_isready"), "-q", "-h", p.Host, "-p", strconv.Itoa(p.Port), "-t", "2")
		ready.Env = cleanEnv()
		if ready.Run() == nil {
			t.Cleanup(stop)
			return nil
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(logPath)
			return fmt.Errorf("server exited (%v):\n%s", err, log)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stop()
			log, _ := os.ReadFile(logPath)
			return fmt.Errorf("server did not become ready:\n%s", log)
		}
	}
}

// command runs a server binary, as the postgres user when we are root.
func (p *Postgres) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(p.bin, name), args...)
	cmd.Env = append(cleanEnv(), "LC_ALL=C")
	cmd.Dir = p.Dir
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	if p.cred != nil {
		cmd.SysProcAttr.Credential = p.cred
	}
	return cmd
}

// cleanEnv is the environment without the PG* variables that would change
// which server or user the client tools pick.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") && !strings.HasPrefix(kv, "LC_") {
			out = append(out, kv)
		}
	}
	return out
}

// postgresBin finds the directory of initdb and postgres.
func postgresBin() string {
	has := func(dir string) bool {
		for _, b := range []string{"initdb", "postgres", "pg_isready", "psql"} {
			if st, err := os.Stat(filepath.Join(dir, b)); err != nil || st.IsDir() {
				return false
			}
		}
		return true
	}
	if d := os.Getenv("SECRETSWEEP_PG_BIN"); d != "" {
		if has(d) {
			return d
		}
		return ""
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgVersion(dirs[i]) > pgVersion(dirs[j]) })
	for _, d := range dirs {
		if has(d) {
			return d
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil && has(filepath.Dir(p)) {
		return filepath.Dir(p)
	}
	return ""
}

func pgVersion(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
