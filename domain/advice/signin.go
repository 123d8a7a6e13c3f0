package advice

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/domain/signin"
	"github.com/flexslot/flexslot-register/validate"
)

// thumbprintShown is the most of a server's cnf.jkt the words show: an
// RFC 7638 SHA-256 thumbprint has 43 characters.
const thumbprintShown = 64

// SignedIn says what a test sign-in proved, never the tokens.
func SignedIn(o signin.Outcome) string {
	parts := []string{"access token (expires in " + lifetime(o.ExpiresIn) + ")"}
	if o.DPoPThumbprint != "" {
		parts[0] = "DPoP-bound access token (cnf.jkt " + o.DPoPThumbprint + ", expires in " + lifetime(o.ExpiresIn) + ")"
	}
	if o.Refresh {
		parts = append(parts, "refresh token")
	}
	parts = append(parts, "scopes "+strings.Join(o.Scopes, " "))
	out := "✓ sign-in works: " + strings.Join(parts, ", ")
	if o.Checked != "" {
		out += fmt.Sprintf("; %s answered %d", o.Checked, o.Status)
	} else {
		out += "; no read endpoint was tried (none fits these scopes)"
	}
	if o.Revoked {
		return out + "; test tokens revoked"
	}
	return out + "; the test tokens could NOT be revoked: they expire by themselves"
}

// lifetime is 1h, 30m or 90s.
func lifetime(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// SignInFailed says what went wrong with a test sign-in and what to do next.
func SignInFailed(err error) (problem, next string) {
	var e *signin.Error
	if !errors.As(err, &e) {
		return err.Error(), ""
	}
	switch e.Kind {
	case signin.KindNoLoopback:
		return "This client has no loopback redirect URI, so the sign-in cannot come back to this terminal.",
			"Test it from here with a redirect URI on http://127.0.0.1 (any port); a new client can have both."
	case signin.KindNoScopes:
		return "This client has no scopes: a sign-in must ask for at least one.", "Register a client with the scopes it needs."
	case signin.KindPortTaken:
		return "Could not listen on the redirect URI's address (" + e.Err.Error() + ").",
			"Another program holds that port: stop it, or register a 127.0.0.1 redirect URI without a port (any port is allowed there)."
	case signin.KindTimeout:
		return "The browser did not come back within 5 minutes.", "Open the URL above in a browser, sign in, and try again."
	case signin.KindWrongState:
		return "The callback names another issuer (iss) than this API: it may come from another server, so nothing was exchanged.",
			"Start the sign-in again, and open only the URL it shows."
	case signin.KindNoIssuer:
		return "The callback does not name its issuer (iss), which the API always sends (RFC 9207): nothing was exchanged.",
			"Check that --api-url (or FLEXSLOT_API_URL) names the flexslot API, then start the sign-in again."
	case signin.KindCancelled:
		return "Cancelled: nothing was exchanged.", ""
	case signin.KindRedirectMismatch:
		return "The server refused the sign-in with an error page: the client id is unknown, or the redirect URI does not match.",
			"The redirect URI must match a registered one byte for byte (only the port of 127.0.0.1 or [::1] may differ)."
	case signin.KindNotBound:
		return "The server answered the DPoP proof with a bearer token (token_type Bearer): the token is not bound to this run's key, so whoever copies it can use it.",
			"A DPoP-bound client (dpop_bound_access_tokens) gets DPoP tokens from the flexslot API: check that --api-url (or FLEXSLOT_API_URL) names it."
	case signin.KindOtherKey:
		jkt := []rune(validate.Sanitize(e.Thumbprint))
		if len(jkt) > thumbprintShown {
			jkt = append(jkt[:thumbprintShown], '…')
		}
		return "The server bound the token to another key (cnf.jkt " + string(jkt) + ") than the one this run signed its proofs with.",
			"Check that --api-url (or FLEXSLOT_API_URL) names the flexslot API, with nothing between that signs proofs of its own."
	case signin.KindNetwork:
		return "The " + e.Step + " step failed: " + e.Err.Error() + ".", "Check the network and the API URL, then try again."
	}
	switch e.Code {
	case "access_denied":
		return "The sign-in was denied in the browser (access_denied).", "That is what a user who says no sees: nothing is wrong with the client. Try again and allow it."
	case "invalid_scope":
		return "The server refused the scopes asked (invalid_scope).", "Ask only for the client's allowed scopes."
	case "unauthorized_client":
		return "The client may not use the authorization code grant (unauthorized_client).", "Check the client's grant types and status with `" + CommandLine("list") + "`."
	case "invalid_grant":
		return "The authorization code was refused (invalid_grant): expired, used already, or the PKCE verifier did not match.", "Start the sign-in again."
	case signin.ErrInvalidDPoPProof:
		return "The server refused the DPoP proof at the " + e.Step + " step (invalid_dpop_proof): " + validate.Sanitize(e.Description),
			"A proof names the URL it is sent to and is good for a minute: check this machine's clock, and that --api-url is the API's own URL."
	case signin.ErrUseDPoPNonce:
		return "The server asked for a DPoP nonce again after the retry with the nonce it gave (use_dpop_nonce).",
			"Try again; if it persists, the server's nonces do not last from one request to the next."
	case "invalid_client":
		return "The server refused the client's credentials (invalid_client).", "Check the client secret: after a rotation only the newest works."
	}
	return fmt.Sprintf("The %s step failed: %s.", e.Step, e.Error()), "Try again; if it persists, check the client with `" + CommandLine("list") + "`."
}
