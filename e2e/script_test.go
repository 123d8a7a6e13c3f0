//go:build unix

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// script runs the binary without a terminal: stdin is a pipe that stays open
// and silent, so a prompt would hang until the deadline.
func script(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir}, env...)
	silent, keepOpen, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer keepOpen.Close()
	defer silent.Close()
	cmd.Stdin = silent
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v hung (waiting for input?); stderr:\n%s", args, errOut.String())
	}
	code = 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

func TestScriptedWithoutTerminal(t *testing.T) {
	sb := startSandbox(t)
	env := sandboxEnv(sb)
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "client.env")
	required := []string{"--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb"}

	t.Run("success with a secret file", func(t *testing.T) {
		code, stdout, stderr := script(t, env, append(required, "--scope", "decks:read", "--secret-file", secretFile)...)
		clients := sb.Clients()
		if code != 0 || len(clients) != 1 || stdout != clients[0].ClientID+"\n" {
			t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
		}
		info, err := os.Stat(secretFile)
		content, _ := os.ReadFile(secretFile)
		if err != nil || info.Mode().Perm() != 0o600 || !strings.HasPrefix(string(content), "FLEXSLOT_CLIENT_ID="+clients[0].ClientID+"\nFLEXSLOT_CLIENT_SECRET=") {
			t.Errorf("secret file %v, mode %v", err, info.Mode())
		}
		if strings.Contains(stderr, strings.TrimPrefix(string(content), "FLEXSLOT_CLIENT_ID="+clients[0].ClientID+"\nFLEXSLOT_CLIENT_SECRET=")) {
			t.Error("the secret is on stderr")
		}
	})
	t.Run("missing flags, all named, nothing sent", func(t *testing.T) {
		before := sb.CreateAttempts()
		code, stdout, stderr := script(t, env, "--scope", "decks:read", "--print-secret")
		if code != 2 || stdout != "" || !strings.Contains(stderr, "missing --name, --redirect-uri") || sb.CreateAttempts() != before {
			t.Errorf("exit %d, stderr %s", code, stderr)
		}
	})
	t.Run("bad values, form messages, nothing sent", func(t *testing.T) {
		before := sb.CreateAttempts()
		code, _, stderr := script(t, env, "--name", "x", "--redirect-uri", "com.example.app:/cb", "--print-secret")
		if code != 2 || !strings.Contains(stderr, `--redirect-uri #1 (com.example.app:/cb): Custom schemes such as "com.example.app:" are not allowed`) ||
			sb.CreateAttempts() != before {
			t.Errorf("exit %d, stderr %s", code, stderr)
		}
	})
	t.Run("server field error names the flag", func(t *testing.T) {
		code, _, stderr := script(t, env, "--name", "Other", "--redirect-uri", "https://a.example/cb", "--redirect-uri", "https://taken.sandbox.test/cb", "--json")
		if code != 1 || !strings.Contains(stderr, "--redirect-uri #2 (https://taken.sandbox.test/cb): This redirect URI is registered to another partner's client.") {
			t.Errorf("exit %d, stderr %s", code, stderr)
		}
	})
	t.Run("JSON shape", func(t *testing.T) {
		code, stdout, stderr := script(t, env, "--name", "JSON App", "--redirect-uri", "https://a.example/cb", "--json")
		var got map[string]any
		if code != 0 || json.Unmarshal([]byte(stdout), &got) != nil {
			t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
		}
		keys := make([]string, 0, len(got))
		for k := range got {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := []string{"allowed_scopes", "application_logo_url", "application_name", "application_url", "client_id", "client_secret",
			"client_type", "created_at", "dpop_bound_access_tokens", "endpoints", "grant_types", "id", "last_used_at", "privacy_policy_url",
			"redirect_uris", "require_pkce", "reused", "secret_rotated_at", "status", "tos_url", "updated_at"}
		if !reflect.DeepEqual(keys, want) || got["application_name"] != "JSON App" || len(got["client_secret"].(string)) < 40 {
			t.Errorf("keys %v\nwant %v", keys, want)
		}
		endpoints := map[string]any{"issuer": sb.URL, "authorization_endpoint": sb.URL + "/api/public/v1/oauth/authorize",
			"token_endpoint": sb.URL + "/api/public/v1/oauth/token", "revocation_endpoint": sb.URL + "/api/public/v1/oauth/revoke"}
		if !reflect.DeepEqual(got["endpoints"], endpoints) {
			t.Errorf("endpoints %v\nwant the sandbox's %v", got["endpoints"], endpoints)
		}
	})
	t.Run("dry run sends nothing", func(t *testing.T) {
		before := sb.CreateAttempts()
		code, stdout, _ := script(t, env, "--name", "Dry", "--redirect-uri", "https://a.example/cb", "--print-secret", "--dry-run", "--offline")
		if code != 0 || !strings.Contains(stdout, `"application_name": "Dry"`) || !strings.Contains(stdout, "curl --request POST") ||
			sb.CreateAttempts() != before {
			t.Errorf("exit %d, stdout %s", code, stdout)
		}
	})
	t.Run("confidential without capture refused before sending", func(t *testing.T) {
		before := sb.CreateAttempts()
		code, _, stderr := script(t, env, required...)
		if code != 2 || !strings.Contains(stderr, "nothing would capture it") || sb.CreateAttempts() != before {
			t.Errorf("exit %d, stderr %s", code, stderr)
		}
	})
	t.Run("a manifest with the token piped on stdin", func(t *testing.T) {
		manifest := filepath.Join(dir, "client.json")
		os.WriteFile(manifest, []byte(`{"application_name": "Manifest App", "client_type": "public", "redirect_uris": ["http://127.0.0.1:8765/cb"]}`), 0o644)
		cmd := exec.Command(binary, "--from", manifest, "--token-stdin")
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "FLEXSLOT_API_URL=" + sb.URL}
		cmd.Stdin = strings.NewReader(sb.Token() + "\n")
		out, err := cmd.Output()
		if err != nil || !strings.HasPrefix(string(out), "cli_") {
			t.Errorf("%v, stdout %q", err, out)
		}
	})
}

// TestDryRunIntoNothing: a dry run whose run would print the secret on a
// stdout that is the null device refuses, as the run does (exit 2), and says
// why.
func TestDryRunIntoNothing(t *testing.T) {
	sb := startSandbox(t)
	for _, redirect := range []string{">/dev/null", ">&-"} {
		t.Run(redirect, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
			defer cancel()
			cmd := exec.CommandContext(ctx, "sh", "-c", `exec "$0" "$@" `+redirect+` </dev/null`, binary,
				"--name", "Dry", "--redirect-uri", "https://a.example/cb", "--scope", "decks:read", "--print-secret", "--dry-run", "--offline")
			cmd.Dir = t.TempDir()
			cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir}, sandboxEnv(sb)...)
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(errOut.String(), "so --print-secret would print it nowhere") {
				t.Errorf("%v, stderr:\n%s", err, errOut.String())
			}
		})
	}
}

// In a terminal, flags pre-fill the wizard and skip the pages they complete;
// with every page given and --yes, the wizard goes straight to the secret.
func TestWizardSkipsGivenPages(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb), "--name", "Deck CLI", "--client-type", "public")
	tm.wait("Redirect URIs · 2 of 4") // page 1 is complete: skipped
	tm.press("Keep your answers?", "C-c")
	tm.keys("Escape")
	tm.exit()

	all := []string{"--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--client-type", "confidential",
		"--scope", "decks:read", "--grant-type", "authorization_code", "--grant-type", "refresh_token",
		"--app-url", "https://decktracker.example", "--logo-url", "https://decktracker.example/logo.png",
		"--privacy-url", "https://decktracker.example/privacy", "--tos-url", "https://decktracker.example/terms"}
	tm = run(t, 100, 30, sandboxEnv(sb), append(all, "--yes")...)
	start := time.Now()
	tm.wait("✓ Registered")
	tm.keys("Enter", "y")
	if code, _ := tm.exit(); code != 0 || len(sb.Clients()) != 1 {
		t.Errorf("exit %d, %d clients after %s", code, len(sb.Clients()), time.Since(start))
	}
}

// TestVersionNamesTheRevision: the built binary's --version names the commit
// it was built from, as git knows it.
func TestVersionNamesTheRevision(t *testing.T) {
	need(t, "git")
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): the build has no revision to show", err)
	}
	code, stdout, stderr := script(t, nil, "--version")
	// Go names a build from a checkout by a pseudo-version that ends in the
	// revision, e.g. v0.0.0-20261126135325-0fc5861c9b2c (+dirty if modified).
	rev := string(head[:12])
	want := "(revision " + rev + ", "
	if code != 0 || !strings.HasPrefix(stdout, "flexslot-register v") || !strings.Contains(stdout, "-"+rev) || !strings.Contains(stdout, want) || !strings.HasSuffix(stdout, " "+runtime.Version()+"\n") {
		t.Errorf("exit %d, stdout %q (want it to hold %q), stderr %q", code, stdout, want, stderr)
	}
}
