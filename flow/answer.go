package flow

import (
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// Kind is what a create's answer means for what follows.
type Kind int

// What a create's answer means. Each front end shows it in its own way; what
// follows it is the same everywhere.
const (
	// Created: the client exists and its secret (none for a public client)
	// came with it: deliver it.
	Created Kind = iota
	// CreatedWithoutSecret: a confidential client exists but the server sent
	// no secret: only a rotation gives it one. Never a success.
	CreatedWithoutSecret
	// NotCredential: the client exists, but its id or secret is not a
	// credential: neither is shown, copied or saved. Never a success.
	NotCredential
	// Refused: the server refused values of the request; nothing was created.
	// Fields says which, for the form or the flags; Lacked, when the scopes
	// field was refused, which scopes the partner account does not list.
	Refused
	// TokenRefused: 401; nothing was created. A person may give another
	// token; a script stops.
	TokenRefused
	// RateLimited: 429; nothing was created. Wait says how long the server
	// asked to wait (0 when it did not say).
	RateLimited
	// MayExist: the request reached the server but its answer was lost: the
	// client may exist. Find out (domain/recovery), never send the create again.
	MayExist
	// Cancelled: the user or a signal stopped the create before any answer;
	// whether it reached the server is MayExist's to say.
	Cancelled
	// Failed: nothing was created, for another reason (Err says which).
	Failed
)

// Answer is what a create's answer means (Judge).
type Answer struct {
	Kind Kind
	// Resp is the server's answer, for Created, CreatedWithoutSecret and
	// NotCredential.
	Resp *api.CreateClientResponse
	// Err is the failure, for every other kind.
	Err error
	// Fields are the values the server refused (Refused).
	Fields []api.FieldError
	// Wait is how long the server asked to wait (RateLimited).
	Wait time.Duration
	// MayExist says that the client may exist although the answer is a
	// failure (MayExist, or a Cancelled create that had been sent).
	MayExist bool
}

// Judge says what a create's answer (resp, err) means; cancelled reports
// that the run's context ended before the answer came.
func Judge(resp *api.CreateClientResponse, err error, cancelled bool) Answer {
	if err == nil {
		c := resp.Client
		secret := resp.PlaintextClientSecret.Reveal()
		switch {
		case validate.Credential(c.ClientID) != nil || (secret != "" && validate.Credential(secret) != nil):
			return Answer{Kind: NotCredential, Resp: resp}
		case secret == "" && c.ClientType == validate.ClientConfidential:
			return Answer{Kind: CreatedWithoutSecret, Resp: resp}
		}
		return Answer{Kind: Created, Resp: resp}
	}
	a := Answer{Err: err, MayExist: api.MayHaveCreated(err)}
	switch {
	case cancelled:
		a.Kind = Cancelled
	case api.IsValidation(err):
		a.Kind, a.Fields = Refused, api.FieldErrorsOf(err)
	case api.IsUnauthorized(err):
		a.Kind = TokenRefused
	case api.IsRateLimited(err):
		a.Kind, a.Wait = RateLimited, api.RetryAfter(err)
	case a.MayExist:
		a.Kind = MayExist
	default:
		a.Kind = Failed
	}
	return a
}

// ScopesRefused reports whether the server refused the scopes field: then
// the scopes the partner account lacks (LackedScopes) are worth naming.
func (a Answer) ScopesRefused() bool {
	for _, fe := range a.Fields {
		if fe.Field == api.FieldAllowedScopes {
			return true
		}
	}
	return false
}

// Success reports whether the run that got this answer succeeded: a client
// exists whose credentials were delivered as they came.
func (a Answer) Success() bool { return a.Kind == Created }
