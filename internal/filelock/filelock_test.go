package filelock

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestLock: each lock lets one holder in at a time, goroutines of one
// process included: the platform's (a flock here) and the lock directory,
// flock's stand-in elsewhere, which also takes over a lock left behind.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		lock func() (func(), error)
	}{
		{"the platform's", func() (func(), error) { return Lock(filepath.Join(dir, "state.json.lock")) }},
		{"a lock directory", func() (func(), error) { return lockDir(filepath.Join(dir, "lock.d")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if most := mostHolders(t, tt.lock); most != 1 {
				t.Errorf("%d holders at once", most)
			}
		})
	}
	stale := filepath.Join(dir, "stale.d")
	os.Mkdir(stale, 0o700)
	old := time.Now().Add(-2 * lockDirStale)
	os.Chtimes(stale, old, old)
	unlock, err := lockDir(stale)
	if err != nil {
		t.Fatalf("a stale lock: %v", err)
	}
	unlock()
}

// mostHolders takes lock from 8 goroutines at once, each holding it a
// moment, and returns how many held it at the same time, at the most.
func mostHolders(t *testing.T, lock func() (func(), error)) int {
	var mu sync.Mutex
	holders, most := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			unlock, err := lock()
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
	return most
}
