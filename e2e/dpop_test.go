//go:build unix

package e2e

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// sandboxCommand is `flexslot-register sandbox` running with args on a free
// port: its base URL and token, as it prints them.
type sandboxCommand struct {
	url, token string
	// printed is what it printed on stderr so far.
	printed *lockedLines
}

// lockedLines are lines one goroutine reads while another adds to them.
type lockedLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *lockedLines) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
}

func (l *lockedLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// startSandboxCommand starts the binary's sandbox command with args and
// reads its URL and token from stderr; the test's end stops it with ctrl+c
// (SIGINT), as a person would.
func startSandboxCommand(t *testing.T, args ...string) sandboxCommand {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(waitTimeout):
			cmd.Process.Kill()
			<-done
			t.Error("the sandbox did not stop on ctrl+c")
		}
	})
	sb := sandboxCommand{printed: &lockedLines{}}
	lines := make(chan string)
	go func() {
		scanner := bufio.NewScanner(stderr)
		for scanner.Scan() {
			sb.printed.add(scanner.Text())
			lines <- scanner.Text()
		}
		close(lines)
	}()
	deadline := time.After(waitTimeout)
	for sb.token == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("the sandbox ended before it printed its token:\n%s", sb.printed)
			}
			if u, ok := strings.CutPrefix(strings.TrimSpace(line), "export FLEXSLOT_API_URL="); ok {
				sb.url = u
			}
			if tok, ok := strings.CutPrefix(strings.TrimSpace(line), "sandbox token: "); ok {
				sb.token = tok
			}
		case <-deadline:
			t.Fatalf("the sandbox printed no token:\n%s", sb.printed)
		}
	}
	go func() {
		for range lines { // the rest of stderr, so that the sandbox never blocks on it
		}
	}()
	return sb
}

// env is the environment that points the binary at the sandbox command.
func (sb sandboxCommand) env(more ...string) []string {
	return append([]string{"FLEXSLOT_API_URL=" + sb.url, "FLEXSLOT_TOKEN=" + sb.token}, more...)
}

// dpopLine is the success line of a DPoP sign-in, up to its thumbprint: an
// RFC 7638 SHA-256 thumbprint is 43 base64url characters.
var dpopLine = regexp.MustCompile(`^✓ sign-in works: DPoP-bound access token \(cnf\.jkt [A-Za-z0-9_-]{43}, expires in 1h\), refresh token, scopes decks:read; GET /api/public/v1/decks/ answered 200; test tokens revoked\n$`)

// TestTestLoginDPoP: a whole test-login through a real headless Chromium
// against `flexslot-register sandbox --dpop-bound`, with and without
// --dpop-nonce: the client list says the client is DPoP-bound, and the
// sign-in says its token is, with the key's thumbprint. --dpop does the same
// for a client that is not bound; without it, such a client signs in with a
// bearer token.
func TestTestLoginDPoP(t *testing.T) {
	tests := []struct {
		name       string
		sandbox    []string // the sandbox command's flags
		public     bool
		testLogin  []string // test-login's flags
		bound      bool     // the list says dpop_bound_access_tokens
		dpopSignIn bool     // the success line is a DPoP one
	}{
		{"--dpop-bound, a confidential client", []string{"--dpop-bound"}, false, nil, true, true},
		{"--dpop-bound, a public client", []string{"--dpop-bound"}, true, nil, true, true},
		{"--dpop-bound --dpop-nonce, a confidential client", []string{"--dpop-bound", "--dpop-nonce"}, false, nil, true, true},
		{"--dpop-bound --dpop-nonce, a public client", []string{"--dpop-bound", "--dpop-nonce"}, true, nil, true, true},
		{"a client not bound, test-login --dpop", nil, false, []string{"--dpop"}, false, true},
		{"a client not bound, --dpop-nonce, test-login --dpop", []string{"--dpop-nonce"}, false, []string{"--dpop"}, false, true},
		{"a client not bound, a bearer sign-in", nil, false, nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := startSandboxCommand(t, tt.sandbox...)
			register := []string{"--name", "Deck Tracker", "--redirect-uri", "http://127.0.0.1/callback", "--scope", "decks:read", "--print-secret"}
			if tt.public {
				register = append(register, "--client-type", "public")
			}
			code, stdout, stderr := script(t, sb.env(), register...)
			if code != 0 {
				t.Fatalf("register: exit %d\n%s", code, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			id := lines[0]

			code, stdout, stderr = script(t, sb.env(), "list", "--json")
			var clients []struct {
				ClientID string `json:"client_id"`
				Bound    bool   `json:"dpop_bound_access_tokens"`
			}
			if code != 0 || json.Unmarshal([]byte(stdout), &clients) != nil || len(clients) != 1 || clients[0].ClientID != id || clients[0].Bound != tt.bound {
				t.Fatalf("list: exit %d, want dpop_bound_access_tokens %v\nstdout %s\nstderr %s", code, tt.bound, stdout, stderr)
			}

			env := sb.env(browserEnv(t, "allow", artifact(t, "consent-dpop-"+strings.NewReplacer(" ", "-", ",", "").Replace(tt.name)+".png"))...)
			if !tt.public {
				env = append(env, "FLEXSLOT_CLIENT_SECRET="+lines[1])
			}
			for flag, says := range map[string]string{"--dpop-bound": "Every client it registers is DPoP-bound", "--dpop-nonce": "asks for a DPoP nonce"} {
				if printed := sb.printed.String(); strings.Contains(printed, says) != slices.Contains(tt.sandbox, flag) {
					t.Errorf("with %v, the sandbox printed:\n%s", tt.sandbox, printed)
				}
			}
			code, stdout, stderr = script(t, env, append([]string{"test-login", id}, tt.testLogin...)...)
			switch {
			case code != 0:
				t.Errorf("test-login: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
			case tt.dpopSignIn && !dpopLine.MatchString(stdout):
				t.Errorf("test-login: not a DPoP sign-in's line:\n%s", stdout)
			case !tt.dpopSignIn && !strings.HasPrefix(stdout, "✓ sign-in works: access token (expires in 1h)"):
				t.Errorf("test-login: not a bearer sign-in's line:\n%s", stdout)
			}
		})
	}
}

// TestDPoPFlagsNeedSandbox: --dpop-bound and --dpop-nonce set up the
// sandbox; against the API they are refused before anything is sent.
func TestDPoPFlagsNeedSandbox(t *testing.T) {
	for _, args := range [][]string{{"list", "--dpop-bound"}, {"test-login", "cli_1", "--dpop-nonce"}} {
		code, stdout, stderr := script(t, []string{"FLEXSLOT_TOKEN=x"}, args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, "give them with --sandbox") {
			t.Errorf("%v: exit %d\nstdout %s\nstderr %s", args, code, stdout, stderr)
		}
	}
}
