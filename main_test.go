package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// startSandbox serves a sandbox for one test and points the runs at it
// (FLEXSLOT_API_URL).
func startSandbox(t *testing.T) *sandbox.Running {
	t.Helper()
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	t.Setenv("FLEXSLOT_API_URL", sb.URL)
	return sb
}

// printsCurrentSecret reports whether stdout is --print-secret's two lines:
// the client id, then the secret the sandbox holds for it now.
func printsCurrentSecret(sb *sandbox.Running, id, stdout string) bool {
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	return len(lines) == 2 && lines[0] == id && sb.SecretIsCurrent(id, lines[1])
}

// runWith runs the command line without a terminal, with stdin.
func runWith(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	streams, stdout, stderr := iostreams.Test(strings.NewReader(stdin))
	code := run(context.Background(), args, streams)
	return code, stdout.String(), stderr.String()
}

func TestRunCommandLine(t *testing.T) {
	t.Setenv("FLEXSLOT_TOKEN", "")
	t.Setenv("FLEXSLOT_API_URL", "")
	tests := []struct {
		name             string
		args             []string
		code             int
		stdout, stderrIn string
	}{
		{"version", []string{"--version"}, cli.ExitOK, "flexslot-register dev " + runtime.Version() + "\n", ""},
		{"no terminal, nothing given", nil, cli.ExitUsage, "", "missing --name, --redirect-uri (no terminal to ask in)"},
		{"plain http API URL", []string{"--api-url", "http://api.example.com"}, cli.ExitUsage, "", "refusing plain http"},
		{"unknown command", []string{"register"}, cli.ExitUsage, "", `unknown command "register"`},
		{"no --token flag", []string{"--token", "x"}, cli.ExitUsage, "", "unknown flag: --token"},
		{"bad clipboard timeout", []string{"--clipboard-clear", "0s"}, cli.ExitUsage, "", "--clipboard-clear: must be a positive duration such as 45s"},
		{"sandbox extra argument", []string{"sandbox", "now"}, cli.ExitUsage, "", `unexpected argument "now"`},
		{"sandbox on a public address", []string{"sandbox", "--addr", "0.0.0.0:8080"}, cli.ExitFailed, "", "only on a loopback address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != tt.code || stdout != tt.stdout || !strings.Contains(stderr, tt.stderrIn) {
				t.Errorf("code %d stdout %q stderr %q", code, stdout, stderr)
			}
		})
	}
}

// TestFlagsAndManifest checks how flags and a manifest become the request,
// through --dry-run, which prints it.
func TestFlagsAndManifest(t *testing.T) {
	manifest := filepath.Join(t.TempDir(), "client.json")
	os.WriteFile(manifest, []byte(`{"application_name": "From Manifest", "redirect_uris": ["https://m.example/cb"],
		"allowed_scopes": ["cards:read"], "client_type": "public", "tos_url": "https://m.example/tos"}`), 0o644)
	badManifest := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(badManifest, []byte(`{"application_name": "x", "scopes": []}`), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		want   map[string]any // fields of the printed request
		stderr string
	}{
		{"flags only, defaults filled", []string{"--name", "Deck Tracker", "--redirect-uri", "https://a.example/cb", "--redirect-uri", "http://127.0.0.1:8765/cb", "--scope", "decks:read", "--print-secret"},
			cli.ExitOK, map[string]any{"application_name": "Deck Tracker", "client_type": "confidential",
				"redirect_uris": []any{"https://a.example/cb", "http://127.0.0.1:8765/cb"}, "allowed_scopes": []any{"decks:read"},
				"grant_types": []any{"authorization_code", "refresh_token"}, "tos_url": ""}, ""},
		{"every field by flag", []string{"--name", "X", "--client-type", "public", "--redirect-uri", "https://a.example/cb", "--grant-type", "authorization_code",
			"--app-url", "https://a.example", "--logo-url", "https://a.example/l.png", "--privacy-url", "https://a.example/p", "--tos-url", "https://a.example/t"},
			cli.ExitOK, map[string]any{"client_type": "public", "grant_types": []any{"authorization_code"}, "allowed_scopes": []any{},
				"application_url": "https://a.example", "application_logo_url": "https://a.example/l.png",
				"privacy_policy_url": "https://a.example/p", "tos_url": "https://a.example/t"}, ""},
		{"manifest", []string{"--from", manifest}, cli.ExitOK, map[string]any{"application_name": "From Manifest", "client_type": "public",
			"redirect_uris": []any{"https://m.example/cb"}, "allowed_scopes": []any{"cards:read"}, "tos_url": "https://m.example/tos"}, ""},
		{"flags override the manifest, lists whole", []string{"--from", manifest, "--name", "Flag Name", "--redirect-uri", "https://f.example/cb"},
			cli.ExitOK, map[string]any{"application_name": "Flag Name", "redirect_uris": []any{"https://f.example/cb"}, "allowed_scopes": []any{"cards:read"}}, ""},
		{"bad values, every one named, form messages", []string{"--name", " ", "--redirect-uri", "https://a.example/cb", "--redirect-uri", "http://b.example/cb",
			"--scope", "decks:read", "--scope", "decks:read", "--grant-type", "refresh_token", "--tos-url", "tos.html"}, cli.ExitUsage, nil,
			"--name: Enter an application name.\n" +
				"flexslot-register: --redirect-uri #2 (http://b.example/cb): Use https: plain http is allowed only on localhost, 127.0.0.1 and [::1].\n" +
				`flexslot-register: --scope: "decks:read" is listed twice.` + "\n" +
				"flexslot-register: --grant-type: refresh_token needs authorization_code: refresh tokens are issued by the authorization code exchange.\n" +
				"flexslot-register: --tos-url: Use an absolute URL that starts with https://, e.g. https://example.com/privacy."},
		{"a scope not in the list, refused where parsed", []string{"--name", " ", "--scope", "decks:delete"}, cli.ExitUsage, nil,
			`flexslot-register: --scope: "decks:delete" is not a scope; choose from cards:read, decks:read, decks:write, exports:read, guides:read, guides:write, sideboards:read, sideboards:write.` + "\n"},
		{"bad client type", []string{"--name", "x", "--redirect-uri", "https://a.example/cb", "--client-type", "spa"}, cli.ExitUsage, nil,
			`--client-type: "spa" is not a client type; use confidential or public.`},
		{"missing values", []string{"--scope", "decks:read"}, cli.ExitUsage, nil, "missing --name, --redirect-uri (a dry run asks nothing)"},
		{"unknown manifest field", []string{"--from", badManifest}, cli.ExitUsage, nil, `unknown field "scopes" in the manifest`},
		{"no manifest file", []string{"--from", filepath.Join(t.TempDir(), "none.json")}, cli.ExitUsage, nil, "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", "flx_pat_DryRunNeverSendsIt")
			code, stdout, stderr := runWith(t, "", append(tt.args, "--dry-run", "--offline")...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Fatalf("code %d, stderr:\n%s", code, stderr)
			}
			if tt.want == nil {
				if stdout != "" {
					t.Errorf("stdout %q on a usage error", stdout)
				}
				return
			}
			body, curl, _ := strings.Cut(stdout, "\n\n")
			var got map[string]any
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("stdout is not the request JSON: %v\n%s", err, stdout)
			}
			for k, v := range tt.want {
				if !reflect.DeepEqual(got[k], v) {
					t.Errorf("%s = %#v, want %#v", k, got[k], v)
				}
			}
			if !strings.HasPrefix(curl, "curl --request POST") || !strings.Contains(curl, "$FLEXSLOT_TOKEN") {
				t.Errorf("no curl command after the JSON:\n%s", curl)
			}
		})
	}
}

// TestScriptedRegistration runs the scripted front end against an in-process
// sandbox (--sandbox), without a terminal. Each case has its own directory:
// FILE in its arguments stands for FILE.env there, made beforehand when the
// case says it exists.
func TestScriptedRegistration(t *testing.T) {
	t.Setenv("FLEXSLOT_TOKEN", "")
	base := []string{"--sandbox", "--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb"}
	tests := []struct {
		name     string
		args     []string
		existing bool // the secret file exists before the run
		code     int
		stdoutRe string
		stderr   string
		fileMode os.FileMode // of the secret file after the run; 0: no file
		never    string      // on neither stdout nor stderr
	}{
		{"secret to a file", append(base, "--secret-file", "FILE"), false, cli.ExitOK, `^cli_[0-9A-Z]{26}\n$`, "Saved the client id and secret to", 0o600, ""},
		{"existing secret file refused before sending", append(base, "--secret-file", "FILE"), true, cli.ExitUsage, `^$`, "already exists", 0o644, ""},
		{"existing secret file with --force", append(base, "--secret-file", "FILE", "--force"), true, cli.ExitOK, `^cli_`, "Saved", 0o600, ""},
		{"print the secret", append(base, "--print-secret"), false, cli.ExitOK, `^cli_[0-9A-Z]{26}\n[A-Za-z0-9_-]{43}\n$`, "Registered", 0, ""},
		{"JSON", append(base, "--json"), false, cli.ExitOK, `"client_secret": "[A-Za-z0-9_-]{43}"`, "", 0, ""},
		{"public needs no capture", append(base, "--client-type", "public"), false, cli.ExitOK, `^cli_[0-9A-Z]{26}\n$`, "(public client)", 0, ""},
		{"confidential without capture refused", base, false, cli.ExitUsage, `^$`, "nothing would capture it: add --secret-file PATH, --print-secret or --json", 0, ""},
		{"server error names the flag", []string{"--sandbox", "--name", "Deck Tracker", "--redirect-uri", "https://a.example/cb",
			"--redirect-uri", "https://taken.sandbox.test/cb", "--print-secret"}, false, cli.ExitFailed, `^$`,
			"--redirect-uri #2 (https://taken.sandbox.test/cb): This redirect URI is registered to another partner's client.", 0, ""},
		{"non-field error in the server's words", []string{"--sandbox", "--name", "sandbox:taken", "--redirect-uri", "https://a.example/cb", "--print-secret"},
			false, cli.ExitFailed, `^$`, "flexslot-register: server: An application with this name already exists.", 0, ""},
		{"server failure", []string{"--sandbox", "--name", "sandbox:502-html", "--redirect-uri", "https://a.example/cb", "--json"},
			false, cli.ExitFailed, `^$`, "the server answered 502 Bad Gateway", 0, ""},
		{"nothing created: no file left behind", []string{"--sandbox", "--name", "sandbox:502-html", "--redirect-uri", "https://a.example/cb", "--secret-file", "FILE"},
			false, cli.ExitFailed, `^$`, "502 Bad Gateway", 0, ""},
		{"no secret sent: the file is not written", []string{"--sandbox", "--name", "sandbox:201-no-secret", "--redirect-uri", "https://a.example/cb", "--secret-file", "FILE"},
			false, cli.ExitFailed, `^cli_[0-9A-Z]{26}\n$`, "sent no secret: rotate it to get a new one: flexslot-register rotate cli_", 0, "Saved"},
		{"no secret sent: --print-secret prints the id and fails", []string{"--sandbox", "--name", "sandbox:201-no-secret", "--redirect-uri", "https://a.example/cb", "--print-secret"},
			false, cli.ExitFailed, `^cli_[0-9A-Z]{26}\n$`, "sent no secret: rotate it to get a new one: flexslot-register rotate cli_", 0, ""},
		{"no secret sent: --json has no client_secret", []string{"--sandbox", "--name", "sandbox:201-no-secret", "--redirect-uri", "https://a.example/cb", "--json"},
			false, cli.ExitFailed, `"client_id": "cli_`, "sent no secret: rotate it", 0, "client_secret"},
		{"no secret sent: an old file is untouched", []string{"--sandbox", "--name", "sandbox:201-no-secret", "--redirect-uri", "https://a.example/cb", "--secret-file", "FILE", "--force"},
			true, cli.ExitFailed, `^cli_`, "Nothing was written to", 0o644, "Saved"},
		{"public client: the file holds no secret and says so", append(base, "--client-type", "public", "--secret-file", "FILE"),
			false, cli.ExitOK, `^cli_`, "Saved the client id to", 0o600, "secret to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "a.env")
			if tt.existing {
				if err := os.WriteFile(file, []byte("OLD=1\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := slices.Clone(tt.args)
			for i, a := range args {
				if a == "FILE" {
					args[i] = file
				}
			}
			code, stdout, stderr := runWith(t, "", args...)
			if code != tt.code || !regexp.MustCompile(tt.stdoutRe).MatchString(stdout) || !strings.Contains(stderr, tt.stderr) ||
				(tt.never != "" && strings.Contains(stdout+stderr, tt.never)) {
				t.Errorf("code %d\nstdout %q\nstderr %s", code, stdout, stderr)
			}
			info, err := os.Stat(file)
			switch {
			case tt.fileMode == 0 && err == nil:
				t.Errorf("a secret file was left behind")
			case tt.fileMode != 0 && (err != nil || info.Mode().Perm() != tt.fileMode):
				t.Errorf("secret file: %v %v, want mode %o", info, err, tt.fileMode)
			}
		})
	}
}

func TestTokenFromStdin(t *testing.T) {
	sb := startSandbox(t)
	t.Setenv("FLEXSLOT_TOKEN", "")
	args := []string{"--token-stdin", "--name", "Deck Tracker", "--redirect-uri", "https://a.example/cb", "--print-secret"}
	code, stdout, stderr := runWith(t, sb.Token()+"\n", args...)
	if code != cli.ExitOK || !strings.HasPrefix(stdout, "cli_") || strings.Contains(stderr, sb.Token()) {
		t.Errorf("code %d stdout %q stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := runWith(t, "", args...); code != cli.ExitUsage || !strings.Contains(stderr, "no token on the first line of stdin") {
		t.Errorf("empty stdin: code %d stderr %q", code, stderr)
	}
	if code, _, stderr := runWith(t, "", args[1:]...); code != cli.ExitUsage || !strings.Contains(stderr, "no token: set FLEXSLOT_TOKEN, pipe it with --token-stdin, or keep one with `flexslot-register login --api-url ") {
		t.Errorf("no token: code %d stderr %q", code, stderr)
	}
}

func TestRunSandboxServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	streams, _, stderr := iostreams.Test(strings.NewReader(""))
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"sandbox", "--addr", "127.0.0.1:0", "--partner-scope", "cards:read", "--partner-scope", "decks:read"}, streams)
	}()

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
		var partner api.Partner
		if err := json.NewDecoder(resp.Body).Decode(&partner); err != nil || !slices.Equal(partner.Scopes, []string{"cards:read", "decks:read"}) {
			t.Errorf("the partner's scopes: %v (%v), want those of --partner-scope", partner.Scopes, err)
		}
		resp.Body.Close()
	}
	if !strings.Contains(stderr.String(), "The partner account has only cards:read, decks:read") {
		t.Errorf("stderr does not say which scopes the partner has: %q", stderr.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != cli.ExitOK || !strings.Contains(stderr.String(), "sandbox stopped") {
			t.Errorf("exit %d, stderr %q", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("sandbox did not stop")
	}
}

// TestSandboxDocListsEveryTrigger keeps docs/SANDBOX.md's trigger table in step with the
// sandbox, which is the source of truth.
func TestSandboxDocListsEveryTrigger(t *testing.T) {
	readme, err := os.ReadFile("docs/SANDBOX.md")
	if err != nil {
		t.Fatal(err)
	}
	// The doc sets names in code type; compare without the backticks.
	text := strings.ReplaceAll(string(readme), "`", "")
	for _, trig := range sandbox.Triggers() {
		row := "| " + trig.Name + " | " + trig.Answer + " |"
		if !strings.Contains(text, row) {
			t.Errorf("docs/SANDBOX.md lacks the row\n%s", row)
		}
	}
}

// TestAccessibleSignalWhileCreating: a signal while the line prompts wait for
// the create's answer must say that the client may exist, and exit 1 (it may), with
// no os.Exit from another goroutine (this test would not get to check).
func TestAccessibleSignalWhileCreating(t *testing.T) {
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	keep := strings.Join([]string{"", "", "", "0", "0", "", "", "", "", "1"}, "\n") + "\n" // keep every answer, create
	streams, _, stderr := iostreams.Test(iotest.OneByteReader(strings.NewReader(keep)))
	opts := options{accessible: true, clipboardClear: time.Second, reg: cli.Registration{Request: api.CreateClientRequest{
		ApplicationName: "sandbox:hang", RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{"decks:read"}}}}
	opts.apiURL = sb.URL
	done := make(chan error, 1)
	go func() { done <- runWizard(ctx, opts, wizardConfig(opts, sb.Token()), streams) }()
	for deadline := time.Now().Add(5 * time.Second); sb.CreateAttempts() == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no create request within 5s; stderr:\n%s", stderr.String())
		}
	}
	cancel()
	select {
	case err := <-done:
		if code := cli.CodeOf(err); code != cli.ExitFailed {
			t.Errorf("exit %d, want %d", code, cli.ExitCancelled)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the accessible wizard did not return after the signal")
	}
	if !strings.Contains(stderr.String(), "stopped while registering. The client may have been created") {
		t.Errorf("stderr does not say the client may exist:\n%s", stderr.String())
	}
}

// TestTokenLeavesTheEnvironment: once read, FLEXSLOT_TOKEN is gone from the
// process's environment, so no child process inherits it.
func TestTokenLeavesTheEnvironment(t *testing.T) {
	t.Setenv("FLEXSLOT_TOKEN", "flx_pat_ChildrenMustNotSeeMe")
	streams, _, _ := iostreams.Test(strings.NewReader(""))
	token, err := readToken(false, streams)
	if err != nil || token != "flx_pat_ChildrenMustNotSeeMe" {
		t.Fatalf("readToken = %q, %v", token, err)
	}
	if _, set := os.LookupEnv("FLEXSLOT_TOKEN"); set {
		t.Error("FLEXSLOT_TOKEN is still in the environment: children would inherit it")
	}
}

// TestScriptedRecovery: a scripted create whose answer was lost finds out
// whether it went through; --rotate-if-created takes the rotation path.
func TestScriptedRecovery(t *testing.T) {
	tests := []struct {
		name, trigger string
		rotate        bool
		code          int
		stderr        string
		clients       int
	}{
		{"created, told how to get the secret", "sandbox:201-cut", false, cli.ExitFailed, "rotate cli_", 1},
		{"created and rotated", "sandbox:201-cut", true, cli.ExitOK, "Rotating the secret of cli_", 1},
		{"nothing created", "sandbox:502-before", true, cli.ExitFailed, "Nothing was created", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := startSandbox(t)
			t.Setenv("FLEXSLOT_TOKEN", sb.Token())
			args := []string{"--name", tt.trigger, "--redirect-uri", "https://a.example/cb", "--print-secret"}
			if tt.rotate {
				args = append(args, "--rotate-if-created")
			}
			code, stdout, stderr := runWith(t, "", args...)
			clients := sb.Clients()
			if code != tt.code || !strings.Contains(stderr, tt.stderr) || len(clients) != tt.clients {
				t.Fatalf("exit %d, %d clients, stdout %q, stderr:\n%s", code, len(clients), stdout, stderr)
			}
			if tt.code == cli.ExitOK {
				if !printsCurrentSecret(sb, clients[0].ClientID, stdout) {
					t.Errorf("stdout %q is not the client id and its current secret", stdout)
				}
			}
		})
	}
}

// TestListAndRotateScripted runs the list and rotate commands without a
// terminal against a sandbox holding one confidential and one public client.
func TestListAndRotateScripted(t *testing.T) {
	sb := startSandbox(t)
	register := func(name, kind string) string {
		t.Setenv("FLEXSLOT_TOKEN", sb.Token())
		code, stdout, stderr := runWith(t, "", "--name", name, "--redirect-uri", "https://a.example/cb", "--client-type", kind, "--print-secret")
		if code != 0 {
			t.Fatalf("register %s: %d %s", name, code, stderr)
		}
		return strings.SplitN(stdout, "\n", 2)[0]
	}
	t.Setenv("FLEXSLOT_TOKEN", sb.Token())
	if code, stdout, stderr := runWith(t, "", "list"); code != 0 || stdout != "" || !strings.Contains(stderr, "No OAuth2 clients yet") {
		t.Errorf("empty list: %d %q %q", code, stdout, stderr)
	}
	confidential, public := register("Deck Tracker", "confidential"), register("Deck CLI", "public")
	tests := []struct {
		name         string
		args         []string
		code         int
		stdout, errs string
	}{
		{"list without a terminal, tab-separated", []string{"list"}, 0, "\tDeck CLI\tpublic\tactive\t", ""},
		{"list as JSON", []string{"list", "--json"}, 0, `"client_id": "` + public + `"`, ""},
		{"rotate needs a capture", []string{"rotate", confidential}, cli.ExitUsage, "", "nothing would capture it"},
		{"rotate needs an id", []string{"rotate", "--json"}, cli.ExitUsage, "", "which client?"},
		{"rotate a public client", []string{"rotate", public, "--json"}, cli.ExitFailed, "", "is a public client"},
		{"rotate a stranger", []string{"rotate", "cli_NOTOURS", "--json"}, cli.ExitFailed, "", "is not one of this partner's clients"},
		{"rotate, flags after the id", []string{"rotate", confidential, "--print-secret"}, 0, confidential + "\n", "New secret for \"Deck Tracker\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", sb.Token())
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
			}
			if tt.name == "rotate, flags after the id" {
				if !printsCurrentSecret(sb, confidential, stdout) {
					t.Errorf("the printed secret is not the current one: %q", stdout)
				}
			}
		})
	}
}

// TestTestLoginScripted: test-login with a played browser (a BROWSER script
// that allows the consent over HTTP), the secret from the environment, and
// the refusals before anything starts.
func TestTestLoginScripted(t *testing.T) {
	sb := startSandbox(t)
	t.Setenv("FLEXSLOT_TOKEN", sb.Token())
	code, stdout, stderr := runWith(t, "", "--name", "Deck Tracker", "--redirect-uri", "http://127.0.0.1/callback",
		"--scope", "decks:read", "--print-secret")
	if code != 0 {
		t.Fatalf("register: %s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	id, secret := lines[0], lines[1]
	tests := []struct {
		name, secret string
		args         []string
		code         int
		stdout, errs string
	}{
		{"no secret, no terminal", "", []string{"test-login", id}, cli.ExitUsage, "", "signs in with its secret"},
		{"a stranger", secret, []string{"test-login", "cli_NOTOURS"}, cli.ExitFailed, "", "is not one of this partner's clients"},
		{"a scope the client may not ask", secret, []string{"test-login", id, "--scope", "guides:write"}, cli.ExitFailed, "", "invalid_scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", sb.Token())
			t.Setenv("FLEXSLOT_CLIENT_SECRET", tt.secret)
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
			}
		})
	}
}

// TestRepeatedScriptedRuns: a scripted run that runs again finds the client
// of that name and does what --if-exists says; there is only ever one client.
func TestRepeatedScriptedRuns(t *testing.T) {
	sb := startSandbox(t)
	dir := t.TempDir()
	manifest := filepath.Join(dir, "flexslot-client.json")
	os.WriteFile(manifest, []byte(`{"application_name": "Deck Tracker", "client_type": "confidential", "allowed_scopes": ["decks:read"]}`), 0o600)
	// README's GitHub Actions step, run as a CI job would run it, each run
	// on a runner of its own: whether it left a secret file for the next
	// step to store.
	readmeStep := func(extra ...string) (int, string, string, bool) {
		t.Setenv("FLEXSLOT_TOKEN", sb.Token())
		secretFile := filepath.Join(t.TempDir(), "flexslot-client.env")
		code, stdout, stderr := runWith(t, "", append([]string{"--no-input", "--from", manifest, "--redirect-uri", "https://decktracker.example/oauth/callback",
			"--secret-file", secretFile, "--if-exists", "reuse"}, extra...)...)
		_, err := os.Stat(secretFile)
		return code, stdout, stderr, err == nil
	}
	code, first, stderr, written := readmeStep()
	if code != 0 || !written {
		t.Fatalf("first run: exit %d, secret file written %v, stderr %s", code, written, stderr)
	}
	code, second, stderr, written := readmeStep()
	if code != 0 || second != first || written || !strings.Contains(stderr, "reused (--if-exists reuse); nothing was sent. Its stored secret was not touched") {
		t.Errorf("second run of README's step: exit %d, stdout %q (first %q), secret file written %v, stderr %s", code, second, first, written, stderr)
	}
	id := strings.TrimSpace(first)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"the default in a script: fail, naming the client and the choices", []string{"--json"}, cli.ExitFailed, "", `exists already as ` + id + `; nothing was sent. Run again with --if-exists reuse`},
		{"rotate: a new secret through the same custody", []string{"--if-exists", "rotate", "--print-secret"}, 0, id + "\n", "rotating its secret (--if-exists rotate)"},
		{"a value it does not take", []string{"--if-exists", "resue", "--print-secret"}, cli.ExitUsage, "", `--if-exists: "resue" is not one of fail, reuse, rotate (did you mean reuse?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", sb.Token())
			args := append([]string{"--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/oauth/callback"}, tt.args...)
			code, stdout, stderr := runWith(t, "", args...)
			if code != tt.code || !strings.HasPrefix(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
			}
			if tt.code == 0 {
				if !printsCurrentSecret(sb, id, stdout) {
					t.Errorf("the printed secret is not the client's current one: %q", stdout)
				}
			}
		})
	}
	if n := len(sb.Clients()); n != 1 {
		t.Errorf("%d clients on the server, want 1", n)
	}
}

// TestSandboxHelpListsTriggers: an installed binary has no docs/SANDBOX.md,
// so `sandbox --help` lists every name that fails on purpose, with its
// answer.
func TestSandboxHelpListsTriggers(t *testing.T) {
	code, stdout, _ := runWith(t, "", "sandbox", "--help")
	help := strings.Join(strings.Fields(stdout), " ")
	for _, trig := range sandbox.Triggers() {
		if code != 0 || !strings.Contains(help, trig.Name+" "+strings.Join(strings.Fields(trig.Answer), " ")) {
			t.Errorf("exit %d; sandbox --help lacks %s and its answer:\n%s", code, trig.Name, stdout)
		}
	}
}
