package validate

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Client types: a confidential client runs on a server its owner controls and
// gets a secret; a public one (CLI, native app, SPA) gets none and relies on PKCE.
const (
	ClientConfidential = "confidential"
	ClientPublic       = "public"
)

// ClientTypes lists the client types the server accepts, the default first.
var ClientTypes = []string{ClientConfidential, ClientPublic}

// Grant types a client may use.
const (
	GrantAuthorizationCode = "authorization_code"
	GrantRefreshToken      = "refresh_token"
)

// GrantTypes lists the grant types the server accepts, in the server's order.
var GrantTypes = []string{GrantAuthorizationCode, GrantRefreshToken}

// Scopes lists the scopes a client may request, in the server's order.
var Scopes = []string{
	"cards:read",
	"decks:read",
	"decks:write",
	"exports:read",
	"guides:read",
	"guides:write",
	"sideboards:read",
	"sideboards:write",
}

// ClientType checks that t is confidential or public.
func ClientType(t string) error {
	if t == "" {
		return errors.New("Choose a client type: confidential or public.")
	}
	if err := NoToken(t); err != nil {
		return err
	}
	if !slices.Contains(ClientTypes, t) {
		return fmt.Errorf("%q is not a client type; use confidential or public.", t)
	}
	return nil
}

// AllowedScopes checks a list of scopes: known names, each once. An empty list is
// allowed (a client that only signs users in).
func AllowedScopes(scopes []string) error {
	return checkEnumList(scopes, Scopes, "scope")
}

// GrantTypeList checks a list of grant types: known names, each once, and
// authorization_code present, since refresh_token only refreshes what an
// authorization code exchange issued.
func GrantTypeList(grants []string) error {
	if err := checkEnumList(grants, GrantTypes, "grant type"); err != nil {
		return err
	}
	if !slices.Contains(grants, GrantAuthorizationCode) {
		if slices.Contains(grants, GrantRefreshToken) {
			return errors.New("refresh_token needs authorization_code: refresh tokens are issued by the authorization code exchange.")
		}
		return errors.New("Choose at least authorization_code.")
	}
	return nil
}

func checkEnumList(values, allowed []string, noun string) error {
	for i, v := range values {
		if err := NoToken(v); err != nil {
			return err
		}
		if !slices.Contains(allowed, v) {
			return fmt.Errorf("%q is not a %s; choose from %s.", v, noun, strings.Join(allowed, ", "))
		}
		if slices.Contains(values[:i], v) {
			return fmt.Errorf("%q is listed twice.", v)
		}
	}
	return nil
}
