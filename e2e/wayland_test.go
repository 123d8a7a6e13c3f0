//go:build unix

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// sway is one headless Wayland compositor for the whole run.
var sway struct {
	sync.Once
	env  []string // XDG_RUNTIME_DIR and WAYLAND_DISPLAY, to reach it
	proc *exec.Cmd
	dir  string
	err  error
}

// nobody is the user sway runs as when the tests run as root: sway refuses
// to run as root.
const nobody = 65534

// wayland starts sway headless (no GPU, no input devices, an empty config)
// once, and returns the environment that reaches it. As root, sway runs as
// nobody through setpriv, in a runtime directory nobody owns; root can still
// use its socket.
func wayland(t *testing.T) []string {
	t.Helper()
	need(t, "sway", "wl-copy", "wl-paste")
	sway.Do(func() {
		sway.dir, sway.err = os.MkdirTemp("", "flexslot-e2e-wayland-")
		if sway.err != nil {
			return
		}
		config := filepath.Join(sway.dir, "config")
		runtime := filepath.Join(sway.dir, "run")
		if sway.err = os.WriteFile(config, nil, 0o644); sway.err != nil {
			return
		}
		if sway.err = os.Mkdir(runtime, 0o700); sway.err != nil {
			return
		}
		os.Chmod(sway.dir, 0o755)
		argv := []string{"sway", "-c", config}
		if os.Geteuid() == 0 {
			need(t, "setpriv")
			if sway.err = os.Chown(runtime, nobody, nobody); sway.err != nil {
				return
			}
			argv = append([]string{"setpriv", fmt.Sprintf("--reuid=%d", nobody), fmt.Sprintf("--regid=%d", nobody), "--clear-groups"}, argv...)
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "XDG_RUNTIME_DIR=" + runtime,
			"WLR_BACKENDS=headless", "WLR_LIBINPUT_NO_DEVICES=1", "WLR_RENDERER=pixman"}
		var log strings.Builder
		cmd.Stdout, cmd.Stderr = &log, &log
		if sway.err = cmd.Start(); sway.err != nil {
			return
		}
		socket := filepath.Join(runtime, "wayland-1")
		for deadline := time.Now().Add(waitTimeout); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if _, err := os.Stat(socket); err == nil {
				sway.proc = cmd
				sway.env = []string{"XDG_RUNTIME_DIR=" + runtime, "WAYLAND_DISPLAY=wayland-1"}
				return
			}
		}
		cmd.Process.Kill()
		cmd.Wait()
		sway.err = fmt.Errorf("sway did not open %s within %s:\n%s", socket, waitTimeout, log.String())
	})
	if sway.err != nil {
		t.Fatal(sway.err)
	}
	return sway.env
}

// stopWayland ends sway, and with it every wl-copy still serving a copy.
func stopWayland() {
	if sway.proc != nil {
		sway.proc.Process.Kill()
		sway.proc.Wait()
	}
	if sway.dir != "" {
		os.RemoveAll(sway.dir)
	}
}

// waylandClipboard reads the Wayland clipboard; "" when it holds nothing.
func waylandClipboard(t *testing.T, env []string) string {
	t.Helper()
	cmd := exec.Command("wl-paste", "--no-newline")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		return "" // wl-paste fails on an empty clipboard
	}
	return string(out)
}

// TestWaylandClipboard: on a Wayland desktop (no X), the copy goes through
// wl-copy: wl-paste reads exactly the secret, which the sandbox accepts, and
// after the timeout the clipboard no longer holds it.
func TestWaylandClipboard(t *testing.T) {
	env := wayland(t)
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb, env...), "--clipboard-clear", "3s")
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("Copied the secret to the system clipboard.", "c")
	clients := sb.Clients()
	if got := waylandClipboard(t, env); got != secret || len(clients) != 1 || !sb.SecretIsCurrent(clients[0].ClientID, got) {
		t.Fatalf("wl-paste reads %q, want the secret on screen, which the sandbox accepts", got)
	}
	tm.wait("Cleared the secret from the clipboard.")
	if got := waylandClipboard(t, env); got == secret {
		t.Error("the Wayland clipboard still holds the secret after the clear timeout")
	}
	tm.keys("Enter")
	if code, _ := tm.exit(); code != 0 {
		t.Errorf("exit %d", code)
	}
}
