package rewrite

import (
	"path/filepath"
	"strings"
)

// isWorkflowPath reports whether path is a GitHub Actions workflow.
func isWorkflowPath(path string) bool {
	p := filepath.ToSlash(path)
	ext := strings.ToLower(filepath.Ext(p))
	if ext != ".yml" && ext != ".yaml" {
		return false
	}
	dir := filepath.ToSlash(filepath.Dir(p))
	return dir == ".github/workflows" || strings.HasSuffix(dir, "/.github/workflows")
}
