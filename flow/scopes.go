package flow

import (
	"slices"

	"github.com/flexslot/flexslot-register/api"
)

// LackedScopes are the scopes of scopes that partner's account does not list
// (GET /me/partner), which the server may refuse a client; none when the
// partner, or its list of scopes, is not known. The wizard, the line prompts
// and the scripted run all ask it, and say its answer with
// advice.LackedScopes.
func LackedScopes(partner *api.Partner, scopes []string) []string {
	if partner == nil || len(partner.Scopes) == 0 {
		return nil
	}
	var lacked []string
	for _, scope := range scopes {
		if !slices.Contains(partner.Scopes, scope) {
			lacked = append(lacked, scope)
		}
	}
	return lacked
}
