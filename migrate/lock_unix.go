//go:build unix

package migrate

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive, non-blocking advisory lock on f; the kernel
// drops it when the process ends, even when it is killed.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
