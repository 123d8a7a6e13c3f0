package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// serve runs a sandbox over loopback HTTP for one test.
func serve(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	sb := New(cfg)
	srv := httptest.NewServer(sb)
	t.Cleanup(func() {
		sb.Close()
		srv.Close()
	})
	return sb, srv.URL + "/api/public/v1"
}

// call sends one request and returns the status, the Content-Type and the body.
func call(t *testing.T, method, url, token, contentType, body string) (int, http.Header, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err.Error()
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(data)
}

const validBody = `{"application_name":"Deck Tracker","redirect_uris":["https://decktracker.example/cb"],"allowed_scopes":["decks:read"]}`

func TestProtocolErrors(t *testing.T) {
	sb, base := serve(t, Config{})
	tok := sb.Token()
	clients := base + "/me/partner/oauth2-clients"
	tests := []struct {
		name                    string
		method, url, token, ct  string
		body                    string
		status                  int
		wantBody, header, value string
	}{
		{"no credentials", "GET", base + "/me/partner", "", "", "", 401,
			`{"detail":"Authentication credentials were not provided."}`, "WWW-Authenticate", `Bearer realm="api"`},
		{"wrong token", "GET", base + "/me/partner", "flx_pat_wrong", "", "", 401, `{"detail":"Invalid token."}`, "WWW-Authenticate", `Bearer realm="api"`},
		{"not a bearer token", "GET", base + "/me/access-tokens/", "", "", "", 401, `{"detail":"Authentication credentials were not provided."}`, "", ""},
		{"unknown path", "GET", base + "/me/nothing", tok, "", "", 404, `{"detail":"Not found."}`, "", ""},
		{"wrong method", "DELETE", clients, tok, "", "", 405, `{"detail":"Method \"DELETE\" not allowed."}`, "Allow", "GET, POST, HEAD, OPTIONS"},
		{"wrong method on partner", "POST", base + "/me/partner", tok, "", "", 405, `{"detail":"Method \"POST\" not allowed."}`, "Allow", "GET, OPTIONS"},
		{"GET on rotate", "GET", clients + "/cli_X/rotate-secret", tok, "", "", 405, `{"detail":"Method \"GET\" not allowed."}`, "", ""},
		{"form body", "POST", clients, tok, "application/x-www-form-urlencoded", "a=b", 415,
			`{"detail":"Unsupported media type \"application/x-www-form-urlencoded\" in request."}`, "", ""},
		{"malformed JSON", "POST", clients, tok, "application/json", `{"application_name":`, 400,
			`{"detail":"JSON parse error - unexpected end of JSON input"}`, "", ""},
		{"a list instead of an object", "POST", clients, tok, "application/json; charset=utf-8", `[1]`, 400,
			`{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}`, "", ""},
		{"too large", "POST", clients, tok, "application/json", `{"x":"` + strings.Repeat("a", maxRequestBytes) + `"}`, 413,
			`{"detail":"Request body is too large."}`, "", ""},
		{"required fields", "POST", clients, tok, "application/json", `{}`, 400,
			`{"application_name":["This field is required."],"redirect_uris":["This field is required."],"allowed_scopes":["This field is required."]}`, "", ""},
		{"wrong types", "POST", clients, tok, "application/json",
			`{"application_name":7,"redirect_uris":"https://a.example/cb","allowed_scopes":[1,"x"],"client_type":null,"grant_types":{},"tos_url":false}`, 400,
			`{"application_name":["Not a valid string."],"client_type":["This field may not be null."],"redirect_uris":["Expected a list of items but got type \"str\"."],` +
				`"allowed_scopes":{"0":["\"1\" is not a valid choice."],"1":["\"x\" is not a valid choice."]},"grant_types":["Expected a list of items but got type \"dict\"."],` +
				`"tos_url":["Not a valid string."]}`, "", ""},
		{"DRF and validate messages together", "POST", clients, tok, "application/json",
			`{"application_name":"` + strings.Repeat("n", 256) + `","redirect_uris":["https://a.example/cb","","https://a.example/cb#x",3.5, "` +
				strings.Repeat("u", 513) + `"],"allowed_scopes":["decks:read","decks:read"],"client_type":"spa","grant_types":[]}`, 400,
			`{"application_name":["Ensure this field has no more than 255 characters."],"client_type":["\"spa\" is not a valid choice."],` +
				`"redirect_uris":{"1":["This field may not be blank."],"2":["Remove the fragment (the part from #): redirect URIs cannot have one."],"3":["Not a valid string."],"4":["Ensure this field has no more than 512 characters."]},` +
				`"allowed_scopes":["\"decks:read\" is listed twice."],"grant_types":["Choose at least authorization_code."]}`, "", ""},
		{"empty redirect list", "POST", clients, tok, "application/json",
			`{"application_name":"x","redirect_uris":[],"allowed_scopes":[]}`, 400, `{"redirect_uris":["This list may not be empty."]}`, "", ""},
		{"rotate an unknown client", "POST", clients + "/cli_NOPE/rotate-secret", tok, "", "", 404, `{"detail":"Not found."}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := call(t, tt.method, tt.url, tt.token, tt.ct, tt.body)
			if status != tt.status || body != tt.wantBody {
				t.Errorf("got %d %s\nwant %d %s", status, body, tt.status, tt.wantBody)
			}
			if tt.header != "" && header.Get(tt.header) != tt.value {
				t.Errorf("%s = %q, want %q", tt.header, header.Get(tt.header), tt.value)
			}
		})
	}
	if got := len(sb.Clients()); got != 0 {
		t.Errorf("%d clients created by refused requests", got)
	}
}

func TestNameTaken(t *testing.T) {
	sb, base := serve(t, Config{})
	clients := base + "/me/partner/oauth2-clients"
	if status, _, body := call(t, "POST", clients, sb.Token(), "application/json", validBody); status != 201 {
		t.Fatalf("first create: %d %s", status, body)
	}
	again := strings.Replace(validBody, "Deck Tracker", " deck tracker ", 1)
	status, _, body := call(t, "POST", clients, sb.Token(), "application/json", again)
	if status != 400 || body != `{"non_field_errors":["An application with this name already exists."]}` {
		t.Errorf("second create: %d %s", status, body)
	}
	if n, kept := sb.CreateAttempts(), len(sb.CreateRequests()); n != 2 || kept != 1 {
		t.Errorf("%d create requests, %d bodies kept; want 2, and only the accepted one kept", n, kept)
	}
}

// TestEveryTriggerAnswers fires every documented trigger and checks its status,
// so a trigger cannot be added, or break, without a test noticing.
func TestEveryTriggerAnswers(t *testing.T) {
	want := map[string]int{
		"sandbox:taken": 400, "sandbox:unknown-field": 400, "sandbox:envelope": 400, "sandbox:oauth-error": 400,
		"sandbox:400-text": 400, "sandbox:401": 401, "sandbox:403": 403, "sandbox:404": 404, "sandbox:405": 405, "sandbox:413": 413, "sandbox:415": 415,
		"sandbox:429": 429, "sandbox:429-date": 429, "sandbox:429-bare": 429, "sandbox:500": 500,
		"sandbox:502-html": 502, "sandbox:503": 503, "sandbox:504-html": 504, "sandbox:slow": 201,
		"sandbox:hang": 0, "sandbox:201-truncated": 201, "sandbox:201-cut": 201, "sandbox:201-no-client-id": 201,
		"sandbox:201-no-secret": 201, "sandbox:201-extra": 201, "sandbox:201-oversize": 201,
		"sandbox:201-hostile": 201, "sandbox:400-hostile": 400, "sandbox:502-before": 502,
	}
	sb, base := serve(t, Config{SlowDelay: 10 * time.Millisecond})
	seen := map[string]bool{}
	for _, trig := range Triggers() {
		t.Run(trig.Name, func(t *testing.T) {
			if seen[trig.Name] || trig.Answer == "" {
				t.Fatalf("duplicate or undocumented trigger %q", trig.Name)
			}
			seen[trig.Name] = true
			status, ok := want[trig.Name]
			if !ok {
				t.Fatalf("trigger %q has no expected status in this test", trig.Name)
			}
			body := strings.Replace(validBody, "Deck Tracker", trig.Name, 1)
			if status == 0 {
				ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
				defer cancel()
				req, _ := http.NewRequestWithContext(ctx, "POST", base+"/me/partner/oauth2-clients", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+sb.Token())
				req.Header.Set("Content-Type", "application/json")
				if resp, err := http.DefaultClient.Do(req); err == nil {
					resp.Body.Close()
					t.Fatalf("hang answered %d", resp.StatusCode)
				}
				return
			}
			got, _, _ := call(t, "POST", base+"/me/partner/oauth2-clients", sb.Token(), "application/json", body)
			if got != status {
				t.Errorf("status %d, want %d", got, status)
			}
		})
	}
	if len(seen) != len(want) {
		t.Errorf("%d triggers documented, %d expected", len(seen), len(want))
	}
}

func TestTriggerWithInvalidBodyStillValidates(t *testing.T) {
	sb, base := serve(t, Config{})
	body := `{"application_name":"sandbox:201-extra","redirect_uris":["ftp://x/cb"],"allowed_scopes":[]}`
	status, _, got := call(t, "POST", base+"/me/partner/oauth2-clients", sb.Token(), "application/json", body)
	if status != 400 || !strings.Contains(got, `"redirect_uris":{"0":`) || len(sb.Clients()) != 0 {
		t.Errorf("got %d %s", status, got)
	}
}

func TestHangIsReleasedByClose(t *testing.T) {
	sb, base := serve(t, Config{})
	body := strings.Replace(validBody, "Deck Tracker", "sandbox:hang", 1)
	done := make(chan int, 1)
	go func() {
		status, _, _ := call(t, "POST", base+"/me/partner/oauth2-clients", sb.Token(), "application/json", body)
		done <- status
	}()
	// The request is recorded before the trigger holds it: once it is, the
	// handler is hanging.
	for deadline := time.Now().Add(3 * time.Second); sb.CreateAttempts() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the hanging request did not reach the sandbox within 3s")
		}
	}
	sb.Close()
	sb.Close() // a second Close is harmless
	select {
	case status := <-done:
		// The released handler returns without a word: an empty 200.
		if status != http.StatusOK {
			t.Errorf("released hang answered %d", status)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Close did not release the hanging request")
	}
}

func TestIDs(t *testing.T) {
	ulid := regexp.MustCompile(`^cli_[0-9A-HJKMNP-TV-Z]{26}$`)
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	first, second := newClientID(at), newClientID(at.Add(time.Millisecond))
	if !ulid.MatchString(first) || !ulid.MatchString(second) || first[4] > '7' {
		t.Errorf("client ids %q %q are not ULIDs", first, second)
	}
	if first[:14] >= second[:14] {
		t.Errorf("client ids do not sort by time: %q %q", first, second)
	}
	// The first ten characters hold the time: 2026-11-25T12:00:00Z is
	// 1795608000000 ms, 01M8997DG0 in Crockford base 32.
	if got := first[4:14]; got != "01M8997DG0" {
		t.Errorf("time part %q", got)
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 100 {
		id, secret, token := newUUID(), newSecret(), newToken()
		if !uuid.MatchString(id) || len(secret) != 43 || validate.Token(token) != nil || seen[id] || seen[secret] || seen[token] {
			t.Fatalf("bad or repeated id %q secret len %d token ok %v", id, len(secret), validate.Token(token) == nil)
		}
		seen[id], seen[secret], seen[token] = true, true, true
	}
}

func TestStart(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "192.168.1.10:0", "example.com:80", "no-port"} {
		if r, err := Start(addr, Config{}); err == nil {
			r.Close()
			t.Errorf("Start(%q) accepted a non-loopback address", addr)
		}
	}
	r, err := Start("127.0.0.1:0", Config{Token: "flx_pat_fixed"})
	if err != nil {
		t.Fatal(err)
	}
	status, _, body := call(t, "GET", r.URL+"/api/public/v1/me/partner", "flx_pat_fixed", "", "")
	var partner struct{ Status string }
	json.Unmarshal([]byte(body), &partner)
	if status != 200 || partner.Status != "active" {
		t.Errorf("partner: %d %s", status, body)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if status, _, _ := call(t, "GET", r.URL+"/api/public/v1/me/partner", "flx_pat_fixed", "", ""); status != 0 {
		t.Errorf("still serving after Close: %d", status)
	}
}

// TestSecretIsCurrent: the sandbox knows each confidential client's current
// secret (by hash): a rotation makes the old one stop working.
func TestSecretIsCurrent(t *testing.T) {
	sb, base := serve(t, Config{})
	status, _, body := call(t, "POST", base+"/me/partner/oauth2-clients", sb.Token(), "application/json", validBody)
	var created api.CreateClientResponse
	if status != 201 || json.Unmarshal([]byte(body), &created) != nil {
		t.Fatalf("create: %d %s", status, body)
	}
	id, first := created.Client.ClientID, created.PlaintextClientSecret.Reveal()
	if !sb.SecretIsCurrent(id, first) || sb.SecretIsCurrent(id, "wrong") {
		t.Fatal("the first secret is not the current one")
	}
	status, _, body = call(t, "POST", base+"/me/partner/oauth2-clients/"+id+"/rotate-secret", sb.Token(), "", "")
	var rotated api.CreateClientResponse
	if status != 200 || json.Unmarshal([]byte(body), &rotated) != nil {
		t.Fatalf("rotate: %d %s", status, body)
	}
	if !sb.SecretIsCurrent(id, rotated.PlaintextClientSecret.Reveal()) || sb.SecretIsCurrent(id, first) {
		t.Error("after a rotation the new secret must be the current one, and the old one not")
	}
}
