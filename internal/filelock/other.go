//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package filelock

// platformLock takes the lock at path, waiting for it: a lock directory
// (lock_dir.go), where flock is not at hand (Windows, Solaris, Plan 9).
func platformLock(path string) (unlock func(), err error) {
	return lockDir(path + ".d")
}
