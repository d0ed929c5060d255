package audit

import (
	"context"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// maxPipelineFile bounds the size of a pipeline file scanned at HEAD.
const maxPipelineFile = 1 << 20

// isPipelineFile reports whether p is a CI/CD workflow or pipeline
// definition. The history scan reads only the lines each commit adds;
// these files are also scanned whole at HEAD, so a secret whose context
// (a variable's name, a step's env block) came in another commit than its
// value is still seen by the pipeline rules.
func isPipelineFile(p string) bool {
	base := path.Base(p)
	dir := path.Dir(p)
	yaml := strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")
	switch {
	case yaml && (dir == ".github/workflows" || strings.HasPrefix(dir, ".github/workflows/")):
		return true
	case yaml && (base == "action.yml" || base == "action.yaml") && strings.HasPrefix(dir, ".github/actions"):
		return true
	case yaml && (dir == ".buildkite" || dir == ".circleci" || dir == ".azure-pipelines" || dir == ".gitlab"):
		return true
	case base == "Jenkinsfile" || strings.HasSuffix(base, ".Jenkinsfile") || strings.HasSuffix(base, ".jenkinsfile"):
		return true
	}
	switch base {
	case ".gitlab-ci.yml", "azure-pipelines.yml", "azure-pipelines.yaml", "bitbucket-pipelines.yml",
		".travis.yml", ".drone.yml", "buildspec.yml", "buildspec.yaml", "cloudbuild.yaml", "cloudbuild.yml",
		"appveyor.yml", ".appveyor.yml", "codemagic.yaml", ".woodpecker.yml", "tekton.yaml":
		return true
	}
	return false
}

// scanPipelines scans the pipeline files of commit head whole with eng.
// It returns the findings, attributed to head, and how many files it read.
func scanPipelines(ctx context.Context, eng engine.Engine, head *object.Commit) ([]finding.Finding, int, error) {
	tree, err := head.Tree()
	if err != nil {
		return nil, 0, fmt.Errorf("read tree of %s: %w", head.Hash, err)
	}
	info := &engine.CommitInfo{
		SHA:     head.Hash.String(),
		Author:  head.Author.Name,
		Email:   head.Author.Email,
		Date:    head.Author.When.UTC().Format(time.RFC3339),
		Message: head.Message,
	}
	var out []finding.Finding
	files := 0
	walker := object.NewTreeWalker(tree, true, nil)
	defer walker.Close()
	for {
		name, entry, err := walker.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, files, fmt.Errorf("walk tree of %s: %w", head.Hash, err)
		}
		if !entry.Mode.IsFile() || entry.Mode == filemode.Symlink || !isPipelineFile(name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, files, err
		}
		f, err := tree.TreeEntryFile(&entry)
		if err != nil {
			return nil, files, fmt.Errorf("read %s at %s: %w", name, head.Hash, err)
		}
		if f.Size > maxPipelineFile {
			continue
		}
		text, err := f.Contents()
		if err != nil {
			return nil, files, fmt.Errorf("read %s at %s: %w", name, head.Hash, err)
		}
		files++
		out = append(out, eng.Scan(ctx, engine.Fragment{Path: name, Text: text, StartLine: 1, Commit: info})...)
	}
	return out, files, nil
}
