//go:build unix

package e2e

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestSecretIntoNothing: when stdout is the only capture of the secret
// (--print-secret, --json) and stdout is the null device, whether redirected
// there or closed (the Go runtime opens a closed stdout on /dev/null), the
// run is refused before anything is sent: no client is made whose secret
// goes nowhere.
func TestSecretIntoNothing(t *testing.T) {
	sb := startSandbox(t)
	env := sandboxEnv(sb)
	required := func(name string) []string {
		return []string{"--name", name, "--redirect-uri", "https://decktracker.example/cb", "--scope", "decks:read"}
	}
	tests := []struct {
		name     string
		redirect string // of stdout, in sh
		flag     string
		code     int
		stderr   string
	}{
		{"--print-secret > /dev/null", ">/dev/null", "--print-secret", 2, "so --print-secret would print it nowhere"},
		{"--json > /dev/null", ">/dev/null", "--json", 2, "so --json would print it nowhere"},
		{"--print-secret with stdout closed", ">&-", "--print-secret", 2, "stdout is the null device (> /dev/null, or closed)"},
		{"--json with stdout closed", ">&-", "--json", 2, "stdout is the null device"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := sb.CreateAttempts()
			ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
			defer cancel()
			args := append([]string{"-c", `exec "$0" "$@" ` + tt.redirect + ` </dev/null`, binary}, append(required(tt.name), tt.flag)...)
			cmd := exec.CommandContext(ctx, "sh", args...)
			cmd.Dir = t.TempDir()
			cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir}, env...)
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			err := cmd.Run()
			code := 0
			if exitErr := (*exec.ExitError)(nil); errors.As(err, &exitErr) {
				code = exitErr.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code || !strings.Contains(errOut.String(), tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s", code, errOut.String())
			}
			if n := sb.CreateAttempts() - before; n != 0 {
				t.Errorf("%d creates sent, want none", n)
			}
		})
	}
	t.Run("a pipe is a capture", func(t *testing.T) {
		code, stdout, stderr := script(t, env, append(required("a pipe"), "--print-secret")...)
		if code != 0 || len(strings.Fields(stdout)) != 2 {
			t.Errorf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
		}
	})
}
