package ui

import (
	"errors"
	"strings"

	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/ui/field"
	"github.com/flexslot/flexslot-register/validate"
)

// ScopeRequestForm is what request-scopes asks in a terminal for what its
// flags did not give: the scopes, and the justification, with the
// reference page's rules at each field; nil when the flags gave both. The
// answers go into req; trim the justification after the form.
func ScopeRequestForm(req *api.ScopeRequest) *huh.Form {
	// A page each, so that each fits a small window whole.
	var pages []*huh.Group
	if len(req.RequestedScopes) == 0 && len(req.RequestedGameScopes) == 0 {
		f, _ := api.FieldNamed(api.FieldAllowedScopes)
		pages = append(pages, huh.NewGroup(field.NewChoicesField(&req.RequestedScopes, f.Options).Title("Scopes to ask for").
			Description("The scopes your partner account lacks that your app needs.").
			Validate(func(s []string) error {
				if len(s) == 0 { // the rule's words name game scopes, which only a flag asks for
					return errors.New("choose at least one scope to ask for")
				}
				return validate.RequestedScopes(s, nil)
			})))
	}
	if validate.Justification(req.Justification) != nil {
		pages = append(pages, huh.NewGroup(huh.NewInput().Title("Why your app needs them").
			Description("10 to 2000 characters: what your app does with them, for players.").
			Value(&req.Justification).Validate(func(s string) error { return validate.Justification(strings.TrimSpace(s)) })))
	}
	if len(pages) == 0 {
		return nil
	}
	return huh.NewForm(pages...).WithTheme(field.Theme).WithShowErrors(true)
}
