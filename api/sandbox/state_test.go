package sandbox

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// serveState runs a sandbox on the state file path over loopback, with its
// notices in the returned buffer.
func serveState(t *testing.T, path string) (*Server, *api.Client, *syncBuffer) {
	t.Helper()
	notices := &syncBuffer{}
	sb := New(Config{StatePath: path, Notices: notices})
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	client, err := api.New(srv.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	return sb, client, notices
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
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

// register creates a confidential client named name with a loopback
// redirect URI.
func register(t *testing.T, client *api.Client, name string) *api.CreateClientResponse {
	t.Helper()
	resp, err := client.CreateOAuth2Client(context.Background(), api.CreateClientRequest{ApplicationName: name,
		RedirectURIs: []string{"http://127.0.0.1:8765/cb"}, AllowedScopes: []string{"decks:read"}})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return resp
}

func statePath(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "state", "sandbox.json")
}

// TestStateRoundTrip: what one sandbox registered, rotated, requested and
// issued, the next on the same file has: the same token, the clients, the
// current secret only, the scope requests, and tokens that still work. The
// file holds no secret and no issued token, and is the user's alone.
func TestStateRoundTrip(t *testing.T) {
	path := statePath(t)
	first, client, _ := serveState(t, path)
	created := register(t, client, "Deck Tracker")
	id, oldSecret := created.Client.ClientID, created.PlaintextClientSecret.Reveal()
	rotated, err := client.RotateSecret(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	secret := rotated.PlaintextClientSecret.Reveal()
	if _, err := client.RequestScopes(context.Background(), api.ScopeRequest{Justification: "Our deck tracker reads decks and shows them.", RequestedScopes: []string{"cards:read"}}); err != nil {
		t.Fatal(err)
	}
	base := client.BaseURL() + api.APIPrefix
	verifier := "the-verifier-0123456789-0123456789-0123456789"
	status, tok := postForm(t, base+api.TokenPath, id, secret, url.Values{"grant_type": {"authorization_code"},
		"code": {codeFor(t, base, id, verifier)}, "redirect_uri": {"http://127.0.0.1:8765/cb"}, "code_verifier": {verifier}})
	if status != 200 {
		t.Fatalf("exchange: %d %v", status, tok)
	}
	access, refresh := tok["access_token"].(string), tok["refresh_token"].(string)
	token := first.Token()
	first.Close()

	second, client, notices := serveState(t, path)
	if second.Token() != token {
		t.Errorf("the token changed from %s to %s", token, second.Token())
	}
	if got := second.Clients(); len(got) != 1 || got[0].ClientID != id || got[0].SecretRotatedAt == nil {
		t.Errorf("clients: %+v", got)
	}
	if !second.SecretIsCurrent(id, secret) || second.SecretIsCurrent(id, oldSecret) {
		t.Error("the rotated secret is not the only current one")
	}
	if got := second.ScopeRequests(); len(got) != 1 || !slices.Equal(got[0].RequestedScopes, []string{"cards:read"}) {
		t.Errorf("scope requests: %+v", got)
	}
	base = client.BaseURL() + api.APIPrefix
	if _, info := postForm(t, base+api.IntrospectPath, id, secret, url.Values{"token": {access}}); info["active"] != true {
		t.Errorf("the access token after a restart: %v", info)
	}
	if status, body := postForm(t, base+api.TokenPath, id, secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}); status != 200 {
		t.Errorf("the refresh token after a restart: %d %v", status, body)
	}
	if notices.String() != "" {
		t.Errorf("notices: %s", notices)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, plain := range map[string]string{"secret": secret, "old secret": oldSecret, "access token": access, "refresh token": refresh} {
		if strings.Contains(string(data), plain) {
			t.Errorf("the state file holds the %s", name)
		}
	}
	if info, _ := os.Stat(path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("the state file's mode is %v", info.Mode().Perm())
	}
}

// TestStateInMemoryByDefault: a sandbox without a StatePath writes nothing,
// and the next one starts empty with another token.
func TestStateInMemoryByDefault(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	sb := New(Config{})
	register(t, clientOf(t, sb), "Deck Tracker")
	again := New(Config{})
	if len(again.Clients()) != 0 || again.Token() == sb.Token() {
		t.Errorf("a second sandbox in memory has %d clients, token shared: %v", len(again.Clients()), again.Token() == sb.Token())
	}
	for _, dir := range []string{os.Getenv("HOME"), os.Getenv("XDG_STATE_HOME")} {
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s holds %v", dir, entries)
		}
	}
}

func clientOf(t *testing.T, sb *Server) *api.Client {
	t.Helper()
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	client, err := api.New(srv.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// TestStateSharedAndConcurrent: two sandboxes on one file, as two runs are,
// see each other's clients at their next request, and creates sent to both
// at once all land: each change reads the file under its lock.
func TestStateSharedAndConcurrent(t *testing.T) {
	path := statePath(t)
	one, clientOne, _ := serveState(t, path)
	two, clientTwo, _ := serveState(t, path)
	if one.Token() != two.Token() {
		t.Fatal("two sandboxes on one file have different tokens")
	}
	const each = 15
	var wg sync.WaitGroup
	for i := range each {
		for j, client := range []*api.Client{clientOne, clientTwo} {
			wg.Go(func() { register(t, client, fmt.Sprintf("App %d-%d", j, i)) })
		}
	}
	wg.Wait()
	for name, sb := range map[string]*Server{"first": one, "second": two} {
		if got := len(sb.Clients()); got != 2*each {
			t.Errorf("the %s sandbox sees %d clients, want %d", name, got, 2*each)
		}
	}
	listed, err := clientTwo.ListOAuth2Clients(context.Background())
	if err != nil || len(listed) != 2*each {
		t.Errorf("the list: %d clients, %v", len(listed), err)
	}
	// A client the first registered signs in at the second.
	created := register(t, clientOne, "Signs In Elsewhere")
	id, secret := created.Client.ClientID, created.PlaintextClientSecret.Reveal()
	base := clientTwo.BaseURL() + api.APIPrefix
	if status, info := postForm(t, base+api.IntrospectPath, id, secret, url.Values{"token": {"none"}}); status != 200 {
		t.Errorf("the second sandbox does not know the first's new client: %d %v", status, info)
	}
}

// TestStateOneClientAName: creates of one name sent at once to two
// sandboxes on one file register it once, as the API does; the others are
// refused for the name, though each passed the check before its write.
func TestStateOneClientAName(t *testing.T) {
	path := statePath(t)
	_, clientOne, _ := serveState(t, path)
	two, clientTwo, _ := serveState(t, path)
	const each = 6
	var wg sync.WaitGroup
	var created, taken atomic.Int32
	for range each {
		for _, client := range []*api.Client{clientOne, clientTwo} {
			wg.Go(func() {
				_, err := client.CreateOAuth2Client(context.Background(), api.CreateClientRequest{ApplicationName: "Same App",
					RedirectURIs: []string{"https://same.example/cb"}, AllowedScopes: []string{"decks:read"}, ClientType: "confidential"})
				switch {
				case err == nil:
					created.Add(1)
				case strings.Contains(err.Error(), "already exists"):
					taken.Add(1)
				default:
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	if created.Load() != 1 || taken.Load() != 2*each-1 || len(two.Clients()) != 1 {
		t.Errorf("%d created, %d refused for the name, %d clients; want 1, %d, 1", created.Load(), taken.Load(), len(two.Clients()), 2*each-1)
	}
}

// TestStateDamaged: a state file that is not one is set aside with a
// notice, at the start or while serving, and the sandbox goes on afresh.
func TestStateDamaged(t *testing.T) {
	tests := []struct{ name, content, why string }{
		{"not JSON", "{\"version\": 1, \"clients\": [", "unexpected EOF"},
		{"another format", `{"version": 99}`, "format version 99"},
		{"two values", `{"version": 1} {}`, "more than one JSON value"},
		{"a client of the wrong shape", `{"version": 1, "clients": {"a": 1}}`, "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := statePath(t)
			os.MkdirAll(filepath.Dir(path), 0o700)
			os.WriteFile(path, []byte(tt.content), 0o600)
			sb, client, notices := serveState(t, path)
			wantAside(t, path, tt.content, notices.String(), tt.why)
			register(t, client, "Deck Tracker")

			// Damaged under a running sandbox: the next request sets it aside.
			os.WriteFile(path, []byte(tt.content), 0o600)
			time.Sleep(time.Millisecond) // another name for the second file
			if got, err := client.ListOAuth2Clients(context.Background()); err != nil || len(got) != 0 {
				t.Errorf("the list after the damage: %v %v", got, err)
			}
			if n := strings.Count(notices.String(), "set aside"); n != 2 {
				t.Errorf("%d notices:\n%s", n, notices)
			}
			if _, err := readState(path); err != nil || len(sb.Clients()) != 0 {
				t.Errorf("the state after: %v, %d clients", err, len(sb.Clients()))
			}
		})
	}
}

// wantAside checks that the damaged file was kept beside path, and said.
func wantAside(t *testing.T, path, content, notice, why string) {
	t.Helper()
	aside, _ := filepath.Glob(path + ".damaged-*")
	if len(aside) == 0 {
		t.Fatalf("no damaged file set aside; notice %q", notice)
	}
	if data, _ := os.ReadFile(aside[0]); string(data) != content {
		t.Errorf("the file set aside holds %q", data)
	}
	for _, want := range []string{path, aside[0], why, "starts afresh"} {
		if !strings.Contains(notice, want) {
			t.Errorf("the notice lacks %q:\n%s", want, notice)
		}
	}
	if _, err := readState(path); err != nil {
		t.Errorf("the state file after: %v", err)
	}
}

// TestStateUnusable: a state file that cannot be written is said, and the
// sandbox serves from memory.
func TestStateUnusable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, nil, 0o600)
	sb, client, notices := serveState(t, filepath.Join(file, "sandbox.json"))
	register(t, client, "Deck Tracker")
	if len(sb.Clients()) != 1 || !strings.Contains(notices.String(), "keeps nothing after it stops") {
		t.Errorf("%d clients; notices %q", len(sb.Clients()), notices)
	}
}

// TestReset: a reset forgets the clients and keeps the token; a sandbox
// running on the file sees it at its next request.
func TestReset(t *testing.T) {
	path := statePath(t)
	sb, client, _ := serveState(t, path)
	register(t, client, "Deck Tracker")
	if err := Reset(path, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := client.ListOAuth2Clients(context.Background()); err != nil || len(got) != 0 {
		t.Errorf("after the reset: %v %v", got, err)
	}
	again, _, _ := serveState(t, path)
	if again.Token() != sb.Token() || len(again.Clients()) != 0 {
		t.Errorf("after the reset, a new sandbox: same token %v, %d clients", again.Token() == sb.Token(), len(again.Clients()))
	}
	register(t, client, "Deck Tracker") // the name is free again

	fresh := statePath(t)
	if err := Reset(fresh, nil); err != nil {
		t.Fatal(err)
	}
	if st, err := readState(fresh); err != nil || !strings.HasPrefix(st.Token, "flx_pat_sandbox_") {
		t.Errorf("a reset with no file: %+v %v", st, err)
	}
	if err := Reset("", nil); err == nil {
		t.Error("a reset with no path passed")
	}
}

// TestStatePath: the environment variable first, then XDG_STATE_HOME
// (absolute only), then ~/.local/state.
func TestStatePath(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix directories")
	}
	home := t.TempDir()
	tests := []struct {
		name, env, xdg, want string
		unset                bool
	}{
		{"the variable", "/elsewhere/state.json", "/xdg", "/elsewhere/state.json", false},
		{"off", StateOff, "/xdg", "", false},
		{"XDG_STATE_HOME", "", "/xdg", "/xdg/flexslot-register/sandbox.json", true},
		{"a relative XDG_STATE_HOME is ignored", "", "xdg", home + "/.local/state/flexslot-register/sandbox.json", true},
		{"the home", "", "", home + "/.local/state/flexslot-register/sandbox.json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("XDG_STATE_HOME", tt.xdg)
			t.Setenv(StateEnv, tt.env)
			if tt.unset {
				os.Unsetenv(StateEnv)
			}
			if got, err := StatePath(); err != nil || got != tt.want {
				t.Errorf("StatePath() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
