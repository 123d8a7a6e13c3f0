// Package filelock is an exclusive lock between processes (and between
// goroutines of one), kept beside a file that several runs read, change and
// write: the sandbox's state file, the kept tokens' file. Where flock is at
// hand it is a flock on a lock file (flock.go), which the kernel drops when
// its holder dies; elsewhere a lock directory (dir.go).
package filelock

// Lock takes the lock at path (a file, or path+".d" for a lock directory),
// waiting for it; unlock releases it. The directory of path must exist.
func Lock(path string) (unlock func(), err error) {
	return platformLock(path)
}
