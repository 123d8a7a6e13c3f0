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
	"time"

	"flexslot-register/api"
	"flexslot-register/validate"
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
// lost, and how to find out.
func MayExist() string {
	return "The client may have been created. List your clients (GET " + api.ListClientsPath() +
		", or the partner dashboard) before you try again."
}

// Rotate says how to get a new secret for a client whose secret was lost; it
// follows a colon.
func Rotate(clientID string) string {
	return "rotate it to get a new one: POST " + api.APIPrefix + api.RotateSecretPath(clientID) + " (or the partner dashboard)."
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
	case e.Op == api.OpGetPartner && (status == http.StatusNotFound || status == http.StatusForbidden):
		w.Problem = fmt.Sprintf("This token's account has no partner access: GET %s answered %d.", api.APIPrefix+api.PartnerPath, status)
		w.Next = NoPartnerAccess
	case status == http.StatusUnauthorized:
		w.Next = "Check the token: create a new personal access token under Settings → Personal Access Tokens on flexslot.gg."
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
		return "stopped while registering. " + MayExist()
	}
	return ""
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
		"The client was created: list your clients (GET " + api.ListClientsPath() + ", or the partner dashboard) and rotate its secret."
}

// CredentialsValid reports whether a create's client id and secret (if any)
// are credentials (validate.Credential), fit to show, copy and save.
func CredentialsValid(clientID, secret string) bool {
	return validate.Credential(clientID) == nil && (secret == "" || validate.Credential(secret) == nil)
}
