package flow

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/validate"
)

// Endpoints are the OAuth endpoints of an API, under their RFC 8414 names:
// what a partner's app needs, beside the client id and secret, to sign
// people in.
type Endpoints struct {
	// Issuer is what the API names in each callback (iss, RFC 9207), for
	// the app to check: the base URL itself.
	Issuer                string `json:"issuer"`
	AuthorizationEndpoint string `json:"authorization_endpoint"`
	TokenEndpoint         string `json:"token_endpoint"`
	RevocationEndpoint    string `json:"revocation_endpoint"`
}

// EndpointsOf is the endpoints of the API at baseURL (api.DefaultBaseURL
// when empty), at the paths the docs show below api.APIPrefix, where the
// sandbox serves them too; its issuer is the base URL, as the real API's
// callbacks name https://api.flexslot.gg and the sandbox's its own.
func EndpointsOf(baseURL string) Endpoints {
	base := strings.TrimSuffix(cmp.Or(baseURL, api.DefaultBaseURL), "/")
	if u, err := api.ParseBaseURL(baseURL); err == nil {
		base = u.String() // as the client sends to it
	}
	return Endpoints{
		Issuer:                base,
		AuthorizationEndpoint: base + api.APIPrefix + api.AuthorizePath,
		TokenEndpoint:         base + api.APIPrefix + api.TokenPath,
		RevocationEndpoint:    base + api.APIPrefix + api.RevokePath,
	}
}

// Rows lists the endpoints one a line, labelled as the summary's rows, each
// value cleaned (validate.Sanitize): for the summary and a scripted run's
// stderr.
func (e Endpoints) Rows() string {
	var b strings.Builder
	for _, r := range [][2]string{{"issuer", e.Issuer}, {"authorize URL", e.AuthorizationEndpoint},
		{"token URL", e.TokenEndpoint}, {"revocation URL", e.RevocationEndpoint}} {
		fmt.Fprintf(&b, "  %-15s%s\n", r[0], validate.Sanitize(r[1]))
	}
	return b.String()
}

// Summary is SummaryAt the default API: for a run whose API is
// api.DefaultBaseURL.
func (r Result) Summary() string { return r.SummaryAt("") }

// SummaryAt is what stays on the terminal after the wizard leaves the
// alternate screen: what was registered, where the secret went (never the
// secret) and the OAuth endpoints of the API at baseURL (EndpointsOf) that
// the app needs. Every value from the server is cleaned (validate.Sanitize),
// one line each.
func (r Result) SummaryAt(baseURL string) string {
	if r.Created == nil {
		return ""
	}
	c := r.Created.Client
	var b strings.Builder
	done := "Registered"
	if r.Rotated {
		done = "New secret for"
	}
	fmt.Fprintf(&b, "%s %q (%s client)\n", done, validate.Sanitize(c.ApplicationName), validate.Sanitize(c.ClientType))
	if !r.CredentialsValid() {
		// Neither the id nor a command that names it: it could be anything.
		b.WriteString(advice.NotCredential() + "\n")
		return b.String()
	}
	row := func(label, value string) { fmt.Fprintf(&b, "  %-15s%s\n", label, validate.Sanitize(value)) }
	row("client id", c.ClientID)
	for i, uri := range c.RedirectURIs {
		label := ""
		if i == 0 {
			label = "redirect URIs"
		}
		row(label, uri)
	}
	row("scopes", cmp.Or(strings.Join(c.AllowedScopes, " "), "(none)"))
	row("grant types", strings.Join(c.GrantTypes, " "))
	switch {
	case r.Created.PlaintextClientSecret == "" && c.ClientType == "public":
		row("secret", "none (public client: use PKCE)")
	case r.Created.PlaintextClientSecret == "":
		row("secret", "NONE SENT by the server: "+advice.Rotate(c.ClientID))
	case r.SavedTo != "":
		row("secret", "saved to "+r.SavedTo)
	case r.Copied && !r.ClipboardHoldsSecret:
		row("secret", "copied to the clipboard, and cleared from it since; not saved to a file")
	case r.Copied:
		row("secret", "copied to the clipboard")
	case r.SentOSC52:
		row("secret", "sent to your terminal's clipboard (OSC 52), unconfirmed: if it did not arrive, "+advice.Rotate(c.ClientID))
	default:
		row("secret", "NOT SAVED: "+advice.Rotate(c.ClientID))
	}
	b.WriteString(EndpointsOf(baseURL).Rows())
	if r.ClipboardHoldsSecret {
		b.WriteString("Your clipboard still holds the secret: paste it where it belongs, then copy something else over it.\n")
	}
	return b.String()
}

// CredentialsValid reports whether the client id and secret the server sent
// are credentials (advice.CredentialsValid); a Result without a client has
// none to check.
func (r Result) CredentialsValid() bool {
	return r.Created == nil || advice.CredentialsValid(r.Created.Client.ClientID, r.Created.PlaintextClientSecret.Reveal())
}

// ClientID is the created client's id, or "" when there is none or it is
// not a credential: an id to name in a message or a command.
func (r Result) ClientID() string {
	if r.Created == nil || !r.CredentialsValid() {
		return ""
	}
	return r.Created.Client.ClientID
}
