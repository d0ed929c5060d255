//go:build !unix

package gitrepo

import "os"

// tryLock is a no-op where flock(2) does not exist.
func tryLock(*os.File) (bool, error) { return false, nil }
