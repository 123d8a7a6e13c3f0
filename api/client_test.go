package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
)

// testVersion is the version the tests put in the User-Agent.
const testVersion = "1.2.3-test"

// recorder keeps the headers of the last request the sandbox received.
type recorder struct {
	mu     sync.Mutex
	header http.Header
	path   string
	method string
}

func (rec *recorder) last() (string, string, http.Header) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.method, rec.path, rec.header
}

// startSandbox serves a sandbox over real loopback HTTP and returns it with a
// client that uses its token.
func startSandbox(t *testing.T, cfg sandbox.Config, opts ...api.Option) (*sandbox.Server, *api.Client, *recorder) {
	t.Helper()
	sb := sandbox.New(cfg)
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.header, rec.path, rec.method = r.Header.Clone(), r.URL.Path, r.Method
		rec.mu.Unlock()
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		sb.Close()
		srv.Close()
	})
	client, err := api.New(srv.URL, sb.Token(), append([]api.Option{api.WithVersion(testVersion)}, opts...)...)
	if err != nil {
		t.Fatalf("api.New: %v", err)
	}
	return sb, client, rec
}

func validRequest() api.CreateClientRequest {
	return api.CreateClientRequest{
		ApplicationName:    "Deck Tracker",
		RedirectURIs:       []string{"https://decktracker.example/callback", "http://127.0.0.1:8765/callback"},
		AllowedScopes:      []string{"decks:read", "decks:write"},
		ClientType:         "confidential",
		GrantTypes:         []string{"authorization_code", "refresh_token"},
		ApplicationURL:     "https://decktracker.example",
		ApplicationLogoURL: "https://decktracker.example/logo.png",
		PrivacyPolicyURL:   "https://decktracker.example/privacy",
		TOSURL:             "https://decktracker.example/terms",
	}
}

func TestCreateConfidentialClient(t *testing.T) {
	sb, client, rec := startSandbox(t, sandbox.Config{})
	before := time.Now().Add(-time.Second)
	resp, err := client.CreateOAuth2Client(context.Background(), validRequest())
	if err != nil {
		t.Fatalf("create: %v", err)
	}

	// What went over the wire: exactly the request, with the right headers.
	const wantBody = `{"application_name":"Deck Tracker","redirect_uris":["https://decktracker.example/callback","http://127.0.0.1:8765/callback"],` +
		`"allowed_scopes":["decks:read","decks:write"],"client_type":"confidential","grant_types":["authorization_code","refresh_token"],` +
		`"application_url":"https://decktracker.example","application_logo_url":"https://decktracker.example/logo.png",` +
		`"privacy_policy_url":"https://decktracker.example/privacy","tos_url":"https://decktracker.example/terms"}`
	if got := sb.CreateRequests(); len(got) != 1 || string(got[0]) != wantBody {
		t.Errorf("sandbox received %q\nwant %q", got, wantBody)
	}
	method, path, header := rec.last()
	if method != http.MethodPost || path != "/api/public/v1/me/partner/oauth2-clients" {
		t.Errorf("request %s %s", method, path)
	}
	for name, want := range map[string]string{
		"Authorization": "Bearer " + sb.Token(),
		"Content-Type":  "application/json",
		"Accept":        "application/json",
		"User-Agent":    "github.com/flexslot/flexslot-register/" + testVersion + " (+go)",
	} {
		if got := header.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}

	// What came back.
	c := resp.Client
	if !strings.HasPrefix(c.ClientID, "cli_") || len(c.ClientID) != len("cli_")+26 {
		t.Errorf("client_id %q is not cli_ and a ULID", c.ClientID)
	}
	if len(c.ID) != 36 || c.ClientType != "confidential" || c.Status != api.StatusActive || !c.RequirePKCE {
		t.Errorf("client = %+v", c)
	}
	if !reflect.DeepEqual(c.RedirectURIs, validRequest().RedirectURIs) || !reflect.DeepEqual(c.AllowedScopes, validRequest().AllowedScopes) {
		t.Errorf("client lists = %q %q", c.RedirectURIs, c.AllowedScopes)
	}
	if c.CreatedAt.Before(before) || c.SecretRotatedAt == nil || resp.SecretRotatedAt == nil || c.LastUsedAt != nil {
		t.Errorf("timestamps: created %v rotated %v/%v last used %v", c.CreatedAt, c.SecretRotatedAt, resp.SecretRotatedAt, c.LastUsedAt)
	}
	if secret := resp.PlaintextClientSecret.Reveal(); len(secret) < 40 {
		t.Errorf("secret %d characters, want a strong one", len(secret))
	}
	listed, err := client.ListOAuth2Clients(context.Background())
	if err != nil || len(listed) != 1 || listed[0].ClientID != c.ClientID {
		t.Errorf("list = %+v, %v; want the new client", listed, err)
	}
}

func TestCreatePublicClientHasNoSecret(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{})
	req := validRequest()
	req.ClientType = "public"
	resp, err := client.CreateOAuth2Client(context.Background(), req)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if resp.PlaintextClientSecret != "" || resp.SecretRotatedAt != nil || resp.Client.SecretRotatedAt != nil {
		t.Errorf("public client got secret %q, rotated %v", resp.PlaintextClientSecret.Reveal(), resp.SecretRotatedAt)
	}
	if !resp.Client.RequirePKCE || resp.Client.ClientType != "public" {
		t.Errorf("client = %+v", resp.Client)
	}
}

func TestCreateSendsServerDefaults(t *testing.T) {
	sb, client, _ := startSandbox(t, sandbox.Config{})
	resp, err := client.CreateOAuth2Client(context.Background(), api.CreateClientRequest{
		ApplicationName: "Minimal",
		RedirectURIs:    []string{"https://minimal.example/cb"},
	})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	const wantBody = `{"application_name":"Minimal","redirect_uris":["https://minimal.example/cb"],"allowed_scopes":[],` +
		`"application_url":"","application_logo_url":"","privacy_policy_url":"","tos_url":""}`
	if got := string(sb.CreateRequests()[0]); got != wantBody {
		t.Errorf("sent %s\nwant %s", got, wantBody)
	}
	if resp.Client.ClientType != "confidential" || !reflect.DeepEqual(resp.Client.GrantTypes, []string{"authorization_code", "refresh_token"}) {
		t.Errorf("defaults: type %q grants %q", resp.Client.ClientType, resp.Client.GrantTypes)
	}
}

func TestPreflight(t *testing.T) {
	sb, client, rec := startSandbox(t, sandbox.Config{PartnerName: "Acme", RateLimitTier: "premium"})
	token, err := client.GetAccessToken(context.Background())
	if err != nil {
		t.Fatalf("access token: %v", err)
	}
	if !strings.HasPrefix(sb.Token(), token.TokenPrefix) || len(token.TokenPrefix) >= len(sb.Token()) || token.RevokedAt != nil {
		t.Errorf("token metadata = %+v", token)
	}
	if _, path, _ := rec.last(); path != "/api/public/v1/me/access-tokens/" {
		t.Errorf("path %q", path)
	}
	partner, err := client.GetPartner(context.Background())
	if err != nil {
		t.Fatalf("partner: %v", err)
	}
	if partner.Name != "Acme" || partner.Status != api.StatusActive || partner.RateLimitTier != "premium" || partner.ID == "" {
		t.Errorf("partner = %+v", partner)
	}
}

func TestRotateSecret(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{})
	ctx := context.Background()
	created, err := client.CreateOAuth2Client(ctx, validRequest())
	if err != nil {
		t.Fatal(err)
	}
	rotated, err := client.RotateSecret(ctx, created.Client.ClientID)
	if err != nil {
		t.Fatalf("rotate: %v", err)
	}
	if rotated.Client.ClientID != created.Client.ClientID || rotated.PlaintextClientSecret == "" ||
		rotated.PlaintextClientSecret == created.PlaintextClientSecret {
		t.Errorf("rotation kept the id %v and changed the secret %v", rotated.Client.ClientID == created.Client.ClientID,
			rotated.PlaintextClientSecret.Reveal() != created.PlaintextClientSecret.Reveal())
	}

	public := validRequest()
	public.ApplicationName = "Public app"
	public.ClientType = "public"
	pub, err := client.CreateOAuth2Client(ctx, public)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.RotateSecret(ctx, pub.Client.ClientID)
	if e := asAPIError(t, err); e.StatusCode != 400 || e.Message != "Public clients have no secret to rotate; they use PKCE alone. (400 Bad Request)" || e.MayHaveCreated {
		t.Errorf("rotate public: %#v", e)
	}
	_, err = client.RotateSecret(ctx, "cli_UNKNOWN")
	if !api.IsNotFound(err) {
		t.Errorf("rotate unknown: %v, want 404", err)
	}
}

func asAPIError(t *testing.T, err error) *api.Error {
	t.Helper()
	var e *api.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *api.Error", err, err)
	}
	return e
}

// errorCase is one way a call can fail, and everything the caller should learn.
type errorCase struct {
	name        string
	mutate      func(*api.CreateClientRequest)
	status      int
	code        string
	message     string
	fields      []api.FieldError
	retryAfter  time.Duration
	mayHave     bool
	predicate   func(error) bool
	fieldsCheck string // a field FieldErrors must return errors for
}

func named(name string) func(*api.CreateClientRequest) {
	return func(r *api.CreateClientRequest) { r.ApplicationName = name }
}

func TestCreateErrors(t *testing.T) {
	fe := func(field string, index int, msg string) api.FieldError {
		return api.FieldError{Field: field, Index: index, Message: msg}
	}
	tests := []errorCase{
		{name: "DRF field list", mutate: func(r *api.CreateClientRequest) { r.ApplicationName = "  " },
			status: 400, message: "application_name: This field may not be blank (400 Bad Request)",
			fields: []api.FieldError{fe("application_name", -1, "This field may not be blank.")}, predicate: api.IsValidation,
			fieldsCheck: "application_name"},
		{name: "DRF index-keyed list errors", mutate: func(r *api.CreateClientRequest) {
			r.RedirectURIs = []string{"https://ok.example/cb", "https://*.example/cb", "com.example.app:/cb"}
		},
			status: 400,
			message: "redirect_uris[1]: Wildcards (*) are not allowed: register each redirect URI in full; " +
				`redirect_uris[2]: Custom schemes such as "com.example.app:" are not allowed: native apps use a loopback redirect such as http://127.0.0.1:8765/callback (400 Bad Request)`,
			fields: []api.FieldError{
				fe("redirect_uris", 1, "Wildcards (*) are not allowed: register each redirect URI in full."),
				fe("redirect_uris", 2, `Custom schemes such as "com.example.app:" are not allowed: native apps use a loopback redirect such as http://127.0.0.1:8765/callback.`),
			}, predicate: api.IsValidation, fieldsCheck: "redirect_uris"},
		{name: "redirect URI taken on the server", mutate: func(r *api.CreateClientRequest) {
			r.RedirectURIs = []string{"https://ok.example/cb", "https://" + sandbox.TakenRedirectHost + "/cb"}
		},
			status: 400, message: "redirect_uris[1]: This redirect URI is registered to another partner's client (400 Bad Request)",
			fields:    []api.FieldError{fe("redirect_uris", 1, "This redirect URI is registered to another partner's client.")},
			predicate: api.IsValidation},
		{name: "non_field_errors", mutate: named("sandbox:taken"), status: 400,
			message:   "An application with this name already exists (400 Bad Request)",
			fields:    []api.FieldError{fe(api.NonFieldErrors, -1, "An application with this name already exists.")},
			predicate: api.IsValidation, fieldsCheck: api.NonFieldErrors},
		{name: "field the form does not have", mutate: named("sandbox:unknown-field"), status: 400,
			message: "dpop_bound_access_tokens: DPoP binding is not available on your partner tier (400 Bad Request)",
			fields:  []api.FieldError{fe("dpop_bound_access_tokens", -1, "DPoP binding is not available on your partner tier.")}},
		{name: "coded envelope", mutate: named("sandbox:envelope"), status: 400, code: "FLEXSLOT_VALIDATION_ERROR",
			message: "The request is invalid. (400 Bad Request)",
			fields:  []api.FieldError{fe("application_name", -1, "This name is reserved.")}, fieldsCheck: "application_name"},
		{name: "RFC 6749", mutate: named("sandbox:oauth-error"), status: 400, code: "invalid_client_metadata",
			message: "The client metadata is invalid. (400 Bad Request)"},
		{name: "plain text", mutate: named("sandbox:400-text"), status: 400,
			message: "Bad Request: the payload could not be processed. (400 Bad Request)"},
		{name: "401", mutate: named("sandbox:401"), status: 401, message: "Invalid token. (401 Unauthorized)",
			predicate: api.IsUnauthorized},
		{name: "403", mutate: named("sandbox:403"), status: 403,
			message: "You do not have permission to perform this action. (403 Forbidden)", predicate: api.IsForbidden},
		{name: "404 with a code", mutate: named("sandbox:404"), status: 404, code: "FLEXSLOT_NOT_FOUND",
			message: "Not found. (404 Not Found)", predicate: api.IsNotFound},
		{name: "405", mutate: named("sandbox:405"), status: 405, message: `Method "POST" not allowed. (405 Method Not Allowed)`},
		{name: "415", mutate: named("sandbox:415"), status: 415,
			message: `Unsupported media type "application/json" in request. (415 Unsupported Media Type)`},
		{name: "413", mutate: named("sandbox:413"), status: 413, message: "Request body is too large. (413 Request Entity Too Large)"},
		{name: "429 in seconds", mutate: named("sandbox:429"), status: 429, retryAfter: 30 * time.Second,
			message: "Request was throttled. Expected available in 30 seconds. (429 Too Many Requests)", predicate: api.IsRateLimited},
		{name: "429 without Retry-After", mutate: named("sandbox:429-bare"), status: 429,
			message: "Request was throttled. Expected available in 30 seconds. (429 Too Many Requests)", predicate: api.IsRateLimited},
		{name: "500 JSON", mutate: named("sandbox:500"), status: 500, code: "FLEXSLOT_INTERNAL_ERROR", mayHave: true,
			message: "An unexpected error occurred. (500 Internal Server Error)", predicate: api.IsServerError},
		{name: "502 HTML is never shown", mutate: named("sandbox:502-html"), status: 502, mayHave: true,
			message: "the server answered 502 Bad Gateway", predicate: api.IsServerError},
		{name: "503 with Retry-After", mutate: named("sandbox:503"), status: 503, retryAfter: 10 * time.Second,
			message: "Service temporarily unavailable, try again later. (503 Service Unavailable)", predicate: api.IsServerError},
		{name: "504 HTML", mutate: named("sandbox:504-html"), status: 504, mayHave: true,
			message: "the server answered 504 Gateway Timeout", predicate: api.IsServerError},
		{name: "201 truncated", mutate: named("sandbox:201-truncated"), status: 201, mayHave: true,
			message: "could not read the server's answer: unexpected end of JSON input"},
		{name: "201 cut mid-body", mutate: named("sandbox:201-cut"), mayHave: true, predicate: api.IsNetwork},
		{name: "201 without client_id", mutate: named("sandbox:201-no-client-id"), status: 201, mayHave: true,
			message: "the server's answer has no client_id"},
		{name: "201 over the size cap", mutate: named("sandbox:201-oversize"), status: 201, mayHave: true,
			message: "the server's answer is larger than 1024 KiB; stopped reading it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, client, _ := startSandbox(t, sandbox.Config{})
			req := validRequest()
			tt.mutate(&req)
			resp, err := client.CreateOAuth2Client(context.Background(), req)
			if err == nil {
				t.Fatalf("no error; got %+v", resp)
			}
			e := asAPIError(t, err)
			if e.StatusCode != tt.status || e.Code != tt.code || e.RetryAfter != tt.retryAfter || e.MayHaveCreated != tt.mayHave {
				t.Errorf("status %d code %q retry %v mayHave %v; want %d %q %v %v",
					e.StatusCode, e.Code, e.RetryAfter, e.MayHaveCreated, tt.status, tt.code, tt.retryAfter, tt.mayHave)
			}
			if tt.message != "" && e.Message != tt.message {
				t.Errorf("message\n got  %q\n want %q", e.Message, tt.message)
			}
			if tt.fields != nil && !reflect.DeepEqual(e.Fields, tt.fields) {
				t.Errorf("fields\n got  %+v\n want %+v", e.Fields, tt.fields)
			}
			if tt.predicate != nil && !tt.predicate(err) {
				t.Errorf("predicate false for %v", err)
			}
			if tt.fieldsCheck != "" && len(e.FieldErrors(tt.fieldsCheck)) == 0 {
				t.Errorf("FieldErrors(%q) is empty", tt.fieldsCheck)
			}
			if api.MayHaveCreated(err) != tt.mayHave {
				t.Errorf("MayHaveCreated(err) = %v", api.MayHaveCreated(err))
			}
			if strings.ContainsAny(e.Error(), "<>") {
				t.Errorf("error shows markup: %q", e.Error())
			}
			// A may-have-created failure really did create the client.
			if tt.mayHave && tt.status == 201 && len(sb.Clients()) != 1 {
				t.Errorf("sandbox has %d clients", len(sb.Clients()))
			}
		})
	}
}

func TestRetryAfterAsHTTPDate(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{})
	_, err := client.CreateOAuth2Client(context.Background(), func() api.CreateClientRequest {
		r := validRequest()
		r.ApplicationName = "sandbox:429-date"
		return r
	}())
	// The date has a one-second resolution, so allow for the second boundary.
	if got := api.RetryAfter(err); got < 28*time.Second || got > 31*time.Second || !api.IsRateLimited(err) {
		t.Errorf("RetryAfter = %v (err %v), want about 30s", got, err)
	}
}

func TestUnknownExtraFieldsAreAccepted(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{})
	req := validRequest()
	req.ApplicationName = "sandbox:201-extra"
	resp, err := client.CreateOAuth2Client(context.Background(), req)
	if err != nil || resp.Client.ClientID == "" || resp.PlaintextClientSecret == "" {
		t.Fatalf("create with extra fields: %+v, %v", resp, err)
	}
}

func TestEmptySecretIsPassedThrough(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{})
	req := validRequest()
	req.ApplicationName = "sandbox:201-no-secret"
	resp, err := client.CreateOAuth2Client(context.Background(), req)
	if err != nil || resp.Client.ClientType != "confidential" || resp.PlaintextClientSecret != "" {
		t.Fatalf("got %+v, %v; want the confidential client with its empty secret for the UI to explain", resp, err)
	}
}

func TestPreflightErrors(t *testing.T) {
	t.Run("wrong token", func(t *testing.T) {
		sb, _, _ := startSandbox(t, sandbox.Config{})
		srv := httptest.NewServer(sb)
		defer srv.Close()
		client, err := api.New(srv.URL, "flx_pat_not_the_sandbox_token")
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.GetAccessToken(context.Background())
		if e := asAPIError(t, err); !api.IsUnauthorized(err) || e.Message != "Invalid token. (401 Unauthorized)" || e.Op != api.OpCheckToken {
			t.Errorf("got %#v", e)
		}
	})
	t.Run("suspended partner", func(t *testing.T) {
		_, client, _ := startSandbox(t, sandbox.Config{PartnerStatus: api.StatusSuspended})
		partner, err := client.GetPartner(context.Background())
		if err != nil || partner.Status != api.StatusSuspended {
			t.Fatalf("partner %+v, %v", partner, err)
		}
		_, err = client.CreateOAuth2Client(context.Background(), validRequest())
		if e := asAPIError(t, err); !api.IsForbidden(err) || !strings.Contains(e.Message, "suspended") || e.Op != api.OpCreate {
			t.Errorf("create as suspended partner: %#v", e)
		}
	})
	t.Run("wrong API path", func(t *testing.T) {
		sb, _, _ := startSandbox(t, sandbox.Config{})
		srv := httptest.NewServer(sb)
		defer srv.Close()
		client, err := api.New(srv.URL+"/v2", sb.Token())
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.GetPartner(context.Background())
		if e := asAPIError(t, err); !api.IsNotFound(err) || e.Op != api.OpGetPartner {
			t.Errorf("got %#v", e)
		}
	})
}

func TestTimeout(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{}, api.WithTimeout(300*time.Millisecond))
	req := validRequest()
	req.ApplicationName = "sandbox:hang"
	start := time.Now()
	_, err := client.CreateOAuth2Client(context.Background(), req)
	e := asAPIError(t, err)
	if !strings.HasSuffix(e.Message, "did not answer within 300ms") || !e.MayHaveCreated || !api.IsNetwork(err) {
		t.Errorf("got %#v", e)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("took %v", elapsed)
	}
}

func TestCallerCancels(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{})
	req := validRequest()
	req.ApplicationName = "sandbox:hang"
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := client.CreateOAuth2Client(ctx, req)
	if e := asAPIError(t, err); e.Message != "cancelled" || !e.MayHaveCreated {
		t.Errorf("got %#v; the request was sent, so it may have been created", e)
	}
}

func TestSlowTriggerCreatesAfterDelay(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{SlowDelay: 100 * time.Millisecond})
	req := validRequest()
	req.ApplicationName = "sandbox:slow"
	start := time.Now()
	resp, err := client.CreateOAuth2Client(context.Background(), req)
	if err != nil || resp.Client.ClientID == "" || time.Since(start) < 100*time.Millisecond {
		t.Fatalf("slow create: %v after %v", err, time.Since(start))
	}
}

func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	client, err := api.New("http://"+addr, "flx_pat_refused")
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.CreateOAuth2Client(context.Background(), validRequest())
	e := asAPIError(t, err)
	if e.Message != "could not connect to "+addr+": connection refused" || e.MayHaveCreated || !api.IsNetwork(err) {
		t.Errorf("got %#v; nothing was sent, so nothing was created", e)
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	var followed bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/elsewhere" {
			followed = true
		}
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	client, err := api.New(srv.URL, "flx_pat_redirect")
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.GetPartner(context.Background())
	e := asAPIError(t, err)
	if followed || e.StatusCode != 302 || e.Message != `the server redirected to "/elsewhere" (302 Found); check the API URL` {
		t.Errorf("followed=%v err=%#v", followed, e)
	}
}

func TestUntrustedCertificate(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	defer srv.Close()
	client, err := api.New(srv.URL, "flx_pat_tls")
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.CreateOAuth2Client(context.Background(), validRequest())
	e := asAPIError(t, err)
	want := "the certificate of " + strings.TrimPrefix(srv.URL, "https://") + " is not trusted (signed by an unknown authority); check the API URL, and any proxy that intercepts https"
	if e.Message != want || e.MayHaveCreated {
		t.Errorf("got %q (mayHave %v)\nwant %q", e.Message, e.MayHaveCreated, want)
	}
	// A client that trusts the certificate gets through.
	trusting, err := api.New(srv.URL, "flx_pat_tls", api.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := trusting.GetPartner(context.Background()); !api.IsNotFound(err) {
		t.Errorf("trusting client: %v, want the server's 404", err)
	}
}

func TestPlainHTTPServerBehindHTTPSURL(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	client, err := api.New(strings.Replace(srv.URL, "http://", "https://", 1), "flx_pat_tls")
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.GetPartner(context.Background())
	if e := asAPIError(t, err); !strings.Contains(e.Message, "did not answer in TLS") {
		t.Errorf("got %q", e.Message)
	}
}

func TestMaxBodyBytes(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{}, api.WithMaxBodyBytes(64))
	_, err := client.GetPartner(context.Background())
	if e := asAPIError(t, err); e.Message != "the server's answer is larger than 0 KiB; stopped reading it" || e.MayHaveCreated {
		t.Errorf("got %#v", e)
	}
}

func TestNewRefusesUnsafeBaseURLs(t *testing.T) {
	tests := []struct {
		name, url, want string
	}{
		{"default", "", ""},
		{"https", "https://api.flexslot.gg/", ""},
		{"http on localhost", "http://localhost:8080", ""},
		{"http on 127.0.0.1", "http://127.0.0.1:8080", ""},
		{"http on another loopback address", "http://127.0.0.9:8080", ""},
		{"http on [::1]", "http://[::1]:8080", ""},
		{"plain http elsewhere", "http://api.flexslot.gg",
			`API URL "http://api.flexslot.gg": refusing plain http, which would send the token in clear text; use https (http is allowed only on localhost)`},
		{"user info is not echoed", "https://me:hunter2@api.flexslot.gg",
			`API URL "https://me:xxxxx@api.flexslot.gg": remove the user name or password; the token is sent in a header`},
		{"unparsable with user info", "https://me:hunter2@api.flexslot.gg:x",
			`API URL "https://…@api.flexslot.gg:x": use an absolute https:// URL such as https://api.flexslot.gg`},
		{"no scheme", "api.flexslot.gg", `API URL "api.flexslot.gg": use an absolute https:// URL such as https://api.flexslot.gg`},
		{"query", "https://api.flexslot.gg/?x=1", `API URL "https://api.flexslot.gg/?x=1": remove the query or fragment`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := api.New(tt.url, "flx_pat_x")
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if err == nil && strings.HasSuffix(c.BaseURL(), "/") {
				t.Errorf("base URL %q keeps a trailing slash", c.BaseURL())
			}
		})
	}
	if _, err := api.New("", "ghp_not_ours"); err == nil || strings.Contains(err.Error(), "ghp_") {
		t.Errorf("a token of the wrong shape: %v", err)
	}
}

func TestTokenNeverPrinted(t *testing.T) {
	const token = "flx_pat_Sup3rS3cretValue"
	client, err := api.New("https://api.flexslot.gg", token)
	if err != nil {
		t.Fatal(err)
	}
	holder := struct {
		c     api.Client
		p     *api.Client
		Every []any
	}{*client, client, []any{client, *client}}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T %d"} {
		for _, value := range []any{client, *client, holder, &holder} {
			if out := fmt.Sprintf(format, value); strings.Contains(out, "Sup3r") {
				t.Errorf("%s of %T leaks the token: %s", format, value, out)
			}
		}
	}
}

func TestTokenScrubbedFromServerMessages(t *testing.T) {
	var token string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		json.NewEncoder(w).Encode(map[string]any{
			"detail": "Token " + token + " is revoked.",
			"errors": map[string]any{"token": []string{"was " + token}},
		})
	}))
	defer srv.Close()
	token = "flx_pat_EchoedBackByServer"
	client, err := api.New(srv.URL, token)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.GetAccessToken(context.Background())
	for _, out := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		if strings.Contains(out, "EchoedBack") {
			t.Errorf("token leaked: %s", out)
		}
	}
	if e := asAPIError(t, err); e.Message != "Token [redacted] is revoked. (401 Unauthorized)" || e.Fields[0].Message != "was [redacted]" {
		t.Errorf("got %q / %+v", e.Message, e.Fields)
	}
}

func TestSecretNeverPrinted(t *testing.T) {
	_, client, _ := startSandbox(t, sandbox.Config{})
	resp, err := client.CreateOAuth2Client(context.Background(), validRequest())
	if err != nil {
		t.Fatal(err)
	}
	secret := resp.PlaintextClientSecret.Reveal()
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, value := range []any{resp, *resp, resp.PlaintextClientSecret} {
			if out := fmt.Sprintf(format, value); strings.Contains(out, secret) {
				t.Errorf("%s of %T leaks the secret: %s", format, value, out)
			}
		}
	}
	if got := fmt.Sprintf("%v|%#v|%q", resp.PlaintextClientSecret, resp.PlaintextClientSecret, resp.PlaintextClientSecret); got != `[redacted]|api.Secret("[redacted]")|"[redacted]"` {
		t.Errorf("redacted forms = %s", got)
	}
	data, _ := json.Marshal(resp)
	if !strings.Contains(string(data), secret) {
		t.Errorf("JSON must carry the real secret for --json output")
	}
}

// TestEchoedTokenIsScrubbedEverywhere: a server that echoes the token, in a
// message cut at the 300-character limit, in a field name, in a Location
// header or in a 201's values, never gets it onto the screen.
func TestEchoedTokenIsScrubbedEverywhere(t *testing.T) {
	const token = "flx_pat_EchoMeBackPlease0123456789"
	tests := []struct {
		name    string
		handler func(w http.ResponseWriter, token string)
	}{
		{"in a message cut at the limit", func(w http.ResponseWriter, token string) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"detail": %q}`, strings.Repeat("x", 280)+token)
		}},
		{"in a field name and its message", func(w http.ResponseWriter, token string) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			fmt.Fprintf(w, `{%q: ["bad %s"]}`, token, token)
		}},
		{"in a Location header", func(w http.ResponseWriter, token string) {
			w.Header().Set("Location", "https://evil.example/?t="+token)
			w.WriteHeader(302)
		}},
		{"in a plain-text body", func(w http.ResponseWriter, token string) {
			w.WriteHeader(500)
			fmt.Fprint(w, "upstream said: Bearer "+token)
		}},
		{"in a 201's values", func(w http.ResponseWriter, token string) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(201)
			fmt.Fprintf(w, `{"client": {"client_id": "cli_1", "application_name": %q}, "plaintext_client_secret": "s"}`, token)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				tt.handler(w, strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
			}))
			defer srv.Close()
			client, err := api.New(srv.URL, token)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := client.CreateOAuth2Client(context.Background(), validRequest())
			var seen string
			if err != nil {
				seen = fmt.Sprintf("%v %+v %#v", err, err, err)
				if e := (*api.Error)(nil); errors.As(err, &e) {
					for _, fe := range e.Fields {
						seen += fe.Field + fe.String()
					}
				}
			} else {
				seen = fmt.Sprintf("%+v %s", resp.Client, resp.Client.ApplicationName)
			}
			if strings.Contains(seen, "EchoMeBack") {
				t.Errorf("the token, or part of it, got through: %s", seen)
			}
		})
	}
}
