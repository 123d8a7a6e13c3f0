package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// decksWith calls GET /decks/ with the Authorization header given (none when
// empty) and a DPoP header for each proof.
func (w *dpopWorld) decksWith(t *testing.T, authorization string, proofs ...string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, w.decksURL(), nil)
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	for _, p := range proofs {
		req.Header.Add("DPoP", p)
	}
	return send(t, req)
}

// decksURL is the decks endpoint, the htu of a proof for it.
func (w *dpopWorld) decksURL() string { return w.base + api.DecksPath }

// TestDPoPResourceRules: GET /decks/ takes a bound token as DPoP with a
// proof of its key that names the request and the token (RFC 9449 §7, §4.3),
// one row a rule; every refusal is 401 with a DPoP challenge naming the
// error and the algorithms the sandbox takes (§7.1).
func TestDPoPResourceRules(t *testing.T) {
	w := newDPoPWorld(t, Config{}, validate.ClientPublic)
	key := newProofKey(t, "ES256")
	other := newProofKey(t, "ES256")
	access, _ := w.signIn(t, key)
	_, body := w.exchange(t)
	bearer, _ := body["access_token"].(string)
	revoked, _ := w.signIn(t, key)
	if resp, _ := w.post(t, api.RevokePath, url.Values{"token": {revoked}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("revoking a bound token: %d", resp.StatusCode)
	}
	// right is a right proof for GET /decks/ with token, changed by edit.
	right := func(t *testing.T, token string, edit func(p proofParts)) string {
		p := key.parts(t, http.MethodGet, w.decksURL(), token)
		edit(p)
		return key.sign(t, p)
	}
	keep := func(proofParts) {}
	tests := []struct {
		name          string
		authorization string
		proofs        func(t *testing.T) []string
		errCode       string // "" for 200
		says          string
	}{
		{"its token with a proof", "DPoP " + access, func(t *testing.T) []string { return []string{right(t, access, keep)} }, "", ""},
		{"the scheme in lower case", "dpop " + access, func(t *testing.T) []string { return []string{right(t, access, keep)} }, "", ""},
		{"a bearer token as Bearer, next to DPoP", "Bearer " + bearer, func(*testing.T) []string { return nil }, "", ""},

		{"a bound token as Bearer", "Bearer " + access, func(t *testing.T) []string { return []string{right(t, access, keep)} },
			"invalid_token", "DPoP-bound"},
		{"no proof", "DPoP " + access, func(*testing.T) []string { return nil }, errInvalidProof, "A DPoP proof is required"},
		{"a proof used before", "DPoP " + access, func(t *testing.T) []string {
			proof := right(t, access, keep)
			if resp, body := w.decksWith(t, "DPoP "+access, proof); resp.StatusCode != http.StatusOK {
				t.Fatalf("first use: %d %v", resp.StatusCode, body)
			}
			return []string{proof}
		}, errInvalidProof, "jti was used before"},
		{"a proof for another URL", "DPoP " + access, func(t *testing.T) []string {
			return []string{right(t, access, func(p proofParts) { p.claims["htu"] = w.base + api.PartnerPath })}
		}, errInvalidProof, "htu"},
		{"a proof for another method", "DPoP " + access, func(t *testing.T) []string {
			return []string{right(t, access, func(p proofParts) { p.claims["htm"] = http.MethodPost })}
		}, errInvalidProof, "htm"},
		{"a proof without ath", "DPoP " + access, func(t *testing.T) []string {
			return []string{right(t, access, func(p proofParts) { delete(p.claims, "ath") })}
		}, errInvalidProof, "ath"},
		{"a proof with another token's ath", "DPoP " + access, func(t *testing.T) []string {
			return []string{right(t, bearer, keep)}
		}, errInvalidProof, "ath"},
		{"a bad proof", "DPoP " + access, func(t *testing.T) []string {
			return []string{right(t, access, func(p proofParts) { p.header["typ"] = "JWT" })}
		}, errInvalidProof, "typ"},
		{"a proof of another key", "DPoP " + access, func(t *testing.T) []string {
			return []string{other.proof(t, http.MethodGet, w.decksURL(), access)}
		}, "invalid_token", "another key"},
		{"a bearer token as DPoP", "DPoP " + bearer, func(t *testing.T) []string { return []string{right(t, bearer, keep)} },
			"invalid_token", "not DPoP-bound"},
		{"a revoked bound token", "DPoP " + revoked, func(t *testing.T) []string { return []string{right(t, revoked, keep)} },
			"invalid_token", "revoked"},
		{"an unknown token", "DPoP not-a-token", func(t *testing.T) []string { return []string{right(t, "not-a-token", keep)} },
			"invalid_token", "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := w.decksWith(t, tt.authorization, tt.proofs(t)...)
			challenge := resp.Header.Get("WWW-Authenticate")
			desc, _ := body["error_description"].(string)
			switch {
			case tt.errCode == "" && resp.StatusCode != http.StatusOK:
				t.Errorf("want 200: %d %v, WWW-Authenticate %q", resp.StatusCode, body, challenge)
			case tt.errCode == "":
			case resp.StatusCode != http.StatusUnauthorized || body["error"] != tt.errCode || !strings.Contains(desc, tt.says):
				t.Errorf("want 401 %s saying %q: %d %v", tt.errCode, tt.says, resp.StatusCode, body)
			case challenge != `DPoP error="`+tt.errCode+`", algs="ES256 ES384 EdDSA RS256"`:
				t.Errorf("WWW-Authenticate %q", challenge)
			}
		})
	}
}

// TestDPoPNoToken: a request with no token gets both challenges, each with
// no error (RFC 6750 §3.1, RFC 9449 §7.1): the client may use either.
func TestDPoPNoToken(t *testing.T) {
	w := newDPoPWorld(t, Config{}, validate.ClientPublic)
	resp, _ := w.decksWith(t, "")
	got := resp.Header.Values("WWW-Authenticate")
	if resp.StatusCode != http.StatusUnauthorized || len(got) != 2 || got[0] != `Bearer realm="api"` ||
		got[1] != `DPoP algs="ES256 ES384 EdDSA RS256"` {
		t.Errorf("%d, WWW-Authenticate %q", resp.StatusCode, got)
	}
}

// TestDPoPRevocation: revocation takes a bound token like any other, with no
// proof (RFC 7009; RFC 9449 asks none there): the access token stops
// working, and revoking the refresh token ends the grant.
func TestDPoPRevocation(t *testing.T) {
	w := newDPoPWorld(t, Config{DPoPBound: true}, validate.ClientPublic)
	key := newProofKey(t, "ES256")
	for _, which := range []string{"access", "refresh"} {
		t.Run(which, func(t *testing.T) {
			access, refresh := w.signIn(t, key)
			token := access
			if which == "refresh" {
				token = refresh
			}
			if resp, body := w.post(t, api.RevokePath, url.Values{"token": {token}}); resp.StatusCode != http.StatusOK {
				t.Fatalf("revoke: %d %v", resp.StatusCode, body)
			}
			if info := w.introspect(t, access); info["active"] != false {
				t.Errorf("the access token after revoking the %s token: %v", which, info)
			}
			resp, body := w.decksWith(t, "DPoP "+access, key.proof(t, http.MethodGet, w.decksURL(), access))
			if resp.StatusCode != http.StatusUnauthorized || body["error"] != "invalid_token" {
				t.Errorf("a call after revoking the %s token: %d %v", which, resp.StatusCode, body)
			}
		})
	}
}
