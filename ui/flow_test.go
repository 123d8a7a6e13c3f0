package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// failFirstPost answers the first POST itself, as a gateway or an auth layer in
// front of the API would, and lets everything else through to the sandbox.
func failFirstPost(status int, contentType, body string) func(http.Handler) http.Handler {
	var done atomic.Bool
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost || !done.CompareAndSwap(false, true) {
				next.ServeHTTP(w, r)
				return
			}
			if status == http.StatusUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
			}
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			w.Write([]byte(body))
		})
	}
}

// sentBodies decodes what the sandbox received on the create endpoint and
// did not refuse.
func sentBodies(t *testing.T, sb *sandbox.Server) []map[string]any {
	t.Helper()
	return decodeBodies(t, sb.CreateRequests())
}

// recordCreates keeps, in *bodies, every create request's body, refused ones
// included (the sandbox keeps only the others), as a proxy in front would.
func recordCreates(bodies *[][]byte) func(http.Handler) http.Handler {
	var mu sync.Mutex
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				data, _ := io.ReadAll(r.Body)
				mu.Lock()
				*bodies = append(*bodies, data)
				mu.Unlock()
				r.Body = io.NopCloser(bytes.NewReader(data))
			}
			next.ServeHTTP(w, r)
		})
	}
}

// decodeBodies decodes request bodies as JSON objects.
func decodeBodies(t *testing.T, raws [][]byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, raw := range raws {
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Fatalf("the sandbox received invalid JSON %q", raw)
		}
		out = append(out, body)
	}
	return out
}

func TestFlowConfidentialByKeyboard(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, nil)
	clip := &uitest.FakeClipboard{}
	cfg.Clipboard = clip
	d := start(t, cfg)
	d.wait("partner Sandbox Partner (active, standard tier)")
	d.fillForm("Deck Tracker", false, "https://decktracker.example/oauth/callback", "http://127.0.0.1:8765/callback")
	d.send(keyEnter, "✓ Registered")
	d.send(keyC, "Copied the secret to the system clipboard.")
	d.send(keyI, "Copied the client id")
	d.tm.Send(keyEnter)
	result := d.ended()

	const want = `{"application_name":"Deck Tracker","redirect_uris":["https://decktracker.example/oauth/callback","http://127.0.0.1:8765/callback"],` +
		`"allowed_scopes":["decks:read"],"client_type":"confidential","grant_types":["authorization_code","refresh_token"],` +
		`"application_url":"","application_logo_url":"","privacy_policy_url":"","tos_url":""}`
	if got := sb.CreateRequests(); len(got) != 1 || string(got[0]) != want {
		t.Errorf("the sandbox received %q\nwant exactly %q", got, want)
	}
	if result.Outcome != flow.OutcomeRegistered || result.Created == nil || !result.Copied {
		t.Fatalf("result %+v", result)
	}
	secret := result.Created.PlaintextClientSecret.Reveal()
	_, writes := clip.Get()
	if len(writes) != 2 || writes[0] != secret || writes[1] != result.Created.Client.ClientID || len(secret) < 40 {
		t.Errorf("clipboard writes %d, first is the secret %v", len(writes), len(writes) > 0 && writes[0] == secret)
	}
	if clients := sb.Clients(); len(clients) != 1 || clients[0].ClientID != result.Created.Client.ClientID {
		t.Errorf("sandbox clients %+v", clients)
	}
	summary := result.Summary()
	if strings.Contains(summary, secret) || !strings.Contains(summary, result.Created.Client.ClientID) ||
		!strings.Contains(summary, "copied to the clipboard") {
		t.Errorf("summary:\n%s", summary)
	}
}

func TestFlowPublicClientHasNoSecretToCopy(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, nil)
	clip := &uitest.FakeClipboard{}
	cfg.Clipboard = clip
	d := start(t, cfg)
	d.fillForm("Deck CLI", true, "http://127.0.0.1:8765/callback")
	d.send(keyEnter, "(public client)")
	d.wait("PKCE")
	d.key('c') // no secret: nothing to copy
	d.send(keyI, "Copied the client id")
	d.tm.Send(keyEnter) // no guard: there is no secret to lose
	result := d.ended()
	if _, writes := clip.Get(); len(writes) != 1 || writes[0] != result.Created.Client.ClientID {
		t.Errorf("clipboard writes %q", writes)
	}
	if result.Created.PlaintextClientSecret != "" || result.Created.Client.ClientType != "public" {
		t.Errorf("created %+v", result.Created)
	}
	if body := sentBodies(t, sb)[0]; body["client_type"] != "public" {
		t.Errorf("sent %v", body)
	}
	if !strings.Contains(result.Summary(), "none (public client: use PKCE)") {
		t.Errorf("summary:\n%s", result.Summary())
	}
}

func TestFlowServerFieldErrorKeepsValues(t *testing.T) {
	var sent [][]byte
	_, cfg := uitest.SandboxConfig(t, recordCreates(&sent))
	d := start(t, cfg)
	taken := "https://" + sandbox.TakenRedirectHost + "/callback"
	d.fillForm("Deck Tracker", false, "https://decktracker.example/cb", taken)
	d.send(keyEnter, "server: This redirect URI is registered to another partner's client.")
	// Back in the form, on the redirect URI page, the cursor on the refused line.
	d.wait("Redirect URIs · 2 of 4")
	d.tm.Send(keyCtrlU)
	d.typ("https://decktracker.example/cb2")
	d.send(keyTab, "Access · 3 of 4")
	d.wait("✓ decks:read") // the scope chosen before is still chosen
	d.send(keyEnter, "┃ Grant types")
	d.send(keyEnter, "Links · 4 of 4")
	d.linksToReview()
	d.send(keyEnter, "✓ Registered")
	d.send(keyS, "Save to:")
	path := filepath.Join(t.TempDir(), "client.env")
	d.tm.Send(keyCtrlU)
	d.typ(path)
	d.send(keyEnter, "Saved the client id and secret to")
	d.tm.Send(keyEnter)
	result := d.ended()

	bodies := decodeBodies(t, sent)
	if len(bodies) != 2 {
		t.Fatalf("%d create requests, want 2", len(bodies))
	}
	first, second := bodies[0], bodies[1]
	if !reflect.DeepEqual(second["redirect_uris"], []any{"https://decktracker.example/cb", "https://decktracker.example/cb2"}) {
		t.Errorf("second request redirect_uris %v", second["redirect_uris"])
	}
	delete(first, "redirect_uris")
	delete(second, "redirect_uris")
	if !reflect.DeepEqual(first, second) {
		t.Errorf("values changed between the attempts:\n%v\n%v", first, second)
	}
	if result.SavedTo != path {
		t.Errorf("saved to %q", result.SavedTo)
	}
}

func TestFlowUnauthorizedAtSubmitAsksTokenAndReturnsToReview(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, failFirstPost(http.StatusUnauthorized, "application/json", `{"detail":"Invalid token."}`))
	cfg.Request = uitest.ExampleRequest("confidential")
	d := start(t, cfg)
	d.toReview()
	d.send(keyEnter, "refused the token while registering")
	d.typ("flx_pat_")
	d.tm.Type(strings.TrimPrefix(sb.Token(), "flx_pat_"))
	d.send(keyEnter, "nothing has been sent yet") // back on the review, values kept
	if !strings.Contains(d.screen(), "https://decktracker.example/oauth/callback") {
		t.Errorf("review lost values:\n%s", d.screen())
	}
	d.send(keyEnter, "✓ Registered")
	d.send(keyEnter, "Leave anyway?")
	d.tm.Send(keyY)
	if result := d.ended(); result.Outcome != flow.OutcomeRegistered || result.Copied || result.SavedTo != "" {
		t.Errorf("result %+v", result)
	}
	if n := len(sb.CreateRequests()); n != 1 {
		t.Errorf("the sandbox saw %d create requests (the refused one never reached it), want 1", n)
	}
}

func TestFlowPreflightAsksForAnotherToken(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, nil)
	cfg.Token = "flx_pat_wrong"
	d := start(t, cfg)
	d.wait("The server refused this token (401)")
	d.tm.Type(sb.Token())
	d.send(keyEnter, "partner Sandbox Partner")
	d.wait("Application name")
	d.tm.Send(keyCtrlC)
	if result := d.ended(); result.Outcome != flow.OutcomeCancelled {
		t.Errorf("outcome %v", result.Outcome)
	}
	if n := len(sb.CreateRequests()); n != 0 {
		t.Errorf("%d create requests after a cancelled form", n)
	}
}

func TestFlowSuspendedPartnerStops(t *testing.T) {
	sb := sandbox.New(sandbox.Config{PartnerStatus: api.StatusSuspended})
	srv := httptest.NewServer(sb)
	defer srv.Close()
	d := start(t, flow.Config{Token: sb.Token(), Connect: func(token string) (flow.API, error) { return api.New(srv.URL, token) }})
	d.wait("Your partner account is suspended")
	d.tm.Send(keyR) // no retry offered: it would not help
	d.tm.Send(keyQ)
	if result := d.ended(); result.Outcome != flow.OutcomeFailed || result.Err == nil {
		t.Errorf("result %+v", result)
	}
}

// testClock is a clock a test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestFlowRateLimitCountsDownThenRetries(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, nil)
	clock := &testClock{now: uitest.Now}
	cfg.Now = clock.Now
	cfg.Request = uitest.ExampleRequest("confidential")
	cfg.Request.ApplicationName = "sandbox:429"
	d := start(t, cfg)
	d.toReview()
	d.send(keyEnter, "retry possible in 30s")
	d.tm.Send(keyR) // refused while the server asks to wait
	clock.advance(31 * time.Second)
	d.wait("You can retry now.")
	if n := sb.CreateAttempts(); n != 1 {
		t.Fatalf("%d create requests before the retry, want 1", n)
	}
	d.send(keyR, "retry possible in 30s") // the sandbox throttles this name again
	if n := sb.CreateAttempts(); n != 2 {
		t.Errorf("%d create requests after one retry, want 2", n)
	}
	d.send(keyE, "Application name")
	d.tm.Send(keyCtrlU)
	d.typ("Deck Tracker")
	d.fromNameToPage(4)
	d.linksToReview()
	d.send(keyEnter, "✓ Registered")
	d.final()
}

func TestFlowGatewayErrorThenRetry(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, failFirstPost(http.StatusBadGateway, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"))
	cfg.Request = uitest.ExampleRequest("confidential")
	d := start(t, cfg)
	d.toReview()
	d.send(keyEnter, "the server answered 502 Bad Gateway")
	if strings.Contains(d.screen(), "<h1>") {
		t.Errorf("raw HTML on screen:\n%s", d.screen())
	}
	// r retries once the list has said nothing was created; pressed before,
	// while the check runs, it is not offered yet.
	d.wait("It is safe to retry.")
	d.send(keyR, "✓ Registered")
	d.final()
	if n := len(sb.Clients()); n != 1 {
		t.Errorf("%d clients, want 1", n)
	}
}

// TestFlowLostCreateIsFoundAndRotated: a create whose answer never came
// (timeout) is found in the list, and r rotates its secret: the secret on
// screen is the one the sandbox now accepts, and there is exactly one client.
func TestFlowLostCreateIsFoundAndRotated(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, nil, api.WithTimeout(300*time.Millisecond))
	cfg.Request = uitest.ExampleRequest("confidential")
	cfg.Request.ApplicationName = "sandbox:hang"
	d := start(t, cfg)
	d.toReview()
	d.send(keyEnter, "did not answer within 300ms")
	d.wait("It was created, as")
	d.send(keyR, "✓ New secret for")
	clients := sb.Clients()
	if len(clients) != 1 {
		t.Fatalf("%d clients on the server, want 1", len(clients))
	}
	if secret := secretOnScreen(t, d.screen()); !sb.SecretIsCurrent(clients[0].ClientID, secret) {
		t.Errorf("the secret on screen is not the client's current secret")
	}
	d.send(keyEnter, "Leave anyway?")
	d.send(keyY, "")
	if result := d.ended(); result.Outcome != flow.OutcomeRegistered || !result.Rotated || result.Created.Client.ClientID != clients[0].ClientID {
		t.Errorf("result %+v", result)
	}
}

// TestFlowLostCreateThatCreatedNothing: a gateway's 502 before the request
// reached the API: the check finds nothing, and the retry registers exactly
// one client.
func TestFlowLostCreateThatCreatedNothing(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, failFirstPost(502, "text/html", "<html>Bad Gateway</html>"))
	cfg.Request = uitest.ExampleRequest("confidential")
	d := start(t, cfg)
	d.toReview()
	d.send(keyEnter, "Nothing was created")
	d.send(keyR, "✓ Registered")
	if n := len(sb.Clients()); n != 1 {
		t.Errorf("%d clients on the server, want 1", n)
	}
	d.final()
}

// TestFlowCheckFailsThenChecksAgain: when the list cannot be read either,
// the screen says it cannot tell; c checks again.
func TestFlowCheckFailsThenChecksAgain(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	failList := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, api.ClientsPath) && failing.Load() {
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	_, cfg := uitest.SandboxConfig(t, func(next http.Handler) http.Handler {
		return failList(failFirstPost(502, "text/html", "<html>x</html>")(next))
	})
	cfg.Request = uitest.ExampleRequest("confidential")
	d := start(t, cfg)
	d.toReview()
	d.send(keyEnter, "Could not find out whether it was created")
	failing.Store(false)
	d.send(keyC, "Nothing was created")
	d.final()
}

// secretOnScreen reads the secret from the line under "Client secret".
func secretOnScreen(t *testing.T, screen string) string {
	t.Helper()
	lines := strings.Split(screen, "\n")
	for i, line := range lines {
		if strings.TrimSpace(line) == "Client secret" && i+1 < len(lines) {
			return strings.TrimSpace(lines[i+1])
		}
	}
	t.Fatalf("no secret on screen:\n%s", screen)
	return ""
}

func TestFlowCancelWhileSubmitting(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, nil)
	cfg.Request = uitest.ExampleRequest("confidential")
	cfg.Request.ApplicationName = "sandbox:hang"
	d := start(t, cfg)
	d.toReview()
	d.send(keyEnter, "Registering")
	for deadline := time.Now().Add(5 * time.Second); sb.CreateAttempts() == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the create request did not reach the sandbox within 5s")
		}
	}
	d.send(keyEsc, "Cancelled, but the request had already reached the server.")
	d.wait("It was created, as") // the sandbox had created it before it hung
	d.final()
}

func TestFlowLeaveGuardAndSave(t *testing.T) {
	_, cfg := uitest.SandboxConfig(t, nil)
	cfg.Request = uitest.ExampleRequest("confidential")
	dir := t.TempDir()
	cfg.SavePath = filepath.Join(dir, "flexslot-client.env")
	d := start(t, cfg)
	d.toResult()
	d.send(keyEnter, "Leave anyway?")
	d.send(keyN, "c copy secret")
	d.send(keyCtrlC, "Leave anyway?") // ctrl+c asks the same
	d.send(keyEsc, "c copy secret")
	d.send(keyS, "Save to:")
	d.send(keyEnter, "Saved the client id and secret to")
	info, err := os.Stat(cfg.SavePath)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("saved file: %v, mode %v", err, info.Mode())
	}
	content, _ := os.ReadFile(cfg.SavePath)
	lines := strings.Split(strings.TrimSpace(string(content)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "FLEXSLOT_CLIENT_ID=cli_") ||
		!strings.HasPrefix(lines[1], "FLEXSLOT_CLIENT_SECRET=") || len(lines[1]) < len("FLEXSLOT_CLIENT_SECRET=")+40 {
		t.Errorf("content %d lines, %q", len(lines), lines[0])
	}
	// A second save never overwrites.
	d.send(keyS, "Save to:")
	d.send(keyEnter, "already exists and is never overwritten")
	after, _ := os.ReadFile(cfg.SavePath)
	if string(after) != string(content) {
		t.Error("the file changed")
	}
	d.send(keyEsc, "c copy secret")
	d.tm.Send(keyEnter) // saved: no guard
	result := d.ended()
	if result.SavedTo != cfg.SavePath || !strings.Contains(string(content), result.Created.PlaintextClientSecret.Reveal()) {
		t.Errorf("result %+v", result)
	}
	if !strings.Contains(result.Summary(), "saved to "+cfg.SavePath) {
		t.Errorf("summary:\n%s", result.Summary())
	}
}

func TestFlowClipboardIsClearedOnlyWhileItHoldsTheSecret(t *testing.T) {
	tests := []struct {
		name        string
		copyAnother bool
		want        string
		content     func(secret string) string
	}{
		{"cleared", false, "Cleared the secret from the clipboard.", func(string) string { return "" }},
		{"left alone", true, "The clipboard holds something else now; left it alone.", func(string) string { return "something else" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, cfg := uitest.SandboxConfig(t, nil)
			cfg.Request = uitest.ExampleRequest("confidential")
			clip := &uitest.FakeClipboard{}
			cfg.Clipboard = clip
			clock := &testClock{now: uitest.Now}
			cfg.Now = clock.Now
			d := start(t, cfg)
			d.toResult()
			d.send(keyC, "Clears in 45s or when you leave.")
			if tt.copyAnother {
				clip.WriteAll("something else")
			}
			clock.advance(46 * time.Second)
			d.wait(tt.want)
			d.tm.Send(keyEnter)
			result := d.ended()
			if got, _ := clip.Get(); got != tt.content(result.Created.PlaintextClientSecret.Reveal()) {
				t.Errorf("clipboard holds %q", got)
			}
			if result.ClipboardHoldsSecret {
				t.Error("result says the clipboard still holds the secret")
			}
		})
	}
}

// TestFlowHangingClipboardToolFallsBack: a clipboard tool that never answers
// is given up after clipboard.Timeout; the copy goes through the terminal
// (OSC 52), said to be unconfirmed, and leaving still asks.
func TestFlowHangingClipboardToolFallsBack(t *testing.T) {
	_, cfg := uitest.SandboxConfig(t, nil)
	cfg.Request = uitest.ExampleRequest("confidential")
	hang := make(chan struct{})
	t.Cleanup(func() { close(hang) })
	cfg.Clipboard = &uitest.FakeClipboard{Hang: hang}
	cfg.OSC52 = true
	d := start(t, cfg)
	d.toResult()
	d.key('c')
	d.wait("did not answer within 3s")
	d.wait("OSC 52) instead, unconfirmed")
	d.send(keyEnter, "cannot be confirmed")
	d.final()
}

// TestDraftKeepsTheAnswers: leaving before anything was sent offers to keep
// the answers; enter writes them as a manifest (0600) that DecodeManifest
// reads back, asks once before replacing a file, and esc leaves without one.
func TestDraftKeepsTheAnswers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flexslot-client.json")
	leave := func(drive func(d *driver)) flow.Result {
		stub := uitest.NewStubAPI()
		cfg := uitest.StubConfig(stub)
		cfg.DraftPath = path
		d := start(t, cfg)
		d.wait("Application name")
		d.typ("Deck Tracker")
		d.send(keyCtrlC, "Keep your answers?")
		drive(d)
		result := d.ended()
		if result.Outcome != flow.OutcomeCancelled || len(stub.Created) != 0 {
			t.Errorf("outcome %v, %d creates", result.Outcome, len(stub.Created))
		}
		return result
	}

	if r := leave(func(d *driver) { d.tm.Send(keyEsc) }); r.DraftSaved != "" {
		t.Errorf("esc saved a draft at %s", r.DraftSaved)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("esc left a file")
	}

	if r := leave(func(d *driver) { d.tm.Send(keyEnter) }); r.DraftSaved != path {
		t.Errorf("DraftSaved %q, want %q", r.DraftSaved, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	req, given, err := api.DecodeManifest(data)
	if err != nil || req.ApplicationName != "Deck Tracker" || !given[api.FieldApplicationName] {
		t.Errorf("the draft reads back as %+v (%v):\n%s", req, err, data)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode().Perm())
	}

	os.WriteFile(path, []byte("{}\n"), 0o600)
	leave(func(d *driver) {
		d.send(keyEnter, "exists: enter again replaces it")
		if data, _ := os.ReadFile(path); string(data) != "{}\n" {
			t.Errorf("replaced before asking: %s", data)
		}
		d.send(keyEnter, "") // replaces
	})
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), "Deck Tracker") {
		t.Errorf("not replaced after asking: %s", data)
	}
}

// TestLeavingWithNothingTypedAsksNothing: with no answer beyond the
// defaults, ctrl+c leaves at once.
func TestLeavingWithNothingTypedAsksNothing(t *testing.T) {
	d := start(t, uitest.StubConfig(uitest.NewStubAPI()))
	d.wait("Application name")
	d.tm.Send(keyCtrlC)
	if r := d.ended(); r.Outcome != flow.OutcomeCancelled || r.DraftSaved != "" {
		t.Errorf("result %+v", r)
	}
}

// TestScopeRequestFromTheReview: a asks for the scopes the partner lacks,
// prefilled; the request sent holds them and the justification, and enter
// goes back to the review with every value kept.
func TestScopeRequestFromTheReview(t *testing.T) {
	stub := uitest.NewStubAPI()
	cfg := uitest.StubConfig(stub)
	lackedScope(stub, &cfg)
	want := cfg.Request.WithDefaults()
	d := start(t, cfg)
	d.toReview()
	d.key('a')
	d.wait("Say why your app needs it")
	d.typ("Players export their decks to PDF.")
	d.send(keyEnter, "✓ Sent: request")
	d.send(keyEnter, "nothing has been sent yet")
	stub.Mu.Lock()
	sent := stub.ScopeRequests
	stub.Mu.Unlock()
	if len(sent) != 1 || !reflect.DeepEqual(sent[0].RequestedScopes, []string{"exports:read"}) || sent[0].Justification != "Players export their decks to PDF." {
		t.Errorf("sent %+v", sent)
	}
	if !reflect.DeepEqual(*d.m.req, want) || len(stub.Created) != 0 {
		t.Errorf("the request after: %+v, want %+v (%d creates)", *d.m.req, want, len(stub.Created))
	}
}

// TestEscLeavesEveryFormPage: esc on any page of the form leaves as ctrl+c
// does, through the draft offer when there are answers to keep, at once when
// there are none, and each page's help line says so.
func TestEscLeavesEveryFormPage(t *testing.T) {
	tests := []struct {
		name  string
		req   api.CreateClientRequest
		page  int
		offer bool // the draft offer shows before the wizard ends
	}{
		{"application", uitest.ExampleRequest("confidential"), 1, true},
		{"redirect URIs", uitest.ExampleRequest("confidential"), 2, true},
		{"access", uitest.ExampleRequest("confidential"), 3, true},
		{"links", uitest.ExampleRequest("confidential"), 4, true},
		{"nothing typed", api.CreateClientRequest{}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			d := start(t, uitest.WithRequest(uitest.StubConfig(stub), tt.req))
			d.wait("Application name")
			d.fromNameToPage(tt.page)
			if items := helpItems(d.screen()); !slices.Contains(items, "esc leave") {
				t.Errorf("the help line is %q, without esc leave", items)
			}
			d.tm.Send(keyEsc)
			if tt.offer {
				d.wait("Keep your answers?")
				d.tm.Send(keyEsc)
			}
			if r := d.ended(); r.Outcome != flow.OutcomeCancelled || r.DraftSaved != "" || len(stub.Created) != 0 {
				t.Errorf("result %+v, %d creates", r, len(stub.Created))
			}
		})
	}
}

// TestFlowSkipsAnsweredPages: a run given values by flags or a manifest
// shows only the pages with something missing, as the README promises
// ("asks only for what is missing"): a field with a server default (client
// type, grant types) or an optional one (the links) counts as answered, the
// scopes do not. With every value given it goes straight to the review, or
// with --yes straight to creating; given nothing, it walks every page.
func TestFlowSkipsAnsweredPages(t *testing.T) {
	name := api.CreateClientRequest{ApplicationName: "Deck Tracker"}
	nameURI := name
	nameURI.RedirectURIs = []string{"https://a.example/cb"}
	all := nameURI
	all.AllowedScopes = []string{"decks:read"}
	given := func(fields ...string) map[string]bool {
		g := map[string]bool{}
		for _, f := range fields {
			g[f] = true
		}
		return g
	}
	chooseDecksRead := func(d *driver) {
		d.send(keyDown, "> • decks:read")
		d.send(keySpace, "> ✓ decks:read")
		d.send(keyEnter, "┃ Grant types")
		d.tm.Send(keyEnter)
	}
	tests := []struct {
		name  string
		req   api.CreateClientRequest
		given map[string]bool
		yes   bool
		walk  func(d *driver) // the pages shown, to the review; nil: none and no review
		pages []string
	}{
		{"every value, --yes: straight to creating", all,
			given(api.FieldApplicationName, api.FieldRedirectURIs, api.FieldAllowedScopes), true, nil, nil},
		{"every value: straight to the review", all,
			given(api.FieldApplicationName, api.FieldRedirectURIs, api.FieldAllowedScopes), false, func(*driver) {}, nil},
		{"no scopes: the Access page", nameURI, given(api.FieldApplicationName, api.FieldRedirectURIs), false,
			func(d *driver) {
				d.wait("Access · 3 of 4")
				chooseDecksRead(d)
			}, []string{"Access"}},
		{"a name: the Redirect URIs and Access pages", name, given(api.FieldApplicationName), false,
			func(d *driver) {
				d.wait("Redirect URIs · 2 of 4")
				d.typ("https://a.example/cb")
				d.send(keyTab, "Access · 3 of 4")
				chooseDecksRead(d)
			}, []string{"Redirect URIs", "Access"}},
		{"nothing: every page", api.CreateClientRequest{}, map[string]bool{}, false,
			func(d *driver) { d.fillForm("Deck Tracker", false, "https://a.example/cb") }, api.Pages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, cfg := uitest.SandboxConfig(t, nil)
			cfg.Request, cfg.Given, cfg.SkipReview = tt.req, tt.given, tt.yes
			d := start(t, cfg)
			if tt.walk != nil {
				d.wait("partner Sandbox Partner")
				tt.walk(d)
				d.wait("enter create")
				d.send(keyEnter, "✓ Registered")
			}
			d.wait("✓ Registered")
			var pages []string
			d.rec.mu.Lock()
			for _, frame := range d.rec.frames {
				for _, p := range api.Pages {
					if strings.Contains(ansi.Strip(frame), p+" · ") && !slices.Contains(pages, p) {
						pages = append(pages, p)
					}
				}
			}
			d.rec.mu.Unlock()
			if !slices.Equal(pages, tt.pages) {
				t.Errorf("the pages shown were %q, want %q", pages, tt.pages)
			}
			bodies := sentBodies(t, sb)
			if len(bodies) != 1 || bodies[0]["application_name"] != "Deck Tracker" || bodies[0]["client_type"] != "confidential" ||
				fmt.Sprint(bodies[0]["grant_types"]) != "[authorization_code refresh_token]" || fmt.Sprint(bodies[0]["allowed_scopes"]) != "[decks:read]" {
				t.Errorf("the sandbox received %v", bodies)
			}
			d.send(keyQ, "Leave anyway?")
			d.tm.Send(keyY)
			if r := d.ended(); r.Outcome != flow.OutcomeRegistered {
				t.Errorf("outcome %v", r.Outcome)
			}
		})
	}
}
