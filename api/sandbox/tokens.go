package sandbox

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// The endpoints an OAuth client calls with its credentials: the token
// endpoint (codes and refresh tokens), revocation and introspection, and the
// resource a token opens (GET /decks/).

// authenticateClient reads the client's credentials: HTTP Basic, or
// client_id (and client_secret) in the body. A confidential client must
// give its current secret; a public one, only its id.
func (s *Server) authenticateClient(r *http.Request) (api.OAuth2Client, *oauthError) {
	id, secret, basic := r.BasicAuth()
	if basic {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	client, ok := s.client(id)
	switch {
	case !ok:
		return client, &oauthError{"invalid_client", "Unknown client."}
	case client.ClientType == validate.ClientConfidential && !s.secretIsCurrent(id, secret):
		return client, &oauthError{"invalid_client", "Client authentication failed."}
	}
	return client, nil
}

// clientPost reads a POSTed form from an authenticated client, the start of
// the token, revocation and introspection endpoints alike. It answers
// whatever is wrong itself and reports whether to go on. A client that fails
// authentication gets 401 with WWW-Authenticate, as RFC 6749 §5.2 asks of
// the token endpoint and RFC 7009 and 7662 of the other two.
func (s *Server) clientPost(w http.ResponseWriter, r *http.Request) (api.OAuth2Client, bool) {
	if !allow(w, r, http.MethodPost) {
		return api.OAuth2Client{}, false
	}
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, http.StatusBadRequest, oauthError{"invalid_request", "The body could not be read."})
		return api.OAuth2Client{}, false
	}
	client, authErr := s.authenticateClient(r)
	if authErr != nil {
		w.Header().Set("WWW-Authenticate", `Basic realm="oauth"`)
		writeOAuthError(w, http.StatusUnauthorized, *authErr)
		return api.OAuth2Client{}, false
	}
	return client, true
}

// token exchanges an authorization code, or rotates a refresh token. Its
// answers, tokens or errors, are never cached (RFC 6749 §5.1).
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	client, ok := s.clientPost(w, r)
	if !ok {
		return
	}
	grantType := r.PostForm.Get("grant_type")
	if grantType != validate.GrantAuthorizationCode && grantType != validate.GrantRefreshToken {
		writeOAuthError(w, http.StatusBadRequest, oauthError{"unsupported_grant_type", "grant_type must be authorization_code or refresh_token."})
		return
	}
	if !slices.Contains(client.GrantTypes, grantType) {
		writeOAuthError(w, http.StatusBadRequest, oauthError{"unauthorized_client", "This client may not use the " + grantType + " grant."})
		return
	}
	// A proof before the grant: a refused one spends no code (RFC 9449 §5).
	var jkt string
	if hasProof(r) || client.DPoPBoundAccessTokens {
		var proofErr *oauthError
		if jkt, proofErr = s.checkProof(r, "", s.cfg.DPoPNonce); proofErr != nil {
			if proofErr.Code == errUseNonce {
				w.Header().Set("DPoP-Nonce", s.dpop.nonces.fresh())
			}
			writeOAuthError(w, http.StatusBadRequest, *proofErr)
			return
		}
	}
	answer, grantErr := s.issue(client, grantType, r.PostForm, jkt)
	if grantErr != nil {
		status := http.StatusBadRequest
		if grantErr.Code == errServer {
			status = http.StatusInternalServerError
		}
		writeOAuthError(w, status, *grantErr)
		return
	}
	if s.cfg.DPoPNonce {
		w.Header().Set("DPoP-Nonce", s.dpop.nonces.fresh())
	}
	writeJSON(w, http.StatusOK, answer)
}

// issue redeems the grant and issues its tokens, in one critical section from
// the check to the tokens: a code redeemed twice at once still gives tokens
// once, and its second redemption finds the first one's tokens to revoke.
// The answer is written after, outside the lock. jkt is the thumbprint of
// the key of the request's DPoP proof, or "": the access token is bound to
// it, and so is a public client's refresh token (RFC 9449 §5); a
// confidential client's is bound to the client by its authentication.
func (s *Server) issue(client api.OAuth2Client, grantType string, form url.Values, jkt string) (answer map[string]any, grantErr *oauthError) {
	err := s.change(func() { answer, grantErr = s.issueLocked(client, grantType, form, jkt) })
	if err != nil {
		return nil, &oauthError{errServer, err.Error()}
	}
	return answer, grantErr
}

// errServer is RFC 6749's error for a server that could not answer: here, a
// state file that did not take the tokens.
const errServer = "server_error"

// issueLocked is issue's critical section; s.mu must be held.
func (s *Server) issueLocked(client api.OAuth2Client, grantType string, form url.Values, jkt string) (map[string]any, *oauthError) {
	var scope, grant string
	var grantErr *oauthError
	if grantType == validate.GrantAuthorizationCode {
		scope, grant, grantErr = s.redeemCode(client, form)
	} else {
		scope, grant, grantErr = s.redeemRefresh(client, form, jkt)
	}
	if grantErr != nil {
		return nil, grantErr
	}
	at := now()
	access := randomString(32)
	s.oauth().tokens[tokenKey(access)] = &issued{clientID: client.ClientID, scope: scope, grant: grant, jkt: jkt, expires: at.Add(accessLifetime)}
	tokenType := "Bearer"
	if jkt != "" {
		tokenType = "DPoP"
	}
	answer := map[string]any{"access_token": access, "token_type": tokenType,
		"expires_in": int(accessLifetime / time.Second), "scope": scope}
	// A refresh token only to a client that may use the refresh grant.
	if slices.Contains(client.GrantTypes, validate.GrantRefreshToken) {
		refresh := randomString(32)
		t := &issued{clientID: client.ClientID, scope: scope, grant: grant, refresh: true, expires: at.Add(refreshLifetime)}
		if client.ClientType == validate.ClientPublic {
			t.jkt = jkt
		}
		s.oauth().tokens[tokenKey(refresh)] = t
		answer["refresh_token"] = refresh
	}
	return answer, nil
}

// redeemCode checks an authorization code against the client, the redirect
// URI and the PKCE verifier (its shape, then its hash), and returns its scope
// and a new grant. A code is good once: any attempt burns it, a malformed
// verifier's too, and a second redemption of a redeemed code revokes what the
// first issued. s.mu must be held.
func (s *Server) redeemCode(client api.OAuth2Client, form url.Values) (scope, grant string, _ *oauthError) {
	code, ok := s.oauth().codes[form.Get("code")]
	invalid := &oauthError{"invalid_grant", "The authorization code is invalid, expired or already used."}
	if !ok {
		return "", "", invalid
	}
	used := code.used
	code.used = true
	sum := sha256.Sum256([]byte(form.Get("code_verifier")))
	switch {
	case used:
		s.revokeGrant(code.grant)
		return "", "", invalid
	case now().After(code.expires) || code.clientID != client.ClientID:
		return "", "", invalid
	case code.redirectURI != form.Get("redirect_uri"):
		return "", "", &oauthError{"invalid_grant", "redirect_uri does not match the one of the authorization request."}
	case verifierProblem(form.Get("code_verifier")) != "":
		return "", "", &oauthError{"invalid_grant", verifierProblem(form.Get("code_verifier"))}
	case base64.RawURLEncoding.EncodeToString(sum[:]) != code.challenge:
		return "", "", &oauthError{"invalid_grant", "The PKCE code_verifier does not match the code_challenge."}
	}
	code.grant = randomString(16)
	return code.scope, code.grant, nil
}

// redeemRefresh rotates a refresh token, within its grant; scope may only
// narrow. A refresh token bound to a DPoP key needs a proof with that key,
// jkt its thumbprint (RFC 9449 §5); without one it is refused unspent, so
// that whoever stole it cannot spend it for its client either. s.mu must be
// held.
func (s *Server) redeemRefresh(client api.OAuth2Client, form url.Values, jkt string) (scope, grant string, _ *oauthError) {
	old, ok := s.oauth().tokens[tokenKey(form.Get("refresh_token"))]
	if !ok || !old.refresh || old.revoked || now().After(old.expires) || old.clientID != client.ClientID {
		return "", "", &oauthError{"invalid_grant", "The refresh token is invalid, expired or revoked."}
	}
	if old.jkt != "" && old.jkt != jkt {
		return "", "", &oauthError{errInvalidProof, "This refresh token is DPoP-bound: the refresh needs a proof signed with its key."}
	}
	scope = old.scope
	if want := form.Get("scope"); want != "" {
		for _, sc := range strings.Fields(want) {
			if !slices.Contains(strings.Fields(old.scope), sc) {
				return "", "", &oauthError{"invalid_scope", "A refresh may only narrow the scope."}
			}
		}
		scope = want
	}
	old.revoked = true // rotation: the old refresh token is spent
	return scope, old.grant, nil
}

// revokeGrant revokes every token of a grant; s.mu must be held.
func (s *Server) revokeGrant(grant string) {
	if grant == "" {
		return
	}
	for _, t := range s.oauth().tokens {
		if t.grant == grant {
			t.revoked = true
		}
	}
}

// revoke revokes a token of the calling client (RFC 7009): 200 whatever the
// token was, and for a refresh token every token of its grant (§2.1). The
// token parameter is required (400 invalid_request without it).
func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	client, ok := s.clientPost(w, r)
	if !ok {
		return
	}
	token := r.PostForm.Get("token")
	if token == "" {
		writeOAuthError(w, http.StatusBadRequest, oauthError{"invalid_request", "token is required."})
		return
	}
	err := s.change(func() {
		if t, ok := s.oauth().tokens[tokenKey(token)]; ok && t.clientID == client.ClientID {
			t.revoked = true
			if t.refresh {
				s.revokeGrant(t.grant)
			}
		}
	})
	if err != nil {
		writeOAuthError(w, http.StatusInternalServerError, oauthError{errServer, err.Error()})
		return
	}
	w.WriteHeader(http.StatusOK)
}

// introspect describes a token to the client that it was issued to (RFC 7662).
func (s *Server) introspect(w http.ResponseWriter, r *http.Request) {
	client, ok := s.clientPost(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	t, ok := s.oauth().tokens[tokenKey(r.PostForm.Get("token"))]
	active := ok && !t.revoked && now().Before(t.expires) && t.clientID == client.ClientID
	var answer map[string]any
	if active {
		answer = map[string]any{"active": true, "client_id": t.clientID, "scope": t.scope, "exp": t.expires.Unix()}
		// token_type is the type of RFC 6749 §5.1 (RFC 7662 §2.2), which an
		// access token has and a refresh token does not.
		if !t.refresh {
			answer["token_type"] = "Bearer"
		}
		// A bound token says so, and to which key (RFC 9449 §6.2).
		if t.jkt != "" {
			answer["cnf"] = map[string]string{"jkt": t.jkt}
			if !t.refresh {
				answer["token_type"] = "DPoP"
			}
		}
	}
	s.mu.Unlock()
	if answer == nil {
		answer = map[string]any{"active": false}
	}
	writeJSON(w, http.StatusOK, answer)
}

// decks is the one read endpoint of the sandbox: the user's decks (none), for
// an OAuth access token with a decks scope, bearer or DPoP-bound
// (resource.go).
func (s *Server) decks(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet) {
		return
	}
	access, ok := s.resourceToken(w, r)
	if !ok {
		return
	}
	if !slices.ContainsFunc(strings.Fields(access.scope), func(sc string) bool { return sc == "decks:read" || sc == "decks:write" }) {
		writeChallenge(w, http.StatusForbidden, access.dpop, oauthError{"insufficient_scope", "This call needs decks:read."}, `, scope="decks:read"`)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": 0, "results": []any{}})
}
