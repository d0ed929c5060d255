package action_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// goreleaserFile mirrors the parts of .goreleaser.yaml the Action relies on.
type goreleaserFile struct {
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		Formats         []string `yaml:"formats"`
		NameTemplate    string   `yaml:"name_template"`
		WrapInDirectory bool     `yaml:"wrap_in_directory"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
}

// TestReleaseMatchesTheAction checks that what the release workflow
// publishes is what action.yml's release step downloads: an archive per
// runner OS and architecture, named without the version, with the binary
// at its root, and a sha256 checksums.txt.
func TestReleaseMatchesTheAction(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var g goreleaserFile
	if err := yaml.Unmarshal(data, &g); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	var step *actionStep
	a := loadAction(t)
	for i := range a.Runs.Steps {
		if a.Runs.Steps[i].ID == "release" {
			step = &a.Runs.Steps[i]
		}
	}
	if step == nil {
		t.Fatal("action.yml has no release step")
	}
	const asset = `asset="secretsweep_${os}_${arch}.tar.gz"`
	if !strings.Contains(step.Run, asset) || !strings.Contains(step.Run, `"$url/checksums.txt"`) ||
		!strings.Contains(step.Run, "sha256") || !strings.Contains(step.Run, `-C "$bin_dir" secretsweep`) {
		t.Fatalf("the release step no longer downloads %s and checksums.txt (sha256) and unpacks secretsweep; update this test with it", asset)
	}
	if len(g.Builds) != 1 || len(g.Archives) != 1 {
		t.Fatalf("want one build and one archive: %+v", g)
	}
	// The platforms the step maps RUNNER_OS and RUNNER_ARCH to.
	for _, os := range []string{"linux", "darwin"} {
		if !slices.Contains(g.Builds[0].Goos, os) {
			t.Errorf("no %s build", os)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(g.Builds[0].Goarch, arch) {
			t.Errorf("no %s build", arch)
		}
	}
	ar := g.Archives[0]
	name := strings.NewReplacer("{{ .ProjectName }}", g.ProjectName, "{{ .Os }}", "${os}", "{{ .Arch }}", "${arch}").Replace(ar.NameTemplate)
	if name+".tar.gz" != "secretsweep_${os}_${arch}.tar.gz" || !slices.Equal(ar.Formats, []string{"tar.gz"}) {
		t.Errorf("archives are %s.%v, the Action downloads secretsweep_${os}_${arch}.tar.gz", name, ar.Formats)
	}
	if ar.WrapInDirectory {
		t.Error("archives wrap the binary in a directory; the Action extracts secretsweep at the root")
	}
	if g.Checksum.NameTemplate != "checksums.txt" || g.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %+v, the Action verifies sha256 sums in checksums.txt", g.Checksum)
	}
	ld := strings.Join(g.Builds[0].Ldflags, " ")
	for _, v := range []string{"main.version=", "main.commit=", "main.date="} {
		if !strings.Contains(ld, "-X "+v) {
			t.Errorf("ldflags do not stamp %s: %s", v, ld)
		}
	}
}
