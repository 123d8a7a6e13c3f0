//go:build unix

package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSecretHygiene registers a client and collects everything the process
// showed or wrote: every screen seen, the terminal after exit, every file under
// its directory, the clipboard. The token appears nowhere; the secret only on
// the result screen, in the clipboard until the wizard ends (leaving clears
// it) and in the file the user chose.
func TestSecretHygiene(t *testing.T) {
	disp := display(t)
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb, "DISPLAY="+disp))
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("The token is read from $FLEXSLOT_TOKEN", "p") // the curl preview
	tm.press("nothing has been sent yet", "Escape")
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("Copied the secret to the system clipboard.", "c")
	tm.press("Save to:", "s")
	tm.press("Saved the client id and secret to ./flexslot-client.env", "Enter")
	tm.keys("Enter")
	_, after := tm.exit()

	token := sb.Token()
	for i, frame := range tm.frames {
		if strings.Contains(frame, token) {
			t.Errorf("screen %d shows the token", i)
		}
		if strings.Contains(frame, secret) && !strings.Contains(frame, "Client secret") {
			t.Errorf("screen %d shows the secret outside the result screen:\n%s", i, frame)
		}
	}
	if strings.Contains(after, token) || strings.Contains(after, secret) {
		t.Errorf("the terminal after exit holds the token or the secret:\n%s", after)
	}
	if got := clipboard(t, disp); got == secret {
		t.Error("the clipboard still holds the secret after the wizard ended")
	}
	chosen := filepath.Join(tm.dir, "flexslot-client.env")
	filepath.WalkDir(tm.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), token) {
			t.Errorf("%s holds the token", path)
		}
		if strings.Contains(string(data), secret) && path != chosen {
			t.Errorf("%s holds the secret", path)
		}
		return nil
	})
	if data, _ := os.ReadFile(chosen); !strings.Contains(string(data), secret) {
		t.Error("the chosen file lacks the secret")
	}
}

// Signals during the submission and on the result screen: the terminal is
// restored (no alternate screen), and a client that was or may have been
// created is reported on stderr, with how to rotate an unsaved secret.
func TestSignals(t *testing.T) {
	tests := []struct {
		name   string
		signal syscall.Signal
		during string // "submit" or "result"
		want   []string
		code   int
	}{
		{"SIGTERM during submit", syscall.SIGTERM, "submit", []string{"stopped while registering. The client may have been created"}, 1},
		{"SIGHUP during submit", syscall.SIGHUP, "submit", []string{"stopped while registering"}, 1},
		{"SIGTERM on the result screen", syscall.SIGTERM, "result", []string{"its secret was not saved: rotate it", "flexslot-register rotate cli_", "NOT SAVED"}, 1},
		{"SIGHUP on the result screen", syscall.SIGHUP, "result", []string{"its secret was not saved: rotate it"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := startSandbox(t)
			tm := run(t, 100, 30, sandboxEnv(sb))
			name := "Deck Tracker"
			if tt.during == "submit" {
				name = "sandbox:hang"
			}
			tm.fillForm(name, false, "https://decktracker.example/cb")
			if tt.during == "submit" {
				tm.press("Registering", "Enter")
				for deadline := time.Now().Add(waitTimeout); sb.CreateAttempts() == 0 && time.Now().Before(deadline); {
					time.Sleep(10 * time.Millisecond)
				}
			} else {
				tm.press("✓ Registered", "Enter")
			}
			if !tm.alternateScreen() {
				t.Fatal("the wizard is not on the alternate screen")
			}
			if err := syscall.Kill(tm.pid(), tt.signal); err != nil {
				t.Fatal(err)
			}
			code, after := tm.exit()
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if tm.alternateScreen() {
				t.Error("the terminal was left on the alternate screen")
			}
			// The terminal wraps long lines anywhere: compare without white space.
			squeezed := strings.Join(strings.Fields(after), "")
			for _, want := range tt.want {
				if !strings.Contains(squeezed, strings.Join(strings.Fields(want), "")) {
					t.Errorf("the terminal lacks %q:\n%s", want, after)
				}
			}
		})
	}
}
