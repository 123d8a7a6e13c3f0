//go:build unix

package e2e

import (
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// TestHelpInTerminal runs `rotate --help` in an 80-column terminal: the
// command's own help, styled, with no line the terminal had to wrap; with
// NO_COLOR=1 the same text without colour.
func TestHelpInTerminal(t *testing.T) {
	for _, tt := range []struct {
		env        []string
		wantColour bool
	}{{nil, true}, {[]string{"NO_COLOR=1"}, false}} {
		tm := run(t, 80, 70, tt.env, "rotate", "--help")
		code, _ := tm.exit()
		plain := tm.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "e2e")
		styled := tm.tmux("capture-pane", "-p", "-e", "-S", "-", "-t", "e2e")
		if code != 0 || !strings.Contains(plain, "flexslot-register rotate [CLIENT_ID] [--flags]") || !strings.Contains(plain, "--secret-file") {
			t.Fatalf("env %v: code %d, the window shows:\n%s", tt.env, code, plain)
		}
		if strings.Contains(plain, "--name") {
			t.Errorf("env %v: rotate's help lists the wizard's --name:\n%s", tt.env, plain)
		}
		for i, line := range strings.Split(plain, "\n") {
			if len([]rune(strings.TrimRight(line, " "))) > 80 {
				t.Errorf("env %v: line %d was wrapped by the terminal: %q", tt.env, i+1, line)
			}
		}
		if hasColour(styled) != tt.wantColour {
			t.Errorf("env %v: colour %v, want %v", tt.env, !tt.wantColour, tt.wantColour)
		}
	}
}

// TestFailureAsksTheTerminalNothing runs failing commands in a terminal that
// answers no query: a command's failure is printed without fang's question
// for the background colour (OSC 11), which such a terminal leaves unanswered
// for seconds, and which would read keys typed after the wizard.
func TestFailureAsksTheTerminalNothing(t *testing.T) {
	for _, args := range [][]string{{"--api-url", "http://api.example.com"}, {"list"}, {"rotate", "--no-input"}} {
		cmd, tty := startInPty(t, binary, args...)
		output, _ := io.ReadAll(tty) // until the program ends: EIO
		err := cmd.Wait()
		tty.Close()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(output), "flexslot-register: ") {
			t.Errorf("%v: %v, output %q", args, err, output)
		}
		if strings.Contains(string(output), "\x1b]11;?") {
			t.Errorf("%v: asked the terminal for its background colour: %q", args, output)
		}
	}
}
