package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/term"

	"flexslot-register/api/sandbox"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRunCommandLine(t *testing.T) {
	tests := []struct {
		name             string
		args             []string
		code             int
		stdout, stderrIn string
	}{
		{"version", []string{"--version"}, exitOK, "flexslot-register dev\n", ""},
		{"help", []string{"--help"}, exitOK, "", "Usage:\n  flexslot-register [--sandbox]"},
		{"wizard without a terminal", nil, exitUsage, "", "the wizard needs a terminal"},
		{"plain http API URL", []string{"--api-url", "http://api.example.com"}, exitUsage, "", "refusing plain http"},
		{"unknown command", []string{"register"}, exitUsage, "", `unknown command "register"`},
		{"unknown flag", []string{"--token", "x"}, exitUsage, "", "flag provided but not defined: -token"},
		{"sandbox help", []string{"sandbox", "--help"}, exitOK, "", "-addr address"},
		{"sandbox extra argument", []string{"sandbox", "now"}, exitUsage, "", `unexpected argument "now"`},
		{"sandbox on a public address", []string{"sandbox", "--addr", "0.0.0.0:8080"}, exitFailed, "", "only on a loopback address"},
	}
	interactive := term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stderr.Fd())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if interactive && tt.args == nil {
				t.Skip("stdin and stderr are a terminal here: the wizard would start")
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.code || stdout.String() != tt.stdout || !strings.Contains(stderr.String(), tt.stderrIn) {
				t.Errorf("code %d stdout %q stderr %q", code, stdout.String(), stderr.String())
			}
		})
	}
}

func TestRunSandboxServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"sandbox", "--addr", "127.0.0.1:0"}, io.Discard, &stderr) }()

	urlLine := regexp.MustCompile(`export FLEXSLOT_API_URL=(http://127\.0\.0\.1:\d+)\n\s+sandbox token: (flx_pat_sandbox_\w+)`)
	var match []string
	for deadline := time.Now().Add(5 * time.Second); match == nil && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		match = urlLine.FindStringSubmatch(stderr.String())
	}
	if match == nil {
		cancel()
		t.Fatalf("no URL and token on stderr: %q", stderr.String())
	}
	req, _ := http.NewRequest("GET", match[1]+"/api/public/v1/me/partner", nil)
	req.Header.Set("Authorization", "Bearer "+match[2])
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("sandbox did not answer with the printed token: %v %v", resp, err)
	}
	if resp != nil {
		resp.Body.Close()
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(stderr.String(), "sandbox stopped") {
			t.Errorf("exit %d, stderr %q", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("sandbox did not stop")
	}
}

// TestReadmeListsEveryTrigger keeps README's trigger table in step with the
// sandbox, which is the source of truth.
func TestReadmeListsEveryTrigger(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	// README sets names in code type; compare without the backticks.
	text := strings.ReplaceAll(string(readme), "`", "")
	for _, trig := range sandbox.Triggers() {
		row := "| " + trig.Name + " | " + trig.Answer + " |"
		if !strings.Contains(text, row) {
			t.Errorf("README.md lacks the row\n%s", row)
		}
	}
}
