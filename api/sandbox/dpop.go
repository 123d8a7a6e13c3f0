package sandbox

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// DPoP proofs (RFC 9449): what the token endpoint and the resource endpoint
// check of a request's DPoP header before they bind a token to a key or
// accept a bound one. The JWS itself is parsed and verified by go-jose, never
// by hand: the header is hostile input.

// dpopType is the typ a proof's header must name (RFC 9449 §4.2).
const dpopType = "dpop+jwt"

// proofWindow is how far a proof's iat may lie from the sandbox's clock,
// either way (§4.3 step 11, §11.1): a proof is made for one request, now.
const proofWindow = time.Minute

// minRSABits is the smallest RSA key RS256 may use (RFC 7518 §3.3).
const minRSABits = 2048

// Errors of a refused proof (RFC 9449 §5, §7.1, §8).
const (
	errInvalidProof = "invalid_dpop_proof"
	errUseNonce     = "use_dpop_nonce"
)

// dpopAlgs are the proof algorithms the docs list: asymmetric ones only,
// never none or an HMAC, which a public key in the header cannot check.
var dpopAlgs = []jose.SignatureAlgorithm{jose.ES256, jose.ES384, jose.EdDSA, jose.RS256}

// dpopAlgsParam is the algs parameter of a DPoP challenge (§7.1).
var dpopAlgsParam = func() string {
	names := make([]string, len(dpopAlgs))
	for i, alg := range dpopAlgs {
		names[i] = string(alg)
	}
	return strings.Join(names, " ")
}()

// proofClaims are the claims of a proof (§4.2). Iat is a pointer so that a
// missing one is told from 0.
type proofClaims struct {
	JTI   string   `json:"jti"`
	HTM   string   `json:"htm"`
	HTU   string   `json:"htu"`
	IAT   *float64 `json:"iat"`
	ATH   string   `json:"ath"`
	Nonce string   `json:"nonce"`
}

// hasProof reports whether the request carries a DPoP header at all.
func hasProof(r *http.Request) bool { return len(r.Header.Values("DPoP")) > 0 }

// checkProof checks the request's DPoP proof as RFC 9449 §4.3 lists it and
// returns the RFC 7638 thumbprint of its key. accessToken is the token the
// request presents, whose hash the proof must carry (ath), or "" at the token
// endpoint; nonce asks for a nonce the sandbox issued (§8), whose absence is
// use_dpop_nonce rather than invalid_dpop_proof. The jti of a proof that
// passes is remembered, so a second use fails.
func (s *Server) checkProof(r *http.Request, accessToken string, nonce bool) (jkt string, _ *oauthError) {
	refuse := func(description string) (string, *oauthError) {
		return "", &oauthError{errInvalidProof, description}
	}
	values := r.Header.Values("DPoP")
	switch {
	case len(values) == 0:
		return refuse("A DPoP proof is required: a DPoP header with a proof JWT signed by the client's key.")
	case len(values) > 1:
		return refuse("A request carries one DPoP header, not " + strconv.Itoa(len(values)) + ".")
	}
	jws, err := jose.ParseSignedCompact(values[0], dpopAlgs)
	var wrongAlg *jose.ErrUnexpectedSignatureAlgorithm
	switch {
	case errors.As(err, &wrongAlg):
		return refuse("The proof's alg must be one of " + dpopAlgsParam + ", not " + strconv.Quote(string(wrongAlg.Got)) + ".")
	case err != nil:
		return refuse("The proof is not a compact JWS with a public jwk in its header: " + err.Error())
	}
	header := jws.Signatures[0].Protected
	if typ, _ := header.ExtraHeaders[jose.HeaderType].(string); typ != dpopType {
		return refuse("The proof's typ must be " + dpopType + ".")
	}
	key := header.JSONWebKey
	if key == nil {
		return refuse("The proof's header must carry the client's public key (jwk).")
	}
	if rsaKey, ok := key.Key.(*rsa.PublicKey); ok && rsaKey.N.BitLen() < minRSABits {
		return refuse("An RS256 key must have at least " + strconv.Itoa(minRSABits) + " bits.")
	}
	payload, err := jws.Verify(key)
	if err != nil {
		return refuse("The proof's signature does not verify with the key in its header.")
	}
	var claims proofClaims
	if json.Unmarshal(payload, &claims) != nil {
		return refuse("The proof's claims are not a JSON object of the types RFC 9449 gives them.")
	}
	if claims.JTI == "" || claims.HTM == "" || claims.HTU == "" || claims.IAT == nil {
		return refuse("The proof must carry jti, htm, htu and iat.")
	}
	if claims.HTM != r.Method {
		return refuse("The proof's htm must be the request's method, " + r.Method + ".")
	}
	want := s.issuer(r) + r.URL.EscapedPath()
	if normalizeHTU(claims.HTU) != normalizeHTU(want) {
		return refuse("The proof's htu must be the request's URL without query and fragment, " + want + ".")
	}
	at := time.Now()
	age := float64(at.UnixNano())/1e9 - *claims.IAT
	if math.Abs(age) > proofWindow.Seconds() {
		return refuse("The proof's iat must be within " + strconv.Itoa(int(proofWindow.Seconds())) + " seconds of the server's clock: make a fresh proof for each request.")
	}
	if accessToken != "" && claims.ATH != accessTokenHash(accessToken) {
		return refuse("The proof's ath must be the base64url SHA-256 of the access token.")
	}
	if jkt, err = thumbprint(key); err != nil {
		return refuse("The proof's key has no thumbprint: " + err.Error())
	}
	if nonce && !s.dpop.nonces.valid(claims.Nonce) {
		return "", &oauthError{errUseNonce, "The proof must carry the nonce of the DPoP-Nonce header."}
	}
	if !s.dpop.replay.firstUse(claims.JTI, at.Add(proofWindow-time.Duration(age*float64(time.Second)))) {
		return refuse("The proof's jti was used before: make a fresh proof for each request.")
	}
	return jkt, nil
}

// normalizeHTU is an htu without query and fragment, with the syntax- and
// scheme-based normalization of RFC 3986 §6.2.2 and §6.2.3 that RFC 9449
// §4.3 asks for: scheme and host in lower case, no default port, an empty
// path as "/", percent-encodings in one form. A URL that does not parse is
// kept as it is, and matches nothing the sandbox serves.
func normalizeHTU(htu string) string {
	u, err := url.Parse(htu)
	if err != nil || u.Host == "" {
		return htu
	}
	scheme, host := strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if (scheme == "http" && strings.HasSuffix(host, ":80")) || (scheme == "https" && strings.HasSuffix(host, ":443")) {
		host = host[:strings.LastIndex(host, ":")]
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return scheme + "://" + host + path
}

// accessTokenHash is a proof's ath for token: base64url, without padding, of
// its SHA-256 (§4.2).
func accessTokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// thumbprint is the RFC 7638 SHA-256 thumbprint of a key, base64url: the
// jkt a bound token's cnf names (§6).
func thumbprint(key *jose.JSONWebKey) (string, error) {
	sum, err := key.Thumbprint(crypto.SHA256)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(sum), nil
}
