// Package advice turns the facts of a failure (an *api.Error: status, whether
// the request was written, whether the client may exist, how long to wait)
// into the words every front end shows: the wizard, the line prompts, the
// scripted run and the messages after a signal. It is the one place those
// words are written.
package advice

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/recovery"
	"github.com/flexslot/flexslot-register/validate"
)

// Words is what to tell a person about a failed call.
type Words struct {
	// Problem is what went wrong, in one line.
	Problem string
	// Next is what to do about it, or "" when Problem says enough.
	Next string
	// MayExist is set when the client may have been created all the same. It
	// stands apart from Next so that no other advice (a countdown, say) can
	// hide it.
	MayExist string
	// Retry reports whether the same call may work if tried again.
	Retry bool
	// Wait is how long the server asked to wait before that, or 0.
	Wait time.Duration
}

// MayExist says that a create may have gone through although its answer was
// lost; the wizard and the scripted run then find out themselves (Finding).
func MayExist() string {
	return "The client may have been created: the answer was lost after the request reached the server."
}

// FindOut says how to find out by hand, where the tool could not check (a
// signal stopped it).
func FindOut() string {
	return "`" + CommandLine("list") + "` shows your clients; `" + CommandLine("rotate", "CLIENT_ID") + "` gives one a new secret."
}

// Rotate says how to get a new secret for a client whose secret was lost; it
// follows a colon.
func Rotate(clientID string) string {
	return "rotate it to get a new one: " + CommandLine("rotate", clientID)
}

// NoToken says how to give the token where nobody can be asked for it; the
// login command it names keeps the flags that chose the API (CommandLine).
func NoToken() string {
	return "no token: set FLEXSLOT_TOKEN, pipe it with --token-stdin, or keep one with `" + CommandLine("login") + "`"
}

// NoPartnerAccess says what to do when the token's account has no partner row.
const NoPartnerAccess = "OAuth clients belong to a partner account: apply for partner access on flexslot.gg first, " +
	"then use a personal access token of that account."

// Of says what to tell a person about err, an *api.Error or anything else.
func Of(err error) Words {
	var e *api.Error
	if !errors.As(err, &e) {
		return Words{Problem: err.Error()}
	}
	w := Words{Problem: e.Error(), Wait: e.RetryAfter}
	switch status := e.StatusCode; {
	case e.Op == api.OpRotate && status == http.StatusNotFound:
		w.Problem = "That client is not one of this partner's clients (404)."
		w.Next = "`" + CommandLine("list") + "` shows them."
	case e.Op == api.OpGetPartner && (status == http.StatusNotFound || status == http.StatusForbidden):
		w.Problem = fmt.Sprintf("This token's account has no partner access: GET %s answered %d.", api.APIPrefix+api.PartnerPath, status)
		w.Next = NoPartnerAccess
	case status == http.StatusUnauthorized:
		w.Next = "Check the token: create a new personal access token under Settings → Personal Access Tokens on flexslot.gg."
	case e.Op == api.OpRequestScopes && status == http.StatusForbidden:
		w.Next = "Only an approved, active partner account may request scopes: apply for partner access or contact partner support."
	case status == http.StatusForbidden:
		w.Next = "Only an approved, active partner account may register clients: apply for partner access or contact partner support."
	case status == http.StatusNotFound:
		w.Next = "Check the API URL (--api-url or FLEXSLOT_API_URL)."
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		w.Retry = true
		w.Next = "Try again in a minute."
		if e.RetryAfter > 0 {
			w.Next = fmt.Sprintf("Try again in %s.", e.RetryAfter.Round(time.Second))
		}
	case status >= 500:
		w.Retry = true
		w.Next = "This is a problem on the server's side; try again in a moment."
	case status == 0 && e.Err != nil:
		w.Retry = true
		w.Next = "Check your network connection and the API URL, then try again."
	}
	if e.MayHaveCreated && e.Op == api.OpRequestScopes {
		// No documented endpoint lists scope requests, so nothing can check.
		w.Next = "The request may have reached the server although its answer was lost, and may be pending already: ask partner support before you send it again."
		return w
	}
	if e.MayHaveCreated {
		// Retrying blindly is what must not happen: MayExist says what to do
		// first, so there is no other advice beside it.
		w.MayExist, w.Next = MayExist(), ""
	}
	return w
}

// Lines is the advice as plain lines, for the line prompts and stderr: the
// problem, what to do, and whether the client may exist.
func (w Words) Lines() []string {
	lines := []string{w.Problem}
	for _, l := range []string{w.Next, w.MayExist} {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// Cancelled says what a cancel left behind: nothing, or a client that may
// exist because the request had already been sent.
func Cancelled(mayExist bool) (headline, detail string) {
	if mayExist {
		return "Cancelled, but the request had already reached the server.", MayExist()
	}
	return "Cancelled before the request reached the server: nothing was created.", ""
}

// Interrupted says, after a signal, what became of the registration: a client
// created whose secret was not kept (clientID set, secretKept false), a client
// created and safe, or a create that may have gone through (inFlight). It is ""
// when there is nothing to say.
func Interrupted(clientID string, secretKept, inFlight bool) string {
	switch {
	case clientID != "" && !secretKept:
		return "stopped after registering " + clientID + "; its secret was not saved: " + Rotate(clientID)
	case clientID != "":
		return "stopped after registering " + clientID + "."
	case inFlight:
		return "stopped while registering. The client may have been created. " + FindOut()
	}
	return ""
}

// Crashed says that the program stopped on an internal error (a panic)
// after registering clientID ("" when it may not be named), and, when its
// secret was not kept anywhere, how to get a new one.
func Crashed(clientID string, secretKept bool) string {
	client := "a client"
	if clientID != "" {
		client = clientID
	}
	words := "stopped on an internal error (a bug: please report it with the lines above) after registering " + client + "."
	if !secretKept && clientID != "" {
		words += " Its secret was not saved: " + Rotate(clientID)
	}
	return words
}

// CreatedBut says that a client exists although writes after its creation
// failed (each failure a phrase, such as "could not write to stdout: …");
// clientID is "" when it may not be named (not a credential).
func CreatedBut(clientID string, failures []string) string {
	client := "a client"
	if clientID != "" {
		client = "the client " + clientID
	}
	return fmt.Sprintf("%s was created, but %s.", client, strings.Join(failures, "; "))
}

// SecretNotSent explains a confidential client that came without its secret:
// the client exists, and only a rotation gives it one.
func SecretNotSent(clientID string) string {
	return "The server created this confidential client but sent no secret: " + Rotate(clientID)
}

// NoScopes warns that a client with no scopes cannot sign anyone in:
// /authorize requires a scope within the client's allowed scopes.
const NoScopes = "No scopes chosen: a sign-in must ask for at least one of the client's scopes, " +
	"so this client could not sign anyone in."

// NotCredential says that the server answered a create with a client id or
// secret no credential holds, so the tool showed, copied and saved none of it.
func NotCredential() string {
	return "The server answered with a client id or secret that is not a valid credential, so it is not shown, copied or saved. " +
		"The client was created: " + FindOut()
}

// Found says what a check of a lost create found; next says what can be done.
func Found(f recovery.Finding, name string) (headline, next string) {
	switch f.Verdict {
	case recovery.NotCreated:
		return fmt.Sprintf("Nothing was created: no client named %q appears in your clients.", name), "It is safe to retry."
	case recovery.Created:
		return fmt.Sprintf("It was created, as %s at %s; its secret never reached this terminal.",
				f.Client.ClientID, f.Client.CreatedAt.Local().Format("15:04:05")),
			"Rotate its secret now to get one; apps have none yet, so nothing breaks."
	}
	return "Could not find out whether it was created (" + Of(f.Err).Problem + ").",
		"Check again before you retry: a retry could register a second client."
}

// CredentialsValid reports whether a create's client id and secret (if any)
// are credentials (validate.Credential), fit to show, copy and save.
func CredentialsValid(clientID, secret string) bool {
	return validate.Credential(clientID) == nil && (secret == "" || validate.Credential(secret) == nil)
}

// RotationEffect says what a rotation does to the apps that use the client.
const RotationEffect = "The server issues a new secret and the current one stops working: apps that use it need the new one."

// PublicNoSecret refuses to rotate a public client.
func PublicNoSecret(clientID string) string {
	return clientID + " is a public client: it has no secret to rotate (it signs users in with PKCE alone)."
}

// NotOurs says a client id is not one of the partner's clients.
func NotOurs(clientID string) string {
	return clientID + " is not one of this partner's clients: `" + CommandLine("list") + "` shows them."
}

// plainPath matches a path a shell takes as it is.
var plainPath = regexp.MustCompile(`^[A-Za-z0-9_./~:@%+=,-]+$`)

// DraftKept says where a half-done registration's answers were kept and
// the command that resumes from them, against the same API (SetAPI; with
// --sandbox too when sandbox says the run had one).
func DraftKept(path string, sandbox bool) string {
	command := CommandLine("--from", path)
	if sandbox && !strings.HasSuffix(command, " --sandbox") {
		command += " --sandbox"
	}
	return "Your answers are kept in " + path + " (readable by you only; no token, no secret). Resume with:\n  " + command
}

// LackedScopes says that the partner account lacks scopes a client asks for,
// and gives the command that requests them.
func LackedScopes(scopes []string) (words, command string) {
	args := []string{"request-scopes"}
	for _, s := range scopes {
		args = append(args, "--scope", validate.Sanitize(s))
	}
	return "! Your partner account does not list " + validate.Sanitize(strings.Join(scopes, ", ")) + " (GET /me/partner), so the server may refuse it; ask for it with:",
		CommandLine(args...)
}

// PublicClient says how a public client signs users in, and warns when it
// has no scopes to ask for.
func PublicClient(c api.OAuth2Client) string {
	if len(c.AllowedScopes) == 0 {
		return "Public clients get no secret: your app proves itself with PKCE (S256) on every sign-in. " + NoScopes
	}
	return "Public clients get no secret: your app proves itself with PKCE (S256) on every sign-in. Send users to:"
}
