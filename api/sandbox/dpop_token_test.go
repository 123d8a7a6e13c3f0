package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/flexslot/flexslot-register/validate"
)

// TestDPoPTokenProofRules: the token endpoint checks a DPoP proof as RFC 9449
// §4.3 lists it, one row a rule: a right proof gets a DPoP token, and each
// way of getting a proof wrong gets 400 invalid_dpop_proof naming the rule,
// or use_dpop_nonce with a nonce (§8).
func TestDPoPTokenProofRules(t *testing.T) {
	bound := newDPoPWorld(t, Config{DPoPBound: true}, validate.ClientPublic)
	open := newDPoPWorld(t, Config{}, validate.ClientConfidential)
	nonced := newDPoPWorld(t, Config{DPoPBound: true, DPoPNonce: true}, validate.ClientPublic)
	key := newProofKey(t, "ES256")
	other := newProofKey(t, "ES256")

	// right is a right proof for w's token endpoint, changed by edit.
	right := func(t *testing.T, w *dpopWorld, edit func(p proofParts)) []string {
		p := key.parts(t, http.MethodPost, w.tokenURL(), "")
		edit(p)
		return []string{key.sign(t, p)}
	}
	keep := func(proofParts) {}
	tests := []struct {
		name      string
		w         *dpopWorld
		proofs    func(t *testing.T, w *dpopWorld) []string
		errCode   string // "" for a token
		says      string // a piece of error_description
		tokenType string
		nonce     bool // a DPoP-Nonce header comes back
	}{
		{name: "ES256", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string { return right(t, w, keep) }, tokenType: "DPoP"},
		{name: "ES384", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return []string{newProofKey(t, "ES384").proof(t, http.MethodPost, w.tokenURL(), "")}
		}, tokenType: "DPoP"},
		{name: "EdDSA", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return []string{newProofKey(t, "EdDSA").proof(t, http.MethodPost, w.tokenURL(), "")}
		}, tokenType: "DPoP"},
		{name: "RS256", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return []string{newProofKey(t, "RS256").proof(t, http.MethodPost, w.tokenURL(), "")}
		}, tokenType: "DPoP"},
		{name: "made by go-jose's signer", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return []string{joseProof(t, w.tokenURL())}
		}, tokenType: "DPoP"},
		{name: "htu with a query and a fragment, which are ignored", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["htu"] = w.tokenURL() + "?x=1#f" })
		}, tokenType: "DPoP"},
		{name: "htu normalized: scheme and host in upper case", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) {
				p.claims["htu"] = strings.Replace(strings.ToUpper(w.base), "/API/PUBLIC/V1", "/api/public/v1", 1) + "/oauth/token"
			})
		}, tokenType: "DPoP"},
		{name: "a proof a client was not asked for binds its token", w: open, proofs: func(t *testing.T, w *dpopWorld) []string { return right(t, w, keep) }, tokenType: "DPoP"},
		{name: "no proof, a client not bound", w: open, proofs: func(*testing.T, *dpopWorld) []string { return nil }, tokenType: "Bearer"},

		{name: "no proof, a DPoP-bound client", w: bound, proofs: func(*testing.T, *dpopWorld) []string { return nil },
			errCode: errInvalidProof, says: "A DPoP proof is required"},
		{name: "two DPoP headers", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return append(right(t, w, keep), right(t, w, keep)...)
		}, errCode: errInvalidProof, says: "one DPoP header"},
		{name: "not a JWS", w: bound, proofs: func(*testing.T, *dpopWorld) []string { return []string{"not.a.jws"} },
			errCode: errInvalidProof, says: "not a compact JWS"},
		{name: "typ JWT", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.header["typ"] = "JWT" })
		}, errCode: errInvalidProof, says: "typ"},
		{name: "alg none", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.header["alg"] = "none" })
		}, errCode: errInvalidProof, says: `alg must be one of ES256 ES384 EdDSA RS256, not "none"`},
		{name: "alg HS256", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.header["alg"] = "HS256" })
		}, errCode: errInvalidProof, says: `not "HS256"`},
		{name: "alg ES512, not in the docs' list", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.header["alg"] = "ES512" })
		}, errCode: errInvalidProof, says: `not "ES512"`},
		{name: "no jwk", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { delete(p.header, "jwk") })
		}, errCode: errInvalidProof, says: "public key (jwk)"},
		{name: "a jwk with its private part", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.header["jwk"] = jwkOf(t, key.signer) })
		}, errCode: errInvalidProof, says: "private parameters"},
		{name: "an RSA key of 1024 bits", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return []string{newProofKey(t, "RS256", 1024).proof(t, http.MethodPost, w.tokenURL(), "")}
		}, errCode: errInvalidProof, says: "at least 2048 bits"},
		{name: "signed by another key than its jwk", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return []string{other.sign(t, key.parts(t, http.MethodPost, w.tokenURL(), ""))}
		}, errCode: errInvalidProof, says: "signature does not verify"},
		{name: "claims not an object", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["iat"] = "now" })
		}, errCode: errInvalidProof, says: "not a JSON object"},
		{name: "no jti", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { delete(p.claims, "jti") })
		}, errCode: errInvalidProof, says: "must carry jti, htm, htu and iat"},
		{name: "no iat", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { delete(p.claims, "iat") })
		}, errCode: errInvalidProof, says: "must carry jti, htm, htu and iat"},
		{name: "htm GET", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["htm"] = http.MethodGet })
		}, errCode: errInvalidProof, says: "htm"},
		{name: "htu another path", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["htu"] = w.base + "/oauth/revoke" })
		}, errCode: errInvalidProof, says: "htu"},
		{name: "htu another host", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["htu"] = strings.Replace(w.tokenURL(), "127.0.0.1", "localhost", 1) })
		}, errCode: errInvalidProof, says: "htu"},
		{name: "iat two minutes ago", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["iat"] = time.Now().Add(-2 * time.Minute).Unix() })
		}, errCode: errInvalidProof, says: "iat"},
		{name: "iat two minutes ahead", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["iat"] = time.Now().Add(2 * time.Minute).Unix() })
		}, errCode: errInvalidProof, says: "iat"},
		{name: "a jti used before", w: bound, proofs: func(t *testing.T, w *dpopWorld) []string {
			proofs := right(t, w, keep)
			if resp, body := w.exchange(t, proofs...); resp.StatusCode != http.StatusOK {
				t.Fatalf("first use: %d %v", resp.StatusCode, body)
			}
			return proofs
		}, errCode: errInvalidProof, says: "jti was used before"},

		{name: "nonce: none", w: nonced, proofs: func(t *testing.T, w *dpopWorld) []string { return right(t, w, keep) },
			errCode: errUseNonce, says: "nonce", nonce: true},
		{name: "nonce: one the sandbox never gave", w: nonced, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["nonce"] = "made-up" })
		}, errCode: errUseNonce, says: "nonce", nonce: true},
		{name: "nonce: the sandbox's, and a fresh one back", w: nonced, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["nonce"] = serverNonce(t, w, key) })
		}, tokenType: "DPoP", nonce: true},
		{name: "nonce: the sandbox's, but a bad proof", w: nonced, proofs: func(t *testing.T, w *dpopWorld) []string {
			return right(t, w, func(p proofParts) { p.claims["nonce"] = serverNonce(t, w, key); p.claims["htm"] = "GET" })
		}, errCode: errInvalidProof, says: "htm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.w.exchange(t, tt.proofs(t, tt.w)...)
			desc, _ := body["error_description"].(string)
			switch {
			case tt.errCode == "" && (resp.StatusCode != http.StatusOK || body["token_type"] != tt.tokenType):
				t.Errorf("want a %s token: %d %v", tt.tokenType, resp.StatusCode, body)
			case tt.errCode != "" && (resp.StatusCode != http.StatusBadRequest || body["error"] != tt.errCode || !strings.Contains(desc, tt.says)):
				t.Errorf("want 400 %s saying %q: %d %v", tt.errCode, tt.says, resp.StatusCode, body)
			}
			if got := resp.Header.Get("DPoP-Nonce") != ""; got != tt.nonce {
				t.Errorf("DPoP-Nonce %q, want one: %t", resp.Header.Get("DPoP-Nonce"), tt.nonce)
			}
		})
	}
}

// serverNonce asks the token endpoint of w for a nonce, as a client learns
// it: from the DPoP-Nonce header of a use_dpop_nonce answer.
func serverNonce(t *testing.T, w *dpopWorld, key proofKey) string {
	t.Helper()
	resp, body := w.refresh(t, "no-such-token", key.proof(t, http.MethodPost, w.tokenURL(), ""))
	nonce := resp.Header.Get("DPoP-Nonce")
	if body["error"] != errUseNonce || nonce == "" {
		t.Fatalf("asking for a nonce: %d %v", resp.StatusCode, body)
	}
	return nonce
}

// joseProof is a proof made as a Go client would make it with go-jose: its
// signer, the public key embedded, typ dpop+jwt.
func joseProof(t *testing.T, htu string) string {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key},
		(&jose.SignerOptions{EmbedJWK: true}).WithType("dpop+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	claims, _ := json.Marshal(map[string]any{"jti": randomString(12), "htm": http.MethodPost, "htu": htu, "iat": time.Now().Unix()})
	obj, err := signer.Sign(claims)
	if err != nil {
		t.Fatal(err)
	}
	proof, err := obj.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return proof
}

// TestDPoPRefusedProofSpendsNothing: a proof is checked before the grant is
// looked at, so a code is still good for a right proof after a refused one
// or a request for a nonce (RFC 9449 §8: the client retries with the nonce).
func TestDPoPRefusedProofSpendsNothing(t *testing.T) {
	w := newDPoPWorld(t, Config{DPoPBound: true, DPoPNonce: true}, validate.ClientPublic)
	key := newProofKey(t, "ES256")
	code, verifier := w.code(t)
	p := key.parts(t, http.MethodPost, w.tokenURL(), "")
	p.claims["htm"] = http.MethodGet
	if resp, body := w.redeem(t, code, verifier, key.sign(t, p)); body["error"] != errInvalidProof {
		t.Fatalf("a bad proof: %d %v", resp.StatusCode, body)
	}
	resp, body := w.redeem(t, code, verifier, key.proof(t, http.MethodPost, w.tokenURL(), ""))
	if body["error"] != errUseNonce {
		t.Fatalf("no nonce: %d %v", resp.StatusCode, body)
	}
	p = key.parts(t, http.MethodPost, w.tokenURL(), "")
	p.claims["nonce"] = resp.Header.Get("DPoP-Nonce")
	if resp, body := w.redeem(t, code, verifier, key.sign(t, p)); resp.StatusCode != http.StatusOK || body["token_type"] != "DPoP" {
		t.Fatalf("with the nonce: %d %v", resp.StatusCode, body)
	}
}
