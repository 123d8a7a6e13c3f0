package filelock

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// A lock directory's timing: how often a waiter looks again, and when a lock
// counts as left behind by a run that died holding it. Its holders keep it
// for one read and one write of a small file, milliseconds.
const (
	lockDirPoll    = 10 * time.Millisecond
	lockDirStale   = 10 * time.Second
	lockDirTimeout = 30 * time.Second
)

// lockDir takes a lock that works on every system: os.Mkdir, which makes a
// directory or fails if it exists, atomically. A lock older than
// lockDirStale is taken over, since nobody holds it that long alive.
func lockDir(dir string) (unlock func(), err error) {
	deadline := time.Now().Add(lockDirTimeout)
	for {
		err := os.Mkdir(dir, 0o700)
		if err == nil {
			return func() { os.Remove(dir) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if info, statErr := os.Stat(dir); statErr == nil && time.Since(info.ModTime()) > lockDirStale {
			// Left by a run that died. It is moved aside before it goes: of
			// two waiters that both found it stale, one rename wins, and the
			// other cannot remove the lock the winner then makes.
			aside := fmt.Sprintf("%s.stale-%d-%d", dir, os.Getpid(), time.Now().UnixNano())
			if os.Rename(dir, aside) == nil {
				os.Remove(aside)
			}
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s is locked: remove it if no flexslot-register is running", dir)
		}
		time.Sleep(lockDirPoll)
	}
}
