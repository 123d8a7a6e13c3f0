package sandbox

import (
	"net/http"
	"testing"

	"github.com/flexslot/flexslot-register/validate"
)

// TestDPoPIntrospection: a bound token's introspection names its key, the
// RFC 7638 thumbprint in cnf.jkt, and an access token's type is DPoP (RFC
// 9449 §6.2); a public client's refresh token is bound to the same key, a
// confidential client's is not (§5); a bearer token shows no cnf.
func TestDPoPIntrospection(t *testing.T) {
	key := newProofKey(t, "ES256")
	public := newDPoPWorld(t, Config{}, validate.ClientPublic)
	confidential := newDPoPWorld(t, Config{}, validate.ClientConfidential)
	publicAccess, publicRefresh := public.signIn(t, key)
	confAccess, confRefresh := confidential.signIn(t, key)
	_, body := confidential.exchange(t)
	bearer, _ := body["access_token"].(string)
	tests := []struct {
		name      string
		w         *dpopWorld
		token     string
		jkt       string // "" for no cnf
		tokenType any    // nil for none
	}{
		{"a public client's access token", public, publicAccess, key.jkt(t), "DPoP"},
		{"a public client's refresh token", public, publicRefresh, key.jkt(t), nil},
		{"a confidential client's access token", confidential, confAccess, key.jkt(t), "DPoP"},
		{"a confidential client's refresh token", confidential, confRefresh, "", nil},
		{"a bearer token", confidential, bearer, "", "Bearer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := tt.w.introspect(t, tt.token)
			cnf, _ := info["cnf"].(map[string]any)
			var jkt any
			if tt.jkt != "" {
				jkt = tt.jkt
			}
			if info["active"] != true || info["token_type"] != tt.tokenType || (cnf == nil) != (tt.jkt == "") || cnf["jkt"] != jkt {
				t.Errorf("introspection %v, want cnf.jkt %q and token_type %v", info, tt.jkt, tt.tokenType)
			}
		})
	}
}

// TestDPoPRefresh: a public client's bound refresh token needs a proof with
// its key (RFC 9449 §5); without one, or with another key, it is refused
// and not spent. A confidential client's refresh token is bound to the
// client, so its refresh may bind the new access token to another key.
func TestDPoPRefresh(t *testing.T) {
	key := newProofKey(t, "ES256")
	other := newProofKey(t, "ES256")
	tests := []struct {
		name       string
		clientType string
		signer     *proofKey // nil for no proof
		errCode    string
		tokenType  string
		jkt        string // the new access token's
	}{
		{"public, with its key", validate.ClientPublic, &key, "", "DPoP", key.jkt(t)},
		{"public, no proof", validate.ClientPublic, nil, errInvalidProof, "", ""},
		{"public, another key", validate.ClientPublic, &other, errInvalidProof, "", ""},
		{"confidential, another key", validate.ClientConfidential, &other, "", "DPoP", other.jkt(t)},
		{"confidential, no proof", validate.ClientConfidential, nil, "", "Bearer", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newDPoPWorld(t, Config{}, tt.clientType)
			_, refresh := w.signIn(t, key)
			var proofs []string
			if tt.signer != nil {
				proofs = append(proofs, tt.signer.proof(t, http.MethodPost, w.tokenURL(), ""))
			}
			resp, body := w.refresh(t, refresh, proofs...)
			if tt.errCode != "" {
				if resp.StatusCode != http.StatusBadRequest || body["error"] != tt.errCode {
					t.Fatalf("want 400 %s: %d %v", tt.errCode, resp.StatusCode, body)
				}
				// Refused unspent: its own key still refreshes it.
				if resp, body := w.refresh(t, refresh, key.proof(t, http.MethodPost, w.tokenURL(), "")); resp.StatusCode != http.StatusOK {
					t.Errorf("after the refusal, with its key: %d %v", resp.StatusCode, body)
				}
				return
			}
			if resp.StatusCode != http.StatusOK || body["token_type"] != tt.tokenType {
				t.Fatalf("want a %s token: %d %v", tt.tokenType, resp.StatusCode, body)
			}
			cnf, _ := w.introspect(t, body["access_token"].(string))["cnf"].(map[string]any)
			if got, _ := cnf["jkt"].(string); got != tt.jkt {
				t.Errorf("the new access token's cnf.jkt %q, want %q", got, tt.jkt)
			}
		})
	}
}
