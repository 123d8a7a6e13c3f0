//go:build unix

package secretfile

import "os"

// createNew makes the file at path, which must not exist yet (not even as a
// symbolic link), readable and writable by this user only: mode 0600.
func createNew(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o600)
}

// createTemp makes a new file of a random name in dir, as os.CreateTemp does
// (mode 0600, O_EXCL), readable and writable by this user only.
func createTemp(dir, pattern string) (*os.File, error) {
	return os.CreateTemp(dir, pattern)
}
