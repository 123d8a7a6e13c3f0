// Package recovery finds out whether a create whose answer was lost went
// through. It asks the list endpoint (a GET, safe to repeat) for a client of
// the same name, type and redirect URIs created since the request started;
// it never sends the create again.
package recovery

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// Lister is what a check needs of the API; *api.Client has it.
type Lister interface {
	ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error)
}

// Verdict is what a check found.
type Verdict int

// Verdicts.
const (
	// Unknown: the list could not be read; Finding.Err says why.
	Unknown Verdict = iota
	// NotCreated: no such client exists; retrying is safe.
	NotCreated
	// Created: the client exists (Finding.Client); its secret never arrived.
	Created
)

// Finding is the outcome of a check.
type Finding struct {
	Verdict Verdict
	// Client is the client found, for Created.
	Client api.OAuth2Client
	// Err is why the check could not tell, for Unknown.
	Err error
}

// clockSkew is how far the server's clock may run behind ours when telling
// whether a client was created since the request started.
const clockSkew = 5 * time.Minute

// Check looks for a client created by req at or after since (less clockSkew).
// Of several, the newest wins.
func Check(ctx context.Context, l Lister, req api.CreateClientRequest, since time.Time) Finding {
	clients, err := l.ListOAuth2Clients(ctx)
	if err != nil {
		return Finding{Verdict: Unknown, Err: err}
	}
	req = req.WithDefaults()
	var found *api.OAuth2Client
	for i, c := range clients {
		if matches(c, req, since) && (found == nil || c.CreatedAt.After(found.CreatedAt)) {
			found = &clients[i]
		}
	}
	if found == nil {
		return Finding{Verdict: NotCreated}
	}
	return Finding{Verdict: Created, Client: *found}
}

// matches reports whether c is what req would have created since since. The
// server trims the name and keeps names unique without regard to case.
func matches(c api.OAuth2Client, req api.CreateClientRequest, since time.Time) bool {
	return strings.EqualFold(strings.TrimSpace(c.ApplicationName), strings.TrimSpace(req.ApplicationName)) &&
		c.ClientType == req.ClientType &&
		slices.Equal(c.RedirectURIs, req.RedirectURIs) &&
		!c.CreatedAt.Before(since.Add(-clockSkew))
}
