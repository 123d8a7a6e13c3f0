package api

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/validate"
)

// CreateClientRequest is what a partner registers: the body of
// POST /me/partner/oauth2-clients. The form, the flags, the review screen and the
// request all use this one value, so they cannot drift apart.
type CreateClientRequest struct {
	ApplicationName string   `json:"application_name"`
	RedirectURIs    []string `json:"redirect_uris"`
	AllowedScopes   []string `json:"allowed_scopes"`
	// ClientType is confidential or public; empty leaves the server's default
	// (confidential).
	ClientType string `json:"client_type,omitempty"`
	// GrantTypes empty leaves the server's default (both grant types).
	GrantTypes         []string `json:"grant_types,omitempty"`
	ApplicationURL     string   `json:"application_url"`
	ApplicationLogoURL string   `json:"application_logo_url"`
	PrivacyPolicyURL   string   `json:"privacy_policy_url"`
	TOSURL             string   `json:"tos_url"`
}

// MarshalJSON sends nil lists as [] rather than null: allowed_scopes is required
// even when empty, and the server refuses null for a list.
func (r CreateClientRequest) MarshalJSON() ([]byte, error) {
	type plain CreateClientRequest
	p := plain(r)
	if p.RedirectURIs == nil {
		p.RedirectURIs = []string{}
	}
	if p.AllowedScopes == nil {
		p.AllowedScopes = []string{}
	}
	return json.Marshal(p)
}

// OAuth2Client is a registered client as the server describes it. Unknown fields
// are ignored, so a newer server does not break an older wizard.
type OAuth2Client struct {
	ID                    string     `json:"id"`
	ClientID              string     `json:"client_id"`
	ClientType            string     `json:"client_type"`
	Status                string     `json:"status"`
	ApplicationName       string     `json:"application_name"`
	ApplicationURL        string     `json:"application_url"`
	ApplicationLogoURL    string     `json:"application_logo_url"`
	PrivacyPolicyURL      string     `json:"privacy_policy_url"`
	TOSURL                string     `json:"tos_url"`
	RedirectURIs          []string   `json:"redirect_uris"`
	AllowedScopes         []string   `json:"allowed_scopes"`
	GrantTypes            []string   `json:"grant_types"`
	RequirePKCE           bool       `json:"require_pkce"`
	DPoPBoundAccessTokens bool       `json:"dpop_bound_access_tokens"`
	SecretRotatedAt       *time.Time `json:"secret_rotated_at"`
	LastUsedAt            *time.Time `json:"last_used_at"`
	CreatedAt             time.Time  `json:"created_at"`
	UpdatedAt             time.Time  `json:"updated_at"`
}

// Sanitized returns the client with every string cleaned for a terminal
// (validate.Sanitize), for output: a consumer of --json that prints a field
// must not print a server's escape sequences.
func (c OAuth2Client) Sanitized() OAuth2Client {
	for _, s := range []*string{&c.ID, &c.ClientID, &c.ClientType, &c.Status, &c.ApplicationName,
		&c.ApplicationURL, &c.ApplicationLogoURL, &c.PrivacyPolicyURL, &c.TOSURL} {
		*s = validate.Sanitize(*s)
	}
	for _, list := range []*[]string{&c.RedirectURIs, &c.AllowedScopes, &c.GrantTypes} {
		clean := make([]string, len(*list))
		for i, v := range *list {
			clean[i] = validate.Sanitize(v)
		}
		if *list != nil {
			*list = clean
		}
	}
	return c
}

// Client statuses.
const (
	StatusActive    = "active"
	StatusSuspended = "suspended"
	StatusRevoked   = "revoked"
)

// CreateClientResponse is the answer to a create or a secret rotation. It is the
// only place the client secret ever appears: keep it until the secret is safe.
type CreateClientResponse struct {
	Client OAuth2Client `json:"client"`
	// PlaintextClientSecret is shown once; it is "" for public clients.
	PlaintextClientSecret Secret     `json:"plaintext_client_secret"`
	SecretRotatedAt       *time.Time `json:"secret_rotated_at"`
}

// Secret is a client secret. fmt prints it redacted (%v, %s, %q, %#v alike), so
// logging a response or an error cannot leak it; Reveal gives the value to the
// one place that must show, copy or save it. JSON encodes the real value.
type Secret string

const redacted = "[redacted]"

// Reveal returns the secret itself.
func (s Secret) Reveal() string { return string(s) }

// String returns a redacted form, or "" for an empty secret (a public client).
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString returns a redacted form for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("api.Secret(%q)", s.String()) }

// Format redacts the secret for every fmt verb.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			fmt.Fprint(f, s.GoString())
			return
		}
		fmt.Fprint(f, s.String())
	case 'q':
		fmt.Fprintf(f, "%q", s.String())
	default:
		fmt.Fprint(f, s.String())
	}
}

// AccessToken is the metadata of the calling personal access token
// (GET /me/access-tokens/); it never holds the token itself.
type AccessToken struct {
	ID          FlexibleID `json:"id"`
	Name        string     `json:"name"`
	TokenPrefix string     `json:"token_prefix"`
	Scopes      []string   `json:"scopes"`
	CreatedAt   time.Time  `json:"created_at"`
	LastUsedAt  *time.Time `json:"last_used_at"`
	ExpiresAt   *time.Time `json:"expires_at"`
	RevokedAt   *time.Time `json:"revoked_at"`
}

// Partner is the caller's partner account (GET /me/partner). Only an active
// partner may register clients.
type Partner struct {
	ID             FlexibleID `json:"id"`
	Slug           string     `json:"slug"`
	Name           string     `json:"name"`
	Scopes         []string   `json:"scopes"`
	GameScopes     []string   `json:"game_scopes"`
	AllowedOrigins []string   `json:"allowed_origins"`
	// RateLimitTier is standard (1000 requests a minute) or premium (20000).
	RateLimitTier string `json:"rate_limit_tier"`
	// Status is active, suspended or revoked.
	Status string `json:"status"`
}

// DisplayName names the partner: its name, else its slug, cleaned for a
// terminal (validate.Sanitize).
func (p Partner) DisplayName() string {
	name := strings.TrimSpace(validate.Sanitize(p.Name))
	if name == "" {
		name = strings.TrimSpace(validate.Sanitize(p.Slug))
	}
	return name
}

// FlexibleID is an identifier the server may send as a string or as a number.
type FlexibleID string

// UnmarshalJSON accepts a JSON string or number.
func (id *FlexibleID) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*id = FlexibleID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("id: want a string or a number, got %.20s", data)
	}
	*id = FlexibleID(n.String())
	return nil
}

// ScopeRequest asks for scopes or game scopes the partner account lacks
// (POST /me/partner/scope-requests); validate.Justification and
// validate.RequestedScopes are its rules.
type ScopeRequest struct {
	Justification       string   `json:"justification"`
	RequestedScopes     []string `json:"requested_scopes,omitempty"`
	RequestedGameScopes []string `json:"requested_game_scopes,omitempty"`
}

// Validate checks the request by the reference page's rules, as field errors.
func (r ScopeRequest) Validate() []FieldError {
	var errs []FieldError
	if err := validate.Justification(r.Justification); err != nil {
		errs = append(errs, FieldError{Field: "justification", Index: -1, Message: err.Error()})
	}
	if err := validate.RequestedScopes(r.RequestedScopes, r.RequestedGameScopes); err != nil {
		errs = append(errs, FieldError{Field: "requested_scopes", Index: -1, Message: err.Error()})
	}
	return errs
}

// ScopeRequestAnswer is the server's answer to a scope request (202): the
// request's id, its status and a message for the partner.
type ScopeRequestAnswer struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

// Sanitized is the answer cleaned for a terminal, a pipe or a file
// (validate.Sanitize on every field): it comes from the server.
func (a ScopeRequestAnswer) Sanitized() ScopeRequestAnswer {
	for _, s := range []*string{&a.ID, &a.Status, &a.Message} {
		*s = validate.Sanitize(*s)
	}
	return a
}
