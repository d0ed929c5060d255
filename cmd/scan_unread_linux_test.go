package cmd

import (
	"strings"
	"testing"
)

// TestScanUnreadableFileExitsTwo: a file named on the command line that
// cannot be read (/proc/self/mem fails with EIO, even for root) is exit 2.
func TestScanUnreadableFileExitsTwo(t *testing.T) {
	f, out, errOut := scanFactory()
	if code := Main([]string{"scan", "/proc/self/mem"}, f); code != 2 {
		t.Fatalf("exit %d, want 2\nstdout %s\nstderr %s", code, out, errOut)
	}
	if msg := strings.TrimSpace(errOut.String()); strings.Contains(msg, "\n") || !strings.Contains(msg, "cannot read /proc/self/mem") {
		t.Errorf("stderr = %q, want one line naming the file", msg)
	}
}
