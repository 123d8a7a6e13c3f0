//go:build unix

package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
)

// TestLostCreateFoundAndRotated: a 201 cut halfway; the wizard finds the
// client in the list, rotates its secret, copies it; the X clipboard holds
// the new secret, which the sandbox accepts as the client's current one.
func TestLostCreateFoundAndRotated(t *testing.T) {
	disp := display(t)
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb, "DISPLAY="+disp))
	tm.fillForm("sandbox:201-cut", false, "https://decktracker.example/cb")
	tm.press("It was created, as", "Enter")
	tm.press("✓ New secret for", "r")
	secret := tm.secretOnScreen()
	tm.press("Copied the secret to the system clipboard.", "c")
	clients := sb.Clients()
	if len(clients) != 1 {
		t.Fatalf("%d clients on the server, want 1", len(clients))
	}
	if got := clipboard(t, disp); got != secret || !sb.SecretIsCurrent(clients[0].ClientID, got) {
		t.Errorf("the clipboard holds %q; the sandbox accepts it: %v", got, sb.SecretIsCurrent(clients[0].ClientID, got))
	}
	tm.keys("Enter")
	if code, after := tm.exit(); code != 0 || !strings.Contains(after, "New secret for") {
		t.Errorf("exit %d, after:\n%s", code, after)
	}
}

// TestNothingCreatedThenRetry: a gateway's 502 before the request reached
// the API; the wizard says nothing was created, and the retry registers
// exactly one client.
func TestNothingCreatedThenRetry(t *testing.T) {
	sb := sandbox.New(sandbox.Config{})
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && posts.Add(1) == 1 {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			w.Write([]byte("<html><body>502 Bad Gateway</body></html>"))
			return
		}
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { srv.Close(); sb.Close() })
	tm := run(t, 100, 30, []string{"FLEXSLOT_API_URL=" + srv.URL, "FLEXSLOT_TOKEN=" + sb.Token()})
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("Nothing was created", "Enter")
	tm.press("✓ Registered", "r")
	if n := len(sb.Clients()); n != 1 {
		t.Errorf("%d clients on the server, want 1", n)
	}
}

// TestRotateInTerminal: `rotate` without an id picks the client from a list,
// confirms, and saves the new secret; the sandbox accepts it.
func TestRotateInTerminal(t *testing.T) {
	sb := startSandbox(t)
	for _, name := range []string{"Deck Tracker", "Sideboard Sync"} {
		if code, _, stderr := script(t, sandboxEnv(sb), "--name", name, "--redirect-uri", "https://a.example/cb", "--print-secret"); code != 0 {
			t.Fatalf("register: %s", stderr)
		}
	}
	tm := run(t, 100, 30, sandboxEnv(sb), "rotate")
	tm.wait("Which client gets a new secret?")
	tm.press("> Sideboard Sync", "Down")
	tm.press("apps that use it need the new one", "Enter")
	tm.press("✓ New secret for \"Sideboard Sync\"", "Enter")
	tm.press("Save to:", "s")
	tm.press("Saved the client id and secret", "Enter")
	tm.keys("Enter")
	if code, _ := tm.exit(); code != 0 {
		t.Errorf("exit %d", code)
	}
	data, err := os.ReadFile(filepath.Join(tm.dir, "flexslot-client.env"))
	if err != nil {
		t.Fatal(err)
	}
	var id, secret string
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "FLEXSLOT_CLIENT_ID="); ok {
			id = v
		}
		if v, ok := strings.CutPrefix(line, "FLEXSLOT_CLIENT_SECRET="); ok {
			secret = v
		}
	}
	if id != sb.Clients()[1].ClientID || !sb.SecretIsCurrent(id, secret) {
		t.Errorf("saved %q for %s: not Sideboard Sync's current secret", secret, id)
	}
}

// TestListInTerminal: `list` in a terminal narrower than the table shows one
// block a client.
func TestListInTerminal(t *testing.T) {
	sb := startSandbox(t)
	if code, _, stderr := script(t, sandboxEnv(sb), "--name", "Deck Tracker", "--redirect-uri", "https://a.example/cb", "--print-secret"); code != 0 {
		t.Fatalf("register: %s", stderr)
	}
	tm := run(t, 100, 30, sandboxEnv(sb), "list")
	code, after := tm.exit()
	id := sb.Clients()[0].ClientID
	if code != 0 || !strings.Contains(after, "Deck Tracker  "+id) || !strings.Contains(after, "redirect URIs  https://a.example/cb") {
		t.Errorf("exit %d, terminal:\n%s", code, after)
	}
}

// TestReviewNameTakenRotates: a client of the name exists already; the
// review says so, r and enter rotate its secret instead of creating a second
// client, and the secret on screen is the one the sandbox now accepts.
func TestReviewNameTakenRotates(t *testing.T) {
	sb := startSandbox(t)
	c, err := api.New(sb.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	existing, err := c.CreateOAuth2Client(context.Background(), api.CreateClientRequest{
		ApplicationName: "Deck Tracker", ClientType: "confidential",
		RedirectURIs: []string{"https://decktracker.example/cb"}, AllowedScopes: []string{"decks:read"},
		GrantTypes: []string{"authorization_code", "refresh_token"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tm := run(t, 100, 30, sandboxEnv(sb))
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.wait("exists already as " + existing.Client.ClientID)
	tm.press(`Give "Deck Tracker"`, "r")
	tm.press("✓ New secret for", "Enter")
	secret := tm.secretOnScreen()
	if n := len(sb.Clients()); n != 1 || !sb.SecretIsCurrent(existing.Client.ClientID, secret) {
		t.Errorf("%d clients on the server; the secret on screen is current: %v", n, sb.SecretIsCurrent(existing.Client.ClientID, secret))
	}
	if n := len(sb.CreateRequests()); n != 1 {
		t.Errorf("the sandbox received %d creates, want only the first", n)
	}
}
