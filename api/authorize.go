package api

import (
	"net/url"
	"strings"
)

// The OAuth2 endpoints and the first read endpoint, below APIPrefix.
const (
	AuthorizePath  = "/oauth/authorize"
	TokenPath      = "/oauth/token"
	RevokePath     = "/oauth/revoke"
	IntrospectPath = "/oauth/introspect"
	DecksPath      = "/decks/"
)

// AuthorizeURLTemplate is the sign-in link for a new client, with its first
// redirect URI and all its scopes filled in and placeholders for state and the
// PKCE challenge. It is "" for a client with no scopes: /authorize requires a
// scope within the client's allowed scopes, so no link would work.
func AuthorizeURLTemplate(base string, c OAuth2Client) string {
	if len(c.AllowedScopes) == 0 {
		return ""
	}
	if base == "" {
		base = DefaultBaseURL
	}
	redirect := ""
	if len(c.RedirectURIs) > 0 {
		redirect = c.RedirectURIs[0]
	}
	// In the order the docs list the parameters, which url.Values would sort.
	return base + APIPrefix + AuthorizePath + "?response_type=code&client_id=" + url.QueryEscape(c.ClientID) +
		"&redirect_uri=" + url.QueryEscape(redirect) + "&scope=" + url.QueryEscape(strings.Join(c.AllowedScopes, " ")) +
		"&state={state}&code_challenge={S256 of your verifier}&code_challenge_method=S256"
}
