package signin

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// DPoP (RFC 9449): a sign-in with a DPoP-bound client, or with
// Options.DPoP, makes a key pair for the run, signs a proof for each request
// with it, and expects tokens bound to it. The key lives in memory only, for
// one sign-in: nothing is written, and the test tokens are revoked anyway.

// Token types of a token answer (RFC 6749 §5.1, RFC 9449 §5), compared
// without regard to case.
const (
	tokenTypeDPoP   = "DPoP"
	tokenTypeBearer = "Bearer"
)

// DPoP's error codes (RFC 9449 §8, §12.2).
const (
	// ErrUseDPoPNonce asks for a proof with the server's nonce, which its
	// DPoP-Nonce header carries: the request is sent again once with it.
	ErrUseDPoPNonce = "use_dpop_nonce"
	// ErrInvalidDPoPProof is a proof the server refused.
	ErrInvalidDPoPProof = "invalid_dpop_proof"
)

// nonceHeader carries a server's nonce for the next proofs (RFC 9449 §8).
const nonceHeader = "DPoP-Nonce"

// prover signs the proofs of one sign-in with its own ES256 key, the one
// alg every server that speaks DPoP takes (the docs: "Use ES256").
type prover struct {
	signer jose.Signer
	// jkt is the key's RFC 7638 thumbprint: the cnf.jkt of a token bound to
	// it (RFC 9449 §6.1).
	jkt string

	mu sync.Mutex
	// nonces are the latest nonce each server gave (RFC 9449 §8, §9): the
	// authorization server's at "token", the resource server's at "call".
	nonces map[string]string
}

// newProver makes a fresh key pair and the signer that embeds its public
// half in each proof's header (jwk) with typ dpop+jwt (RFC 9449 §4.2).
func newProver() (*prover, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key},
		(&jose.SignerOptions{EmbedJWK: true}).WithType("dpop+jwt"))
	if err != nil {
		return nil, err
	}
	public := jose.JSONWebKey{Key: &key.PublicKey}
	sum, err := public.Thumbprint(crypto.SHA256)
	if err != nil {
		return nil, err
	}
	return &prover{signer: signer, jkt: base64.RawURLEncoding.EncodeToString(sum), nonces: map[string]string{}}, nil
}

// proofClaims are a proof's claims (RFC 9449 §4.2).
type proofClaims struct {
	JTI   string `json:"jti"`
	HTM   string `json:"htm"`
	HTU   string `json:"htu"`
	IAT   int64  `json:"iat"`
	ATH   string `json:"ath,omitempty"`
	Nonce string `json:"nonce,omitempty"`
}

// proof is a fresh proof for one request: method to htu (the URL built from
// the base URL the sign-in was given, without query and fragment), with the
// hash of accessToken when one is presented, and the latest nonce server
// gave.
func (p *prover) proof(server, method, htu, accessToken string) (string, error) {
	claims := proofClaims{JTI: random(16), HTM: method, HTU: htu, IAT: time.Now().Unix(), Nonce: p.nonce(server)}
	if accessToken != "" {
		sum := sha256.Sum256([]byte(accessToken))
		claims.ATH = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	jws, err := p.signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}

// nonce is the latest nonce server gave, or "".
func (p *prover) nonce(server string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.nonces[server]
}

// keepNonce keeps the nonce of an answer from server, when it carries one:
// a server may send a new one with any answer, and the latest is the one
// to use (RFC 9449 §8.2).
func (p *prover) keepNonce(server string, resp *http.Response) {
	if nonce := resp.Header.Get(nonceHeader); nonce != "" {
		p.mu.Lock()
		p.nonces[server] = nonce
		p.mu.Unlock()
	}
}

// asksNonce reports whether a resource server's answer asks for a proof with
// its nonce: 401 with a DPoP challenge of error use_dpop_nonce and a
// DPoP-Nonce header (RFC 9449 §9).
func asksNonce(resp *http.Response) bool {
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get(nonceHeader) == "" {
		return false
	}
	for _, challenge := range resp.Header.Values("WWW-Authenticate") {
		if strings.Contains(challenge, `error="`+ErrUseDPoPNonce+`"`) {
			return true
		}
	}
	return false
}

// Servers whose nonces a prover keeps apart (RFC 9449 §9: the resource
// server's nonce is its own).
const (
	authorizationServer = "token"
	resourceServer      = "call"
)
