package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
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
}

// issued is an access or refresh token.
type issued struct {
	clientID, scope string
	refresh         bool
	expires         time.Time
	revoked         bool
}

// oauthState holds the codes and tokens the OAuth endpoints issued.
type oauthState struct {
	codes  map[string]*authCode
	tokens map[string]*issued
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

// issuer is the issuer this sandbox names in its callbacks (iss): its own
// base URL, as the real API names https://api.flexslot.gg.
func issuer(r *http.Request) string { return "http://" + r.Host }

// checkAuthorize reads an /authorize request. A request whose client is
// unknown or whose redirect URI matches none of the client's gets an error
// page (page set); any other problem goes back on the redirect (redirect
// error set): it is never sent anywhere but a registered URI.
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
	case req.responseType != "code":
		return req, "", &oauthError{"unsupported_response_type", "response_type must be code."}
	case client.Status != api.StatusActive || !slices.Contains(client.GrantTypes, validate.GrantAuthorizationCode):
		return req, "", &oauthError{"unauthorized_client", "This client may not use the authorization code grant."}
	case req.challenge == "" || req.method != "S256":
		return req, "", &oauthError{"invalid_request", "PKCE is required: code_challenge with code_challenge_method=S256."}
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
// but for the port of a 127.0.0.1 or [::1] redirect (RFC 8252 §7.3).
func redirectMatches(registered []string, uri string) bool {
	if slices.Contains(registered, uri) {
		return true
	}
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "http" || (u.Hostname() != "127.0.0.1" && u.Hostname() != "::1") {
		return false
	}
	for _, r := range registered {
		ru, err := url.Parse(r)
		if err == nil && ru.Scheme == u.Scheme && ru.Hostname() == u.Hostname() && ru.Path == u.Path && ru.RawQuery == u.RawQuery {
			return true
		}
	}
	return false
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
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet, http.MethodPost) {
		return
	}
	params := r.URL.Query()
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err != nil {
			writeErrorPage(w, "The form could not be read.")
			return
		}
		params = r.PostForm
	}
	req, page, redirectErr := s.checkAuthorize(params)
	switch {
	case page != "":
		writeErrorPage(w, page)
	case redirectErr != nil:
		s.redirectBack(w, r, req, url.Values{"error": {redirectErr.Code}, "error_description": {redirectErr.Description}})
	case r.Method == http.MethodGet:
		writeConsent(w, req, params)
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
	values.Set("iss", issuer(r))
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
		s.oauthState = &oauthState{codes: map[string]*authCode{}, tokens: map[string]*issued{}}
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

// token exchanges an authorization code, or rotates a refresh token.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	client, ok := s.clientPost(w, r)
	if !ok {
		return
	}
	var scope string
	var grantErr *oauthError
	switch r.PostForm.Get("grant_type") {
	case validate.GrantAuthorizationCode:
		scope, grantErr = s.redeemCode(client, r.PostForm)
	case validate.GrantRefreshToken:
		scope, grantErr = s.redeemRefresh(client, r.PostForm)
	default:
		grantErr = &oauthError{"unsupported_grant_type", "grant_type must be authorization_code or refresh_token."}
	}
	if grantErr != nil {
		writeOAuthError(w, http.StatusBadRequest, *grantErr)
		return
	}
	access, refresh := randomString(32), randomString(32)
	s.mu.Lock()
	at := now()
	s.oauth().tokens[access] = &issued{clientID: client.ClientID, scope: scope, expires: at.Add(accessLifetime)}
	s.oauth().tokens[refresh] = &issued{clientID: client.ClientID, scope: scope, refresh: true, expires: at.Add(refreshLifetime)}
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"access_token": access, "token_type": "Bearer",
		"expires_in": int(accessLifetime / time.Second), "refresh_token": refresh, "scope": scope})
}

// redeemCode checks an authorization code against the client, the redirect
// URI and the PKCE verifier. A code is good once: any attempt burns it.
func (s *Server) redeemCode(client api.OAuth2Client, form url.Values) (string, *oauthError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	code, ok := s.oauth().codes[form.Get("code")]
	invalid := &oauthError{"invalid_grant", "The authorization code is invalid, expired or already used."}
	if !ok {
		return "", invalid
	}
	used := code.used
	code.used = true
	sum := sha256.Sum256([]byte(form.Get("code_verifier")))
	switch {
	case used || now().After(code.expires) || code.clientID != client.ClientID:
		return "", invalid
	case code.redirectURI != form.Get("redirect_uri"):
		return "", &oauthError{"invalid_grant", "redirect_uri does not match the one of the authorization request."}
	case base64.RawURLEncoding.EncodeToString(sum[:]) != code.challenge:
		return "", &oauthError{"invalid_grant", "The PKCE code_verifier does not match the code_challenge."}
	}
	return code.scope, nil
}

// redeemRefresh rotates a refresh token; scope may only narrow.
func (s *Server) redeemRefresh(client api.OAuth2Client, form url.Values) (string, *oauthError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.oauth().tokens[form.Get("refresh_token")]
	if !ok || !old.refresh || old.revoked || now().After(old.expires) || old.clientID != client.ClientID {
		return "", &oauthError{"invalid_grant", "The refresh token is invalid, expired or revoked."}
	}
	scope := old.scope
	if want := form.Get("scope"); want != "" {
		for _, sc := range strings.Fields(want) {
			if !slices.Contains(strings.Fields(old.scope), sc) {
				return "", &oauthError{"invalid_scope", "A refresh may only narrow the scope."}
			}
		}
		scope = want
	}
	old.revoked = true // rotation: the old refresh token is spent
	return scope, nil
}

// revoke revokes a token of the calling client (RFC 7009): 200 whatever the
// token was.
func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	client, ok := s.clientPost(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	if t, ok := s.oauth().tokens[r.PostForm.Get("token")]; ok && t.clientID == client.ClientID {
		t.revoked = true
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
		kind := "access_token"
		if t.refresh {
			kind = "refresh_token"
		}
		answer = map[string]any{"active": true, "client_id": t.clientID, "scope": t.scope, "exp": t.expires.Unix(), "token_type": kind}
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
	bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	t, found := s.oauth().tokens[bearer]
	valid := ok && found && !t.refresh && !t.revoked && now().Before(t.expires)
	scoped := valid && slices.ContainsFunc(strings.Fields(t.scope), func(sc string) bool { return sc == "decks:read" || sc == "decks:write" })
	s.mu.Unlock()
	switch {
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
