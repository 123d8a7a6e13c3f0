//go:build unix

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// yardstick is a program built once from testdata to measure the wizard by.
type yardstick struct {
	sync.Once
	path string
	err  error
}

var minimal, echo, huhForm, huhHTTP yardstick

// build builds testdata/name the way the wizard is built.
func (y *yardstick) build(b *testing.B, name string) string {
	b.Helper()
	y.Do(func() {
		y.path = filepath.Join(filepath.Dir(binary), name)
		out, err := exec.Command("go", "build", "-o", y.path, "./testdata/"+name).CombinedOutput()
		if err != nil {
			y.err = err
			b.Logf("%s", out)
		}
	})
	if y.err != nil {
		b.Fatal(y.err)
	}
	return y.path
}

// startInPty starts path in an 80x24 pseudo-terminal, with a bare
// environment.
func startInPty(b testing.TB, path string, args ...string) (*exec.Cmd, *os.File) {
	b.Helper()
	cmd := exec.Command(path, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + b.TempDir(), "TERM=xterm-256color"}
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		b.Fatal(err)
	}
	return cmd, tty
}

// stopInPty ends what startInPty started.
func stopInPty(cmd *exec.Cmd, tty *os.File) {
	cmd.Process.Kill()
	cmd.Wait()
	tty.Close()
}

// firstFrame starts path in an 80x24 pseudo-terminal and returns the time
// until its output shows want.
func firstFrame(b *testing.B, want string, path string, args ...string) time.Duration {
	b.Helper()
	start := time.Now()
	cmd, tty := startInPty(b, path, args...)
	defer stopInPty(cmd, tty)
	var seen bytes.Buffer
	buf := make([]byte, 4096)
	deadline := time.Now().Add(waitTimeout)
	for !bytes.Contains(seen.Bytes(), []byte(want)) {
		tty.SetReadDeadline(deadline)
		n, err := tty.Read(buf)
		if err != nil {
			b.Fatalf("no %q after %s: %v\n%q", want, time.Since(start), err, seen.String())
		}
		seen.Write(buf[:n])
	}
	return time.Since(start)
}

// BenchmarkStartupToFirstFrame measures the built wizard (--sandbox, pre-flight
// included) until its first form frame, beside a minimal Bubble Tea v2
// program built the same way; goal: within 1.5 times the minimal one.
func BenchmarkStartupToFirstFrame(b *testing.B) {
	minimalPath := minimal.build(b, "minimal")
	var wizard, least time.Duration
	for range b.N {
		wizard += firstFrame(b, "Application name", binary, "--sandbox")
		least += firstFrame(b, "Application name", minimalPath)
	}
	b.ReportMetric(float64(wizard.Microseconds())/float64(b.N)/1000, "wizard-ms/op")
	b.ReportMetric(float64(least.Microseconds())/float64(b.N)/1000, "minimal-ms/op")
	b.ReportMetric(float64(wizard)/float64(least), "ratio")
}

// BenchmarkScriptedRegistration runs a whole scripted registration against
// the in-process sandbox and reports the peak memory (RSS) of the process and
// the size of the binary.
func BenchmarkScriptedRegistration(b *testing.B) {
	var peak int64
	for range b.N {
		cmd := exec.Command(binary, "--sandbox", "--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--json")
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + b.TempDir()}
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		peak = max(peak, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
	}
	info, err := os.Stat(binary)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MiB")
	b.ReportMetric(float64(info.Size())/(1<<20), "binary-MiB")
}
