package rewrite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// TestPythonHelperReadsAWSRegion runs the rewritten Python with only
// AWS_REGION set (as the Go, Java and JavaScript helpers read it): boto3
// alone reads AWS_DEFAULT_REGION and would raise NoRegionError.
func TestPythonHelperReadsAWSRegion(t *testing.T) {
	if testing.Short() {
		t.Skip("runs programs against moto")
	}
	testenv.StartMoto(t)
	var gc *goldenCase
	for _, c := range goldenCases(t, "python") {
		if c.name == "exec" {
			gc = &c
		}
	}
	if gc == nil {
		t.Fatal("no python/exec case")
	}
	storeSecrets(t, gc.targets)
	t.Setenv("AWS_DEFAULT_REGION", "") // runCmd drops empty AWS_ variables
	src, err := os.ReadFile(gc.input)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := For(gc.path).Rewrite(gc.path, src, gc.targets)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, filepath.Base(gc.path))
	writeFile(t, file, ch.Content)
	for name, content := range ch.Files {
		writeFile(t, filepath.Join(dir, name), content)
	}
	out := string(runPython(t, dir, file))
	for _, tg := range gc.targets {
		if !strings.Contains(out, tg.Secret) {
			t.Errorf("line %d: value not read back with only AWS_REGION set", tg.Line)
		}
	}
}
