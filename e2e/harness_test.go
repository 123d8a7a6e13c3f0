//go:build unix

// Package e2e drives the built flexslot-register binary in a real terminal
// (tmux), with a real X clipboard (Xvfb and xclip), against a sandbox API over
// loopback HTTP. It asserts on what a person would see and on what the sandbox
// received.
package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api/sandbox"
)

// waitTimeout bounds every wait for the screen, an exit or the clipboard.
const waitTimeout = 10 * time.Second

var (
	binary   string
	sessions atomic.Int64
	xvfb     struct {
		sync.Once
		display string
		proc    *exec.Cmd
		err     error
	}
)

// TestMain builds the binary once for every test, stamped with the VCS
// revision (-buildvcs=auto overrides a GOFLAGS that turns it off).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "flexslot-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "flexslot-register")
	if out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", binary, "..").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the binary: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	if chrome.proc != nil {
		syscall.Kill(-chrome.proc.Process.Pid, syscall.SIGKILL) // chromedriver and every Chromium it started
		chrome.proc.Wait()
	}
	stopWayland()
	if xvfb.proc != nil {
		xvfb.proc.Process.Kill()
		xvfb.proc.Wait()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// need fails the test in CI (CI=true) when a tool is missing, and skips it
// elsewhere with what to install.
func need(t *testing.T, tools ...string) {
	t.Helper()
	var missing []string
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("missing %s: apt-get install -y tmux xclip xvfb chromium chromium-driver sway wl-clipboard", strings.Join(missing, ", "))
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// display starts one Xvfb for the whole run, on a free display, and returns
// its name (":91").
func display(t *testing.T) string {
	t.Helper()
	need(t, "Xvfb", "xclip")
	xvfb.Do(func() {
		for n := 90; n < 200; n++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
				continue
			}
			cmd := exec.Command("Xvfb", fmt.Sprintf(":%d", n), "-nolisten", "tcp", "-screen", "0", "640x480x24")
			if err := cmd.Start(); err != nil {
				xvfb.err = err
				return
			}
			socket := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
			for deadline := time.Now().Add(waitTimeout); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				if _, err := os.Stat(socket); err == nil {
					xvfb.display, xvfb.proc = fmt.Sprintf(":%d", n), cmd
					return
				}
			}
			cmd.Process.Kill()
			cmd.Wait()
		}
		xvfb.err = fmt.Errorf("no free display for Xvfb")
	})
	if xvfb.err != nil {
		t.Fatal(xvfb.err)
	}
	return xvfb.display
}

// clipboard reads the X clipboard of display.
func clipboard(t *testing.T, display string) string {
	t.Helper()
	cmd := exec.Command("xclip", "-o", "-selection", "clipboard")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.Output()
	if err != nil {
		return "" // xclip fails on an empty clipboard
	}
	return string(out)
}

// setClipboard copies text on display, as another program would.
func setClipboard(t *testing.T, display, text string) {
	t.Helper()
	cmd := exec.Command("xclip", "-i", "-selection", "clipboard")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	cmd.Stdin = strings.NewReader(text)
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
}

// startSandbox serves a sandbox API for one test.
func startSandbox(t *testing.T) *sandbox.Running {
	t.Helper()
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	return sb
}

// term is the binary running in a private tmux server.
type term struct {
	t      *testing.T
	socket string
	dir    string
	// frames holds every distinct screen seen, for the secret hygiene test.
	frames []string
}

// run starts the binary with args in a w×h tmux window, with a clean
// environment plus env. Stdin, stdout and stderr are the terminal, as for a
// person; the exit code goes to a file.
func run(t *testing.T, w, h int, env []string, args ...string) *term {
	t.Helper()
	need(t, "tmux")
	tm := &term{
		t:      t,
		socket: fmt.Sprintf("flexslot-e2e-%d-%d", os.Getpid(), sessions.Add(1)),
		dir:    t.TempDir(),
	}
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + tm.dir, "TERM=tmux-256color", "LANG=C.UTF-8"}
	command := "cd " + shellQuote(tm.dir) + " && env -i " + joinQuoted(append(base, env...)) + " " +
		joinQuoted(append([]string{binary}, args...)) + "; echo $? > code; sleep 3600"
	tm.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), command)
	tm.tmux("set-option", "-g", "escape-time", "0")
	t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// screen is what the window shows now.
func (tm *term) screen() string {
	s := tm.tmux("capture-pane", "-p", "-t", "e2e")
	if len(tm.frames) == 0 || tm.frames[len(tm.frames)-1] != s {
		tm.frames = append(tm.frames, s)
	}
	return s
}

// pid is the process id of the program in the window.
func (tm *term) pid() int {
	tm.t.Helper()
	out, err := exec.Command("pgrep", "-n", "-f", binary).Output()
	if err != nil {
		tm.t.Fatalf("no process: %v", err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	return pid
}

// alternateScreen reports whether the window is on the alternate screen.
func (tm *term) alternateScreen() bool {
	return strings.TrimSpace(tm.tmux("display-message", "-p", "-t", "e2e", "#{alternate_on}")) == "1"
}

// wait waits until the window shows want, wherever a line wrap fell.
func (tm *term) wait(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		screen := tm.screen()
		if strings.Contains(folded(screen), folded(want)) {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %q; the window shows:\n%s", waitTimeout, want, screen)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

func folded(s string) string { return strings.Join(strings.Fields(s), " ") }

// keys sends tmux key names (Enter, Tab, BTab, Escape, C-c, Down, Space).
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	tm.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// typ types text literally.
func (tm *term) typ(text string) {
	tm.t.Helper()
	tm.tmux("send-keys", "-t", "e2e", "-l", text)
}

// press sends keys and waits for what they make appear.
func (tm *term) press(want string, keys ...string) {
	tm.t.Helper()
	tm.keys(keys...)
	tm.wait(want)
}

// exit waits for the program to end and returns its exit code and what the
// terminal holds after it, history included: the summary on stdout, and
// messages on stderr.
func (tm *term) exit() (int, string) {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		data, err := os.ReadFile(filepath.Join(tm.dir, "code"))
		if err == nil && bytes.HasSuffix(data, []byte("\n")) {
			code, _ := strconv.Atoi(strings.TrimSpace(string(data)))
			return code, tm.scrollback()
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the program did not exit; the window shows:\n%s", tm.screen())
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// scrollback is everything the pane holds after the program left, history
// included.
func (tm *term) scrollback() string { return tm.tmux("capture-pane", "-p", "-S", "-", "-t", "e2e") }

// secretOnScreen reads the secret from the line under "Client secret".
func (tm *term) secretOnScreen() string {
	tm.t.Helper()
	lines := strings.Split(tm.screen(), "\n")
	for i, line := range lines {
		if strings.TrimSpace(line) == "Client secret" && i+1 < len(lines) {
			return strings.TrimSpace(lines[i+1])
		}
	}
	tm.t.Fatalf("no secret on screen:\n%s", tm.screen())
	return ""
}

// fillForm answers the form by keyboard: the name, the type, the URIs one per
// line, decks:read, no links; it ends on the review.
func (tm *term) fillForm(name string, public bool, uris ...string) {
	tm.t.Helper()
	tm.wait("Application name")
	tm.typ(name)
	tm.press("┃ Client type", "Enter")
	if public {
		tm.press("> Public", "Down")
	}
	tm.press("Redirect URIs · 2 of 4", "Enter")
	for i, uri := range uris {
		tm.typ(uri)
		if i < len(uris)-1 {
			tm.keys("Enter")
		}
	}
	tm.wait(uris[len(uris)-1])
	tm.press("Access · 3 of 4", "Tab")
	tm.press("> • decks:read", "Down")
	tm.press("> ✓ decks:read", "Space")
	tm.scopesToReview()
}

// scopesToReview walks on from the scopes field, as answered, to the review.
func (tm *term) scopesToReview() {
	tm.t.Helper()
	tm.press("┃ Grant types", "Enter")
	tm.press("Links · 4 of 4", "Enter")
	for _, next := range []string{"┃ Logo URL", "┃ Privacy policy URL", "┃ Terms of service URL", "nothing has been sent yet"} {
		tm.press(next, "Enter")
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func joinQuoted(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = shellQuote(w)
	}
	return strings.Join(quoted, " ")
}
