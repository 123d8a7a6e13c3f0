//go:build unix

package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/flexslot/flexslot-register/api/sandbox"
)

// sandboxEnv points the binary at sb with its token.
func sandboxEnv(sb *sandbox.Running, more ...string) []string {
	return append([]string{"FLEXSLOT_API_URL=" + sb.URL, "FLEXSLOT_TOKEN=" + sb.Token()}, more...)
}

// Scenario 1: a confidential client by keyboard alone, the secret copied to a
// real X clipboard and cleared from it after the timeout, the stdout summary
// without the secret, exit 0, and nothing of the secret left in the scrollback.
func TestConfidentialHappyPath(t *testing.T) {
	disp := display(t)
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb, "DISPLAY="+disp), "--clipboard-clear", "3s")
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/oauth/callback", "http://127.0.0.1:8765/callback")
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("Copied the secret to the system clipboard.", "c")
	if got := clipboard(t, disp); got != secret {
		t.Fatalf("the X clipboard holds %q, want the secret shown on screen", got)
	}
	tm.wait("Cleared the secret from the clipboard.")
	if got := clipboard(t, disp); got == secret {
		t.Error("the clipboard still holds the secret after the clear timeout")
	}
	tm.keys("Enter") // copied: no question
	code, stdout := tm.exit()
	if code != 0 {
		t.Errorf("exit code %d", code)
	}
	clients := sb.Clients()
	if len(clients) != 1 {
		t.Fatalf("the sandbox holds %d clients", len(clients))
	}
	if !strings.Contains(stdout, clients[0].ClientID) || !strings.Contains(stdout, "copied to the clipboard") || strings.Contains(stdout, secret) {
		t.Errorf("stdout summary:\n%s", stdout)
	}
	if strings.Contains(stdout, secret) {
		t.Error("the secret stayed in the terminal after exit")
	}
	want := `{"application_name":"Deck Tracker","redirect_uris":["https://decktracker.example/oauth/callback","http://127.0.0.1:8765/callback"],` +
		`"allowed_scopes":["decks:read"],"client_type":"confidential","grant_types":["authorization_code","refresh_token"],` +
		`"application_url":"","application_logo_url":"","privacy_policy_url":"","tos_url":""}`
	if got := sb.CreateRequests(); len(got) != 1 || string(got[0]) != want {
		t.Errorf("the sandbox received %q", got)
	}
}

// The clipboard is cleared only while it holds the secret: what the user
// copied meanwhile is left alone.
func TestClipboardLeftAloneWhenReplaced(t *testing.T) {
	disp := display(t)
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb, "DISPLAY="+disp), "--clipboard-clear", "3s")
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	tm.press("Copied the secret to the system clipboard.", "c")
	setClipboard(t, disp, "something else")
	tm.wait("The clipboard holds something else now; left it alone.")
	if got := clipboard(t, disp); got != "something else" {
		t.Errorf("the clipboard holds %q", got)
	}
}

// Without DISPLAY the system clipboard fails, and the copy goes through the
// terminal: tmux (set-clipboard on) puts exactly the secret in its buffer.
func TestOSC52Fallback(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.tmux("set-option", "-g", "set-clipboard", "on")
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("Sent the secret to your terminal's clipboard (OSC 52)", "c")
	if got := tm.tmux("show-buffer"); got != secret {
		t.Errorf("tmux buffer %q, want the secret", got)
	}
}

// Scenario 2: a public client gets no secret and the PKCE explanation.
func TestPublicClient(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.fillForm("Deck CLI", true, "http://127.0.0.1:8765/callback")
	tm.press("(public client)", "Enter")
	tm.wait("Public clients get no secret: your app proves itself with PKCE (S256)")
	if strings.Contains(tm.screen(), "copy secret") {
		t.Errorf("a copy-secret key is offered:\n%s", tm.screen())
	}
	tm.keys("Enter")
	if code, stdout := tm.exit(); code != 0 || !strings.Contains(stdout, "none (public client: use PKCE)") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// Scenario 3: a server-side field error comes back into the form, at the
// line, with every value kept; fixing it completes the registration.
func TestServerFieldErrorThenFix(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb", "https://"+sandbox.TakenRedirectHost+"/cb")
	tm.press("server: This redirect URI is registered to another partner's client.", "Enter")
	tm.keys("C-u")
	tm.typ("https://decktracker.example/cb2")
	tm.wait("cb2")
	tm.press("Access · 3 of 4", "Tab")
	tm.wait("✓ decks:read")
	tm.scopesToReview()
	tm.press("✓ Registered", "Enter")
	requests := sb.CreateRequests() // the refused one is not kept
	if len(requests) != 1 || sb.CreateAttempts() != 2 {
		t.Fatalf("%d create requests, %d bodies kept", sb.CreateAttempts(), len(requests))
	}
	var second map[string]any
	json.Unmarshal(requests[0], &second)
	if second["application_name"] != "Deck Tracker" || !strings.Contains(string(requests[0]), `"redirect_uris":["https://decktracker.example/cb","https://decktracker.example/cb2"]`) ||
		!strings.Contains(string(requests[0]), `"allowed_scopes":["decks:read"]`) {
		t.Errorf("second request %s", requests[0])
	}
}

// Scenario 4: ctrl+c in the form offers to keep the answers; esc then ends
// with 2, sends nothing and leaves no file.
func TestCtrlCInForm(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.wait("Application name")
	tm.typ("Deck")
	tm.wait("Deck")
	tm.press("Keep your answers?", "C-c")
	tm.keys("Escape")
	if code, stdout := tm.exit(); code != 2 || strings.Contains(stdout, "Registered") || strings.Contains(stdout, "Resume with") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	if _, err := os.Stat(filepath.Join(tm.dir, "flexslot-client.json")); err == nil {
		t.Error("esc left a draft")
	}
	if n := sb.CreateAttempts(); n != 0 {
		t.Errorf("the sandbox received %d create requests", n)
	}
}

// Scenario 4c: esc on each page of the form, at 80x24, leaves as ctrl+c
// does: the help line says "esc leave", and esc offers to keep the answers;
// enter keeps them and the run ends with 2 and the resume command.
func TestEscInForm(t *testing.T) {
	tests := []struct {
		name string
		page string
		walk func(tm *term)
	}{
		{"application", "Application · 1 of 4", func(*term) {}},
		{"redirect URIs", "Redirect URIs · 2 of 4", func(tm *term) {
			tm.press("┃ Client type", "Enter")
			tm.press("Redirect URIs · 2 of 4", "Enter")
		}},
		{"access", "Access · 3 of 4", func(tm *term) {
			tm.press("┃ Client type", "Enter")
			tm.press("Redirect URIs · 2 of 4", "Enter")
			tm.typ("https://decktracker.example/cb")
			tm.press("Access · 3 of 4", "Tab")
		}},
		{"links", "Links · 4 of 4", func(tm *term) {
			tm.press("┃ Client type", "Enter")
			tm.press("Redirect URIs · 2 of 4", "Enter")
			tm.typ("https://decktracker.example/cb")
			tm.press("Access · 3 of 4", "Tab")
			tm.press("> • decks:read", "Down")
			tm.press("> ✓ decks:read", "Space")
			tm.press("┃ Grant types", "Enter")
			tm.press("Links · 4 of 4", "Enter")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := startSandbox(t)
			tm := run(t, 80, 24, sandboxEnv(sb))
			tm.wait("Application name")
			tm.typ("Deck Tracker")
			tm.wait("Deck Tracker")
			tt.walk(tm)
			tm.wait(tt.page)
			tm.wait("esc leave")
			tm.press("Keep your answers?", "Escape")
			tm.keys("Enter")
			code, out := tm.exit()
			if code != 2 || !strings.Contains(folded(out), "Resume with: flexslot-register --from ./flexslot-client.json") {
				t.Errorf("exit %d:\n%s", code, out)
			}
			if _, err := os.Stat(filepath.Join(tm.dir, "flexslot-client.json")); err != nil {
				t.Error(err)
			}
			if n := sb.CreateAttempts(); n != 0 {
				t.Errorf("the sandbox received %d create requests", n)
			}
		})
	}
}

// Scenario 4d: with every value given by flags, the wizard asks nothing:
// the client type and grant types have the server's defaults and the links
// are optional, so no page shows; with --yes it goes straight to creating,
// without it to the review.
func TestEveryValueGivenAsksNothing(t *testing.T) {
	args := []string{"--sandbox", "--name", "X", "--redirect-uri", "https://a.example/cb", "--scope", "decks:read"}
	tests := []struct {
		name  string
		yes   bool
		first string // what the first screen after the pre-flight shows
	}{
		{"--yes", true, "✓ Registered"},
		{"review", false, "Review · nothing has been sent yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := args
			if tt.yes {
				args = append(args[:len(args):len(args)], "--yes")
			}
			tm := run(t, 80, 24, nil, args...)
			tm.wait(tt.first)
			if !tt.yes {
				tm.press("✓ Registered", "Enter")
			}
			for _, frame := range tm.frames {
				for _, page := range []string{"1 of 4", "2 of 4", "3 of 4", "4 of 4"} {
					if strings.Contains(frame, page) {
						t.Errorf("a page of the form showed:\n%s", frame)
					}
				}
			}
			tm.press("Save to:", "s")
			tm.press("Saved", "Enter")
			tm.keys("Enter")
			if code, out := tm.exit(); code != 0 || !strings.Contains(out, "X") {
				t.Errorf("exit %d:\n%s", code, out)
			}
		})
	}
}

// Scenario 4e: a terminal that cannot draw the full screen (TERM=dumb)
// gets the line prompts, not the alternate screen, says why, and registers.
func TestDumbTerminalGetsLinePrompts(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 80, 24, sandboxEnv(sb, "TERM=dumb"), "--offline")
	tm.wait("Shown to players when they sign in with flexslot. Application name")
	if tm.alternateScreen() || strings.Contains(tm.screen(), "┃") {
		t.Fatalf("the full-screen wizard in a dumb terminal:\n%s", tm.screen())
	}
	tm.wait("cannot draw the wizard; asking line by line")
	tm.typ("Deck Tracker")
	tm.press("Enter a number between 1 and 2", "Enter")
	tm.press("Redirect URI 1", "Enter")
	tm.typ("https://decktracker.example/cb")
	tm.press("Redirect URI 2", "Enter")
	tm.press("Enter keeps the list", "Enter")
	tm.press("Enter a number between 0 and 8", "Enter")
	tm.typ("2")
	tm.press("2. ✓ decks:read", "Enter")
	tm.typ("0")
	tm.press("Grant types", "Enter")
	tm.typ("0")
	tm.press("Application URL", "Enter")
	for _, next := range []string{"Logo URL", "Privacy policy URL", "Terms of service URL", "What now?"} {
		tm.press(next, "Enter")
	}
	tm.typ("1")
	tm.press("Copy the secret to the clipboard?", "Enter")
	tm.press("Save the client id and secret to a file?", "Enter")
	tm.press("Save to [./flexslot-client.env]", "Enter")
	tm.press("Saved to ./flexslot-client.env", "Enter")
	if code, out := tm.exit(); code != 0 || !strings.Contains(out, "Client secret, shown only this once") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if len(sb.Clients()) != 1 {
		t.Errorf("%d clients", len(sb.Clients()))
	}
}

// Scenario 5: leaving before the secret is safe asks first; "no" keeps the
// secret on screen.
func TestLeaveGuard(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("The secret cannot be shown again. Leave anyway?", "Enter")
	tm.press("c copy secret", "n")
	if !strings.Contains(tm.screen(), secret) {
		t.Fatal("the secret is gone after answering no")
	}
	tm.press("Leave anyway?", "C-c")
	tm.keys("y")
	if code, stdout := tm.exit(); code != 0 || !strings.Contains(stdout, "NOT SAVED") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// Scenario 6: a resize during the form and a small window: no panic, and the
// secret is shown whole (wrapped), never cut.
func TestSmallTerminalAndResize(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 80, 24, sandboxEnv(sb))
	tm.wait("Application name")
	tm.typ("Deck Tracker")
	tm.tmux("resize-window", "-t", "e2e", "-x", "50", "-y", "15")
	tm.wait("Deck Tracker")
	tm.press("┃ Client type", "Enter")
	tm.press("Redirect URIs", "Enter")
	tm.typ("https://decktracker.example/cb")
	tm.press("Access", "Tab")
	tm.press("┃ Grant types", "Enter")
	tm.press("Links", "Enter")
	for range 4 {
		tm.keys("Enter")
	}
	tm.wait("enter create")
	tm.tmux("resize-window", "-t", "e2e", "-x", "40", "-y", "12")
	tm.press("shown only this once", "Enter")
	shown := strings.Join(strings.Fields(tm.screen()), "")
	if strings.Contains(shown, "panic") {
		t.Fatalf("panic:\n%s", tm.screen())
	}
	path := filepath.Join(tm.dir, "client.env")
	tm.press("Save to:", "s")
	tm.press("Saved", "Enter")
	saved, err := os.ReadFile(path)
	if err != nil {
		saved, err = os.ReadFile(filepath.Join(tm.dir, "flexslot-client.env"))
	}
	if err != nil {
		t.Fatal(err)
	}
	secret := regexp.MustCompile(`FLEXSLOT_CLIENT_SECRET=(\S+)`).FindStringSubmatch(string(saved))[1]
	if !strings.Contains(shown, secret) {
		t.Errorf("the 40x12 window does not show the whole secret:\n%s", tm.screen())
	}
}

// Scenario 6b: at 60x16 a sandbox's header takes three lines; the secret
// screen gives up the header, blank lines and its explanation before its
// title and the once-only warning, and keeps them with a status below.
func TestResultScreenAt60x16(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 60, 16, sandboxEnv(sb))
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.wait("API http://127.0.0.1:") // the header, on the form
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("clipboard", "c")
	screen := tm.screen()
	for _, want := range []string{"✓ Registered \"Deck Tracker\"", "! Copy or save the client secret now: it is shown only", "Client ID", secret, "c copy secret"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the 60x16 result screen with a status lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "API http://127.0.0.1:") {
		t.Errorf("the header stayed while the screen lost detail:\n%s", screen)
	}
}

// sgr matches an SGR sequence, its parameters in the group.
var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// hasColour reports whether a capture with escapes (capture-pane -e) sets a
// foreground or background colour.
func hasColour(screen string) bool {
	for _, m := range sgr.FindAllStringSubmatch(screen, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			// 39 and 49 reset to the default colours: not a colour.
			if n, _ := strconv.Atoi(p); (n >= 30 && n <= 48 && n != 39) || (n >= 90 && n <= 107) {
				return true
			}
		}
	}
	return false
}

// Scenario 7: NO_COLOR=1 leaves no colour in what the terminal shows; the same
// screen without it has colour, so the check can fail.
func TestNoColor(t *testing.T) {
	for _, tt := range []struct {
		env        []string
		wantColour bool
	}{{nil, true}, {[]string{"NO_COLOR=1"}, false}} {
		sb := startSandbox(t)
		tm := run(t, 100, 30, sandboxEnv(sb, tt.env...))
		tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
		screen := tm.tmux("capture-pane", "-p", "-e", "-t", "e2e")
		if hasColour(screen) != tt.wantColour {
			t.Errorf("env %v: colour %v, want %v", tt.env, !tt.wantColour, tt.wantColour)
		}
	}
}

// Scenario 8: save to a file: mode 0600, the right content, and a second save
// to the same path refuses to overwrite it.
func TestSaveToFile(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("Save to: ./flexslot-client.env", "s")
	tm.press("Saved the client id and secret to ./flexslot-client.env", "Enter")
	path := filepath.Join(tm.dir, "flexslot-client.env")
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("%v, mode %v", err, info.Mode())
	}
	want := "FLEXSLOT_CLIENT_ID=" + sb.Clients()[0].ClientID + "\nFLEXSLOT_CLIENT_SECRET=" + secret + "\n"
	if got, _ := os.ReadFile(path); string(got) != want {
		t.Errorf("file content differs from what the screen showed")
	}
	tm.press("Save to:", "s")
	tm.press("already exists and is never overwritten", "Enter")
	if got, _ := os.ReadFile(path); string(got) != want {
		t.Error("the file was overwritten")
	}
	tm.press("c copy secret", "Escape")
	tm.keys("Enter")
	if code, stdout := tm.exit(); code != 0 || !strings.Contains(stdout, "saved to ./flexslot-client.env") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// Accessible mode: the same questions as plain prompts, a redirect URI
// checked as it is typed (the bad one refused at once and asked again), the
// result as plain text with the secret labelled.
func TestAccessibleMode(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 120, 50, sandboxEnv(sb, "ACCESSIBLE=1"))
	tm.linePromptsToName()
	tm.typ("http://decktracker.example/cb")
	tm.press("Not added: Use https", "Enter")
	tm.typ("https://decktracker.example/cb")
	secret := tm.linePromptsCreate()
	tm.press("Save the client id and secret to a file?", "Enter") // no copy: asked, not done
	tm.typ("n")
	tm.keys("Enter")
	code, terminal := tm.exit()
	// The transcript shows the secret, as asked; the summary after it does not.
	summary := terminal[strings.LastIndex(terminal, "  client id"):]
	if code != 0 || secret == "" || strings.Contains(summary, secret) {
		t.Errorf("exit %d, secret found %v, summary:\n%s", code, secret != "", summary)
	}
	if n := len(sb.CreateRequests()); n != 1 || !strings.Contains(string(sb.CreateRequests()[0]), `"allowed_scopes":["decks:read"]`) {
		t.Errorf("the sandbox received %q", sb.CreateRequests())
	}
}

// Scenario 6c: the review's go-live check, through the real binary: a
// privacy policy URL on a loopback server gets its warning beside the field
// (players' browsers cannot reach it) without the server being asked, and
// the create is still offered; --offline says it skipped the check. Every
// value is given by flags, so the wizard opens on the review.
func TestGoLiveCheckOnReview(t *testing.T) {
	var asked atomic.Int32
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		http.NotFound(w, r)
	}))
	t.Cleanup(site.Close)
	for _, offline := range []bool{false, true} {
		sb := startSandbox(t)
		args := []string{"--name", "Deck Tracker", "--redirect-uri", "http://127.0.0.1:8765/callback", "--scope", "decks:read",
			"--privacy-url", site.URL + "/privacy"}
		want := "! is on a loopback address: players' browsers cannot reach it"
		if offline {
			args, want = append(args, "--offline"), "were not checked (--offline)"
		}
		tm := run(t, 100, 30, sandboxEnv(sb), args...)
		tm.wait("Review · nothing has been sent yet")
		tm.wait(want)
		if !offline && !strings.Contains(tm.screen(), "gives 1 warning") {
			t.Errorf("the review does not count the warning:\n%s", tm.screen())
		}
		tm.press("✓ Registered", "Enter")
	}
	if n := asked.Load(); n != 0 {
		t.Errorf("the site on loopback was asked %d times, want never", n)
	}
}

// Scenario 4b: a draft kept on leaving, resumed with the command printed on
// exit: the wizard opens at the first page with something missing, with
// the answers kept, and registers.
func TestDraftResumed(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.wait("Application name")
	tm.typ("Deck Tracker")
	tm.press("┃ Client type", "Enter")
	tm.press("Redirect URIs · 2 of 4", "Enter")
	tm.typ("https://decktracker.example/cb")
	tm.wait("1 ✓ https://decktracker.example/cb")
	tm.press("Save to: ./flexslot-client.json", "C-c")
	tm.keys("Enter")
	code, stdout := tm.exit()
	resume := regexp.MustCompile(`Resume\s+with:\s+(flexslot-register --from \./flexslot-client\.json)(?:\s|$)`).FindStringSubmatch(stdout)
	if code != 2 || resume == nil {
		t.Fatalf("exit %d, no resume command:\n%s", code, stdout)
	}
	draft, err := os.ReadFile(filepath.Join(tm.dir, "flexslot-client.json"))
	if err != nil || strings.Contains(string(draft), sb.Token()) {
		t.Fatalf("%v:\n%s", err, draft)
	}

	again := run(t, 100, 30, sandboxEnv(sb), "--from", filepath.Join(tm.dir, "flexslot-client.json"))
	again.wait("Access · 3 of 4") // the name, type and redirect URIs are in the draft
	again.press("> ✓ cards:read", "Space")
	again.press("┃ Grant types", "Enter")
	again.press("nothing has been sent yet", "Enter") // the links are optional: no page for them
	for _, want := range []string{"Deck Tracker", "https://decktracker.example/cb", "cards:read"} {
		if !strings.Contains(again.screen(), want) {
			t.Errorf("the review after resuming lacks %q:\n%s", want, again.screen())
		}
	}
	again.press("✓ Registered", "Enter")
}

// Scenario 6d: a partner that lacks a scope: the Access page says so as soon
// as it is chosen, with the command that asks for it; the server refuses the
// client at that scope, and the form shows both with every value kept.
func TestLackedScopeOnTheAccessPage(t *testing.T) {
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{PartnerScopes: []string{"cards:read"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.fillForm("Deck Tracker", true, "http://127.0.0.1:8765/callback") // chooses decks:read
	tm.press("does not list decks:read", "Enter")
	if !strings.Contains(tm.screen(), "✗ Scopes (server)") || !strings.Contains(tm.screen(), "flexslot-register request-scopes --scope decks:read") {
		t.Errorf("the refusal lacks the server's words or the command:\n%s", tm.screen())
	}
	if len(sb.Clients()) != 0 {
		t.Error("the refused client was created")
	}
	// The review offers the scope request, prefilled; it reaches the
	// sandbox, and enter goes back to the review.
	tm.scopesToReview()
	tm.press("Say why your app needs it", "a")
	tm.typ("Players track their decks between tournaments.")
	tm.press("✓ Sent: request", "Enter")
	tm.press("nothing has been sent yet", "Enter")
	if got := sb.ScopeRequests(); len(got) != 1 || len(got[0].RequestedScopes) != 1 || got[0].RequestedScopes[0] != "decks:read" {
		t.Errorf("the sandbox got %+v", got)
	}
}

// Scenario 6e: request-scopes in a terminal asks for what the flags do not
// give (the scopes, the justification) and sends the request.
func TestRequestScopesAsksInATerminal(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 80, 24, sandboxEnv(sb), "request-scopes")
	tm.wait("Scopes to ask for")
	tm.keys("Down", "Down", "Down")
	tm.press("✓ exports:read", "x")
	tm.press("Why your app needs them", "Enter")
	tm.typ("Players export their decks to PDF.")
	tm.wait("Players export their decks to PDF.")
	tm.keys("Enter")
	sentExportsRead(t, tm, sb)
}

// sentExportsRead checks that request-scopes ended well, having asked sb for
// exports:read with the justification the tests type.
func sentExportsRead(t *testing.T, tm *term, sb *sandbox.Running) {
	t.Helper()
	if code, said := tm.exit(); code != 0 || !strings.Contains(said, ": pending") {
		t.Errorf("exit %d:\n%s", code, said)
	}
	if got := sb.ScopeRequests(); len(got) != 1 || len(got[0].RequestedScopes) != 1 || got[0].RequestedScopes[0] != "exports:read" ||
		got[0].Justification != "Players export their decks to PDF." {
		t.Errorf("the sandbox got %+v", got)
	}
}
