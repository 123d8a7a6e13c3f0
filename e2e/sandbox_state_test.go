//go:build unix

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// stateEnv is the environment of runs that share the sandbox of a state file
// in the test's own directory, never the user's.
func stateEnv(t *testing.T, more ...string) (env []string, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "state", "sandbox.json")
	return append([]string{"FLEXSLOT_SANDBOX_STATE=" + path}, more...), path
}

// listedIDs is what `list --sandbox --json` lists: the client ids.
func listedIDs(t *testing.T, env []string) []string {
	t.Helper()
	code, stdout, stderr := script(t, env, "list", "--sandbox", "--json")
	if code != 0 {
		t.Fatalf("list: exit %d\n%s", code, stderr)
	}
	var clients []struct {
		ClientID string `json:"client_id"`
	}
	if err := json.Unmarshal([]byte(stdout), &clients); err != nil {
		t.Fatalf("list --json: %v\n%s", err, stdout)
	}
	var ids []string
	for _, c := range clients {
		ids = append(ids, c.ClientID)
	}
	return ids
}

var clientIDPattern = regexp.MustCompile(`cli_[0-9A-Z]{26}`)

// TestSandboxRemembers: the wizard with --sandbox registers a public client,
// a scripted run a confidential one; then list --sandbox lists both,
// rotate --sandbox and test-login --sandbox (through a real browser) find
// them, and sandbox reset empties the sandbox. Each is its own process.
func TestSandboxRemembers(t *testing.T) {
	env, path := stateEnv(t)

	tm := run(t, 100, 30, env, "--sandbox")
	tm.fillForm("Deck CLI", true, "http://127.0.0.1:8765/callback")
	tm.press("(public client)", "Enter")
	tm.wait("Public clients get no secret")
	tm.keys("Enter")
	code, summary := tm.exit()
	public := clientIDPattern.FindString(summary)
	if code != 0 || public == "" {
		t.Fatalf("the wizard: exit %d, no client id in:\n%s", code, summary)
	}

	code, stdout, stderr := script(t, env, "--sandbox", "--no-input", "--name", "Deck Tracker",
		"--redirect-uri", "http://127.0.0.1/callback", "--scope", "decks:read", "--print-secret")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("the scripted register: exit %d\n%s\n%s", code, stdout, stderr)
	}
	confidential, oldSecret := lines[0], lines[1]

	if ids := listedIDs(t, env); !slices.Contains(ids, public) || !slices.Contains(ids, confidential) {
		t.Errorf("list --sandbox lists %v, want %s and %s", ids, public, confidential)
	}

	code, stdout, stderr = script(t, env, "rotate", "--sandbox", confidential, "--print-secret")
	lines = strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != 2 || lines[0] != confidential || lines[1] == oldSecret {
		t.Fatalf("rotate --sandbox: exit %d\n%s\n%s", code, stdout, stderr)
	}
	secret := lines[1]
	if data, err := os.ReadFile(path); err != nil || strings.Contains(string(data), secret) || strings.Contains(string(data), oldSecret) {
		t.Errorf("the state file holds a secret, or cannot be read: %v", err)
	}

	for _, tt := range []struct{ name, id, secret string }{
		{"confidential, its rotated secret", confidential, secret},
		{"public", public, ""},
	} {
		t.Run("test-login "+tt.name, func(t *testing.T) {
			shot := artifact(t, "consent-sandbox-state-"+strings.ReplaceAll(tt.name, " ", "-")+".png")
			loginEnv := append(slices.Clone(env), browserEnv(t, "allow", shot)...)
			if tt.secret != "" {
				loginEnv = append(loginEnv, "FLEXSLOT_CLIENT_SECRET="+tt.secret)
			}
			code, stdout, stderr := script(t, loginEnv, "test-login", "--sandbox", tt.id)
			if code != 0 || !strings.HasPrefix(stdout, "✓ sign-in works") {
				t.Errorf("test-login --sandbox %s: exit %d\n%s\n%s", tt.id, code, stdout, stderr)
			}
		})
	}

	if code, _, stderr := script(t, env, "sandbox", "reset"); code != 0 || !strings.Contains(stderr, "starts afresh") {
		t.Fatalf("sandbox reset: exit %d\n%s", code, stderr)
	}
	if ids := listedIDs(t, env); len(ids) != 0 {
		t.Errorf("after sandbox reset, list --sandbox lists %v", ids)
	}
}

// TestConcurrentSandboxRegistrations: runs registering at once, each its own
// process on one state file, all land.
func TestConcurrentSandboxRegistrations(t *testing.T) {
	env, _ := stateEnv(t)
	const runs = 6
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	type started struct {
		cmd            *exec.Cmd
		stdout, stderr bytes.Buffer
	}
	var all []*started
	for i := range runs {
		s := &started{cmd: exec.CommandContext(ctx, binary, "--sandbox", "--no-input", "--json",
			"--name", fmt.Sprintf("Deck Tracker %d", i), "--redirect-uri", "https://decktracker.example/cb")}
		s.cmd.Dir = t.TempDir()
		s.cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + s.cmd.Dir}, env...)
		s.cmd.Stdout, s.cmd.Stderr = &s.stdout, &s.stderr
		if err := s.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		all = append(all, s)
	}
	var created []string
	for i, s := range all {
		if err := s.cmd.Wait(); err != nil {
			t.Errorf("run %d: %v\n%s", i, err, s.stderr.String())
			continue
		}
		created = append(created, clientIDPattern.FindString(s.stdout.String()))
	}
	ids := listedIDs(t, env)
	for _, id := range created {
		if !slices.Contains(ids, id) {
			t.Errorf("%s is not listed; the list: %v", id, ids)
		}
	}
	if len(ids) != runs {
		t.Errorf("%d clients listed, want %d", len(ids), runs)
	}
}

// TestDamagedSandboxState: a damaged state file is set aside with a message,
// and the run goes on.
func TestDamagedSandboxState(t *testing.T) {
	env, path := stateEnv(t)
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte(`{"version": 1, "clients": [`), 0o600)
	code, _, stderr := script(t, env, "--sandbox", "--no-input", "--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--json")
	aside, _ := filepath.Glob(path + ".damaged-*")
	if code != 0 || len(aside) != 1 || !strings.Contains(stderr, "set aside as "+aside[0]) {
		t.Errorf("exit %d, set aside %v, stderr:\n%s", code, aside, stderr)
	}
	if ids := listedIDs(t, env); len(ids) != 1 {
		t.Errorf("after the damage, list --sandbox lists %v", ids)
	}
}
