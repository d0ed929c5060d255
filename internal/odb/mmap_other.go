//go:build !unix

package odb

import "os"

// mapFile reads the whole file where mapping is not available.
func mapFile(path string) ([]byte, func() error, error) {
	b, err := os.ReadFile(path)
	return b, func() error { return nil }, err
}
