package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// The package's tests run --sandbox in memory, each run a fresh sandbox as
// they expect, and never touch the user's own state; the tests below that
// want the shared sandbox give it a temporary file.
func init() {
	os.Setenv(sandbox.StateEnv, sandbox.StateOff)
}

// sharedState points --sandbox runs at a state file of the test's own.
func sharedState(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sandbox.json")
	t.Setenv(sandbox.StateEnv, path)
	t.Setenv("FLEXSLOT_TOKEN", "")
	t.Setenv("FLEXSLOT_API_URL", "")
	return path
}

// TestSandboxRunsShareState: a client one --sandbox run registers, the
// next one lists, rotates and requests scopes for; sandbox reset forgets it.
func TestSandboxRunsShareState(t *testing.T) {
	path := sharedState(t)
	code, stdout, stderr := runWith(t, "", "--sandbox", "--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--json")
	if code != cli.ExitOK {
		t.Fatalf("register: %d %s", code, stderr)
	}
	var created api.OAuth2Client
	if err := json.Unmarshal([]byte(stdout), &created); err != nil || created.ClientID == "" {
		t.Fatalf("register's JSON: %v %s", err, stdout)
	}
	id := created.ClientID
	if code, stdout, stderr := runWith(t, "", "list", "--sandbox", "--json"); code != cli.ExitOK || !strings.Contains(stdout, id) {
		t.Errorf("list: %d %s %s", code, stdout, stderr)
	}
	if code, stdout, stderr := runWith(t, "", "rotate", "--sandbox", id, "--print-secret"); code != cli.ExitOK || !strings.HasPrefix(stdout, id+"\n") {
		t.Errorf("rotate: %d %s %s", code, stdout, stderr)
	}
	sb := sandbox.New(sandbox.Config{StatePath: path})
	if clients := sb.Clients(); len(clients) != 1 || clients[0].SecretRotatedAt == nil {
		t.Errorf("the state after the rotation: %+v", clients)
	}

	if code, _, stderr := runWith(t, "", "sandbox", "reset"); code != cli.ExitOK || !strings.Contains(stderr, "starts afresh") || !strings.Contains(stderr, path) {
		t.Errorf("sandbox reset: %d %s", code, stderr)
	}
	if code, stdout, stderr := runWith(t, "", "list", "--sandbox", "--json"); code != cli.ExitOK || strings.Contains(stdout, id) {
		t.Errorf("list after the reset: %d %s %s", code, stdout, stderr)
	}
}

// TestSandboxResetOff: with the sandbox kept in memory there is nothing to
// reset, and it says so; reset takes no argument.
func TestSandboxResetOff(t *testing.T) {
	t.Setenv(sandbox.StateEnv, sandbox.StateOff)
	if code, _, stderr := runWith(t, "", "sandbox", "reset"); code != cli.ExitUsage || !strings.Contains(stderr, "keeps nothing to reset") {
		t.Errorf("reset in memory: %d %s", code, stderr)
	}
	sharedState(t)
	if code, _, stderr := runWith(t, "", "sandbox", "reset", "now"); code != cli.ExitUsage || !strings.Contains(stderr, `unexpected argument "now"`) {
		t.Errorf("reset now: %d %s", code, stderr)
	}
}

// TestSandboxSaysWhereItsStateIs: the sandbox command names its state file
// and keeps its token from run to run.
func TestSandboxSaysWhereItsStateIs(t *testing.T) {
	path := sharedState(t)
	var tokens []string
	for range 2 {
		ctx, cancel := context.WithCancel(context.Background())
		streams, _, stderr := iostreams.Test(strings.NewReader(""))
		done := make(chan int, 1)
		go func() { done <- run(ctx, []string{"sandbox", "--addr", "127.0.0.1:0"}, streams) }()
		token := waitFor(t, stderr, "sandbox token: ")
		cancel()
		<-done
		if !strings.Contains(stderr.String(), path) || !strings.Contains(stderr.String(), "sandbox reset") {
			t.Errorf("stderr does not name the state file: %s", stderr)
		}
		tokens = append(tokens, token)
	}
	if tokens[0] != tokens[1] {
		t.Errorf("the token changed between runs: %v", tokens)
	}
}

// waitFor waits for a line of stderr that starts with prefix (after
// spaces) and returns the rest of it.
func waitFor(t *testing.T, stderr *iostreams.Buffer, prefix string) string {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for line := range strings.Lines(stderr.String()) {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
				return rest
			}
		}
	}
	t.Fatalf("no %q on stderr: %s", prefix, stderr)
	return ""
}

// TestCheckTakesSandbox: check --sandbox is not an unknown flag.
func TestCheckTakesSandbox(t *testing.T) {
	sharedState(t)
	if code, _, stderr := runWith(t, "", "check", "--sandbox", "--offline"); code != cli.ExitOK {
		t.Errorf("check --sandbox: %d %s", code, stderr)
	}
}
