package testenv

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Moto is a running moto server.
type Moto struct {
	// URL is the endpoint, e.g. http://127.0.0.1:41234.
	URL string
}

// StartMoto starts a moto server on a free loopback port for the test and
// points the AWS SDK at it through the environment (AWS_ENDPOINT_URL, fake
// static credentials, us-east-1). The server stops when the test ends.
func StartMoto(t testing.TB) *Moto {
	t.Helper()
	port := FreePort(t)
	args := []string{"-H", "127.0.0.1", "-p", fmt.Sprint(port)}
	var cmd *exec.Cmd
	if bin, err := exec.LookPath("moto_server"); err == nil {
		cmd = exec.Command(bin, args...)
	} else {
		// pip may install the console script where PATH (or a pyenv shim)
		// does not reach yet; the module is enough.
		py, err := exec.LookPath("python3")
		ok := err == nil && exec.Command(py, "-c", "import moto.server").Run() == nil
		Require(t, ok, "moto_server", "pip install 'moto[server]'")
		cmd = exec.Command(py, append([]string{"-m", "moto.server"}, args...)...)
	}
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start moto: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	m := &Moto{URL: fmt.Sprintf("http://127.0.0.1:%d", port)}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(m.URL + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto did not start: %v\n%s", err, out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Setenv("AWS_ENDPOINT_URL", m.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	unsetenv(t, "AWS_SESSION_TOKEN")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_DEFAULT_REGION", "us-east-1")
	unsetenv(t, "AWS_PROFILE") // boto3 rejects an empty profile name
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	return m
}

// Reset clears all state in the moto server.
func (m *Moto) Reset(t testing.TB) {
	t.Helper()
	resp, err := http.Post(m.URL+"/moto-api/reset", "application/json", nil)
	if err != nil {
		t.Fatalf("reset moto: %v", err)
	}
	resp.Body.Close()
}

// unsetenv removes a variable for the rest of the test (restored after).
func unsetenv(t testing.TB, key string) {
	t.Setenv(key, "")
	os.Unsetenv(key)
}
