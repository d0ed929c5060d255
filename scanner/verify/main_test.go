package verify

import (
	"os"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// TestMain reports the integration tests skipped for a missing dependency
// where go test shows them (testenv.Run).
func TestMain(m *testing.M) { os.Exit(testenv.Run(m)) }
