//go:build unix

package e2e

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var chrome struct {
	sync.Once
	driverURL, helper, chromium string
	proc                        *exec.Cmd
	err                         error
}

// browserEnv starts chromedriver once for the run, builds the $BROWSER
// helper (testdata/webdriver), and returns the environment that makes the
// binary sign in through a real headless Chromium pressing consent ("allow"
// or "deny"), saving a screenshot of the consent page to shot.
func browserEnv(t *testing.T, consent, shot string) []string {
	t.Helper()
	need(t, "chromium", "chromedriver")
	chrome.Do(func() {
		chrome.chromium, _ = exec.LookPath("chromium")
		chrome.helper = filepath.Join(filepath.Dir(binary), "webdriver")
		if out, err := exec.Command("go", "build", "-o", chrome.helper, "./testdata/webdriver").CombinedOutput(); err != nil {
			chrome.err = fmt.Errorf("building the webdriver helper: %v\n%s", err, out)
			return
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			chrome.err = err
			return
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		chrome.proc = exec.Command("chromedriver", fmt.Sprintf("--port=%d", port), "--allowed-ips=127.0.0.1")
		// A group of its own, so that the end of the run ends Chromium too.
		chrome.proc.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := chrome.proc.Start(); err != nil {
			chrome.err = err
			return
		}
		chrome.driverURL = fmt.Sprintf("http://127.0.0.1:%d", port)
		for deadline := time.Now().Add(waitTimeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if resp, err := http.Get(chrome.driverURL + "/status"); err == nil {
				resp.Body.Close()
				return
			}
		}
		chrome.err = fmt.Errorf("chromedriver did not start")
	})
	if chrome.err != nil {
		t.Fatal(chrome.err)
	}
	t.Cleanup(func() {}) // chromedriver lives for the whole run; TestMain's exit ends it
	return []string{"BROWSER=" + chrome.helper, "WEBDRIVER_URL=" + chrome.driverURL, "CONSENT=" + consent,
		"SHOT=" + shot, "CHROMIUM=" + chrome.chromium}
}

// artifact is where a test keeps a file for a person to look at afterwards.
func artifact(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(os.TempDir(), "flexslot-e2e-artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, name)
}

// TestTestSignInInBrowser registers a client in the wizard, then t signs in
// with it through a real headless Chromium on the sandbox's consent page.
func TestTestSignInInBrowser(t *testing.T) {
	tests := []struct {
		name    string
		public  bool
		consent string
		want    string
		uri     string // the redirect URI registered; http://127.0.0.1/callback when ""
	}{
		{"confidential, allowed", false, "allow", "✓ sign-in works: access token (expires in 1h), refresh token, scopes decks:read; GET /api/public/v1/decks/ answered 200; test tokens revoked", ""},
		{"public, allowed", true, "allow", "✓ sign-in works", ""},
		{"confidential, denied", false, "deny", "The sign-in was denied in the browser (access_denied).", ""},
		// The listener once took the path for a ServeMux pattern: t panicked, and
		// the wizard vanished with exit 0 and the secret unsaved.
		{"confidential, a redirect URI without a path", false, "allow", "✓ sign-in works", "http://127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := startSandbox(t)
			shot := artifact(t, "consent-"+strings.ReplaceAll(tt.name, ", ", "-")+".png")
			os.Remove(shot)
			tm := run(t, 120, 40, sandboxEnv(sb, browserEnv(t, tt.consent, shot)...))
			uri := tt.uri
			if uri == "" {
				uri = "http://127.0.0.1/callback"
			}
			tm.fillForm("Deck Tracker", tt.public, uri)
			tm.press("✓ Registered", "Enter")
			tm.press("Test sign-in with", "t")
			tm.wait(tt.want)
			png, err := os.ReadFile(shot)
			if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 5000 {
				t.Errorf("no screenshot of the consent page at %s (%d bytes, %v)", shot, len(png), err)
			}
			t.Logf("consent page screenshot: %s", shot)
			t.Logf("the terminal:\n%s", tm.screen())
		})
	}
}

// TestTestLoginCommand: test-login with the secret from the environment,
// through the real browser, prints the outcome on stdout, whatever redirect
// URI the form accepts: one without a path, or with what a ServeMux pattern
// would read as a wildcard, is served as the browser asks for it.
func TestTestLoginCommand(t *testing.T) {
	tests := []struct{ name, uri string }{
		{"a path", "http://127.0.0.1/callback"},
		{"no path", "http://127.0.0.1"},
		{"an escaped space", "http://127.0.0.1/a%20b"},
		{"a pattern's wildcard in the middle", "http://127.0.0.1/cb/{x...}/y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := startSandbox(t)
			code, stdout, stderr := script(t, sandboxEnv(sb), "--name", "Deck Tracker", "--redirect-uri", tt.uri, "--scope", "decks:read", "--print-secret")
			if code != 0 {
				t.Fatalf("register: %s", stderr)
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			env := append(sandboxEnv(sb, browserEnv(t, "allow", artifact(t, "consent-test-login-"+strings.ReplaceAll(tt.name, " ", "-")+".png"))...), "FLEXSLOT_CLIENT_SECRET="+lines[1])
			code, stdout, stderr = script(t, env, "test-login", lines[0])
			if code != 0 || !strings.HasPrefix(stdout, "✓ sign-in works") || !strings.Contains(stderr, "/oauth/authorize?") {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
			}
			if strings.Contains(stdout+stderr, lines[1]) {
				t.Error("the secret reached an output")
			}
		})
	}
}
