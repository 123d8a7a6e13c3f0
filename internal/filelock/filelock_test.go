package filelock

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestLockDir: the lock directory, flock's stand-in elsewhere, lets one
// holder in at a time and takes over a lock left behind.
func TestLockDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lock.d")
	var mu sync.Mutex
	holders, most := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			unlock, err := lockDir(dir)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			holders++
			most = max(most, holders)
			mu.Unlock()
			time.Sleep(2 * time.Millisecond)
			mu.Lock()
			holders--
			mu.Unlock()
			unlock()
		})
	}
	wg.Wait()
	if most != 1 {
		t.Errorf("%d holders at once", most)
	}
	os.Mkdir(dir, 0o700)
	old := time.Now().Add(-2 * lockDirStale)
	os.Chtimes(dir, old, old)
	unlock, err := lockDir(dir)
	if err != nil {
		t.Fatalf("a stale lock: %v", err)
	}
	unlock()
}

// TestLock: the platform's lock (a flock here) lets one holder in at a time,
// goroutines of one process included.
func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json.lock")
	var mu sync.Mutex
	holders, most := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			unlock, err := Lock(path)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			holders++
			most = max(most, holders)
			mu.Unlock()
			time.Sleep(2 * time.Millisecond)
			mu.Lock()
			holders--
			mu.Unlock()
			unlock()
		})
	}
	wg.Wait()
	if most != 1 {
		t.Errorf("%d holders at once", most)
	}
}
