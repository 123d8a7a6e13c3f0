//go:build unix

package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
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

// TestByInterrupt: only ctrl+c (SIGINT) is the way out of the line prompts
// that offers to keep the answers; SIGTERM and SIGHUP are not. The cause
// comes from signalContext, as main makes it, with real signals.
func TestByInterrupt(t *testing.T) {
	tests := []struct {
		sig  syscall.Signal
		want bool
	}{
		{syscall.SIGINT, true},
		{syscall.SIGTERM, false},
		{syscall.SIGHUP, false},
	}
	for _, tt := range tests {
		t.Run(tt.sig.String(), func(t *testing.T) {
			ctx, stop := signalContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
			defer stop()
			if err := syscall.Kill(os.Getpid(), tt.sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
				t.Fatal("the signal did not end the context")
			}
			if got := byInterrupt(ctx); got != tt.want {
				t.Errorf("byInterrupt after %v = %v (cause %v)", tt.sig, got, context.Cause(ctx))
			}
		})
	}
	if byInterrupt(context.Background()) {
		t.Error("byInterrupt of a context that has not ended")
	}
	ctx, stop := signalContext(context.Background(), os.Interrupt)
	stop()
	if ctx.Err() == nil || byInterrupt(ctx) {
		t.Errorf("after stop: err %v, byInterrupt %v; want cancelled, not by an interrupt", ctx.Err(), byInterrupt(ctx))
	}
	// A cause that merely reads like the standard library's is not ours.
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New(os.Interrupt.String() + " signal received"))
	if byInterrupt(ctx) {
		t.Error("byInterrupt read the wording of a cause")
	}
}
