package sandbox

import (
	"os"
	"path/filepath"

	"github.com/flexslot/flexslot-register/internal/filelock"
)

// lockSuffix names the lock beside the state file.
const lockSuffix = ".lock"

// lockState takes the lock of the state file at path, waiting for it, and
// makes the file's directory first (the user's own, 0700). Every read that
// leads to a write holds it: two runs at once change the state one after
// the other. Where flock is at hand it is a flock (lock_flock.go), else a
// lock directory (lock_dir.go).
func lockState(path string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	return filelock.Lock(path + lockSuffix)
}
