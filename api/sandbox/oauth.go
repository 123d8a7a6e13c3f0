package sandbox

import (
	"crypto/rand"
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
	// jkt is the thumbprint of the DPoP key the token is bound to, or ""
	// for a bearer token (RFC 9449 §6).
	jkt string
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
