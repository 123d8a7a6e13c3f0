package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/credstore"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// No root test reaches this user's keychain or config directory: the store
// is an empty file store under the temporary directory unless a test keeps
// tokens of its own (keepTokens).
func init() {
	openStore = func() (*credstore.Store, error) {
		return credstore.New(credstore.WithKeyring(nil), credstore.WithDir(filepath.Join(os.TempDir(), "flexslot-register-tests-no-store")))
	}
}

// Tokens that differ in what status shows of them (tokenPrefix).
const (
	envToken    = "flx_pat_ENVVtokenForPrecedence01"
	stdinToken  = "flx_pat_STDNtokenForPrecedence02"
	keptToken   = "flx_pat_KEPTtokenForPrecedence03"
	refusedTok  = "flx_pat_BADDtokenTheAPIRefuses04"
	otherAPIKey = "https://other.example"
)

// memKeyring is a keychain in memory.
type memKeyring struct {
	mu    sync.Mutex
	items map[string]string
}

func (k *memKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if v, ok := k.items[service+"\x00"+user]; ok {
		return v, nil
	}
	return "", credstore.ErrNotFound
}

func (k *memKeyring) Set(service, user, password string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.items[service+"\x00"+user] = password
	return nil
}

func (k *memKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.items[service+"\x00"+user]; !ok {
		return credstore.ErrNotFound
	}
	delete(k.items, service+"\x00"+user)
	return nil
}

// keepTokens makes the store of this test: a keychain in memory (nil: none)
// and a file in a directory of the test's own.
func keepTokens(t *testing.T, keychain credstore.Keyring) (store *credstore.Store, dir string) {
	t.Helper()
	dir = t.TempDir()
	store, err := credstore.New(credstore.WithKeyring(keychain), credstore.WithDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	old := openStore
	openStore = func() (*credstore.Store, error) { return store, nil }
	t.Cleanup(func() { openStore = old })
	return store, dir
}

// fakeTokenAPI answers the token's metadata and the partner for any token
// but refusedTok (401), with expires as the token's expiry.
func fakeTokenAPI(t *testing.T, expires *time.Time) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == refusedTok {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"detail":"Invalid token."}`))
			return
		}
		switch r.URL.Path {
		case api.APIPrefix + "/me/access-tokens/":
			json.NewEncoder(w).Encode(api.AccessToken{ID: "1", Name: "cli", TokenPrefix: token[:12],
				Scopes: []string{"partner:manage"}, CreatedAt: time.Now(), ExpiresAt: expires})
		case api.APIPrefix + api.PartnerPath:
			json.NewEncoder(w).Encode(api.Partner{ID: "1", Name: "Deck Tracker Co", Status: "active", RateLimitTier: "standard"})
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"detail":"Not found."}`))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestTokenPrecedence: a run's token is FLEXSLOT_TOKEN, then --token-stdin,
// then the one kept for this API (never another API's, never under
// --sandbox, whose sandbox has its own); both of the first two is refused.
func TestTokenPrecedence(t *testing.T) {
	srv := fakeTokenAPI(t, nil)
	tests := []struct {
		name     string
		env      string
		stdin    string // with --token-stdin when set
		keptFor  string // the API the kept token is for: "this", "other", "sandbox" or none
		keychain bool
		sandbox  bool
		code     int
		want     string
	}{
		{"FLEXSLOT_TOKEN alone", envToken, "", "", true, false, cli.ExitOK, "flx_pat_ENVV… from FLEXSLOT_TOKEN"},
		{"--token-stdin alone", "", stdinToken, "", true, false, cli.ExitOK, "flx_pat_STDN… from stdin (--token-stdin)"},
		{"kept in the keychain", "", "", "this", true, false, cli.ExitOK, "flx_pat_KEPT… from the system keychain"},
		{"kept in the file", "", "", "this", false, false, cli.ExitOK, "flx_pat_KEPT… from " + "FILE"},
		{"FLEXSLOT_TOKEN before the kept one", envToken, "", "this", true, false, cli.ExitOK, "flx_pat_ENVV… from FLEXSLOT_TOKEN"},
		{"--token-stdin before the kept one", "", stdinToken, "this", true, false, cli.ExitOK, "flx_pat_STDN… from stdin"},
		{"FLEXSLOT_TOKEN and --token-stdin", envToken, stdinToken, "this", true, false, cli.ExitUsage, "give the token one way"},
		{"another API's kept token", "", "", "other", true, false, cli.ExitFailed, "no token for " + srv.URL},
		{"the sandbox's kept token", "", "", "sandbox", true, false, cli.ExitFailed, "no token for " + srv.URL},
		{"nothing", "", "", "", true, false, cli.ExitFailed, "run `flexslot-register login`"},
		{"--sandbox uses its own", "", "", "this", true, true, cli.ExitOK, "from the in-process sandbox (its own token)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var keychain credstore.Keyring
			if tt.keychain {
				keychain = &memKeyring{items: map[string]string{}}
			}
			store, dir := keepTokens(t, keychain)
			key := map[string]string{"this": srv.URL, "other": otherAPIKey, "sandbox": credstore.SandboxKey}[tt.keptFor]
			if key != "" {
				if _, err := store.Save(key, keptToken); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("FLEXSLOT_TOKEN", tt.env)
			args := []string{"status", "--api-url", srv.URL}
			if tt.sandbox {
				args = []string{"status", "--sandbox"}
			}
			if tt.stdin != "" {
				args = append(args, "--token-stdin")
			}
			code, stdout, stderr := runWith(t, tt.stdin+"\n", args...)
			want := strings.Replace(tt.want, "FILE", filepath.Join(dir, "tokens.json"), 1)
			if code != tt.code || !strings.Contains(stdout+stderr, want) {
				t.Errorf("exit %d, want %d and %q:\nstdout %s\nstderr %s", code, tt.code, want, stdout, stderr)
			}
			for _, token := range []string{envToken, stdinToken, keptToken} {
				if strings.Contains(stdout+stderr, token) {
					t.Errorf("the output holds a whole token:\n%s%s", stdout, stderr)
				}
			}
		})
	}
}

// TestLogin: login checks the token against the API and keeps it, in the
// keychain when there is one, else in the file, and says which; a token the
// API refuses, FLEXSLOT_TOKEN, or no way to ask keeps nothing.
func TestLogin(t *testing.T) {
	srv := fakeTokenAPI(t, nil)
	t.Setenv("FLEXSLOT_TOKEN", "")
	t.Run("the keychain", func(t *testing.T) {
		keychain := &memKeyring{items: map[string]string{}}
		store, _ := keepTokens(t, keychain)
		code, stdout, stderr := runWith(t, stdinToken+"\n", "login", "--token-stdin", "--api-url", srv.URL)
		if code != cli.ExitOK || !strings.Contains(stderr, "Logged in to "+srv.URL+" as Deck Tracker Co with flx_pat_STDN…") ||
			!strings.Contains(stderr, "kept in the system keychain") || strings.Contains(stdout+stderr, stdinToken) {
			t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
		}
		if token, place, err := store.Load(srv.URL); token != stdinToken || place.Kind != credstore.Keychain || err != nil {
			t.Errorf("kept %v %v", place, err)
		}
	})
	t.Run("the file", func(t *testing.T) {
		store, _ := keepTokens(t, nil)
		code, _, stderr := runWith(t, stdinToken+"\n", "login", "--token-stdin", "--api-url", srv.URL)
		_, place, err := store.Load(srv.URL)
		if code != cli.ExitOK || err != nil || place.Kind != credstore.File ||
			!strings.Contains(stderr, "No system keychain") || !strings.Contains(stderr, place.Path+" (readable by you only)") {
			t.Fatalf("exit %d, kept %v %v\nstderr %s", code, place, err, stderr)
		}
	})
	t.Run("asked in a terminal", func(t *testing.T) {
		store, _ := keepTokens(t, nil)
		streams, _, stderr := iostreams.Test(strings.NewReader(""))
		streams.SetTTY(true, true, true)
		opts := &loginOptions{streams: streams, askToken: func(*iostreams.IOStreams) (string, error) { return keptToken, nil }}
		opts.apiURL = srv.URL
		if err := runLogin(t.Context(), opts); err != nil {
			t.Fatal(err, stderr)
		}
		if token, _, err := store.Load(srv.URL); token != keptToken || err != nil {
			t.Errorf("kept %v", err)
		}
	})
	refusals := []struct {
		name, env, stdin string
		args             []string
		code             int
		want             string
	}{
		{"the API refuses the token", "", refusedTok, []string{"--token-stdin"}, cli.ExitFailed, "nothing was kept"},
		{"not a token", "", "hunter2", []string{"--token-stdin"}, cli.ExitUsage, "starts with flx_pat_"},
		{"FLEXSLOT_TOKEN is set", envToken, "", nil, cli.ExitUsage, "unset it to log in"},
		{"no terminal to ask in", "", "", nil, cli.ExitUsage, "pipe it with --token-stdin"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			store, _ := keepTokens(t, &memKeyring{items: map[string]string{}})
			t.Setenv("FLEXSLOT_TOKEN", tt.env)
			code, stdout, stderr := runWith(t, tt.stdin+"\n", append([]string{"login", "--api-url", srv.URL}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d and %q\nstderr %s", code, tt.code, tt.want, stderr)
			}
			if _, _, err := store.Load(srv.URL); err == nil {
				t.Error("a token was kept")
			}
			if strings.Contains(stdout+stderr, refusedTok) || strings.Contains(stdout+stderr, envToken) {
				t.Errorf("the output holds the token:\n%s", stderr)
			}
		})
	}
}

// TestLogout: logout takes this API's token out of the keychain and the
// file, and leaves another API's.
func TestLogout(t *testing.T) {
	t.Setenv("FLEXSLOT_TOKEN", "")
	keychain := &memKeyring{items: map[string]string{}}
	store, dir := keepTokens(t, keychain)
	const api = "https://api.flexslot.gg"
	keychain.Set(credstore.Service, api, keptToken)
	// A copy in the file too, as a headless login before would have left.
	fileOnly, _ := credstore.New(credstore.WithKeyring(nil), credstore.WithDir(dir))
	fileOnly.Save(api, keptToken)
	fileOnly.Save(otherAPIKey, stdinToken)
	code, _, stderr := runWith(t, "", "logout", "--api-url", api)
	if code != cli.ExitOK || strings.Count(stderr, "✓ Removed the token for "+api) != 2 {
		t.Fatalf("exit %d\nstderr %s", code, stderr)
	}
	if _, _, err := store.Load(api); err == nil {
		t.Error("the token is still kept")
	}
	if token, _, err := store.Load(otherAPIKey); token != stdinToken || err != nil {
		t.Errorf("another API's token went too: %v", err)
	}
	if code, _, stderr := runWith(t, "", "logout", "--api-url", api); code != cli.ExitOK || !strings.Contains(stderr, "No token was kept") {
		t.Errorf("a second logout: exit %d\n%s", code, stderr)
	}
}

// TestStatusExpiry: status shows the expiry, and warns within 7 days; an
// expired token is an error.
func TestStatusExpiry(t *testing.T) {
	tests := []struct {
		name     string
		in       time.Duration
		code     int
		warned   bool
		contains string
	}{
		{"in 3 days", 3*24*time.Hour + time.Hour, cli.ExitOK, true, "expires in 3 days"},
		{"in 8 days", 8*24*time.Hour + time.Hour, cli.ExitOK, false, "(in 8 days)"},
		{"expired", -time.Hour, cli.ExitFailed, false, "this token expired on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expires := time.Now().Add(tt.in)
			srv := fakeTokenAPI(t, &expires)
			t.Setenv("FLEXSLOT_TOKEN", envToken)
			code, stdout, stderr := runWith(t, "", "status", "--api-url", srv.URL)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.contains) || strings.Contains(stderr, "! This token expires") != tt.warned {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
			}
		})
	}
}

// TestLoginRefusesTheSandbox: the sandbox's runs use its own token, never a
// kept one, so login --sandbox keeps nothing and says why (exit 2).
func TestLoginRefusesTheSandbox(t *testing.T) {
	code, _, stderr := runWith(t, "", "login", "--sandbox")
	if code != cli.ExitUsage || !strings.Contains(stderr, "--sandbox needs no login") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
