//go:build unix

package main

import (
	"os/signal"
	"syscall"
)

// ignoreFatalWriteSignals keeps a failed write from killing the run after a
// client exists. A reader that goes away (`--json | head -c1`) would kill it
// by SIGPIPE: writes fail with EPIPE instead, and the failure is reported
// (frontend/script). Likewise a file-size limit (ulimit -f) fails the write of the
// secret file with EFBIG instead of killing the run by SIGXFSZ.
func ignoreFatalWriteSignals() {
	signal.Ignore(syscall.SIGPIPE, syscall.SIGXFSZ)
}
