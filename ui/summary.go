package ui

import (
	"fmt"
	"strings"
)

// Summary is what stays on the terminal after the wizard leaves the alternate
// screen: what was registered and where the secret went, never the secret.
func (r Result) Summary() string {
	if r.Created == nil {
		return ""
	}
	c := r.Created.Client
	var b strings.Builder
	fmt.Fprintf(&b, "Registered %q (%s client)\n", c.ApplicationName, c.ClientType)
	row := func(label, value string) { fmt.Fprintf(&b, "  %-15s%s\n", label, value) }
	row("client id", c.ClientID)
	for i, uri := range c.RedirectURIs {
		label := ""
		if i == 0 {
			label = "redirect URIs"
		}
		row(label, uri)
	}
	row("scopes", orNone(strings.Join(c.AllowedScopes, " ")))
	row("grant types", strings.Join(c.GrantTypes, " "))
	if r.Created.PlaintextClientSecret == "" {
		if c.ClientType == "public" {
			row("secret", "none (public client: use PKCE)")
		} else {
			row("secret", "NONE SENT by the server: rotate it to get one (POST /api/public/v1/me/partner/oauth2-clients/"+c.ClientID+"/rotate-secret)")
		}
		return b.String()
	}
	switch {
	case r.SavedTo != "":
		row("secret", "saved to "+r.SavedTo)
	case r.Copied:
		row("secret", "copied to the clipboard")
	default:
		row("secret", "NOT SAVED: rotate it to get a new one (POST /api/public/v1/me/partner/oauth2-clients/"+c.ClientID+"/rotate-secret)")
	}
	if r.ClipboardHoldsSecret {
		b.WriteString("Your clipboard still holds the secret: paste it where it belongs, then copy something else over it.\n")
	}
	return b.String()
}
