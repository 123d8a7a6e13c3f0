package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// Lifetimes of what the OAuth endpoints issue, as the docs give them.
const (
	codeLifetime    = time.Minute
	accessLifetime  = time.Hour
	refreshLifetime = 30 * 24 * time.Hour
)

// authCode is an authorization code: single-use, short-lived, bound to its
// client, redirect URI and PKCE challenge.
type authCode struct {
	clientID, redirectURI, challenge, scope string
	expires                                 time.Time
	used                                    bool
	// grant names the tokens its redemption issued, so that a second
	// redemption can revoke them (RFC 6749 §4.1.2).
	grant string
}

// issued is an access or refresh token.
type issued struct {
	clientID, scope string
	// grant is the authorization the token descends from: one code's
	// redemption and every refresh after it. Revoking a refresh token ends
	// the grant (RFC 7009 §2.1).
	grant   string
	refresh bool
	expires time.Time
	revoked bool
}

// oauthState holds the codes and tokens the OAuth endpoints issued, and the
// tickets of the consent pages shown (decision.go).
type oauthState struct {
	codes    map[string]*authCode
	tokens   map[string]*issued
	consents map[string]*consentTicket
}

// authorizeRequest is a checked /authorize request.
type authorizeRequest struct {
	client                          api.OAuth2Client
	redirectURI, state, scope       string
	challenge, method, responseType string
}

// oauthError is an RFC 6749 error.
type oauthError struct {
	Code        string `json:"error"`
	Description string `json:"error_description"`
}

// issuer is the issuer this sandbox names in its callbacks (iss), as the
// real API names https://api.flexslot.gg: Config.Issuer, or else the base URL
// of the address the request came in on. Never the Host header, which the
// browser (or whoever sent the request) chose (RFC 9207 §2.4).
func (s *Server) issuer(r *http.Request) string {
	if s.cfg.Issuer != "" {
		return s.cfg.Issuer
	}
	if addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		return "http://" + addr.String()
	}
	return api.DefaultBaseURL
}

// checkAuthorize reads an /authorize request. A request whose client is
// unknown or whose redirect URI matches none of the client's gets an error
// page (page set); any other problem goes back on the redirect (redirect
// error set): it is never sent anywhere but a registered URI. A
// code_challenge not shaped as an S256 one is such a problem: a malformed
// parameter, invalid_request (RFC 6749 §4.1.2.1).
func (s *Server) checkAuthorize(q url.Values) (req authorizeRequest, page string, redirect *oauthError) {
	req = authorizeRequest{redirectURI: q.Get("redirect_uri"), state: q.Get("state"), scope: q.Get("scope"),
		challenge: q.Get("code_challenge"), method: q.Get("code_challenge_method"), responseType: q.Get("response_type")}
	client, ok := s.client(q.Get("client_id"))
	if !ok {
		return req, "The client_id is not a registered client.", nil
	}
	req.client = client
	if !redirectMatches(client.RedirectURIs, req.redirectURI) {
		return req, "The redirect_uri does not match any redirect URI registered for this client. " +
			"It must match byte for byte (only the port of a 127.0.0.1 or [::1] redirect may differ).", nil
	}
	switch {
	case req.state == "":
		return req, "", &oauthError{"invalid_request", "state is required: a random value, checked on the callback."}
	case req.responseType != "code":
		return req, "", &oauthError{"unsupported_response_type", "response_type must be code."}
	case client.Status != api.StatusActive || !slices.Contains(client.GrantTypes, validate.GrantAuthorizationCode):
		return req, "", &oauthError{"unauthorized_client", "This client may not use the authorization code grant."}
	case req.challenge == "" || req.method != "S256":
		return req, "", &oauthError{"invalid_request", "PKCE is required: code_challenge with code_challenge_method=S256."}
	case challengeProblem(req.challenge) != "":
		return req, "", &oauthError{"invalid_request", challengeProblem(req.challenge)}
	case strings.TrimSpace(req.scope) == "":
		return req, "", &oauthError{"invalid_request", "scope is required."}
	}
	for _, sc := range strings.Fields(req.scope) {
		if !slices.Contains(client.AllowedScopes, sc) {
			return req, "", &oauthError{"invalid_scope", "The scope " + sc + " is not among the client's allowed scopes."}
		}
	}
	return req, "", nil
}

// redirectMatches reports whether uri is one of registered, byte for byte,
// but for the port of a 127.0.0.1 or [::1] redirect (RFC 8252 §7.3): the
// strings are compared with the port taken out, so nothing else may differ
// (no user info, no fragment, no other escaping of the path).
func redirectMatches(registered []string, uri string) bool {
	if slices.Contains(registered, uri) {
		return true
	}
	bare, ok := withoutLoopbackPort(uri)
	if !ok {
		return false
	}
	return slices.ContainsFunc(registered, func(r string) bool {
		rb, ok := withoutLoopbackPort(r)
		return ok && rb == bare
	})
}

// withoutLoopbackPort is uri with the port of its loopback host taken out,
// when it is http://127.0.0.1 or http://[::1], a port or none, then a path,
// a query or nothing; ok is false for any other uri.
func withoutLoopbackPort(uri string) (string, bool) {
	for _, host := range []string{"http://127.0.0.1", "http://[::1]"} {
		rest, found := strings.CutPrefix(uri, host)
		if !found {
			continue
		}
		if port, ok := strings.CutPrefix(rest, ":"); ok {
			end := strings.IndexAny(port, "/?")
			if end < 0 {
				end = len(port)
			}
			if n, err := strconv.Atoi(port[:end]); err != nil || n < 1 || n > 65535 || port[0] == '0' || port[0] == '+' {
				return "", false
			}
			rest = port[end:]
		}
		if rest != "" && rest[0] != '/' && rest[0] != '?' {
			return "", false
		}
		return host + rest, true
	}
	return "", false
}

// client finds a client by id.
func (s *Server) client(id string) (api.OAuth2Client, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.clients, func(c api.OAuth2Client) bool { return c.ClientID == id })
	if i < 0 {
		return api.OAuth2Client{}, false
	}
	return s.clients[i], true
}

// authorize shows the consent page (GET) and takes the user's decision (POST).
// A decision is taken only from the form of a page shown, once, before it
// expires, and only when a browser sent it from the sandbox's own origin
// (decision.go): anything else gets a 403 page, never a redirect.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet, http.MethodPost) {
		return
	}
	params := r.URL.Query()
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err != nil {
			writeErrorPage(w, http.StatusBadRequest, "The form could not be read.")
			return
		}
		params = r.PostForm
		if why := s.foreignPost(r); why != "" {
			writeErrorPage(w, http.StatusForbidden, why)
			return
		}
		if why := s.takeConsentToken(params); why != "" {
			writeErrorPage(w, http.StatusForbidden, why)
			return
		}
	}
	req, page, redirectErr := s.checkAuthorize(params)
	switch {
	case page != "":
		writeErrorPage(w, http.StatusBadRequest, page)
	case redirectErr != nil:
		s.redirectBack(w, r, req, url.Values{"error": {redirectErr.Code}, "error_description": {redirectErr.Description}})
	case r.Method == http.MethodGet:
		writeConsent(w, req, params, s.newConsentToken(params))
	case params.Get("decision") == "allow":
		s.redirectBack(w, r, req, url.Values{"code": {s.newCode(req)}})
	default:
		s.redirectBack(w, r, req, url.Values{"error": {"access_denied"}, "error_description": {"The user denied access."}})
	}
}

// redirectBack sends the browser to the request's redirect URI with values,
// state and iss.
func (s *Server) redirectBack(w http.ResponseWriter, r *http.Request, req authorizeRequest, values url.Values) {
	if req.state != "" {
		values.Set("state", req.state)
	}
	values.Set("iss", s.issuer(r))
	target, _ := url.Parse(req.redirectURI)
	q := target.Query()
	for k, v := range values {
		q[k] = v
	}
	target.RawQuery = q.Encode()
	http.Redirect(w, r, target.String(), http.StatusFound)
}

// newCode issues an authorization code for req.
func (s *Server) newCode(req authorizeRequest) string {
	code := randomString(32)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oauth().codes[code] = &authCode{clientID: req.client.ClientID, redirectURI: req.redirectURI,
		challenge: req.challenge, scope: req.scope, expires: now().Add(codeLifetime)}
	return code
}

// oauth returns the OAuth state, made on first use; s.mu must be held.
func (s *Server) oauth() *oauthState {
	if s.oauthState == nil {
		s.oauthState = &oauthState{codes: map[string]*authCode{}, tokens: map[string]*issued{}, consents: map[string]*consentTicket{}}
	}
	return s.oauthState
}

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
	case client.ClientType == validate.ClientConfidential && !s.SecretIsCurrent(id, secret):
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
	answer, grantErr := s.issue(client, grantType, r.PostForm)
	if grantErr != nil {
		writeOAuthError(w, http.StatusBadRequest, *grantErr)
		return
	}
	writeJSON(w, http.StatusOK, answer)
}

// issue redeems the grant and issues its tokens, in one critical section from
// the check to the tokens: a code redeemed twice at once still gives tokens
// once, and its second redemption finds the first one's tokens to revoke.
// The answer is written after, outside the lock.
func (s *Server) issue(client api.OAuth2Client, grantType string, form url.Values) (map[string]any, *oauthError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var scope, grant string
	var grantErr *oauthError
	if grantType == validate.GrantAuthorizationCode {
		scope, grant, grantErr = s.redeemCode(client, form)
	} else {
		scope, grant, grantErr = s.redeemRefresh(client, form)
	}
	if grantErr != nil {
		return nil, grantErr
	}
	at := now()
	access := randomString(32)
	s.oauth().tokens[access] = &issued{clientID: client.ClientID, scope: scope, grant: grant, expires: at.Add(accessLifetime)}
	answer := map[string]any{"access_token": access, "token_type": "Bearer",
		"expires_in": int(accessLifetime / time.Second), "scope": scope}
	// A refresh token only to a client that may use the refresh grant.
	if slices.Contains(client.GrantTypes, validate.GrantRefreshToken) {
		refresh := randomString(32)
		s.oauth().tokens[refresh] = &issued{clientID: client.ClientID, scope: scope, grant: grant, refresh: true, expires: at.Add(refreshLifetime)}
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
// narrow. s.mu must be held.
func (s *Server) redeemRefresh(client api.OAuth2Client, form url.Values) (scope, grant string, _ *oauthError) {
	old, ok := s.oauth().tokens[form.Get("refresh_token")]
	if !ok || !old.refresh || old.revoked || now().After(old.expires) || old.clientID != client.ClientID {
		return "", "", &oauthError{"invalid_grant", "The refresh token is invalid, expired or revoked."}
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
	s.mu.Lock()
	if t, ok := s.oauth().tokens[token]; ok && t.clientID == client.ClientID {
		t.revoked = true
		if t.refresh {
			s.revokeGrant(t.grant)
		}
	}
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// introspect describes a token to the client that it was issued to (RFC 7662).
func (s *Server) introspect(w http.ResponseWriter, r *http.Request) {
	client, ok := s.clientPost(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	t, ok := s.oauth().tokens[r.PostForm.Get("token")]
	active := ok && !t.revoked && now().Before(t.expires) && t.clientID == client.ClientID
	var answer map[string]any
	if active {
		answer = map[string]any{"active": true, "client_id": t.clientID, "scope": t.scope, "exp": t.expires.Unix()}
		// token_type is the type of RFC 6749 §5.1 (RFC 7662 §2.2), which an
		// access token has and a refresh token does not.
		if !t.refresh {
			answer["token_type"] = "Bearer"
		}
	}
	s.mu.Unlock()
	if answer == nil {
		answer = map[string]any{"active": false}
	}
	writeJSON(w, http.StatusOK, answer)
}

// decks is the one read endpoint of the sandbox: the user's decks (none), for
// an OAuth access token with a decks scope.
func (s *Server) decks(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet) {
		return
	}
	bearer, ok := bearerToken(r.Header.Get("Authorization"))
	s.mu.Lock()
	t, found := s.oauth().tokens[bearer]
	valid := ok && found && !t.refresh && !t.revoked && now().Before(t.expires)
	scoped := valid && slices.ContainsFunc(strings.Fields(t.scope), func(sc string) bool { return sc == "decks:read" || sc == "decks:write" })
	s.mu.Unlock()
	switch {
	case !ok:
		// No token at all: a challenge with no error (RFC 6750 §3.1).
		writeUnauthorized(w, "Authentication credentials were not provided.")
	case !valid:
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeOAuthError(w, http.StatusUnauthorized, oauthError{"invalid_token", "The access token is invalid, expired or revoked."})
	case !scoped:
		w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope", scope="decks:read"`)
		writeOAuthError(w, http.StatusForbidden, oauthError{"insufficient_scope", "This call needs decks:read."})
	default:
		writeJSON(w, http.StatusOK, map[string]any{"count": 0, "results": []any{}})
	}
}

// writeOAuthError answers an RFC 6749 error.
func writeOAuthError(w http.ResponseWriter, status int, e oauthError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(e)
}

// randomString is n random bytes, base64url.
func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
