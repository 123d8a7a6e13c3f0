package flow

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/validate"
)

// Summary is what stays on the terminal after the wizard leaves the alternate
// screen: what was registered and where the secret went, never the secret.
// Every value from the server is cleaned (validate.Sanitize), one line each.
func (r Result) Summary() string {
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
	case r.Copied:
		row("secret", "copied to the clipboard")
	case r.SentOSC52:
		row("secret", "sent to your terminal's clipboard (OSC 52), unconfirmed: if it did not arrive, "+advice.Rotate(c.ClientID))
	default:
		row("secret", "NOT SAVED: "+advice.Rotate(c.ClientID))
	}
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
