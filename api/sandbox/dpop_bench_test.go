package sandbox

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// BenchmarkDPoPToken: POST /token with an ES256 proof over loopback, a
// public client's refresh with rotation, as a DPoP client calls it; the
// proofs are signed before the clock starts. The goal is under 1 ms a
// request on a developer's machine.
func BenchmarkDPoPToken(b *testing.B) {
	w := newDPoPWorld(b, Config{DPoPBound: true}, validate.ClientPublic)
	key := newProofKey(b, "ES256")
	code, verifier := w.code(b)
	_, body := w.redeem(b, code, verifier, key.proof(b, http.MethodPost, w.tokenURL(), ""))
	refresh, _ := body["refresh_token"].(string)
	proofs := make([]string, b.N)
	for i := range proofs {
		proofs[i] = key.proof(b, http.MethodPost, w.tokenURL(), "")
	}
	b.ResetTimer()
	for i := range b.N {
		resp, body := w.refresh(b, refresh, proofs[i])
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("refresh %d: %d %v", i, resp.StatusCode, body)
		}
		refresh, _ = body["refresh_token"].(string)
	}
}

// BenchmarkDPoPProof: the proof check alone, in process, with no HTTP: what
// a verification costs the token endpoint.
func BenchmarkDPoPProof(b *testing.B) {
	const issuer = "http://127.0.0.1:8080"
	sb := New(Config{Issuer: issuer})
	key := newProofKey(b, "ES256")
	target := issuer + api.APIPrefix + api.TokenPath
	reqs := make([]*http.Request, b.N)
	for i := range reqs {
		reqs[i] = httptest.NewRequest(http.MethodPost, target, strings.NewReader(url.Values{}.Encode()))
		reqs[i].Header.Set("DPoP", key.proof(b, http.MethodPost, target, ""))
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := sb.checkProof(reqs[i], "", false); err != nil {
			b.Fatalf("proof %d: %v", i, err)
		}
	}
}
