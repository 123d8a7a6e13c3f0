package sandbox

import (
	"net/http"
	"strings"
)

// How a resource endpoint reads the access token it is called with: a
// bearer token (RFC 6750), or a DPoP-bound one with a proof of its key
// (RFC 9449 §7). GET /decks/ is the sandbox's one endpoint that takes a
// user's token; the partner endpoints take a personal access token (authed).

// resourceAccess is what a resource endpoint learns of an accepted token.
type resourceAccess struct {
	scope string
	// dpop is true for a bound token with its proof: a later challenge
	// (insufficient_scope) is then in the DPoP scheme.
	dpop bool
}

// authorization splits an Authorization header into its scheme, in lower
// case (RFC 7235 §2.1), and its credentials.
func authorization(header string) (scheme, token string) {
	scheme, token, _ = strings.Cut(strings.TrimSpace(header), " ")
	return strings.ToLower(scheme), strings.TrimSpace(token)
}

// resourceToken reads the request's access token. It answers a problem
// itself, and ok is false then: no token gets both challenges with no error
// (RFC 6750 §3.1, RFC 9449 §7.1); an unknown, expired or revoked token
// invalid_token; a bound token sent as Bearer, an unbound one sent as DPoP or
// a proof of another key invalid_token in the DPoP scheme; a missing or bad
// proof invalid_dpop_proof.
func (s *Server) resourceToken(w http.ResponseWriter, r *http.Request) (access resourceAccess, ok bool) {
	scheme, token := authorization(r.Header.Get("Authorization"))
	dpop := scheme == "dpop"
	if token == "" || (scheme != "bearer" && !dpop) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
		w.Header().Add("WWW-Authenticate", `DPoP algs="`+dpopAlgsParam+`"`)
		writeDetail(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
		return access, false
	}
	s.mu.Lock()
	t, found := s.oauth().tokens[tokenKey(token)]
	valid := found && !t.refresh && !t.revoked && now().Before(t.expires)
	var jkt string
	if valid {
		access.scope, jkt = t.scope, t.jkt
	}
	s.mu.Unlock()
	switch {
	case !valid:
		writeChallenge(w, http.StatusUnauthorized, dpop, oauthError{"invalid_token", "The access token is invalid, expired or revoked."}, "")
		return access, false
	case !dpop && jkt != "":
		writeChallenge(w, http.StatusUnauthorized, true, oauthError{"invalid_token",
			"This access token is DPoP-bound: send it as Authorization: DPoP, with a proof signed by its key."}, "")
		return access, false
	case !dpop:
		return access, true
	}
	proofJKT, proofErr := s.checkProof(r, token, false)
	switch {
	case proofErr != nil:
		writeChallenge(w, http.StatusUnauthorized, true, *proofErr, "")
		return access, false
	case jkt == "":
		writeChallenge(w, http.StatusUnauthorized, true, oauthError{"invalid_token",
			"This access token is not DPoP-bound: send it as Authorization: Bearer."}, "")
		return access, false
	case proofJKT != jkt:
		writeChallenge(w, http.StatusUnauthorized, true, oauthError{"invalid_token",
			"The proof is signed by another key than the one this access token is bound to."}, "")
		return access, false
	}
	access.dpop = true
	return access, true
}

// writeChallenge answers e with its WWW-Authenticate challenge, in the DPoP
// scheme with the algorithms the sandbox takes (RFC 9449 §7.1) or in the
// Bearer one (RFC 6750 §3); params are further parameters, such as scope.
func writeChallenge(w http.ResponseWriter, status int, dpop bool, e oauthError, params string) {
	challenge := `Bearer error="` + e.Code + `"` + params
	if dpop {
		challenge = `DPoP error="` + e.Code + `"` + params + `, algs="` + dpopAlgsParam + `"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	writeOAuthError(w, status, e)
}
