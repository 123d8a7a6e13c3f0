//go:build unix

package main

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
)

// TestManifestReadingIsBoundedAndCancellable: --from reads at most 1 MiB, and
// a signal ends a read that blocks (a FIFO nobody writes to).
func TestManifestReadingIsBoundedAndCancellable(t *testing.T) {
	code, _, stderr := runWith(t, "", "--from", "/dev/zero", "--dry-run")
	if code != cli.ExitUsage || !strings.Contains(stderr, "larger than 1024 KiB") {
		t.Errorf("/dev/zero: exit %d, stderr %q", code, stderr)
	}
	fifo := filepath.Join(t.TempDir(), "manifest.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	streams, _, errOut := iostreams.Test(strings.NewReader(""))
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"--from", fifo, "--dry-run"}, streams) }()
	cancel()
	select {
	case code := <-done:
		if code != cli.ExitCancelled || !strings.Contains(errOut.String(), "cancelled while reading it") {
			t.Errorf("FIFO: exit %d, stderr %q", code, errOut.String())
		}
	case <-time.After(3 * time.Second):
		t.Fatal("a signal did not end the read of a FIFO")
	}
}
