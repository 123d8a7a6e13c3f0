package signin

import (
	"bytes"
	"context"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
)

// tap is a sandbox's handler with a test's hands on the way: it keeps the
// proofs each path received and what the token endpoint answered, asks the
// sandbox for the cnf.jkt of each access token it issues (introspection,
// before the sign-in revokes it), and may change the token answer or play a
// resource server that wants its own nonce.
type tap struct {
	sb *sandbox.Server
	// rewrite, when set, changes a 200 token answer; jkt is the cnf.jkt
	// the sandbox bound its access token to.
	rewrite func(answer map[string]any, jkt string)
	// resourceNonce, when set, is a nonce /decks/ asks for (RFC 9449 §9)
	// before it lets a request through to the sandbox.
	resourceNonce string

	mu sync.Mutex
	// proofs are the DPoP headers each path (below APIPrefix) received, ""
	// for a request without one.
	proofs map[string][]string
	// tokenNonce is the DPoP-Nonce of the last token answer.
	tokenNonce string
	// access and jkt are the access token issued and its cnf.jkt, as the
	// sandbox's introspection says; introspect asks again.
	access, jkt string
	introspect  func(token string) map[string]any
}

func (tp *tap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	path := strings.TrimPrefix(r.URL.Path, api.APIPrefix)
	tp.mu.Lock()
	tp.proofs[path] = append(tp.proofs[path], r.Header.Get("DPoP"))
	tp.mu.Unlock()
	if path == api.DecksPath && tp.resourceNonce != "" && proofClaimsOf(r.Header.Get("DPoP")).Nonce != tp.resourceNonce {
		w.Header().Set(nonceHeader, tp.resourceNonce)
		w.Header().Set("WWW-Authenticate", `DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if path != api.TokenPath {
		tp.sb.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	tp.sb.ServeHTTP(rec, r)
	answer := rec.Body.Bytes()
	if rec.Code == http.StatusOK {
		var fields map[string]any
		json.Unmarshal(answer, &fields)
		form, _ := url.ParseQuery(string(body))
		access, _ := fields["access_token"].(string)
		tp.mu.Lock()
		tp.tokenNonce = rec.Header().Get(nonceHeader)
		tp.access = access
		tp.introspect = func(token string) map[string]any {
			q := url.Values{"token": {token}}
			if id := form.Get("client_id"); id != "" {
				q.Set("client_id", id)
			}
			req := httptest.NewRequest(http.MethodPost, api.APIPrefix+api.IntrospectPath, strings.NewReader(q.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", r.Header.Get("Authorization"))
			got := httptest.NewRecorder()
			tp.sb.ServeHTTP(got, req)
			var out map[string]any
			json.Unmarshal(got.Body.Bytes(), &out)
			return out
		}
		if cnf, ok := tp.introspect(access)["cnf"].(map[string]any); ok {
			tp.jkt, _ = cnf["jkt"].(string)
		}
		tp.mu.Unlock()
		if tp.rewrite != nil {
			tp.rewrite(fields, tp.jkt)
			answer, _ = json.Marshal(fields)
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.Code)
	w.Write(answer)
}

// proofClaimsOf reads a proof's claims without checking it (the sandbox
// does): zero for no proof.
func proofClaimsOf(proof string) proofClaims {
	var c proofClaims
	if jws, err := jose.ParseSignedCompact(proof, []jose.SignatureAlgorithm{jose.ES256}); err == nil {
		json.Unmarshal(jws.UnsafePayloadWithoutVerification(), &c)
	}
	return c
}

// proofJKT is the thumbprint of a proof's jwk, "" for no proof.
func proofJKT(t *testing.T, proof string) string {
	t.Helper()
	jws, err := jose.ParseSignedCompact(proof, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil || jws.Signatures[0].Protected.JSONWebKey == nil {
		return ""
	}
	sum, err := jws.Signatures[0].Protected.JSONWebKey.Thumbprint(crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(sum)
}

// newTapWorld is a sandbox of cfg behind tp over loopback HTTP, with a
// confidential and a public client registered.
func newTapWorld(t *testing.T, cfg sandbox.Config, tp *tap) world {
	t.Helper()
	sb := sandbox.New(cfg)
	tp.sb, tp.proofs = sb, map[string][]string{}
	srv := httptest.NewServer(tp)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	client, err := api.New(srv.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	w := world{sb: sb, base: srv.URL, api: client}
	w.confidential = w.register(t, "Deck confidential", "confidential", "http://127.0.0.1/callback")
	w.public = w.register(t, "Deck public", "public", "http://127.0.0.1/callback")
	return w
}

// TestSignInDPoP: a sign-in with a DPoP-bound client, or with Options.DPoP,
// signs a proof with one key of its own for the token request, the read call
// (with ath) and the revocations, asks again once with the server's nonce,
// keeps the latest nonce, and says the cnf.jkt the server bound the token
// to. Tokens that are not bound to the key fail the sign-in, and are revoked.
func TestSignInDPoP(t *testing.T) {
	bound := sandbox.Config{DPoPBound: true}
	nonced := sandbox.Config{DPoPBound: true, DPoPNonce: true}
	tests := []struct {
		name          string
		cfg           sandbox.Config
		public        bool
		dpop          bool // Options.DPoP
		rewrite       func(answer map[string]any, jkt string)
		resourceNonce string
		// tokenRequests is how many token requests the sandbox receives
		// (a nonce asked costs one more); 1 when 0.
		tokenRequests int
		bearer        bool // no proof is sent, no DPoP token expected
		kind          Kind // the failure, for a row with fails
		fails         bool
	}{
		{name: "a bound confidential client", cfg: bound},
		{name: "a bound public client", cfg: bound, public: true},
		{name: "a bound confidential client, the server's nonce", cfg: nonced, tokenRequests: 2},
		{name: "a bound public client, the server's nonce", cfg: nonced, public: true, tokenRequests: 2},
		{name: "a client not bound, with Options.DPoP", cfg: sandbox.Config{}, dpop: true},
		{name: "a client not bound, without Options.DPoP", cfg: sandbox.Config{}, bearer: true},
		{name: "a resource server that asks for its own nonce", cfg: bound, resourceNonce: "rs-nonce-1"},
		{name: "a bound client answered token_type Bearer", cfg: bound,
			rewrite: func(a map[string]any, _ string) { a["token_type"] = "Bearer" }, fails: true, kind: KindNotBound},
		{name: "Options.DPoP answered token_type Bearer", cfg: sandbox.Config{}, dpop: true,
			rewrite: func(a map[string]any, _ string) { a["token_type"] = "bearer" }, fails: true, kind: KindNotBound},
		{name: "token_type in another case", cfg: bound, rewrite: func(a map[string]any, _ string) { a["token_type"] = "dpop" }},
		{name: "a cnf.jkt in the answer, the run's key's", cfg: bound,
			rewrite: func(a map[string]any, jkt string) { a["cnf"] = map[string]any{"jkt": jkt} }},
		{name: "a cnf.jkt in the answer, another key's", cfg: bound,
			rewrite: func(a map[string]any, _ string) {
				a["cnf"] = map[string]any{"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}
			},
			fails: true, kind: KindOtherKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := &tap{rewrite: tt.rewrite, resourceNonce: tt.resourceNonce}
			w := newTapWorld(t, tt.cfg, tp)
			opts := Options{Client: w.confidential.Client, Secret: w.confidential.PlaintextClientSecret.Reveal(), DPoP: tt.dpop}
			if tt.public {
				opts = Options{Client: w.public.Client, DPoP: tt.dpop}
			}
			opts.BaseURL, opts.Open = w.base, browser(t, "allow", nil)
			flow, err := Start(opts)
			if err != nil {
				t.Fatal(err)
			}
			defer flow.Close()
			out, err := flow.Wait(context.Background(), 5*time.Second)

			if tt.fails {
				var e *Error
				if !errors.As(err, &e) || e.Kind != tt.kind {
					t.Fatalf("got %+v, %v; want kind %d", out, err, tt.kind)
				}
				if tt.kind == KindOtherKey && e.Thumbprint != "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" {
					t.Errorf("the error names the thumbprint %q", e.Thumbprint)
				}
				if active, _ := tp.introspect(tp.access)["active"].(bool); active {
					t.Error("the tokens of a failed DPoP sign-in were not revoked")
				}
				return
			}
			if err != nil || out.Status != http.StatusOK || !out.Revoked || !out.Refresh {
				t.Fatalf("outcome %+v, %v", out, err)
			}
			if active, _ := tp.introspect(tp.access)["active"].(bool); active {
				t.Error("the access token is still active")
			}
			paths := []string{api.TokenPath, api.DecksPath, api.RevokePath}
			if tt.bearer {
				for _, path := range paths {
					for _, proof := range tp.proofs[path] {
						if proof != "" {
							t.Errorf("a bearer sign-in sent a proof to %s", path)
						}
					}
				}
				if out.DPoPThumbprint != "" {
					t.Errorf("a bearer token with the thumbprint %q", out.DPoPThumbprint)
				}
				return
			}
			if out.DPoPThumbprint == "" || out.DPoPThumbprint != tp.jkt {
				t.Errorf("the outcome's thumbprint %q, the server's cnf.jkt %q", out.DPoPThumbprint, tp.jkt)
			}
			want := max(tt.tokenRequests, 1)
			if got := len(tp.proofs[api.TokenPath]); got != want {
				t.Errorf("%d token requests, want %d", got, want)
			}
			for _, path := range paths {
				if len(tp.proofs[path]) == 0 {
					t.Errorf("no request to %s", path)
				}
				for i, proof := range tp.proofs[path] {
					if jkt := proofJKT(t, proof); jkt != out.DPoPThumbprint {
						t.Errorf("request %d to %s: a proof of the key %q, want %q", i, path, jkt, out.DPoPThumbprint)
					}
					c := proofClaimsOf(proof)
					if wantHTU := w.base + api.APIPrefix + path; c.HTU != wantHTU {
						t.Errorf("request %d to %s: htu %q, want %q", i, path, c.HTU, wantHTU)
					}
					if (c.ATH != "") != (path == api.DecksPath) {
						t.Errorf("request %d to %s: ath %q", i, path, c.ATH)
					}
				}
			}
			if tt.cfg.DPoPNonce {
				for i, proof := range tp.proofs[api.RevokePath] {
					if got := proofClaimsOf(proof).Nonce; got == "" || got != tp.tokenNonce {
						t.Errorf("revocation %d: the nonce %q, not the token answer's %q", i, got, tp.tokenNonce)
					}
				}
			}
			if tt.resourceNonce != "" && len(tp.proofs[api.DecksPath]) != 2 {
				t.Errorf("%d calls to /decks/, want 2: one asked for the nonce", len(tp.proofs[api.DecksPath]))
			}
		})
	}
}

// TestDPoPKeyPerRun: each sign-in makes a key of its own, so no two runs'
// tokens are bound to one key.
func TestDPoPKeyPerRun(t *testing.T) {
	seen := map[string]bool{}
	for range 3 {
		p, err := newProver()
		if err != nil {
			t.Fatal(err)
		}
		if seen[p.jkt] {
			t.Fatalf("the key %s came twice", p.jkt)
		}
		seen[p.jkt] = true
	}
}
