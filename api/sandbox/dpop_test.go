package sandbox

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox/sandboxtest"
	"github.com/flexslot/flexslot-register/validate"
)

// The DPoP tests' tools: a client's key that signs proofs by hand, so that a
// row can make a proof wrong in exactly one way, and a sandbox over loopback
// with one client to send them to.

// proofKey is a client's DPoP key pair and the alg its proofs name.
type proofKey struct {
	alg    string
	signer crypto.Signer
}

// newProofKey makes a key for alg (ES256, ES384, EdDSA or RS256), or an RSA
// key of rsaBits for RS256 when given.
func newProofKey(t testing.TB, alg string, rsaBits ...int) proofKey {
	t.Helper()
	var signer crypto.Signer
	var err error
	switch alg {
	case "ES256":
		signer, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "ES384":
		signer, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "EdDSA":
		_, signer, err = ed25519.GenerateKey(rand.Reader)
	case "RS256":
		bits := 2048
		if len(rsaBits) > 0 {
			bits = rsaBits[0]
		}
		signer, err = rsa.GenerateKey(rand.Reader, bits)
	}
	if err != nil || signer == nil {
		t.Fatalf("key for %s: %v", alg, err)
	}
	return proofKey{alg: alg, signer: signer}
}

// jwk is the key's public JWK as a proof's header carries it.
func (k proofKey) jwk(t testing.TB) map[string]any {
	t.Helper()
	return jwkOf(t, k.signer.Public())
}

// jwkOf is key as a JWK, private parts included when it has them.
func jwkOf(t testing.TB, key any) map[string]any {
	t.Helper()
	data, err := jose.JSONWebKey{Key: key}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	json.Unmarshal(data, &out)
	return out
}

// jkt is the key's RFC 7638 thumbprint, as introspection shows it.
func (k proofKey) jkt(t testing.TB) string {
	t.Helper()
	sum, err := (&jose.JSONWebKey{Key: k.signer.Public()}).Thumbprint(crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(sum)
}

// proofParts are a proof's header and claims before signing: what a row
// changes to make the proof wrong.
type proofParts struct {
	header, claims map[string]any
}

// parts are those of a right proof for a request, with ath when token is
// not "".
func (k proofKey) parts(t testing.TB, method, uri, token string) proofParts {
	t.Helper()
	p := proofParts{
		header: map[string]any{"typ": "dpop+jwt", "alg": k.alg, "jwk": k.jwk(t)},
		claims: map[string]any{"jti": randomString(12), "htm": method, "htu": uri, "iat": time.Now().Unix()},
	}
	if token != "" {
		p.claims["ath"] = s256(token)
	}
	return p
}

// proof is a right proof for a request.
func (k proofKey) proof(t testing.TB, method, uri, token string) string {
	t.Helper()
	return k.sign(t, k.parts(t, method, uri, token))
}

// sign makes p a compact JWS signed with the key, by the alg p's header
// names: none and HS256 too, as an attacker would send them.
func (k proofKey) sign(t testing.TB, p proofParts) string {
	t.Helper()
	header, _ := json.Marshal(p.header)
	claims, _ := json.Marshal(p.claims)
	input := base64.RawURLEncoding.EncodeToString(header) + "." + base64.RawURLEncoding.EncodeToString(claims)
	var sig []byte
	var err error
	switch alg, _ := p.header["alg"].(string); alg {
	case "ES256", "ES384":
		sig, err = ecdsaSign(k.signer.(*ecdsa.PrivateKey), input, alg)
	case "EdDSA":
		sig = ed25519.Sign(k.signer.(ed25519.PrivateKey), []byte(input))
	case "RS256":
		sum := sha256.Sum256([]byte(input))
		sig, err = rsa.SignPKCS1v15(rand.Reader, k.signer.(*rsa.PrivateKey), crypto.SHA256, sum[:])
	case "HS256":
		mac := hmac.New(sha256.New, []byte("a shared secret of thirty-two b."))
		mac.Write([]byte(input))
		sig = mac.Sum(nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// ecdsaSign is the JWS signature of input (RFC 7518 §3.4): r and s, each
// padded to the curve's size.
func ecdsaSign(key *ecdsa.PrivateKey, input, alg string) ([]byte, error) {
	var digest []byte
	if alg == "ES256" {
		sum := sha256.Sum256([]byte(input))
		digest = sum[:]
	} else {
		sum := sha512.Sum384([]byte(input))
		digest = sum[:]
	}
	r, s, err := ecdsa.Sign(rand.Reader, key, digest)
	if err != nil {
		return nil, err
	}
	size := (key.Curve.Params().BitSize + 7) / 8
	return append(pad(r, size), pad(s, size)...), nil
}

func pad(n *big.Int, size int) []byte { return n.FillBytes(make([]byte, size)) }

// dpopWorld is a sandbox over loopback with one client of clientType.
type dpopWorld struct {
	sb             *Server
	base           string // srv.URL + api.APIPrefix
	id, secret     string
	clientResponse *api.CreateClientResponse
}

func newDPoPWorld(t testing.TB, cfg Config, clientType string) *dpopWorld {
	t.Helper()
	sb := New(cfg)
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	client, _ := api.New(srv.URL, sb.Token())
	resp, err := client.CreateOAuth2Client(context.Background(), api.CreateClientRequest{ApplicationName: "Deck Tracker",
		RedirectURIs: []string{"http://127.0.0.1:8765/cb"}, AllowedScopes: []string{"decks:read"}, ClientType: clientType})
	if err != nil {
		t.Fatal(err)
	}
	return &dpopWorld{sb: sb, base: srv.URL + api.APIPrefix, id: resp.Client.ClientID,
		secret: resp.PlaintextClientSecret.Reveal(), clientResponse: resp}
}

// tokenURL is the token endpoint, the htu of a proof for it.
func (w *dpopWorld) tokenURL() string { return w.base + api.TokenPath }

// post sends form to the endpoint at path as the client, with a DPoP
// header for each proof, and returns the answer, its body read.
func (w *dpopWorld) post(t testing.TB, path string, form url.Values, proofs ...string) (*http.Response, map[string]any) {
	t.Helper()
	if w.secret == "" {
		form.Set("client_id", w.id)
	}
	req, _ := http.NewRequest(http.MethodPost, w.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if w.secret != "" {
		req.SetBasicAuth(w.id, w.secret)
	}
	for _, p := range proofs {
		req.Header.Add("DPoP", p)
	}
	return send(t, req)
}

// send sends req and returns the answer with its JSON body decoded (nil for
// a body that is not a JSON object), for tests and benchmarks alike.
func send(t testing.TB, req *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp, out
}

// code walks the consent to a fresh code, as a browser allowing it would.
func (w *dpopWorld) code(t testing.TB) (code, verifier string) {
	t.Helper()
	verifier = randomString(32)
	q := url.Values{"response_type": {"code"}, "client_id": {w.id}, "redirect_uri": {"http://127.0.0.1:8765/cb"},
		"scope": {"decks:read"}, "state": {"s1"}, "code_challenge": {s256(verifier)}, "code_challenge_method": {"S256"}}
	loc, err := sandboxtest.Consent(w.base+api.AuthorizePath+"?"+q.Encode(), "allow")
	if err != nil {
		t.Fatal(err)
	}
	return loc.Query().Get("code"), verifier
}

// redeem redeems a code with proofs.
func (w *dpopWorld) redeem(t testing.TB, code, verifier string, proofs ...string) (*http.Response, map[string]any) {
	t.Helper()
	return w.post(t, api.TokenPath, url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {"http://127.0.0.1:8765/cb"}, "code_verifier": {verifier}}, proofs...)
}

// exchange walks the consent to a fresh code and redeems it with proofs.
func (w *dpopWorld) exchange(t testing.TB, proofs ...string) (*http.Response, map[string]any) {
	t.Helper()
	code, verifier := w.code(t)
	return w.redeem(t, code, verifier, proofs...)
}

// refresh redeems a refresh token with proofs.
func (w *dpopWorld) refresh(t testing.TB, token string, proofs ...string) (*http.Response, map[string]any) {
	t.Helper()
	return w.post(t, api.TokenPath, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {token}}, proofs...)
}

// introspect describes a token as its client sees it.
func (w *dpopWorld) introspect(t testing.TB, token string) map[string]any {
	t.Helper()
	_, info := w.post(t, api.IntrospectPath, url.Values{"token": {token}})
	return info
}

// signIn gets tokens bound to key, and fails the test otherwise.
func (w *dpopWorld) signIn(t *testing.T, key proofKey) (access, refresh string) {
	t.Helper()
	resp, body := w.exchange(t, key.proof(t, http.MethodPost, w.tokenURL(), ""))
	if resp.StatusCode != http.StatusOK || body["token_type"] != "DPoP" {
		t.Fatalf("sign-in with a proof: %d %v", resp.StatusCode, body)
	}
	refresh, _ = body["refresh_token"].(string)
	return body["access_token"].(string), refresh
}

// TestDPoPBoundClients: Config.DPoPBound makes every client DPoP-bound, as
// the partner admin's setting does, and the create's answer and the list say
// so (dpop_bound_access_tokens); without it, none is.
func TestDPoPBoundClients(t *testing.T) {
	for _, bound := range []bool{true, false} {
		w := newDPoPWorld(t, Config{DPoPBound: bound}, validate.ClientPublic)
		client, _ := api.New(strings.TrimSuffix(w.base, api.APIPrefix), w.sb.Token())
		list, err := client.ListOAuth2Clients(context.Background())
		if err != nil || len(list) != 1 || list[0].DPoPBoundAccessTokens != bound || w.clientResponse.Client.DPoPBoundAccessTokens != bound {
			t.Errorf("DPoPBound %t: created %+v, listed %+v, %v", bound, w.clientResponse.Client, list, err)
		}
	}
}
